"""The per-character full-text index: a contentless FTS5 table over tokens derived from `paragraphs`.

Why per character: jieba words lose matches inside words (法 in 专利法) and the trigram tokenizer finds nothing
under three characters. Each normalised character becomes one token (normalize.char_token: an ASCII character as
its hex code point, any other as itself, which the plain `ascii` tokenizer takes whole in every script; a query's
tokens only ever stand inside a quoted phrase, where no character but the quote, ASCII and so hex, means anything
to FTS5); queries are phrases of those tokens. Why contentless: the text already lives in `paragraphs`, so the index stores only postings. SQLite
3.40 has no contentless_delete, so removing an article replays the FTS5 'delete' command with the exact tokens it
was indexed with; `search_docs` keeps a digest of those tokens to detect drift, and drift triggers a rebuild.
"""
from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from reader import heap
from reader.store import savepoint

from .normalize import BREAK_TOKEN, index_token_pieces

if TYPE_CHECKING:  # only a type here; sqlite-utils itself loads when a Library first needs it
    import sqlite_utils

# 2: columns reordered to (body, title); version 1 indexes are dropped and rebuilt on open.
INDEX_VERSION = 4  # 3: traditional characters folded to simplified; 4: non-ASCII characters as themselves
FTS_TABLE = "search_fts"
STALE_TABLE = "search_stale"
STALE_TRIGGER = "search_article_deleted"
_CORE = (FTS_TABLE, "search_meta", "search_docs")
_GHOST_GUARD = (STALE_TABLE, STALE_TRIGGER)  # added in place (no rebuild) to indexes made before them
_BATCH = 500


def _savepoint(conn: sqlite3.Connection, name: str = "search_index") -> AbstractContextManager[None]:
    return savepoint(conn, name)


def _create(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("CREATE TABLE IF NOT EXISTS search_docs (article_id INTEGER PRIMARY KEY, digest TEXT NOT NULL)")
    # Body first: FTS5 writes a column marker before every position list outside column 0, and nearly every
    # (character, article) entry is in the body, so this order keeps the index about a fifth smaller (and
    # faster to decode) than (title, body). bm25 weights follow the column order (see engine.TITLE_WEIGHT).
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(body, title, content='', tokenize='ascii')"
    )
    # Queries take a match's rowid as the article id without joining `articles` (a probe per match). Our own
    # deletes unindex first; an article deleted any other way (a SQL shell, another tool) while still indexed
    # is recorded here, and queries fall back to the join until ensure_index rebuilds.
    conn.execute(f"CREATE TABLE IF NOT EXISTS {STALE_TABLE} (article_id INTEGER PRIMARY KEY)")
    conn.execute(
        f"CREATE TRIGGER IF NOT EXISTS {STALE_TRIGGER} AFTER DELETE ON articles "
        "WHEN EXISTS (SELECT 1 FROM search_docs WHERE article_id = old.id) "
        f"BEGIN INSERT OR IGNORE INTO {STALE_TABLE}(article_id) VALUES (old.id); END"
    )


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM search_meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _present(conn: sqlite3.Connection, names: tuple[str, ...]) -> bool:
    found = {r[0] for r in conn.execute(
        f"SELECT name FROM sqlite_master WHERE name IN ({','.join('?' * len(names))})", names)}
    return len(found) == len(names)


def index_exists(conn: sqlite3.Connection) -> bool:
    return _present(conn, _CORE)


def has_stale_rows(conn: sqlite3.Connection) -> bool:
    """Whether queries must check `articles`: some indexed article was deleted without unindexing, or the
    index predates the record of such deletes (and the library could not be upgraded, e.g. read-only)."""
    try:
        return conn.execute(f"SELECT EXISTS (SELECT 1 FROM {STALE_TABLE})").fetchone()[0] == 1
    except sqlite3.OperationalError:  # no such table
        return True


def _documents(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[bytearray, bytearray]]:
    """Index values (title tokens, body tokens) for each existing article id, built from the stored rows.

    Bytes, bound as blobs: SQLite would keep a bound str in the library's encoding (UTF-16, twice the ASCII), and
    FTS5 reads a blob as the UTF-8 it is. Each paragraph is tokenized as it is read, so a huge article never holds
    its text, its token strings and their join at once.
    """
    out: dict[int, tuple[bytearray, bytearray]] = {}
    marks = ",".join("?" * len(ids))
    for aid, title, kicker, subtitle in conn.execute(
        f"SELECT id, title, kicker, subtitle FROM articles WHERE id IN ({marks})", ids
    ):
        head = bytearray()
        for field in (title, kicker, subtitle):
            _add_field(head, field)
        out[aid] = (head, bytearray())
    for aid, text in conn.execute(
        f"SELECT article_id, text FROM paragraphs WHERE article_id IN ({marks}) ORDER BY article_id, idx", ids
    ):
        if aid in out:
            _add_field(out[aid][1], text)
    return out


