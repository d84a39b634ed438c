"""The SQLite store: connection settings, schema and migrations (PRAGMA user_version).

Plain functions over a `sqlite_utils.Database`. User-made rows (annotations, reading positions) carry no
foreign key to articles, so re-importing or deleting an article never cascades into them; re-anchoring
decides what happens to them instead.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError

if TYPE_CHECKING:  # sqlite-utils (with click, dateutil, pluggy) loads on first use, not at start-up
    import sqlite_utils

SCHEMA_VERSION = 5


class StoreError(ReaderError):
    """A database problem the user can act on (newer schema, unwritable location, corrupt file)."""

    title = "文章库 library"


def _script(conn: sqlite3.Connection, sql: str) -> None:
    # executescript() would COMMIT the migration's open transaction first; run statements one by one instead.
    for statement in sql.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _v1(conn: sqlite3.Connection) -> None:
    _script(
        conn,
        """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,            -- file name as shown to the user
            path TEXT NOT NULL UNIQUE,     -- absolute path at import time
            sha256 TEXT NOT NULL,
            encoding TEXT NOT NULL,
            chars INTEGER NOT NULL,
            furniture TEXT NOT NULL DEFAULT '[]',   -- JSON list of {kind, text, line}
            imported_at TEXT NOT NULL
        );
        CREATE INDEX sources_sha ON sources(sha256);

        -- AUTOINCREMENT: an id is never handed out twice, so a stale annotation can never point at a stranger.
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            title TEXT NOT NULL,
            kicker TEXT,
            subtitle TEXT,
            authors TEXT NOT NULL DEFAULT '[]',
            column_label TEXT,
            line_start INTEGER NOT NULL DEFAULT 0,
            line_end INTEGER NOT NULL DEFAULT 0,
            chars INTEGER NOT NULL DEFAULT 0,
            fingerprint TEXT NOT NULL,     -- sha256 of the article's paragraphs: id reuse and anchoring
            terms TEXT NOT NULL DEFAULT '{}',   -- JSON {keyword candidate: count}: refits TF-IDF without jieba
            imported_at TEXT NOT NULL
        );
        CREATE INDEX articles_source ON articles(source_id, ordinal);

        CREATE TABLE paragraphs (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            line_start INTEGER NOT NULL DEFAULT 0,
            line_end INTEGER NOT NULL DEFAULT 0,
            breaks TEXT NOT NULL DEFAULT '[]',   -- JSON list of jieba word-end offsets (code points)
            PRIMARY KEY (article_id, idx)
        ) WITHOUT ROWID;

        CREATE TABLE tags (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            rank INTEGER NOT NULL,
            tag TEXT NOT NULL,
            weight REAL NOT NULL,
            PRIMARY KEY (article_id, rank)
        ) WITHOUT ROWID;
        CREATE INDEX tags_tag ON tags(tag);

        CREATE TABLE topics (
            name TEXT PRIMARY KEY,
            ordinal INTEGER NOT NULL,
            keywords TEXT NOT NULL DEFAULT '[]'
        );

        CREATE TABLE article_topics (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            topic TEXT NOT NULL,
            score REAL NOT NULL,
            matched TEXT NOT NULL DEFAULT '[]',  -- JSON list of the keywords that matched: the "why"
            PRIMARY KEY (article_id, topic)
        ) WITHOUT ROWID;
        CREATE INDEX article_topics_topic ON article_topics(topic);

        -- User data. No foreign keys on purpose: see the module docstring.
        CREATE TABLE annotations (
            id TEXT PRIMARY KEY,
            article_id INTEGER,
            source TEXT,                   -- source file name, to find the article again after re-import
            article_title TEXT,
            fingerprint TEXT,              -- article fingerprint when the anchor was last confirmed
            kind TEXT NOT NULL DEFAULT 'highlight',   -- highlight | bookmark
            quote TEXT NOT NULL DEFAULT '',
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            start INTEGER NOT NULL DEFAULT 0,  -- code-point offsets into the article's joined text
            "end" INTEGER NOT NULL DEFAULT 0,
            paragraph INTEGER NOT NULL DEFAULT 0,
            section TEXT,
            color TEXT NOT NULL DEFAULT 'yellow',
            note TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',
            anchor_state TEXT NOT NULL DEFAULT 'anchored',   -- anchored | review | orphan
            anchor_score REAL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            deleted TEXT
        );
        CREATE INDEX annotations_article ON annotations(article_id);

        CREATE TABLE reading_positions (
            article_id INTEGER PRIMARY KEY,
            paragraph INTEGER NOT NULL DEFAULT 0,
            offset INTEGER NOT NULL DEFAULT 0,
            updated TEXT NOT NULL
        );

        CREATE TABLE state (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        """
    )


def _v2(conn: sqlite3.Connection) -> None:
    # Decode warnings (replaced bytes, stripped escape sequences) are kept per source so `doctor` and the reader
    # can say that a page was repaired on import.
    _script(conn, "ALTER TABLE sources ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';\n"
                  "CREATE INDEX annotations_live ON annotations(deleted, article_id)")


def _v3(conn: sqlite3.Connection) -> None:
    # How sure the splitter was of each article's boundaries (0.5 … 1.0). Articles imported before this version
    # keep 1.0 until their page is re-imported; `ipreader doctor` lists the doubtful ones.
    _script(conn, "ALTER TABLE articles ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0")


def _v4(conn: sqlite3.Connection) -> None:
    # A reader's corrections to how a page was split (reader/corrections.py). User data: no foreign key, keyed by
    # the page file and the text they touch, re-applied at every import of that file.
    _script(conn, """
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source_path TEXT NOT NULL,     -- the page file (sources.path)
            source_name TEXT NOT NULL,
            action TEXT NOT NULL,          -- split | merge | title | untitle | furniture
            head TEXT NOT NULL,            -- the opening characters of the text it touches
            before TEXT NOT NULL DEFAULT '',   -- the characters just before that text
            title TEXT,                    -- split: the new article's title, when given
            kind TEXT,                     -- furniture: caption | credit | folio | other
            state TEXT NOT NULL DEFAULT 'applied',   -- at the last import: applied | already | stale
            created TEXT NOT NULL,
            undo TEXT                      -- JSON of the page before it, until the page is next imported
        );
        CREATE INDEX corrections_source ON corrections(source_path, id)
        """)
    # Names from outside (file names, notes, tags, topics) were stored raw before: make them safe to show, the
    # way they are stored from now on (reader/text/visible.py).
    from reader.text.visible import clean, one_line

    conn.create_function("ip_one_line", 1, lambda v: v if v is None else one_line(v), deterministic=True)
    conn.create_function("ip_clean", 1, lambda v: v if v is None else clean(v), deterministic=True)
    _script(conn, """
        UPDATE sources SET name = ip_one_line(name) WHERE name != ip_one_line(name);
        UPDATE annotations SET note = ip_clean(note), tags = ip_clean(tags), source = ip_one_line(source),
            article_title = ip_one_line(article_title)
            WHERE note != ip_clean(note) OR tags != ip_clean(tags) OR source != ip_one_line(source)
               OR article_title != ip_one_line(article_title);
        UPDATE OR REPLACE topics SET name = ip_one_line(name) WHERE name != ip_one_line(name);
        UPDATE OR REPLACE article_topics SET topic = ip_one_line(topic) WHERE topic != ip_one_line(topic)
        """)


def _v5(conn: sqlite3.Connection) -> None:
    # Compact storage (a library took 4.7× its text). Paragraphs move to a rowid table: a WITHOUT ROWID table
    # spills any row over about a twentieth of a page into overflow pages. Word breaks become nibbles and keyword
    # counts (term id, count) code points (reader/text/packed.py), the ids into `terms`, which also keeps each
    # term's document frequency so an import need not refit the whole library (reader/keywords.py). The column
    # articles.terms keeps its name and now holds that BLOB. The first import after this refits keywords once.
    from reader.text.packed import pack_counts

    conn.create_function("ip_pack_breaks", 1, packed_breaks, deterministic=True)
    _script(conn, """
        CREATE TABLE terms (
            id INTEGER PRIMARY KEY,
            term TEXT NOT NULL UNIQUE,
            df INTEGER NOT NULL DEFAULT 0      -- articles the term occurs in
        );
        CREATE TABLE paragraphs_v5 (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            line_start INTEGER NOT NULL DEFAULT 0,
            line_end INTEGER NOT NULL DEFAULT 0,
            breaks BLOB NOT NULL DEFAULT x''   -- word lengths as nibbles (reader/text/packed.py)
        );
        INSERT INTO paragraphs_v5(article_id, idx, kind, text, line_start, line_end, breaks)
            SELECT article_id, idx, kind, text, line_start, line_end, ip_pack_breaks(breaks) FROM paragraphs
            ORDER BY article_id, idx;
        DROP TABLE paragraphs;
        ALTER TABLE paragraphs_v5 RENAME TO paragraphs;
        CREATE UNIQUE INDEX paragraphs_article ON paragraphs(article_id, idx);
        -- size:mtime of the file when imported: an unchanged file is skipped without being read
        ALTER TABLE sources ADD COLUMN stamp TEXT
        """)
    ids: dict[str, int] = {}
    df: Counter[int] = Counter()
    packed = []
    for aid, terms in conn.execute("SELECT id, terms FROM articles").fetchall():
        pairs = [(ids.setdefault(t, len(ids) + 1), c) for t, c in json_counts(terms).items()]
        df.update(tid for tid, _ in pairs)
        packed.append((pack_counts(pairs), aid))
    conn.executemany("INSERT INTO terms(id, term, df) VALUES (?,?,?)", [(i, t, df[i]) for t, i in ids.items()])
    conn.executemany("UPDATE articles SET terms = ? WHERE id = ?", packed)


def packed_breaks(value: str | None) -> bytes:
    """Word ends stored as JSON before schema 5 → their packed form."""
    from reader.text.packed import pack_breaks

    try:
        ends = json.loads(value or "[]")
        return pack_breaks([int(e) for e in ends]) if isinstance(ends, list) else b""
    except (ValueError, TypeError):
        return b""  # a damaged row: the reader moves by character there


def json_counts(value: str | None) -> dict[str, int]:
    """Keyword counts stored as JSON before schema 5 → a dict (empty when damaged)."""
    try:
        counts = json.loads(value or "{}")
    except ValueError:
        return {}
    if not isinstance(counts, dict):
        return {}
    return {str(t): c for t, c in counts.items() if isinstance(c, int) and not isinstance(c, bool) and c > 0}


# Each entry upgrades the schema by one version; index i takes version i to i + 1. Never edit a released step:
# add a new one, so every database, however old, walks the same path.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4, _v5]


def open_connection(path: Path | str, *, migrate: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) the library database with WAL, a busy timeout and foreign keys on."""
    path = Path(path)
    mode = access_mode(path)
    if mode is Access.WRITE:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for the library database {path}: {exc.strerror}") from exc
    try:
        if mode is Access.WRITE:
            conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
        else:
            # A read-only file is opened read-only; on a read-only filesystem (or in a folder we cannot write, where
            # SQLite could not make its -shm file) as immutable: nothing can change it under us there anyway.
            query = "?mode=ro" + ("&immutable=1" if mode is Access.IMMUTABLE else "")
            conn = sqlite3.connect(path.absolute().as_uri() + query, uri=True, timeout=30.0, isolation_level=None,
                                   check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 30000")
        version = user_version(conn)
        if mode is not Access.WRITE:
            if version < SCHEMA_VERSION:
                conn.close()
                raise StoreError(f"{path} is read-only and from an older ipreader (schema {version}); open it once "
                                 "where it can be written to upgrade it")
            return conn
        if version > SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                f"{path} was written by a newer ipreader (schema {version}, this one knows {SCHEMA_VERSION}); "
                "upgrade ipreader to open it. The file was not changed."
            )
        if version == 0 and migrate:
            _new_file_layout(conn)
        if version < SCHEMA_VERSION and migrate:
            _migrate(conn, path, version)
            if version:
                _reclaim(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open the library database {path}: {exc}") from exc
    return conn


# A new library stores its text as UTF-16, two bytes per Chinese character instead of UTF-8's three (the text is
# most of a library), in 16 KiB pages, which leave less of each page unused by rows of a paragraph's size. Both
# can only be chosen before the first table exists; an older library keeps what it has.
NEW_FILE_PRAGMAS = ("PRAGMA page_size = 16384", "PRAGMA encoding = 'UTF-16le'")


def _new_file_layout(conn: sqlite3.Connection) -> None:
    if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
        for pragma in NEW_FILE_PRAGMAS:
            conn.execute(pragma)


class Access(Enum):
    WRITE = "write"
    READ = "read"  # the file is read-only: mode=ro
    IMMUTABLE = "immutable"  # read-only filesystem or folder: mode=ro&immutable=1


def access_mode(path: Path) -> Access:
    """How the library at `path` can be opened. A missing file is WRITE (it will be created, or fail clearly)."""
    if not path.exists():
        return Access.WRITE
    try:
        readonly_fs = bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        readonly_fs = False
    if readonly_fs or not os.access(path.parent, os.W_OK):
        return Access.IMMUTABLE if readonly_fs or not _wal_files_writable(path) else Access.READ
    return Access.WRITE if os.access(path, os.W_OK) else Access.READ


def _wal_files_writable(path: Path) -> bool:
    # In a folder we cannot write, SQLite can still use an existing -wal/-shm pair it may write to.
    return all(os.access(path.with_name(path.name + s), os.W_OK) for s in ("-wal", "-shm"))


def connect(path: Path | str, *, migrate: bool = True) -> sqlite_utils.Database:
    """`open_connection` wrapped in a sqlite-utils Database."""
    import sqlite_utils

    return sqlite_utils.Database(open_connection(path, migrate=migrate))


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT; on any error roll back, unless SQLite already did (it does on SQLITE_FULL)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def savepoint(conn: sqlite3.Connection, name: str) -> Iterator[None]:
    """Atomic on its own, and nested inside a caller's open transaction (the import's) when there is one.

    Outside a transaction it starts an IMMEDIATE one rather than a bare SAVEPOINT: that would begin a deferred
    transaction which reads first and then cannot upgrade its lock while another process writes ("database is
    locked" at once, without the busy timeout). BEGIN IMMEDIATE waits its turn instead.
    """
    if not conn.in_transaction:
        with write_transaction(conn):
            yield
        return
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
        raise
    conn.execute(f"RELEASE {name}")


def user_version(db: sqlite3.Connection | sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _migrate(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Apply the pending migrations in one transaction, after copying an existing database aside."""
    backup = None
    if version > 0 and path.exists():
        backup = _earlier_backup(path, version)
        if backup is None:
            backup = path.with_name(f"{path.name}.v{version}-{time.strftime('%Y%m%d%H%M%S')}.bak")
            # The backup API copies a consistent snapshot even with a WAL file beside the database.
            with sqlite3.connect(str(backup)) as dst:
                conn.backup(dst)
    try:
        with write_transaction(conn):
            # Another process may have migrated while we waited for the write lock.
            current = user_version(conn)
            for step in MIGRATIONS[current:SCHEMA_VERSION]:
                step(conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except Exception as exc:
        where = f"; a copy taken before the upgrade is at {backup}" if backup else ""
        raise StoreError(f"upgrading {path} from schema {version} to {SCHEMA_VERSION} failed ({exc}); "
                         f"the database was left as it was{where}") from exc


def _reclaim(conn: sqlite3.Connection) -> None:
    """Give the file back the pages an upgrade freed (schema 5 rewrote the paragraphs: the file would keep its old
    size). Skipped when another connection has the library open; the space is then reused by later imports."""
    free, pages = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("freelist_count", "page_count"))
    if free * 4 > pages:
        try:
            conn.execute("VACUUM")
        except sqlite3.OperationalError:
            pass


def _earlier_backup(path: Path, version: int) -> Path | None:
    """A backup of this version taken by an earlier, failed attempt and still current (the database has not
    changed since): retrying an upgrade must not leave one more copy per try."""
    wal = path.with_name(path.name + "-wal")
    changed = max(path.stat().st_mtime, wal.stat().st_mtime if wal.exists() else 0.0)
    earlier = sorted(path.parent.glob(f"{path.name}.v{version}-*.bak"), key=lambda p: p.stat().st_mtime)
    return earlier[-1] if earlier and earlier[-1].stat().st_mtime >= changed else None


def backup_to(conn: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of the database to `target` (used by `ipreader backup`)."""
    tmp = target.with_name(target.name + ".part")
    with sqlite3.connect(str(tmp)) as dst:
        conn.backup(dst)
    shutil.move(str(tmp), str(target))


def get_state(db: sqlite3.Connection | sqlite_utils.Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM state WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_state(db: sqlite3.Connection | sqlite_utils.Database, key: str, value: str) -> None:
    db.execute("INSERT INTO state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
               [key, value])
