"""One index query run as two rowid halves at once, on two read-only helper connections: the calling thread
reads the lower half while a worker thread reads the upper half.

Why: a phrase of common characters makes FTS5 decode the position lists of its characters in most articles, and
that work splits cleanly by rowid; SQLite releases the GIL while it runs, so on the two cores we target a large
query takes a little over half the time. The answer is exactly that of the whole query: bm25's statistics (row
count, average lengths, document frequency) are table-wide whatever the rowid range, and the halves count only
when nothing was committed while they ran (PRAGMA data_version), so both read the same snapshot. Both halves use
helpers, not the caller's connection, because a connection that still holds an unfinished statement keeps reading
an older snapshot, which the version check could not see.

Small libraries, a connection inside a transaction (it may see its own uncommitted rows), in-memory databases and
a second split query while one is running all run the query whole instead.
"""
from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # only a type here; sqlite-utils itself loads when a Library first needs it
    import sqlite_utils

T = TypeVar("T")
Half = tuple[str, int]  # ("<=", mid) or (">", mid): the rowid condition of one half

MIN_ARTICLES = 3000  # below this a whole query takes a few milliseconds: the hand-off would cost more than it saves
ENABLED = True  # the benchmark turns it off to time one thread against the same baseline

_pool: ThreadPoolExecutor | None = None
_busy = threading.Lock()  # one split query at a time: another runs whole rather than queue behind it
_Pair = tuple[sqlite3.Connection, sqlite3.Connection]
_helpers: weakref.WeakKeyDictionary[sqlite_utils.Database, _Pair | None] = weakref.WeakKeyDictionary()


def _executor() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ipreader-search")
    return _pool


def _file_of(conn: sqlite3.Connection) -> str:
    """The main database's file name; empty for in-memory and temporary databases."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return file or ""
    return ""


def _open_read_only(file: str) -> sqlite3.Connection:
    return sqlite3.connect(Path(file).as_uri() + "?mode=ro", uri=True, timeout=30.0, isolation_level=None,
                           check_same_thread=False)


def _close(pair: _Pair) -> None:
    for conn in pair:
        conn.close()


def _pair(db: sqlite_utils.Database) -> _Pair | None:
    """The two read-only helper connections of `db`, opened on first use; None when the database has no file."""
    if db in _helpers:
        return _helpers[db]
    file = _file_of(db.conn)
    pair = None
    if file:
        try:
            pair = (_open_read_only(file), _open_read_only(file))
        except sqlite3.Error:
            pair = None
    _helpers[db] = pair
    if pair is not None:
        weakref.finalize(db, _close, pair)
    return pair


def release(db: sqlite_utils.Database | None) -> None:
    """Close the helper connections of `db` (Library.close calls this; a collected db closes them too)."""
    if db is None:
        return
    with _busy:  # never close them under a running half
        pair = _helpers.pop(db, None)
        if pair is not None:
            _close(pair)


def _split_point(conn: sqlite3.Connection) -> int | None:
    # The id span, not count(*): two b-tree probes instead of reading every row (each aggregate in its own
    # subquery, or SQLite scans). Ids are dense apart from deleted articles, so the span is close to the count
    # and the middle id splits the work about evenly.
    lo, hi = conn.execute(
        "SELECT (SELECT min(article_id) FROM search_docs), (SELECT max(article_id) FROM search_docs)").fetchone()
    if lo is None or hi - lo + 1 < MIN_ARTICLES:
        return None
    return (lo + hi) // 2


def _data_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA data_version").fetchone()[0]


def run_in_halves(db: sqlite_utils.Database, run: Callable[[sqlite3.Connection, Half], T]) -> tuple[T, T] | None:
    """(lower half, upper half) from run(connection, half), computed at once; None when the caller should run
    the query whole (see the module docstring), including when a half fails: the whole run reports the error."""
    conn = db.conn
    if not ENABLED or conn.in_transaction:
        return None
    mid = _split_point(conn)
    if mid is None or not _busy.acquire(blocking=False):
        return None
    try:
        pair = _pair(db)
        if pair is None:
            return None
        lower, upper = pair
        before = _data_version(lower)
        pending = _executor().submit(run, upper, (">", mid))
        ok = True
        try:
            low = run(lower, ("<=", mid))
        except sqlite3.Error:
            ok = False  # a helper's own trouble, or the query's, which the whole run will report
        finally:
            try:
                high = pending.result()  # always wait: the helper must be idle before another query or close
            except sqlite3.Error:
                ok = False
        if not ok or _data_version(lower) != before:
            return None  # or a commit landed between the two reads, whose snapshots may then differ
        return low, high
    finally:
        _busy.release()