_BREAK = (BREAK_TOKEN + " ").encode()


def _add_field(tokens: bytearray, field: str | None) -> None:
    """Append a field's tokens, after a break when some field came before (as index_tokens_for_fields joins)."""
    if not field:
        return
    if tokens:
        tokens += _BREAK
    for piece in index_token_pieces(field):
        tokens += piece.encode()


def _digest(title: bytes | bytearray, body: bytes | bytearray) -> str:
    # The same bytes as hashing title + NUL + body as strings, so the digests of older indexes still match.
    h = hashlib.blake2b(title, digest_size=12)
    h.update(b"\x00")
    h.update(body)
    return h.hexdigest()


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    batch: list[int] = []
    for i in ids:
        batch.append(int(i))
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


Documents = dict[int, tuple[bytearray, bytearray]]  # article id → (title tokens, body tokens)

# SQLite copies a bound value before the statement runs, and FTS5 copies it once more to read it: for a huge article
# our own copy of its tokens would be the third. The statement passes each rowid through this function, which empties
# the article's buffers (bound by then) before FTS5 reads.
_RELEASE = "ip_release_tokens"
_pending: dict[int, tuple[bytearray, bytearray]] = {}  # id of the bound tuple → its buffers, while it is bound


def _release(rowid: int, key: int) -> int:
    for tokens in _pending.pop(key, ()):
        tokens.clear()  # freed at once: binding copied the bytes and exports no buffer any more
    return rowid


def _write_fts(conn: sqlite3.Connection, command: str, docs: Documents) -> None:
    """Insert `docs` into the FTS table, or replay them as 'delete' (command "delete"); empties their buffers."""
    marker = "'delete', " if command == "delete" else ""
    column = f"{FTS_TABLE}, " if command == "delete" else ""
    sql = f"INSERT INTO {FTS_TABLE}({column}rowid, title, body) VALUES ({marker}{_RELEASE}(?, ?), ?, ?)"
    rows = [(aid, id(pair), *pair) for aid, pair in docs.items()]
    _pending.update((id(pair), pair) for pair in docs.values())
    docs.clear()
    try:
        try:
            conn.executemany(sql, rows)
        except sqlite3.OperationalError as exc:  # raised when preparing, before any row: a connection without it
            if _RELEASE not in str(exc):
                raise
            # Registered once per connection, on first need: defining it again would be refused ("Error creating
            # function") while any statement of the connection is active, e.g. an import iterating a cursor.
            conn.create_function(_RELEASE, 2, _release)
            conn.executemany(sql, rows)
    finally:
        for row in rows:
            _pending.pop(row[1], None)


def _insert(conn: sqlite3.Connection, ids: list[int]) -> None:
    docs = _documents(conn, ids)
    conn.executemany("INSERT INTO search_docs(article_id, digest) VALUES (?, ?)",
                     [(aid, _digest(t, b)) for aid, (t, b) in docs.items()])
    if sum(len(b) for _, b in docs.values()) >= heap.BIG:
        heap.trim()  # what building a huge document left in the heap, before SQLite's two copies of it
    _write_fts(conn, "insert", docs)


def _remove(conn: sqlite3.Connection, ids: list[int]) -> bool:
    """Delete postings of indexed articles; False when the rows no longer reproduce what was indexed."""
    marks = ",".join("?" * len(ids))
    digests = dict(conn.execute(f"SELECT article_id, digest FROM search_docs WHERE article_id IN ({marks})", ids))
    if not digests:
        return True
    docs = _documents(conn, list(digests))
    if any(aid not in docs or _digest(*docs[aid]) != digests[aid] for aid in digests):
        return False
    _write_fts(conn, "delete", docs)
    conn.execute(f"DELETE FROM search_docs WHERE article_id IN ({marks})", ids)
    return True


