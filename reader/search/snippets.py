"""Snippets: a short window of one paragraph around the hits, with highlight spans relative to the window."""
from __future__ import annotations

from .match import Span

SNIPPET_CHARS = 80  # window length in characters; CJK fits about two lines of a narrow result list
LEAD_CHARS = 16  # context kept before the first hit
ELLIPSIS = "…"


def make_snippet(text: str, spans: list[Span], width: int = SNIPPET_CHARS) -> tuple[str, list[Span]]:
    """Cut `text` around its first span; return the snippet and the spans that fall inside it (shifted)."""
    if not spans:
        cut = text[:width]
        return (cut + ELLIPSIS if len(text) > width else cut), []
    first = spans[0][0]
    start = max(0, min(first - LEAD_CHARS, len(text) - width))
    end = min(len(text), start + width)
    # Never cut through the first hit: a long phrase widens the window.
    end = max(end, spans[0][1])
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start
    inside = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return prefix + text[start:end] + suffix, inside
