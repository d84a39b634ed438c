"""Lexical shift across a point of the page (TextTiling): how much the vocabulary below differs from the text above.

Inside one article the people, places and terms go on from paragraph to paragraph; at the start of another they
change. Each block is a bag of Han character bigrams weighted by inverse block frequency on this page (so that
知识产权 on an IP page says nothing); the similarity of the text above a point to the text below is compared with
the similarities at this page's ordinary paragraph breaks. The answer is a z-score: positive when the vocabulary
shifts more than usual here.
"""
from __future__ import annotations

import math
import re
import statistics
from collections import Counter

_HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
WINDOW_BLOCKS = 3  # blocks on each side of a point
WINDOW_CHARS = 600  # and at most this many characters of them
_SAMPLES = 30  # ordinary breaks sampled for the page's baseline


def bigrams(text: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for run in _HAN_RUN.findall(text):
        out.update(map(str.__add__, run[:-1], run[1:]))  # every adjacent pair, paired in C
    return out


SIDE = 200  # characters of a block next to the point that stand for it (the text near a break matters most)


class Shift:
    """Lexical shift over the content blocks of one page (their keys, in reading order)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.sizes = [min(len(t), SIDE) for t in texts]
        self._idf: dict[str, float] | None = None  # made on first use: most pages never need any of this
        self._vectors: dict[tuple[int, bool], dict[str, float]] = {}  # (block, its head?) → weighted vector
        self._base: tuple[float, float] | None | bool = False

    def _vector(self, k: int, head: bool) -> dict[str, float]:
        vec = self._vectors.get((k, head))
        if vec is None:
            if self._idf is None:
                df: Counter[str] = Counter()
                for t in self.texts:
                    df.update(bigrams(t[:SIDE] + "\n" + t[-SIDE:] if len(t) > 2 * SIDE else t).keys())
                n = max(1, len(self.texts))
                self._idf = {g: math.log((n + 1) / (c + 0.5)) for g, c in df.items()}
            idf = self._idf
            text = self.texts[k]
            bag = bigrams(text[:SIDE] if head else text[-SIDE:])
            # repeats capped: a word said three times says little more than twice
            vec = self._vectors[(k, head)] = {g: (v if v < 3 else 3) * idf[g] for g, v in bag.items()}
        return vec

    def _window(self, start: int, stop: int, step: int) -> dict[str, float]:
        out: dict[str, float] = {}
        chars = 0
        for k in range(start, stop, step):
            if chars >= WINDOW_CHARS or abs(k - start) >= WINDOW_BLOCKS:
                break
            vec = self._vector(k, head=step > 0)  # below a point a block is read from its start, above from its end
            if not out:
                out = dict(vec)
            else:
                for g, v in vec.items():
                    out[g] = out.get(g, 0.0) + v
            chars += self.sizes[k]
        return out

    def similarity(self, above: range, below: range) -> float | None:
        """Cosine similarity of the blocks in `above` (nearest last) and `below` (nearest first); None if a
        side has no Chinese text."""
        a = self._window(above.stop - 1, above.start - 1, -1) if len(above) else {}
        b = self._window(below.start, below.stop, 1) if len(below) else {}
        if not a or not b:
            return None
        if len(a) > len(b):
            a, b = b, a
        dot = sum(v * b[g] for g, v in a.items() if g in b)
        na = math.sqrt(sum(v * v for v in a.values()))
        nb = math.sqrt(sum(v * v for v in b.values()))
        return dot / (na * nb) if na and nb else None

    def _baseline(self) -> tuple[float, float] | None:
        n = len(self.texts)
        if n < 6:
            return None
        step = max(1, (n - 2) // _SAMPLES)
        sims = [s for k in range(1, n - 1, step) if (s := self.similarity(range(0, k), range(k, n))) is not None]
        if len(sims) < 4:
            return None
        median = statistics.median(sims)
        mad = statistics.median(abs(s - median) for s in sims) * 1.4826
        return median, max(mad, 0.03)

    def z(self, above: range, below: range) -> float:
        """How unusual the shift at this point is, in the page's own spread; 0 when it cannot be told."""
        if self._base is False:
            self._base = self._baseline()
        if self._base is None:
            return 0.0
        sim = self.similarity(above, below)
        if sim is None:
            return 0.0
        median, spread = self._base  # type: ignore[misc]
        return (median - sim) / spread
