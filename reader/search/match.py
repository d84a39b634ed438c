"""Finding query terms inside one text, with the same normalisation the index uses.

This is the definition of what "matches" inside a text: a substring of the normalised text. The index encodes the
same rule (one token per normalised character, barriers at whitespace and field boundaries), so the result set
comes straight from it; these functions count hits and place highlights in the texts a search hands back.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .normalize import normalize, normalize_with_map
from .query import QueryError, parse

Span = tuple[int, int]


@lru_cache(maxsize=256)
def term_pattern(term: str) -> re.Pattern[str]:
    """A regex for a normalised term; a space inside it (quoted phrase) matches a run of spaces, not a newline."""
    return re.compile(" +".join(re.escape(part) for part in term.split(" ")))


class NormText:
    """A text with its normalised form and the map back, computed once and matched many times."""

    __slots__ = ("text", "norm", "_origin")

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = normalize(text)
        # Every character normalises to at least one character, so equal lengths mean a 1:1 map and no
        # per-character work is needed (the common case for Chinese text).
        self._origin: list[int] | None = None
        if len(self.norm) != len(text):
            self.norm, self._origin = normalize_with_map(text)

    def _orig(self, i: int) -> int:
        return i if self._origin is None else self._origin[i]

    def spans(self, term: str) -> list[Span]:
        """Non-overlapping occurrences of `term`, as (start, end) offsets into the original text."""
        out = []
        for m in term_pattern(term).finditer(self.norm):
            if m.end() > m.start():
                out.append((self._orig(m.start()), self._orig(m.end() - 1) + 1))
        return out

    def contains(self, term: str) -> bool:
        return term_pattern(term).search(self.norm) is not None


def merge_spans(spans: list[Span]) -> list[Span]:
    """Sorted spans with overlaps joined, so highlights never nest."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def spans_for_terms(nt: NormText, terms: list[str]) -> list[Span]:
    spans: list[Span] = []
    for term in terms:
        spans.extend(nt.spans(term))
    return merge_spans(spans)


def find_in_text(text: str, query: str) -> list[Span]:
    """Spans of the query's positive terms in `text` (filters and exclusions ignored); never raises."""
    try:
        q = parse(query)
    except QueryError:
        return []
    if not q.terms:
        return []
    return spans_for_terms(NormText(text), q.terms)
