"""Index maintenance: unindex/reindex, rebuild, version changes, drift, size."""
from __future__ import annotations

from reader.search import ensure_index, index_articles, index_stats, rebuild_index, search, unindex_articles
from reader.search.index import FTS_TABLE, INDEX_VERSION


def ids(db, q: str) -> set[int]:
    return {h.id for h in search(db, q, limit=None)}


def integrity(db) -> None:
    db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('integrity-check')")


def delete_article(db, aid: int) -> None:
    db.conn.execute("BEGIN")
    unindex_articles(db, [aid])
    db.execute("DELETE FROM paragraphs WHERE article_id = ?", [aid])
    db.execute("DELETE FROM tags WHERE article_id = ?", [aid])
    db.execute("DELETE FROM article_topics WHERE article_id = ?", [aid])
    db.execute("DELETE FROM articles WHERE id = ?", [aid])
    db.conn.execute("COMMIT")


def test_unindex_before_delete(fresh_db) -> None:
    before = ids(fresh_db, "专利法")
    victim = min(before)
    delete_article(fresh_db, victim)
    assert ids(fresh_db, "专利法") == before - {victim}
    integrity(fresh_db)
    # What the 'delete' removed is exactly that article: a rebuild gives the same answers.
    rebuild_index(fresh_db)
    assert ids(fresh_db, "专利法") == before - {victim}


def test_reindexing_changed_rows_keeps_index_consistent(fresh_db) -> None:
    aid = min(ids(fresh_db, "知识产权"))
    fresh_db.execute("UPDATE paragraphs SET text = text || '独一无二的词' WHERE article_id = ? AND idx = 0", [aid])
    index_articles(fresh_db, [aid])  # rows drifted from the indexed tokens: must not corrupt the index
    assert ids(fresh_db, "独一无二的词") == {aid}
    integrity(fresh_db)
    delete_article(fresh_db, aid)
    assert ids(fresh_db, "独一无二的词") == set()


def test_rolled_back_import_leaves_no_postings(fresh_db) -> None:
    src = fresh_db.execute("SELECT id FROM sources LIMIT 1").fetchone()[0]
    fresh_db.conn.execute("BEGIN")
    aid = fresh_db["articles"].insert({"source_id": src, "ordinal": 99, "title": "回滚测试标题", "fingerprint": "x",
                                       "imported_at": "2026-02-01"}).last_pk
    index_articles(fresh_db, [aid])
    assert ids(fresh_db, "回滚测试") == {aid}
    fresh_db.conn.execute("ROLLBACK")
    assert ids(fresh_db, "回滚测试") == set()
    integrity(fresh_db)


def test_ensure_index_is_idempotent_and_catches_up(fresh_db) -> None:
    before = ids(fresh_db, "的")
    ensure_index(fresh_db)
    ensure_index(fresh_db)
    assert ids(fresh_db, "的") == before
    # An article stored without index_articles is picked up by the next ensure_index.
    src = fresh_db.execute("SELECT id FROM sources LIMIT 1").fetchone()[0]
    aid = fresh_db["articles"].insert({"source_id": src, "ordinal": 99, "title": "补索引标题", "fingerprint": "x",
                                       "imported_at": "2026-02-01"}).last_pk
    assert ids(fresh_db, "补索引") == set()
    ensure_index(fresh_db)
    assert ids(fresh_db, "补索引") == {aid}
    # Rows deleted behind the index's back: ensure_index rebuilds instead of serving stale hits.
    fresh_db.execute("DELETE FROM articles WHERE id = ?", [aid])
    ensure_index(fresh_db)
    assert ids(fresh_db, "补索引") == set()
    integrity(fresh_db)


def test_version_change_rebuilds(fresh_db) -> None:
    before = ids(fresh_db, "专利")
    fresh_db.execute("UPDATE search_meta SET value = ? WHERE key = 'version'", [str(INDEX_VERSION - 1)])
    fresh_db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
    assert ids(fresh_db, "专利") == set()
    ensure_index(fresh_db)
    assert ids(fresh_db, "专利") == before
    assert fresh_db.execute("SELECT value FROM search_meta WHERE key='version'").fetchone()[0] == str(INDEX_VERSION)


def test_search_creates_a_missing_index(tmp_path) -> None:
    from .conftest import build_library

    db = build_library(tmp_path / "lib.db")
    expected = ids(db, "专利")
    for table in (FTS_TABLE, "search_docs", "search_meta"):
        db.execute(f"DROP TABLE {table}")
    assert ids(db, "专利") == expected


def test_index_smaller_than_text(seed_db) -> None:
    stats = index_stats(seed_db)
    assert 0 < stats["index_bytes"] < stats["text_bytes"]


def test_version_1_layout_is_rebuilt_with_body_first(fresh_db) -> None:
    # Version 1 indexed (title, body); the bm25 weights now assume (body, title), so an old index must not survive.
    from reader.search import search

    before = [(h.id, h.score) for h in search(fresh_db, "知识产权", limit=None)]
    fresh_db.execute(f"DROP TABLE {FTS_TABLE}")
    fresh_db.execute(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body, content='', tokenize='ascii')")
    fresh_db.execute("UPDATE search_meta SET value = '1' WHERE key = 'version'")
    ensure_index(fresh_db)
    sql = fresh_db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [FTS_TABLE]).fetchone()[0]
    assert "fts5(body, title," in sql
    assert [(h.id, h.score) for h in search(fresh_db, "知识产权", limit=None)] == before
    integrity(fresh_db)
