"""Key word in context: every occurrence of a term, with its left and right context, aligned on the term."""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from .engine import resolve_topic
from .index import FTS_TABLE, require_index
from .match import NormText
from .query import QueryError, fts_phrase, parse
from .results import KwicLine

if TYPE_CHECKING:  # only a type here; sqlite-utils itself loads when a Library first needs it
    import sqlite_utils


def _term(term: str) -> str:
    """The one phrase a concordance looks for: the whole input, quotes optional."""
    q = parse('"' + term.strip().strip('"') + '"') if term.strip().strip('"') else None
    if q is None or not q.terms:
        raise QueryError("concordance needs a word or phrase, e.g. 知识产权")
    return q.terms[0]


def concordance(db: sqlite_utils.Database, term: str, *, width: int = 20, limit: int | None = None,
                topic: str | None = None) -> list[KwicLine]:
    """Occurrences of `term` in paragraphs (article id, paragraph, offset order), `width` characters each side."""
    if not isinstance(term, str):
        raise QueryError("the term must be text")
    phrase = _term(term)
    width = max(0, int(width))
    if limit is not None and limit <= 0:
        return []
    require_index(db)
    sql = (f"SELECT a.id, a.title, coalesce(s.name, '') FROM {FTS_TABLE} JOIN articles a ON a.id = {FTS_TABLE}.rowid "
           f"LEFT JOIN sources s ON s.id = a.source_id WHERE {FTS_TABLE} MATCH ?")
    params: list[object] = [fts_phrase(phrase)]
    if topic:
        names = resolve_topic(db, topic)
        sql += " AND EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.id AND t.topic IN (%s))" % (
            ",".join("?" * len(names)))
        params.extend(names)
    sql += " ORDER BY a.id"
    out: list[KwicLine] = []
    for aid, title, source in db.conn.execute(sql, params).fetchall():
        for idx, text in db.conn.execute(
            "SELECT idx, text FROM paragraphs WHERE article_id = ? ORDER BY idx", [aid]
        ):
            for start, end in NormText(text).spans(phrase):
                out.append(KwicLine(article_id=aid, title=title, source=source, paragraph=idx, start=start,
                                    left=text[max(0, start - width):start], match=text[start:end],
                                    right=text[end:end + width]))
                if limit is not None and len(out) >= limit:
                    return out
    return out


def cell_width(text: str) -> int:
    """Terminal cells `text` occupies: wide (CJK, full-width) characters take two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def one_line(text: str) -> str:
    # Context must stay on one line, whatever whitespace the paragraph holds.
    return "".join(" " if c.isspace() or unicodedata.category(c) == "Cc" else c for c in text)


def format_kwic(lines: list[KwicLine], *, sep: str = " ") -> list[str]:
    """Plain-text KWIC lines, left context right-aligned so every match starts in the same terminal column."""
    lefts = [one_line(k.left) for k in lines]
    pad = max((cell_width(s) for s in lefts), default=0)
    return [" " * (pad - cell_width(left)) + left + sep + one_line(k.match) + sep + one_line(k.right)
            for left, k in zip(lefts, lines)]
