"""search_ids(), limits pushed into SQL, and lazy hits: the fast paths return exactly what the full search does."""
from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from reader.search import LazySearchHit, QueryError, search, search_ids
from reader.search import engine

from .conftest import article_texts
from .test_recall import QUERIES, scan

MIXED = ["知识产权 中小企业", "新质生产力 -专利", '"PCT 国际"', "创新 topic:中小企业", "topic:中小企业 -专利", "-专利",
         "知识产权 author:刘春霖", "author:刘春霖"]


@pytest.mark.parametrize("term", QUERIES)
def test_search_ids_equal_substring_scan(seed_db, term: str) -> None:
    found = search_ids(seed_db, term)
    assert found == sorted(found)
    assert set(found) == scan(article_texts(seed_db), term)


@pytest.mark.parametrize("query", MIXED)
def test_search_ids_equal_full_search(seed_db, query: str) -> None:
    full = {h.id for h in search(seed_db, query, limit=None)}
    assert full  # every query in MIXED matches something in the seeds
    assert search_ids(seed_db, query) == sorted(full)


def test_search_ids_topic_keyword_and_errors(seed_db) -> None:
    topical = {r[0] for r in seed_db.execute("SELECT article_id FROM article_topics WHERE topic = '中小企业'")}
    assert set(search_ids(seed_db, "创新", topic="中小企业")) == topical & set(search_ids(seed_db, "创新"))
    assert search_ids(seed_db, "") == [] and search_ids(seed_db, "   ") == []
    assert search_ids(seed_db, "author:没有这人") == []
    with pytest.raises(QueryError):
        search_ids(seed_db, "创新 topic:没有这个")
    with pytest.raises(QueryError):
        search_ids(seed_db, None)  # type: ignore[arg-type]


@pytest.mark.parametrize("query", ["的", "知识产权", "专利 -商标", "author:刘春霖", "topic:知识产权"])
@pytest.mark.parametrize("order", ["rank", "newest"])
def test_top_n_is_a_prefix_of_the_full_ranking(seed_db, query: str, order: str) -> None:
    full = search(seed_db, query, limit=None, order=order)
    assert full
    for n in (1, 3, 20):
        assert search(seed_db, query, limit=n, order=order) == full[:n]


def test_author_filter_fills_the_limit(seed_db, monkeypatch: pytest.MonkeyPatch) -> None:
    # Authors are filtered in batches after ranking; a tiny batch must still yield `limit` hits in rank order.
    monkeypatch.setattr(engine, "_AUTHOR_BATCH", 1)
    full = search(seed_db, "author:孙琳", limit=None)
    assert len(full) == 2  # the one author with two articles in the seeds
    assert search(seed_db, "author:孙琳", limit=2) == full
    assert search(seed_db, "author:孙琳", limit=1) == full[:1]
    rows = dict(seed_db.execute("SELECT id, authors FROM articles").fetchall())
    assert all(any("孙琳" in a for a in json.loads(rows[h.id])) for h in full)


def test_every_returned_article_has_hits(seed_db) -> None:
    # No Python re-check filters the FTS5 rows any more; the counts prove every row really contains the terms.
    texts = article_texts(seed_db)
    for query in ["法", "知识产权", "PCT", "２０２３"]:
        hits = search(seed_db, query, limit=None)
        assert hits and all(h.hits > 0 and h.snippet_spans for h in hits)
        for h in hits:
            assert h.hits >= sum(1 for f in texts[h.id] if query.lower() in f.lower())


@pytest.mark.parametrize("query", ["的", "知识产权 中小企业", "topic:中小企业 -专利", "知识产权 author:刘春霖"])
def test_lazy_hits_equal_eager_hits(seed_db, query: str) -> None:
    eager = search(seed_db, query, limit=None)
    lazy = search(seed_db, query, limit=None, lazy=True)
    assert lazy and all(isinstance(h, LazySearchHit) for h in lazy)
    assert [h.id for h in lazy] == [h.id for h in eager]
    assert lazy == eager and eager == lazy
    assert [asdict(h) for h in lazy] == [asdict(h) for h in eager]
    assert search(seed_db, query, limit=5, lazy=True) == eager[:5]


