"""`ipreader recover OUT`: copy what can still be read from a damaged library into a new one, the user's own data
(notes, corrections, reading positions, settings) first.

SQLite's own `.recover` lives in its shell, not in Python's module, so this reads each table in rowid order,
chunk by chunk, and steps over the rows a damaged page hides; tables without rowids are read per article.
Whatever could not be read is counted, never guessed. The search index is rebuilt in the new library.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from reader import keywords, store
from reader.errors import ReaderError

# The user's data first: if the damage ends the copy early, what cannot be imported again is already safe.
USER_TABLES = ("annotations", "corrections", "reading_positions", "state")
PAGE_TABLES = ("sources", "articles", "topics", "terms")
PER_ARTICLE = ("paragraphs", "tags", "article_topics")  # read per article (an older library's have no rowid)
CHUNK = 256


class RecoverError(ReaderError):
    """Recovery cannot start (no such file, the output exists); str(exc) says why."""

    title = "恢复 recover"


@dataclass
class TableReport:
    table: str
    copied: int = 0
    lost: int = 0  # rows (or chunks of rows) that could not be read
    unreadable: bool = False  # the table itself could not be opened


@dataclass
class RecoverReport:
    source: str
    target: str
    tables: list[TableReport] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"source": self.source, "target": self.target,
                "tables": [t.__dict__ for t in self.tables]}


def recover(damaged: Path, target: Path) -> RecoverReport:
    if not damaged.is_file():
        raise RecoverError(f"{damaged}: no such library file")
    if target.exists():
        raise RecoverError(f"{target} exists: recover into a new file")
    src = sqlite3.connect(damaged.absolute().as_uri() + "?mode=ro", uri=True)
    src.text_factory = lambda b: b.decode("utf-8", "replace")  # a flipped byte in a text is not a lost row
    dst = store.open_connection(target)
    dst.execute("PRAGMA foreign_keys = OFF")  # rows arrive table by table; orphans are dropped at the end
    report = RecoverReport(str(damaged), str(target))
    try:
        for table in (*USER_TABLES, *PAGE_TABLES):
            if table == "terms" and not _has_table(src, table):
                continue  # a library older than schema 5: its counts are repacked below
            report.tables.append(_copy_by_rowid(src, dst, table))
        ids = [r[0] for r in dst.execute("SELECT id FROM articles")]
        for table in PER_ARTICLE:
            report.tables.append(_copy_per_article(src, dst, table, ids))
        _drop_orphans(dst)
        _repack(dst)
    finally:
        src.close()
        dst.execute("PRAGMA foreign_keys = ON")
        dst.close()
    return report


def _has_table(src: sqlite3.Connection, table: str) -> bool:
    try:
        return src.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [table]).fetchone() is not None
    except sqlite3.DatabaseError:
        return True  # let the copy find out what it can read


def _columns(src: sqlite3.Connection, dst: sqlite3.Connection, table: str) -> list[str]:
    ours = [r[1] for r in dst.execute(f"PRAGMA table_info({table})")]
    theirs = {r[1] for r in src.execute(f"PRAGMA table_info({table})")}
    return [c for c in ours if c in theirs]


def _names(cols: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in cols)


def _insert(dst: sqlite3.Connection, table: str, cols: list[str], rows: list[tuple]) -> None:
    dst.executemany(f"INSERT OR IGNORE INTO {table} ({_names(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)


def _copy_by_rowid(src: sqlite3.Connection, dst: sqlite3.Connection, table: str) -> TableReport:
    out = TableReport(table)
    try:
        cols = _columns(src, dst, table)
        top = src.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
    except sqlite3.DatabaseError:
        out.unreadable = True
        return out
    select = f"SELECT {_names(cols)} FROM {table} WHERE rowid BETWEEN ? AND ?"
    low = 1
    with store.write_transaction(dst):
        while low <= top:
            high = low + CHUNK - 1
            try:
                rows = src.execute(select, [low, high]).fetchall()
            except sqlite3.DatabaseError:
                rows = _row_by_row(src, select, low, high, out)
            _insert(dst, table, cols, rows)
            out.copied += len(rows)
            low = high + 1
    return out


def _row_by_row(src: sqlite3.Connection, select: str, low: int, high: int, out: TableReport) -> list[tuple]:
    rows = []
    for rowid in range(low, high + 1):
        try:
            rows += src.execute(select, [rowid, rowid]).fetchall()
        except sqlite3.DatabaseError:
            out.lost += 1
    return rows


def _copy_per_article(src: sqlite3.Connection, dst: sqlite3.Connection, table: str, ids: list[int]) -> TableReport:
    out = TableReport(table)
    try:
        cols = _columns(src, dst, table)
    except sqlite3.DatabaseError:
        out.unreadable = True
        return out
    select = f"SELECT {_names(cols)} FROM {table} WHERE article_id = ?"
    with store.write_transaction(dst):
        for aid in ids:
            try:
                rows = src.execute(select, [aid]).fetchall()
            except sqlite3.DatabaseError:
                out.lost += 1
                continue
            _insert(dst, table, cols, rows)
            out.copied += len(rows)
    return out


def _repack(dst: sqlite3.Connection) -> None:
    """Values copied from a library older than schema 5 (JSON breaks and counts) in today's packed form, then the
    keywords refitted: the document frequencies are recounted from what was saved."""
    with store.write_transaction(dst):
        dst.create_function("ip_pack_breaks", 1, store.packed_breaks, deterministic=True)
        dst.execute("UPDATE paragraphs SET breaks = ip_pack_breaks(breaks) WHERE typeof(breaks) = 'text'")
        vocabulary = keywords.Vocabulary(dst)
        for aid, terms in dst.execute("SELECT id, terms FROM articles WHERE typeof(terms) = 'text'").fetchall():
            dst.execute("UPDATE articles SET terms = ? WHERE id = ?",
                        [keywords.encode_terms(vocabulary, store.json_counts(terms)), aid])
    keywords.refit(dst)


def _drop_orphans(dst: sqlite3.Connection) -> None:
    """Rows whose parent could not be read are of no use (articles without a page, text without an article);
    the user's own rows are kept whatever they point at, as everywhere (re-anchoring decides)."""
    with store.write_transaction(dst):
        dst.execute("DELETE FROM articles WHERE source_id NOT IN (SELECT id FROM sources)")
        for table in PER_ARTICLE:
            dst.execute(f"DELETE FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
        # An article that lost all its paragraphs cannot be read or searched: its page must be imported again,
        # so the page forgets its content hash (the next import of the file is not skipped as unchanged).
        dst.execute("UPDATE sources SET sha256 = '', stamp = NULL WHERE id IN (SELECT source_id FROM articles WHERE id NOT IN "
                    "(SELECT article_id FROM paragraphs)) OR id NOT IN (SELECT source_id FROM articles)")
        dst.execute("DELETE FROM articles WHERE id NOT IN (SELECT article_id FROM paragraphs)")