def _rebuild(conn: sqlite3.Connection) -> None:
    conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
    conn.execute("DELETE FROM search_docs")
    conn.execute(f"DELETE FROM {STALE_TABLE}")
    all_ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    for batch in _chunks(all_ids):
        _insert(conn, batch)
    conn.execute("INSERT INTO search_meta(key, value) VALUES ('version', ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [str(INDEX_VERSION)])


def _up_to_date(conn: sqlite3.Connection) -> bool:
    """Read-only check that ensure_index has nothing to do (it checks again under the write lock)."""
    if not _present(conn, _CORE + _GHOST_GUARD) or _meta(conn, "version") != str(INDEX_VERSION):
        return False
    return conn.execute(
        "SELECT NOT EXISTS (SELECT 1 FROM search_docs d WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = d.article_id))"
        " AND NOT EXISTS (SELECT 1 FROM articles a WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.article_id = a.id))"
    ).fetchone()[0] == 1


def ensure_index(db: sqlite_utils.Database) -> None:
    """Create the index tables if needed; rebuild on a version change; index articles that were missed."""
    conn = db.conn
    if not conn.in_transaction and _up_to_date(conn):
        return  # the common case needs no write lock (and so never waits for another process's import)
    with _savepoint(conn):
        if not _present(conn, _CORE + _GHOST_GUARD):
            _create(conn)  # IF NOT EXISTS throughout: adds only what is missing
        if _meta(conn, "version") != str(INDEX_VERSION):
            if _meta(conn, "version") is not None:
                # The token format may have changed: recreate the table itself, not just its rows.
                conn.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
                _create(conn)
            _rebuild(conn)
            return
        stale = conn.execute(
            "SELECT 1 FROM search_docs d WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = d.article_id) LIMIT 1"
        ).fetchone()
        if stale:  # rows deleted without unindex_articles: their postings cannot be removed one by one
            _rebuild(conn)
            return
        missing = [r[0] for r in conn.execute(
            "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.article_id = a.id)"
        )]
        for batch in _chunks(missing):
            _insert(conn, batch)


def index_articles(db: sqlite_utils.Database, article_ids: Iterable[int]) -> None:
    """Index (or re-index) articles whose rows exist; safe to call inside the import transaction."""
    conn = db.conn
    if not index_exists(conn):
        ensure_index(db)
    with _savepoint(conn):
        for batch in _chunks(dict.fromkeys(article_ids)):
            if not _remove(conn, batch):
                _rebuild(conn)
                return
            _insert(conn, batch)


def unindex_articles(db: sqlite_utils.Database, article_ids: Iterable[int]) -> None:
    """Remove articles from the index; call BEFORE their rows are deleted (the postings are rebuilt from them)."""
    conn = db.conn
    if not index_exists(conn):
        return
    ids = list(dict.fromkeys(int(i) for i in article_ids))
    with _savepoint(conn):
        for batch in _chunks(ids):
            if not _remove(conn, batch):
                # The stored rows drifted from what was indexed: rebuild everything, then drop these again.
                _rebuild(conn)
                if not _remove(conn, batch):
                    raise RuntimeError("search index rebuild did not reproduce its own digests")


def require_index(db: sqlite_utils.Database) -> None:
    """Make sure the index tables exist before a query (cheap when they do)."""
    if not index_exists(db.conn):
        ensure_index(db)


def rebuild_index(db: sqlite_utils.Database) -> None:
    """Rebuild the whole index from `articles` and `paragraphs`."""
    conn = db.conn
    with _savepoint(conn):
        # Recreate the table too, so a rebuild also repairs a damaged or outdated index structure.
        conn.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        _create(conn)
        _rebuild(conn)


def index_stats(db: sqlite_utils.Database) -> dict[str, int]:
    """Bytes used by the index versus bytes of indexed text (UTF-8), for the size budget and the benchmark."""
    conn = db.conn
    index_bytes = 0
    for table, expr in ((f"{FTS_TABLE}_data", "length(block)"), (f"{FTS_TABLE}_idx", "length(term) + 16"),
                        (f"{FTS_TABLE}_docsize", "length(sz) + 8"), ("search_docs", "length(digest) + 8")):
        index_bytes += conn.execute(f"SELECT coalesce(sum({expr}), 0) FROM {table}").fetchone()[0]
    # In UTF-8 whatever the library's own encoding (a new library stores UTF-16): the measure stays comparable.
    conn.create_function("ip_utf8_bytes", 1, lambda v: len(v.encode("utf-8")) if v else 0, deterministic=True)
    text_bytes = conn.execute("SELECT coalesce(sum(ip_utf8_bytes(text)), 0) FROM paragraphs").fetchone()[0]
    text_bytes += conn.execute(
        "SELECT coalesce(sum(ip_utf8_bytes(title) + ip_utf8_bytes(kicker) + ip_utf8_bytes(subtitle)), 0) FROM articles"
    ).fetchone()[0]
    return {"index_bytes": int(index_bytes), "text_bytes": int(text_bytes),
            "articles": conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]}
