"""Word segmentation with jieba and the domain dictionary, initialised quietly and only when first needed.

jieba logs its start-up to stderr through the `jieba` logger; we silence it so nothing ever writes into a terminal
UI. The dictionary cache goes to the temp folder (jieba's default), which is fine: it is rebuilt when missing.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from reader import config

if TYPE_CHECKING:  # jieba is imported lazily: importing it costs ~0.1 s and the dictionary ~0.8 s
    import jieba

_lock = threading.Lock()


@lru_cache(maxsize=1)
def tokenizer() -> "jieba.Tokenizer":
    with _lock:
        logging.getLogger("jieba").setLevel(logging.ERROR)
        import jieba

        jieba.setLogLevel(logging.ERROR)
        tok = jieba.Tokenizer()
        tok.initialize()
        path = config.userdict_path()
        if path.exists():
            tok.load_userdict(str(path))
        return tok


def cut(text: str) -> Iterator[str]:
    """jieba's precise mode with HMM for unseen words."""
    return tokenizer().cut(text, HMM=True)


def word_breaks(text: str) -> list[int]:
    """End offsets (code points) of each word in `text`; the last one equals len(text)."""
    out, pos = [], 0
    for word in cut(text):
        pos += len(word)
        out.append(pos)
    return out


def words_from_breaks(text: str, breaks: list[int]) -> list[str]:
    """Rebuild the token list from stored break offsets, without running jieba again."""
    out, start = [], 0
    for end in breaks:
        out.append(text[start:end])
        start = end
    return out
