"""Highlights, notes and bookmarks: the `annotations` table as `Annotation` dataclasses (CRUD).

Deleting is soft (sets `deleted`), so nothing the user wrote is ever lost by a click; every user edit bumps
`updated`, which is what backup restore compares ("newer wins"). Re-anchoring lives in reanchor.py.
"""
from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.notes.anchor import ANCHOR_STATES, ANCHORED, make_selector
from reader.notes.articles import ArticleText, load_article
from reader.store import savepoint
from reader.text.visible import clean, one_line

if TYPE_CHECKING:  # only a type here; sqlite-utils itself loads when a Library first needs it
    import sqlite_utils

# Named colours, in the order of the TUI keys 1–5.
COLORS = ("yellow", "green", "blue", "pink", "purple")
KINDS = ("highlight", "bookmark")


class NoteError(ReaderError):
    """A problem with an annotation request the user can fix (unknown article, quote not found, bad colour…)."""

    title = "批注 note"


@dataclass
class Annotation:
    id: str
    article_id: int | None
    source: str | None
    article_title: str | None
    fingerprint: str | None
    kind: str
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    paragraph: int
    section: str | None
    color: str
    note: str
    tags: list[str] = field(default_factory=list)
    anchor_state: str = ANCHORED
    anchor_score: float | None = None
    created: str = ""
    updated: str = ""
    deleted: str | None = None
    # Not stored: set by add_by_quote to how many times the quote occurred (the first one was used).
    occurrences: int | None = None


# Columns of the table, in dataclass order (everything except the transient `occurrences`).
COLUMNS = tuple(f.name for f in fields(Annotation) if f.name != "occurrences")


_last_stamp = datetime.min.replace(tzinfo=timezone.utc)


def now_iso() -> str:
    """The current time as ISO 8601 UTC with microseconds (sorts lexically, so "newer wins" is a string compare).

    Strictly increasing within a process, so an edit made right after another is always the newer one.
    """
    global _last_stamp
    stamp = max(datetime.now(timezone.utc), _last_stamp + timedelta(microseconds=1))
    _last_stamp = stamp
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalize_tags(tags: Iterable[str]) -> list[str]:
    """Trim, drop a leading '#', join inner whitespace with '-' (so each is one Obsidian tag), dedupe in order."""
    out: list[str] = []
    for tag in tags:
        t = re.sub(r"\s+", "-", clean(str(tag), multiline=False).strip().lstrip("#").strip())
        if t and t not in out:
            out.append(t)
    return out


def _check_color(color: str) -> str:
    if color not in COLORS:
        raise NoteError(f"unknown colour {color!r}; choose one of {', '.join(COLORS)}")
    return color


def from_row(row: tuple | dict) -> Annotation:
    data = dict(row) if isinstance(row, dict) else dict(zip(COLUMNS, row, strict=True))
    data["tags"] = json.loads(data.get("tags") or "[]")
    return Annotation(**{k: data[k] for k in COLUMNS})


def to_row(ann: Annotation) -> dict:
    row = {k: getattr(ann, k) for k in COLUMNS}
    row["tags"] = json.dumps(ann.tags, ensure_ascii=False)
    return row


SELECT_ANNOTATIONS = "SELECT " + ", ".join(f'"{c}"' for c in COLUMNS) + " FROM annotations"


def atomic(db: sqlite_utils.Database) -> AbstractContextManager[None]:
    """A savepoint: atomic on its own, and nests inside a caller's open transaction (the import's) too."""
    return savepoint(db.conn, f"notes_{uuid.uuid4().hex[:8]}")


def save(db: sqlite_utils.Database, ann: Annotation) -> None:
    """Insert or replace the row for `ann`: the one door every note comes in by (the CLI, the reader, a backup,
    re-anchoring), so control, escape and bidi characters are taken out of its text here."""
    for name in ("quote", "prefix", "suffix", "note"):
        setattr(ann, name, clean(getattr(ann, name)))
    # Names show what they were (a ␛ in a file name stays visible), the way sources.name stores them.
    for name in ("source", "article_title", "section"):
        value = getattr(ann, name)
        if value is not None:
            setattr(ann, name, one_line(value))
    ann.tags = normalize_tags(ann.tags)
    row = to_row(ann)
    cols = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    db.execute(f"INSERT OR REPLACE INTO annotations ({cols}) VALUES ({marks})", list(row.values()))


def _article(db: sqlite_utils.Database, article_id: int) -> ArticleText:
    art = load_article(db, article_id)
    if art is None:
        raise NoteError(f"no article with id {article_id}")
    return art


def _build(art: ArticleText, start: int, end: int, *, color: str, note: str, tags: Iterable[str],
           kind: str) -> Annotation:
    if kind not in KINDS:
        raise NoteError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    text = art.text
    if kind == "bookmark":
        end = start  # a bookmark is a position, never a span
    if not 0 <= start <= end <= len(text):
        raise NoteError(f"offsets {start}..{end} are outside article {art.id} (length {len(text)})")
    if kind == "highlight" and start == end:
        raise NoteError("a highlight needs at least one character (use kind='bookmark' for a position)")
    sel = make_selector(text, start, end)
    paragraph, section = art.locate(start)
    stamp = now_iso()
    return Annotation(
        id=uuid.uuid4().hex, article_id=art.id, source=art.source, article_title=art.title,
        fingerprint=art.fingerprint, kind=kind, quote=sel.quote, prefix=sel.prefix, suffix=sel.suffix,
        start=start, end=end, paragraph=paragraph, section=section, color=_check_color(color), note=note,
        tags=normalize_tags(tags), anchor_state=ANCHORED, anchor_score=1.0, created=stamp, updated=stamp,
    )


