"""Compact binary forms of the two per-text number lists the store keeps: word breaks and keyword counts.

Both are decoded with C-level iterators only (bytes.translate, itertools), because they are read for every article
opened and, for the keyword counts, for every article of the library at a refit.

Word breaks: a paragraph's word lengths as 4-bit nibbles, two per byte. Nibble 15 means "15 more characters, no word
end yet", any other value v "v more characters, a word ends here"; so a word of 20 characters is 15, 5 and one of
15 is 15, 0. An odd count is padded with a 15, which adds no word end. Chinese words are 1 to 4 characters long,
so a word costs half a byte (JSON cost four).

Keyword counts: (term id, count) pairs sorted by id, written as code points of a UTF-8 string: the id's distance
from the previous id, then the count. Most distances and counts are below 128 (one byte) or 2048 (two). Code point
0 never occurs as a distance (ids differ), so it marks the rare distance too big for one code point: 0, then the
distance in two code points. Surrogates are written with `surrogatepass`.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import accumulate, chain, compress

_CONTINUE = 15
_HI = bytes(b >> 4 for b in range(256))
_LO = bytes(b & 15 for b in range(256))
_SHIFT = bytes((b << 4) & 0xFF for b in range(256))
_MAX_CODE = 0x10FFFF
_SPLIT = 0x100000  # a big distance is hi * _SPLIT + lo, both below _MAX_CODE


def pack_breaks(ends: Sequence[int]) -> bytes:
    """Word end offsets (ascending, as segment.word_breaks gives them) → nibbles."""
    lengths = bytearray()
    prev = 0
    try:
        lengths = bytearray(map(int.__sub__, ends, chain((0,), ends)))  # ValueError when a word is ≥ 256 long
    except ValueError:
        pass
    if lengths.find(b"\x0f") >= 0 or max(lengths, default=0) > _CONTINUE or len(lengths) != len(ends):
        lengths = bytearray()
        for end in ends:
            length, prev = end - prev, end
            lengths.extend(b"\x0f" * (length // _CONTINUE))
            lengths.append(length % _CONTINUE)
    if len(lengths) % 2:
        lengths.append(_CONTINUE)
    # Two nibbles a byte: the high ones shifted by a table, then both halves ORed as two big integers.
    high, low = bytes(lengths[0::2]).translate(_SHIFT), bytes(lengths[1::2])
    return (int.from_bytes(high, "big") | int.from_bytes(low, "big")).to_bytes(len(low), "big")


def unpack_breaks(blob: bytes | object) -> list[int]:
    """Nibbles → word end offsets; anything but bytes (a value another tool wrote) is no breaks: the reader then
    moves by character."""
    if not blob or not isinstance(blob, bytes):
        return []
    nibbles = bytearray(2 * len(blob))
    nibbles[0::2] = blob.translate(_HI)
    nibbles[1::2] = blob.translate(_LO)
    return list(compress(accumulate(nibbles), map(_CONTINUE.__ne__, nibbles)))


def pack_counts(counts: Iterable[tuple[int, int]]) -> bytes:
    """(term id ≥ 1, count ≥ 1) pairs → bytes; the pairs may come in any order, one per id."""
    pairs = sorted(counts)
    if not pairs:
        return b""
    ids, numbers = zip(*pairs)
    steps = list(map(int.__sub__, ids, chain((0,), ids)))
    if max(steps) > _MAX_CODE:
        return _pack_counts_slowly(pairs)
    values: list[int] = [0] * (2 * len(pairs))
    values[0::2] = steps
    values[1::2] = numbers
    if max(numbers) > _MAX_CODE or min(numbers) < 1:  # a count beyond a million weighs as a million
        values[1::2] = [min(max(c, 1), _MAX_CODE) for c in numbers]
    return "".join(map(chr, values)).encode("utf-8", "surrogatepass")


def _pack_counts_slowly(pairs: list[tuple[int, int]]) -> bytes:
    out: list[str] = []
    prev = 0
    for term_id, count in pairs:
        step, prev = term_id - prev, term_id
        if step <= _MAX_CODE:
            out.append(chr(step))
        else:
            out.extend((chr(0), chr(step // _SPLIT), chr(step % _SPLIT)))
        out.append(chr(min(max(count, 1), _MAX_CODE)))
    return "".join(out).encode("utf-8", "surrogatepass")


def unpack_counts(blob: bytes | None) -> list[tuple[int, int]]:
    """bytes → (term id, count) pairs in id order."""
    return list(zip(*unpack_columns(blob)))


def unpack_columns(blob: bytes | None) -> tuple[list[int], list[int]]:
    """bytes → (term ids in order, their counts): the form a refit of the whole library reads fastest."""
    if not blob:
        return [], []
    values = list(map(ord, blob.decode("utf-8", "surrogatepass")))
    steps = values[0::2]
    if 0 not in steps:
        return list(accumulate(steps)), values[1::2]
    pairs = _unpack_slowly(values)
    return [i for i, _ in pairs], [c for _, c in pairs]


def _unpack_slowly(values: list[int]) -> list[tuple[int, int]]:
    out, prev, i = [], 0, 0
    while i < len(values):
        step = values[i]
        if step == 0:
            step = values[i + 1] * _SPLIT + values[i + 2]
            i += 2
        prev += step
        out.append((prev, values[i + 1]))
        i += 2
    return out