def test_lazy_hits_fill_in_batches_on_first_access(seed_db, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_DETAIL_BATCH", 3)
    hits = search(seed_db, "的", limit=None, lazy=True)
    assert len(hits) > 6 and not any(h.filled for h in hits)
    assert hits[4].id and hits[4].score and not any(h.filled for h in hits)  # id and score need no loading
    assert hits[4].hits > 0
    assert [h.filled for h in hits[:8]] == [False] * 4 + [True] * 3 + [False]
    eager = search(seed_db, "的", limit=None)
    assert hits[4].snippet == eager[4].snippet and hits[0].title == eager[0].title


def test_lazy_hit_of_a_deleted_article(fresh_db) -> None:
    hits = search(fresh_db, "知识产权", limit=None, lazy=True)
    gone = hits[1].id
    fresh_db.conn.execute("DELETE FROM paragraphs WHERE article_id = ?", [gone])
    fresh_db.conn.execute("DELETE FROM articles WHERE id = ?", [gone])
    assert hits[1].title == "" and hits[1].hits == 0 and hits[1].snippet == ""
    assert hits[0].hits > 0


def test_lazy_hit_fields_can_be_set(seed_db) -> None:
    hit = search(seed_db, "知识产权", limit=1, lazy=True)[0]
    hit.snippet = "x"
    assert hit.snippet == "x" and hit.hits > 0 and hit.title


def test_index_rows_without_articles_never_surface(fresh_db) -> None:
    # Rows deleted behind the index's back (no unindex_articles): the search must not report ghosts.
    victim = search_ids(fresh_db, "知识产权")[0]
    fresh_db.conn.execute("DELETE FROM paragraphs WHERE article_id = ?", [victim])
    fresh_db.conn.execute("DELETE FROM articles WHERE id = ?", [victim])
    assert victim not in search_ids(fresh_db, "知识产权")
    assert victim not in {h.id for h in search(fresh_db, "知识产权", limit=None)}
    assert victim not in {h.id for h in search(fresh_db, "知识产权", limit=None, lazy=True)}


def test_ghosts_are_recorded_and_cleared_by_a_repair(fresh_db) -> None:
    from reader.search import ensure_index, unindex_articles
    from reader.search.index import has_stale_rows

    ids = search_ids(fresh_db, "知识产权")
    # Our own path (unindex, then delete) leaves nothing stale, so queries keep skipping the join.
    unindex_articles(fresh_db, [ids[0]])
    fresh_db.conn.execute("DELETE FROM paragraphs WHERE article_id = ?", [ids[0]])
    fresh_db.conn.execute("DELETE FROM articles WHERE id = ?", [ids[0]])
    assert not has_stale_rows(fresh_db.conn)
    assert ids[0] not in search_ids(fresh_db, "知识产权")
    # A delete behind the index's back is recorded, filtered out of every order, and repaired on the next open.
    fresh_db.conn.execute("DELETE FROM paragraphs WHERE article_id = ?", [ids[1]])
    fresh_db.conn.execute("DELETE FROM articles WHERE id = ?", [ids[1]])
    assert has_stale_rows(fresh_db.conn)
    for order in ("rank", "newest"):
        assert ids[1] not in {h.id for h in search(fresh_db, "知识产权", limit=None, order=order)}
    ensure_index(fresh_db)
    assert not has_stale_rows(fresh_db.conn)
    assert search_ids(fresh_db, "知识产权") == ids[2:]


def test_an_index_without_the_ghost_trigger_gets_it_on_open(fresh_db) -> None:
    from reader.search import ensure_index
    from reader.search.index import STALE_TABLE, STALE_TRIGGER, has_stale_rows

    # Libraries indexed before the trigger existed: ensure_index adds it without a rebuild.
    fresh_db.conn.execute(f"DROP TRIGGER {STALE_TRIGGER}")
    fresh_db.conn.execute(f"DROP TABLE {STALE_TABLE}")
    before = search_ids(fresh_db, "专利")
    ensure_index(fresh_db)
    victim = before[0]
    fresh_db.conn.execute("DELETE FROM paragraphs WHERE article_id = ?", [victim])
    fresh_db.conn.execute("DELETE FROM articles WHERE id = ?", [victim])
    assert has_stale_rows(fresh_db.conn) and search_ids(fresh_db, "专利") == before[1:]


def test_title_weight_applies_to_the_title_column(fresh_db) -> None:
    # Two articles of equal length, the term once each: in the title it must outrank in the body (weight 5 vs 1).
    from .test_recall import _add

    in_title = _add(fresh_db, "鼋鼍蛟", ["无关的文字"])
    in_body = _add(fresh_db, "无关的文字", ["鼋鼍蛟"])
    hits = search(fresh_db, "鼋鼍蛟", limit=None)
    assert [h.id for h in hits] == [in_title, in_body]
    assert hits[0].score > hits[1].score > 0


@pytest.mark.parametrize("query", ["知识产权", "专利", "中小企业 创新", "-专利", "知识产权 author:刘春霖", "topic:中小企业"])
@pytest.mark.parametrize("order", ["rank", "newest"])
def test_within_ranks_only_those_ids_exactly_as_the_full_ranking_orders_them(seed_db, query: str, order: str) -> None:
    full = search(seed_db, query, limit=None, order=order)
    assert full
    every_other = {h.id for h in full[::2]} | {10_000_000}  # an id that matches nothing is simply absent
    expected = [h for h in full if h.id in every_other]
    assert search(seed_db, query, limit=None, order=order, within=every_other) == expected
    assert search(seed_db, query, limit=2, order=order, within=every_other) == expected[:2]
    lazy = search(seed_db, query, limit=None, order=order, within=every_other, lazy=True)
    assert [(h.id, h.score, h.snippet) for h in lazy] == [(h.id, h.score, h.snippet) for h in expected]
    assert search(seed_db, query, limit=None, order=order, within=[]) == []
