"""Schema upgrades: an older database is migrated in place after a backup copy; annotations survive."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader import Library, store
from reader.config import seeds_dir
from reader.notes.annotations import add_annotation


def make_v1_database(path: Path) -> None:
    """A database exactly as schema version 1 left it, with an article and an annotation in it."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    store.MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO sources(id, name, path, sha256, encoding, chars, imported_at) "
                 "VALUES (1, 'old.txt', '/old.txt', 'abc', 'utf-8', 10, '2025-01-01T00:00:00Z')")
    conn.execute("INSERT INTO articles(id, source_id, ordinal, title, fingerprint, imported_at) "
                 "VALUES (1, 1, 1, '旧标题', 'fp', '2025-01-01T00:00:00Z')")
    conn.execute("INSERT INTO paragraphs(article_id, idx, kind, text) VALUES (1, 0, 'body', '知识产权保护工作')")
    conn.execute("INSERT INTO annotations(id, article_id, quote, start, \"end\", note, created, updated) "
                 "VALUES ('n1', 1, '知识产权', 0, 4, '我的笔记', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')")
    conn.close()


def test_old_schema_is_migrated_in_place_with_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "library.db"
    make_v1_database(db)
    with Library(db) as lib:
        assert store.user_version(lib.db) == store.SCHEMA_VERSION
        assert lib.db.execute("SELECT note FROM annotations WHERE id = 'n1'").fetchone()[0] == "我的笔记"
        assert lib.sources()[0]["warnings"] == "[]"
        assert lib.article(1).title == "旧标题"
        # The upgraded library keeps working: a new import lands beside the old data.
        assert lib.import_paths(sorted(seeds_dir().glob("*.txt"))[:1]).ok
    backups = list(tmp_path.glob("library.db.v1-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT note FROM annotations").fetchone()[0] == "我的笔记"


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "library.db"
    make_v1_database(db)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE sources ADD COLUMN half_done TEXT")
        raise RuntimeError("power cut")

    monkeypatch.setattr(store, "MIGRATIONS", [store.MIGRATIONS[0], broken])
    with pytest.raises(store.StoreError, match="left as it was"):
        Library(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        cols = [r[1] for r in conn.execute("PRAGMA table_info(sources)")]
        assert "half_done" not in cols
        assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1


def test_schema_4_library_is_packed_in_place_and_keeps_notes(tmp_path: Path, as_schema_4) -> None:
    """Schema 5 packs word breaks and keyword counts and moves paragraphs to a rowid table: the same text, the same
    breaks and keywords, the notes untouched, a backup beside it, and a smaller file."""
    db = tmp_path / "library.db"
    with Library(db) as lib:
        lib.import_paths(sorted(seeds_dir().glob("*.txt")))
        article = lib.articles()[0]
        breaks = {a.id: lib.article_breaks(a.id) for a in lib.articles()}
        texts = {a.id: [p.text for p in lib.article(a.id).paragraphs] for a in lib.articles()}
        tags = lib.conn.execute("SELECT article_id, rank, tag, weight FROM tags ORDER BY 1, 2").fetchall()
        add_annotation(lib.db, article.id, 0, 4, note="旧笔记")
        as_schema_4(lib.conn)
    before = db.stat().st_size
    with Library(db) as lib:
        assert store.user_version(lib.db) == store.SCHEMA_VERSION
        assert {a.id: lib.article_breaks(a.id) for a in lib.articles()} == breaks
        assert {a.id: [p.text for p in lib.article(a.id).paragraphs] for a in lib.articles()} == texts
        assert lib.conn.execute("SELECT article_id, rank, tag, weight FROM tags ORDER BY 1, 2").fetchall() == tags
        assert [r[0] for r in lib.conn.execute("SELECT note FROM annotations")] == ["旧笔记"]
        assert lib.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'paragraphs' AND sql LIKE "
                                "'%WITHOUT ROWID%'").fetchone()[0] == 0
        lib.import_paths(sorted(seeds_dir().glob("*.txt")), force=True)  # the first import after refits once
        assert lib.conn.execute("SELECT article_id, rank, tag, weight FROM tags ORDER BY 1, 2").fetchall() == tags
    assert db.stat().st_size < before
    assert len(list(tmp_path.glob("library.db.v4-*.bak"))) == 1
