"""Word segmentation with jieba's dictionary and the domain dictionary, initialised quietly and only when needed.

Two engines sit behind one interface. `cut` runs rjieba (jieba-rs, the same dictionary and HMM in Rust, about 1/16
of the time): on the seeds and the practice corpus it gives the same word boundaries inside Chinese text as
jieba (tests/text/test_segment.py keeps it so); it keeps a number, date or address such as 2021-02-01 or
163.com whole where jieba cuts it at every mark. jieba itself (`tokenizer`) stays the reference the tests compare
against and the baseline the benchmarks measure against; it is also the engine when rjieba cannot be imported.

jieba logs its start-up to stderr through the `jieba` logger; we silence it so nothing ever writes into a terminal
UI. The dictionary cache goes to the temp folder (jieba's default), which is fine: it is rebuilt when missing.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reader import config

if TYPE_CHECKING:  # jieba is imported lazily: importing it costs ~0.1 s and the dictionary ~0.8 s
    import jieba

_lock = threading.Lock()


def _user_words() -> Iterator[tuple[str, int | None, str | None]]:
    """(word, frequency, tag) of the domain dictionary, in jieba's user-dictionary format."""
    path = config.userdict_path()
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        yield parts[0], freq, tag


@lru_cache(maxsize=1)
def tokenizer() -> "jieba.Tokenizer":
    """jieba with the domain dictionary: the reference segmenter."""
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


@lru_cache(maxsize=1)
def _engine() -> Any:
    """rjieba with the domain dictionary, or None when it is not installed (jieba is used then)."""
    with _lock:
        try:
            import rjieba
        except ImportError:
            return None
        engine = rjieba.Jieba()
        for word, freq, tag in _user_words():
            engine.add_word(word, freq, tag)
        return engine


def preload() -> None:
    """Load the dictionary now (before forking import workers, which then share it copy-on-write)."""
    if _engine() is None:
        tokenizer()


def cut(text: str, *, hmm: bool = True) -> Iterator[str]:
    """Words of `text` (jieba's precise mode; with HMM for unseen words unless `hmm` is False)."""
    engine = _engine()
    if engine is None:
        return tokenizer().cut(text, HMM=hmm)
    return iter(engine.cut(text, hmm))


# A paragraph longer than this is cut in pieces at a punctuation mark, so that one huge line (a page with no line
# breaks) never holds all its words at once. jieba segments punctuation on its own anyway (it is outside its Han
# blocks), so cutting right after one changes no word.
PIECE = 8192
_PIECE_ENDS = frozenset("。！？；，、：\n")


def cut_pieces(text: str, *, piece: int = PIECE) -> Iterator[str]:
    """The words of `text`, as `cut` gives them, segmented piece by piece."""
    start = 0
    while len(text) - start > piece:
        end = start + piece
        while end < len(text) and text[end - 1] not in _PIECE_ENDS and end - start < 4 * piece:
            end += 1
        if text[end - 1] not in _PIECE_ENDS:
            break  # no punctuation for a long way: segment the rest whole rather than cut a word
        yield from cut(text[start:end])
        start = end
    yield from cut(text[start:])


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
