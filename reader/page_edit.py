"""A reader's correction of a stored page: load the page, correct it, segment it again, write it, keep the notes.

The page is read back from the store, not from its file (which may have moved or gone): the stored articles are
the file's split with every earlier correction applied, so applying just the new one gives what the next import
of the file will give. The page as it was is kept with the correction, so `undo` restores it exactly.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import corrections, importer, keywords
from reader.ingest import correct
from reader.ingest.correct import Action, CorrectionError
from reader.ingest.prepare import PreparedFile, name_untitled, prepare_articles
from reader.model import Furniture, Paragraph, ParsedArticle
from reader.store import write_transaction
from reader.text.visible import clean

if TYPE_CHECKING:
    import sqlite_utils

    from reader.text.tags import Taxonomy


@dataclass
class EditReport:
    """What a correction (or its undo) did; asdict() is the CLI's --json."""

    correction: int  # the correction's id
    action: str
    source: str  # the page's file name
    article_id: int  # the article to read now: the new one after a split, the merged one after a merge
    articles: list[int] = field(default_factory=list)  # the page's article ids after it, in page order
    undone: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Page:
    source_id: int
    row: dict[str, Any]  # the sources row
    articles: list[ParsedArticle]
    furniture: list[Furniture]
    ids: list[int]


def _load(db: sqlite_utils.Database, source_id: int) -> _Page:
    cur = db.execute("SELECT * FROM sources WHERE id = ?", [source_id])
    names = [d[0] for d in cur.description]
    row = dict(zip(names, cur.fetchone()))
    arts, ids = [], []
    for aid, title, kicker, subtitle, authors, column, start, end, conf in db.execute(
            "SELECT id, title, kicker, subtitle, authors, column_label, line_start, line_end, confidence "
            "FROM articles WHERE source_id = ? ORDER BY ordinal", [source_id]).fetchall():
        paras = [Paragraph(*r) for r in db.execute(
            "SELECT kind, text, line_start, line_end FROM paragraphs WHERE article_id = ? ORDER BY idx", [aid])]
        arts.append(ParsedArticle(title, kicker, subtitle, json.loads(authors), column, paras, start, end, conf))
        ids.append(aid)
    furniture = [Furniture(f["kind"], f["text"], f.get("line", 0)) for f in json.loads(row["furniture"] or "[]")]
    return _Page(source_id, row, arts, furniture, ids)


def _source_of(db: sqlite_utils.Database, article_id: int) -> int:
    row = db.execute("SELECT source_id FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        raise CorrectionError(f"no article with id {article_id}")
    return int(row[0])


def _write(db: sqlite_utils.Database, page: _Page, articles: list[ParsedArticle], furniture: list[Furniture],
           keep: list[int | None], taxonomy: Taxonomy) -> list[int]:
    """Write the corrected page over the stored one (call inside a write transaction)."""
    name_untitled(articles)
    row = page.row
    pf = PreparedFile(path=row["path"], name=row["name"], sha256=row["sha256"], encoding=row["encoding"],
                      chars=row["chars"], articles=prepare_articles(articles, taxonomy), furniture=furniture,
                      warnings=json.loads(row["warnings"] or "[]"))
    return importer.write_source(db, pf, keep)


def apply(db: sqlite_utils.Database, taxonomy: Taxonomy, action: Action, article_id: int, paragraph: int = -1, *,
          title: str | None = None, kind: str | None = None, now: str) -> EditReport:
    """Make one correction at article `article_id`'s paragraph `paragraph`; raises CorrectionError, changing
    nothing, when it cannot be made."""
    page = _load(db, _source_of(db, article_id))
    at = page.ids.index(article_id)
    if title is not None and not clean(title, multiline=False).strip():
        raise CorrectionError("the new title is empty")
    corr, result = correct.make(page.articles, page.furniture, action, at, paragraph,
                                title=clean(title, multiline=False).strip() if title else None, kind=kind)
    keep = [None if o is None else page.ids[o] for o in result.origin]
    with write_transaction(db.conn):
        ids = _write(db, page, result.articles, result.furniture, keep, taxonomy)
        undo = corrections.page_json(page.articles, page.furniture)
        corr.id = corrections.add(db.conn, page.row["path"], page.row["name"], corr, now, undo)
    keywords.settle(db.conn)
    focus = {Action.SPLIT: at + 1, Action.MERGE: at - 1}.get(action, at)
    return EditReport(corr.id, str(action), page.row["name"], ids[focus], ids)


def undo(db: sqlite_utils.Database, taxonomy: Taxonomy) -> EditReport:
    """Take back the newest correction: restore its page as it was, or, when the page was imported again since,
    drop the correction and import the page's file again."""
    found = corrections.last(db.conn)
    if found is None:
        raise CorrectionError("there is no correction to undo")
    row, snapshot = found
    source = db.execute("SELECT id FROM sources WHERE path = ?", [row.source_path]).fetchone()
    if snapshot is None or source is None:
        return _undo_by_import(db, taxonomy, row)
    page = _load(db, source[0])
    articles, furniture = corrections.page_from_json(snapshot)
    with write_transaction(db.conn):
        ids = _write(db, page, articles, furniture, _keep_by_title(page, articles), taxonomy)
        corrections.delete(db.conn, row.id)
    keywords.settle(db.conn)
    return EditReport(row.id, row.action, row.source_name, ids[_focus(articles, row)], ids, undone=True)


def _keep_by_title(page: _Page, articles: list[ParsedArticle]) -> list[int | None]:
    """Ids for a restored page: each article takes the first unused current article of the same title."""
    free: dict[str, list[int]] = {}
    for art, aid in zip(page.articles, page.ids):
        free.setdefault(art.title, []).append(aid)
    return [free[a.title].pop(0) if free.get(a.title) else None for a in articles]


def _focus(articles: list[ParsedArticle], row: corrections.CorrectionRow) -> int:
    """The article of a restored page the correction touched."""
    corr = row.correction()
    for i, art in enumerate(articles):
        texts = [art.title, *(p.text for p in art.paragraphs)]
        if any(t.startswith(corr.anchor.head) for t in texts):
            return i
    return 0


def _undo_by_import(db: sqlite_utils.Database, taxonomy: Taxonomy, row: corrections.CorrectionRow) -> EditReport:
    path = Path(row.source_path)
    if not path.is_file():
        raise CorrectionError(f"the page was imported again since, and its file {path} is gone: "
                              "the correction cannot be taken back")
    with write_transaction(db.conn):
        corrections.delete(db.conn, row.id)
    report = importer.import_paths(db, [path], taxonomy, force=True, workers=1)
    failed = [f for f in report.files if f.status == "failed"]
    if failed:  # the page stays as it is, so the correction does too
        with write_transaction(db.conn):
            corrections.add(db.conn, row.source_path, row.source_name, row.correction(), row.created, None)
        raise CorrectionError(f"{path}: {failed[0].reason}")
    source = db.execute("SELECT id FROM sources WHERE path = ?", [row.source_path]).fetchone()
    ids = [r[0] for r in db.execute("SELECT id FROM articles WHERE source_id = ? ORDER BY ordinal", [source[0]])]
    return EditReport(row.id, row.action, row.source_name, ids[0], ids, undone=True)
