"""The `corrections` table: a reader's fixes to how pages were split, as rows (see `ingest/correct.py`).

Corrections are user data, like annotations: no foreign key, nothing cascades into them. They belong to a page
file (its path) and are re-applied, in the order they were made, every time that file is imported.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from reader.ingest.correct import FURNITURE_KINDS, Action, Anchor, Correction, Outcome
from reader.model import Furniture, Paragraph, ParsedArticle

if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils

    Conn = sqlite3.Connection | sqlite_utils.Database

_COLS = "id, source_path, source_name, action, head, before, title, kind, state, created"


@dataclass
class CorrectionRow:
    """A stored correction as `ipreader corrections --json` shows it."""

    id: int
    source_path: str
    source_name: str
    action: str
    head: str
    before: str
    title: str | None
    kind: str | None
    state: str  # Outcome at the last import of its page
    created: str

    @property
    def applies(self) -> bool:
        return self.state != Outcome.STALE

    def correction(self) -> Correction:
        return Correction(Action(self.action), Anchor(self.head, self.before), title=self.title, kind=self.kind,
                          id=self.id)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "applies": self.applies}


def rows(conn: Conn, source_path: str | None = None) -> list[CorrectionRow]:
    sql = f"SELECT {_COLS} FROM corrections"
    params: list[str] = []
    if source_path is not None:
        sql += " WHERE source_path = ?"
        params.append(source_path)
    return [CorrectionRow(*r) for r in conn.execute(sql + " ORDER BY id", params)]


def for_paths(conn: Conn, paths: list[str]) -> dict[str, list[Correction]]:
    """The corrections of each of these page files, oldest first (what an import re-applies)."""
    out: dict[str, list[Correction]] = {}
    if not paths or conn.execute("SELECT 1 FROM corrections LIMIT 1").fetchone() is None:
        return out
    wanted = set(paths)
    for row in rows(conn):
        if row.source_path in wanted:
            out.setdefault(row.source_path, []).append(row.correction())
    return out


def record_outcomes(conn: Conn, outcomes: list[tuple[int | None, Outcome]]) -> None:
    """After an import of a page: each correction's outcome; an undo snapshot no longer matches the page."""
    conn.execute("UPDATE corrections SET undo = NULL WHERE id IN (%s)" % ",".join("?" * len(outcomes)),
                 [i for i, _ in outcomes])
    conn.executemany("UPDATE corrections SET state = ? WHERE id = ?", [(str(o), i) for i, o in outcomes if i])


def add(conn: Conn, source_path: str, source_name: str, corr: Correction, created: str,
        undo: dict[str, Any] | None) -> int:
    cur = conn.execute(
        "INSERT INTO corrections(source_path, source_name, action, head, before, title, kind, state, created, undo) "
        "VALUES (?,?,?,?,?,?,?,?,?,?)",
        [source_path, source_name, str(corr.action), corr.anchor.head, corr.anchor.before, corr.title, corr.kind,
         str(Outcome.APPLIED), created, json.dumps(undo, ensure_ascii=False) if undo is not None else None])
    return int(cur.lastrowid or 0)


def last(conn: Conn) -> tuple[CorrectionRow, dict[str, Any] | None] | None:
    """The newest correction and its undo snapshot (None once its page was imported again)."""
    row = conn.execute(f"SELECT {_COLS}, undo FROM corrections ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    return CorrectionRow(*row[:-1]), (json.loads(row[-1]) if row[-1] else None)


def delete(conn: Conn, correction_id: int) -> None:
    conn.execute("DELETE FROM corrections WHERE id = ?", [correction_id])


# --- a page as JSON, for undo -------------------------------------------------------------------------------


def page_json(articles: list[ParsedArticle], furniture: list[Furniture]) -> dict[str, Any]:
    return {"articles": [asdict(a) for a in articles], "furniture": [asdict(f) for f in furniture]}


def page_from_json(data: dict[str, Any]) -> tuple[list[ParsedArticle], list[Furniture]]:
    articles = [ParsedArticle(**{**a, "paragraphs": [Paragraph(**p) for p in a["paragraphs"]]})
                for a in data["articles"]]
    return articles, [Furniture(**f) for f in data["furniture"]]


# --- backup and restore ------------------------------------------------------------------------------------

BACKUP_FIELDS = ("source_path", "source_name", "action", "head", "before", "title", "kind", "created")


class BadCorrection(ValueError):
    """A correction in a backup that is not well formed; str(exc) says which and why."""


def to_backup(row: CorrectionRow) -> dict[str, Any]:
    return {k: getattr(row, k) for k in BACKUP_FIELDS}


def from_backup(item: object, n: int) -> dict[str, Any]:
    where = f"correction #{n + 1}"
    if not isinstance(item, dict):
        raise BadCorrection(f"{where} in the backup is not an object")
    for key in BACKUP_FIELDS:
        value = item.get(key)
        optional = key in ("title", "kind")
        if not (isinstance(value, str) or (optional and value is None)):
            raise BadCorrection(f"{where} in the backup has a bad {key}: {value!r}")
    if item["action"] not in tuple(Action) or (item["kind"] is not None and item["kind"] not in FURNITURE_KINDS):
        raise BadCorrection(f"{where} in the backup has an unknown action or kind")
    if not item["head"] or not item["source_path"]:
        raise BadCorrection(f"{where} in the backup names no text or no page")
    return {k: item[k] for k in BACKUP_FIELDS}


def restore(conn: Conn, items: list[dict[str, Any]]) -> list[str]:
    """Add the backup's corrections this library lacks (same page, action, text and time); returns the page path
    of each one added (a page once per correction), for the caller to count and re-import."""
    have = {(r.source_path, r.action, r.head, r.before, r.created) for r in rows(conn)}
    touched: list[str] = []
    for item in sorted(items, key=lambda i: i["created"]):
        key = (item["source_path"], item["action"], item["head"], item["before"], item["created"])
        if key in have:
            continue
        have.add(key)
        corr = Correction(Action(item["action"]), Anchor(item["head"], item["before"]), item["title"], item["kind"])
        add(conn, item["source_path"], item["source_name"], corr, item["created"], None)
        touched.append(item["source_path"])
    return touched
