"""Give a huge page's freed memory back to the system while it is imported, so that it is not counted twice at the peak.

glibc serves an allocation from the heap unless it is above a threshold, and it raises that threshold to the size of
the largest block freed. Once a huge page's first big buffers are freed, the next ones (its paragraph text, its index
tokens) come from the heap, and the heap's holes are not returned. With a fixed threshold every block over it is its
own mapping, which goes back to the system when it is freed. On a huge one-line page this lowers the peak by about a
file's size. What smaller blocks leave behind in the heap (a page's paragraphs, freed once stored) is given back by
`trim` just before the index's two big copies are made. Elsewhere (not glibc, or no ctypes) both do nothing.
"""
from __future__ import annotations

import sys
from typing import Any

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter (malloc.h)
THRESHOLD = 128 * 1024  # glibc's default; fixing it turns off its growth


BIG = 8 * 1024 * 1024  # bytes (or characters) of one piece of work from which trimming is worth its few ms


def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None)
    except (OSError, ImportError):  # some builds have no ctypes
        return None


def fix_mmap_threshold() -> bool:
    """Fix glibc's mmap threshold for the rest of the process; whether it took."""
    libc = _libc()
    try:
        return libc is not None and bool(libc.mallopt(M_MMAP_THRESHOLD, THRESHOLD))
    except AttributeError:  # musl has no mallopt
        return False


def trim() -> bool:
    """Return the heap's free pages to the system (glibc's malloc_trim); whether any were."""
    libc = _libc()
    try:
        return libc is not None and bool(libc.malloc_trim(0))
    except AttributeError:
        return False