def add_annotation(db: sqlite_utils.Database, article_id: int, start: int, end: int, *, color: str = "yellow",
                   note: str = "", tags: Iterable[str] = (), kind: str = "highlight") -> Annotation:
    """Highlight article_text[start:end] (code points), or bookmark `start` when kind='bookmark'."""
    ann = _build(_article(db, article_id), start, end, color=color, note=note, tags=tags, kind=kind)
    save(db, ann)
    return ann


def add_by_quote(db: sqlite_utils.Database, article_id: int, quote: str, *, color: str = "yellow",
                 note: str = "", tags: Iterable[str] = ()) -> Annotation:
    """Highlight the first occurrence of `quote`; `occurrences` on the result says how many there were."""
    if not quote:
        raise NoteError("the quote is empty")
    art = _article(db, article_id)
    text = art.text
    first = text.find(quote)
    if first < 0:
        raise NoteError(f"the quote {quote!r} does not occur in article {article_id} ({art.title})")
    count, i = 0, first
    while i >= 0:
        count += 1
        i = text.find(quote, i + 1)
    ann = _build(art, first, first + len(quote), color=color, note=note, tags=tags, kind="highlight")
    save(db, ann)
    ann.occurrences = count
    return ann


def get_annotation(db: sqlite_utils.Database, annotation_id: str) -> Annotation:
    """The annotation with this id, or with this unique id prefix (at least 4 characters, as the CLI shows)."""
    row = db.execute(f"{SELECT_ANNOTATIONS} WHERE id = ?", [annotation_id]).fetchone()
    if row is None and len(annotation_id) >= 4:
        rows = db.execute(f"{SELECT_ANNOTATIONS} WHERE substr(id, 1, ?) = ? LIMIT 2",
                          [len(annotation_id), annotation_id]).fetchall()
        if len(rows) > 1:
            raise NoteError(f"the id prefix {annotation_id!r} matches several annotations; give more characters")
        row = rows[0] if rows else None
    if row is None:
        raise NoteError(f"no annotation with id {annotation_id!r}")
    return from_row(row)


def list_annotations(db: sqlite_utils.Database, *, article_id: int | None = None, tag: str | None = None,
                     color: str | None = None, include_deleted: bool = False,
                     state: str | None = None) -> list[Annotation]:
    """Annotations in reading order (article, offset, creation), filtered as asked."""
    where, params = [], []
    if article_id is not None:
        where.append("article_id = ?")
        params.append(article_id)
    if color is not None:
        where.append("color = ?")
        params.append(color)
    if state is not None:
        if state not in ANCHOR_STATES:
            raise NoteError(f"unknown anchor state {state!r}; choose one of {', '.join(ANCHOR_STATES)}")
        where.append("anchor_state = ?")
        params.append(state)
    if tag is not None:
        where.append("EXISTS (SELECT 1 FROM json_each(annotations.tags) WHERE value = ?)")
        params.append(tag.lstrip("#"))
    if not include_deleted:
        where.append("deleted IS NULL")
    sql = SELECT_ANNOTATIONS + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY article_id, start, \"end\", created, id"
    return [from_row(r) for r in db.execute(sql, params)]


def orphans(db: sqlite_utils.Database) -> list[Annotation]:
    """Live annotations whose text could not be found again; they are kept until the user deals with them."""
    return list_annotations(db, state="orphan")


def note_has(ann: Annotation, query: str) -> bool:
    """Every word of `query` is in the note, its quote, its article's title (characters, either script, any case),
    or, written #tag, among its tags."""
    from reader.ingest.script import key

    hay = key(" ".join([ann.note, ann.quote, ann.article_title or "", *ann.tags])).lower()
    tags = {t.lower() for t in ann.tags}
    for word in query.lower().split():
        if word.startswith("#"):
            if word[1:] not in tags:
                return False
        elif key(word) not in hay:
            return False
    return True


def update_annotation(db: sqlite_utils.Database, annotation_id: str, *, note: str | None = None,
                      color: str | None = None, tags: Iterable[str] | None = None) -> Annotation:
    ann = get_annotation(db, annotation_id)
    if note is not None:
        ann.note = note
    if color is not None:
        ann.color = _check_color(color)
    if tags is not None:
        ann.tags = normalize_tags(tags)
    ann.updated = now_iso()
    save(db, ann)
    return ann


def delete_annotation(db: sqlite_utils.Database, annotation_id: str) -> Annotation:
    """Soft delete: the row stays (and is backed up) with `deleted` set; undelete_annotation brings it back."""
    ann = get_annotation(db, annotation_id)
    if ann.deleted is None:
        ann.deleted = ann.updated = now_iso()
        save(db, ann)
    return ann


def undelete_annotation(db: sqlite_utils.Database, annotation_id: str) -> Annotation:
    ann = get_annotation(db, annotation_id)
    if ann.deleted is not None:
        ann.deleted = None
        ann.updated = now_iso()
        save(db, ann)
        # Re-imports skip deleted annotations, so its article may have changed while it was away.
        reanchor_ids(db, [ann.id])
        ann = get_annotation(db, ann.id)
    return ann


# The import hook and `ipreader doctor` reach re-anchoring through this module too; imported last because
# reanchor.py builds on the names above.
from reader.notes.reanchor import ReanchorReport, reanchor_all, reanchor_ids, reanchor_source  # noqa: E402

__all__ = [
    "COLORS", "KINDS", "Annotation", "NoteError", "ReanchorReport", "add_annotation", "add_by_quote",
    "delete_annotation", "get_annotation", "list_annotations", "note_has", "orphans", "reanchor_all", "reanchor_ids",
    "reanchor_source", "undelete_annotation", "update_annotation",
]
