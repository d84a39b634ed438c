"""Read-only views of stored articles that the notes code needs (text, paragraphs, metadata).

Kept here, over plain SQL, so that notes depend only on the schema in reader/store.py and not on Library.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.model import ParagraphKind, ParagraphOut, article_text, paragraph_offsets

if TYPE_CHECKING:  # only a type here; sqlite-utils itself loads when a Library first needs it
    import sqlite_utils


@dataclass
class ArticleText:
    id: int
    source_id: int
    source: str  # source file name
    ordinal: int
    title: str
    fingerprint: str
    paragraphs: list[ParagraphOut]
    authors: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return article_text(self.paragraphs)

    def locate(self, offset: int) -> tuple[int, str | None]:
        """(paragraph index, section) for a code-point offset into the article text.

        The section is the text of the nearest `heading` paragraph at or before that paragraph.
        """
        starts = paragraph_offsets(self.paragraphs)
        index = 0
        for i, start in enumerate(starts):
            if start <= offset:
                index = i
            else:
                break
        section = None
        for p in self.paragraphs[: index + 1]:
            if p.kind == ParagraphKind.HEADING:
                section = p.text
        return index, section


def _json_list(value: str | None) -> list[str]:
    try:
        data = json.loads(value or "[]")
    except ValueError:
        return []
    return [str(x) for x in data] if isinstance(data, list) else []


def load_article(db: sqlite_utils.Database, article_id: int) -> ArticleText | None:
    row = db.execute(
        "SELECT a.id, a.source_id, s.name, a.ordinal, a.title, a.fingerprint, a.authors "
        "FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        return None
    paras = [
        ParagraphOut(kind=k, text=t)
        for k, t in db.execute("SELECT kind, text FROM paragraphs WHERE article_id = ? ORDER BY idx", [article_id])
    ]
    return ArticleText(row[0], row[1], row[2], row[3], row[4], row[5], paras, _json_list(row[6]))


def source_articles(db: sqlite_utils.Database, source_id: int) -> list[tuple[int, str, str]]:
    """(id, title, fingerprint) of a source's articles in page order."""
    return [tuple(r) for r in db.execute(
        "SELECT id, title, fingerprint FROM articles WHERE source_id = ? ORDER BY ordinal, id", [source_id])]


def article_fingerprint(db: sqlite_utils.Database, article_id: int) -> str | None:
    row = db.execute("SELECT fingerprint FROM articles WHERE id = ?", [article_id]).fetchone()
    return row[0] if row else None


def article_topics(db: sqlite_utils.Database, article_id: int) -> list[str]:
    return [r[0] for r in db.execute(
        "SELECT at.topic FROM article_topics at LEFT JOIN topics t ON t.name = at.topic "
        "WHERE at.article_id = ? ORDER BY t.ordinal, at.score DESC, at.topic", [article_id])]


def article_keywords(db: sqlite_utils.Database, article_id: int) -> list[str]:
    return [r[0] for r in db.execute("SELECT tag FROM tags WHERE article_id = ? ORDER BY rank", [article_id])]
