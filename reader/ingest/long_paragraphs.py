"""Cut a paragraph no page really has (tens of thousands of characters on one line) into paragraphs of a readable size.

A page that arrives as one huge line (an export that lost its line breaks) would otherwise be one paragraph of
millions of characters: the reader could not window its layout, the store would bind it as one value, and the index
and the import would hold several copies of it at once. Cut at sentence ends, it reads and searches like any other
text; only a phrase across a cut (a sentence end) is no longer one match. Real paragraphs are far below the limit.
"""
from __future__ import annotations

from reader.model import Paragraph, ParsedArticle

MAX_PARAGRAPH_CHARS = 20_000
_SENTENCE_ENDS = "。！？!?；;"
_CLAUSE_ENDS = "，、,：:"


def _cut_at(text: str, start: int, limit: int) -> int:
    """Where the piece starting at `start` ends: after the last sentence end (else clause end) in the second half
    of the window, else at the limit itself."""
    end = start + limit
    if end >= len(text):
        return len(text)
    floor = start + limit // 2
    for marks in (_SENTENCE_ENDS, _CLAUSE_ENDS):
        best = max(text.rfind(m, floor, end) for m in marks)
        if best >= floor:
            return best + 1
    return end


def cut_paragraph(para: Paragraph, limit: int = MAX_PARAGRAPH_CHARS) -> list[Paragraph]:
    """`para`, or its pieces of at most `limit` characters, each cut after a sentence end where there is one."""
    text = para.text
    if len(text) <= limit:
        return [para]
    pieces: list[Paragraph] = []
    start = 0
    while start < len(text):
        end = _cut_at(text, start, limit)
        pieces.append(Paragraph(para.kind, text[start:end], para.line_start, para.line_end))
        start = end
    return pieces


def cut_long_paragraphs(articles: list[ParsedArticle], limit: int = MAX_PARAGRAPH_CHARS) -> None:
    """Cut every paragraph over `limit` characters in place (most articles have none and are left as they are)."""
    for art in articles:
        if any(len(p.text) > limit for p in art.paragraphs):
            art.paragraphs = [piece for p in art.paragraphs for piece in cut_paragraph(p, limit)]
