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
_SAMPLES = 240  # ordinary breaks sampled for the page's baseline


def bigrams(text: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for run in _HAN_RUN.findall(text):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


class Shift:
    """Lexical shift over the prose blocks of one page (keys, in reading order)."""

    def __init__(self, texts: list[str]) -> None:
        self.bags = [bigrams(t) for t in texts]
        self.sizes = [len(t) for t in texts]
        df: Counter[str] = Counter()
        for bag in self.bags:
            df.update(bag.keys())
        n = max(1, len(self.bags))
        self.idf = {g: math.log((n + 1) / (c + 0.5)) for g, c in df.items()}
        self.baseline = self._baseline()

    def _window(self, start: int, stop: int, step: int) -> Counter[str]:
        bag: Counter[str] = Counter()
        chars = 0
        for k in range(start, stop, step):
            if chars >= WINDOW_CHARS or abs(k - start) >= WINDOW_BLOCKS:
                break
            bag.update(self.bags[k])
            chars += self.sizes[k]
        return bag

    def similarity(self, above: range, below: range) -> float | None:
        """Cosine similarity of the blocks in `above` (nearest last) and `below` (nearest first); None if a
        side has no Chinese text."""
        a = self._window(above.stop - 1, above.start - 1, -1) if len(above) else Counter()
        b = self._window(below.start, below.stop, 1) if len(below) else Counter()
        if not a or not b:
            return None
        idf = self.idf
        dot = sum(min(v, 3) * min(b[g], 3) * idf[g] ** 2 for g, v in a.items() if g in b)
        na = math.sqrt(sum((min(v, 3) * idf[g]) ** 2 for g, v in a.items()))
        nb = math.sqrt(sum((min(v, 3) * idf[g]) ** 2 for g, v in b.items()))
        return dot / (na * nb) if na and nb else None

    def _baseline(self) -> tuple[float, float] | None:
        n = len(self.bags)
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
        if self.baseline is None:
            return 0.0
        sim = self.similarity(above, below)
        if sim is None:
            return 0.0
        median, spread = self.baseline
        return (median - sim) / spread
