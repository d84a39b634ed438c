"""Phrases, exclusions, topic and author filters, ordering."""
from __future__ import annotations

import json

import pytest

from reader.search import QueryError, normalize, search

from .conftest import article_texts


def ids(db, query: str, **kw) -> set[int]:
    return {h.id for h in search(db, query, limit=None, **kw)}


def having(texts: dict[int, list[str]], term: str) -> set[int]:
    return {aid for aid, fs in texts.items() if any(normalize(term) in normalize(f) for f in fs)}


def test_quoted_phrase_matches_whitespace_runs_only_where_text_has_them(seed_db) -> None:
    texts = article_texts(seed_db)
    expected = {aid for aid, fs in texts.items() if any("PCT 国际" in f for f in fs)}
    assert expected
    assert ids(seed_db, '"PCT 国际"') == expected
    assert ids(seed_db, '"PCT   国际"') == expected  # any run of spaces in the query means whitespace
    assert ids(seed_db, "PCT国际") == having(texts, "PCT国际")


def test_exclude(seed_db) -> None:
    texts = article_texts(seed_db)
    expected = having(texts, "新质生产力") - having(texts, "专利")
    assert expected and expected != having(texts, "新质生产力")
    assert ids(seed_db, "新质生产力 -专利") == expected
    assert ids(seed_db, '新质生产力 -"专利"') == expected


def test_exclude_only_with_a_filter(seed_db) -> None:
    texts = article_texts(seed_db)
    topical = {r[0] for r in seed_db.execute("SELECT article_id FROM article_topics WHERE topic = '中小企业'")}
    assert ids(seed_db, "topic:中小企业 -专利") == topical - having(texts, "专利")
    assert ids(seed_db, "-专利") == set(texts) - having(texts, "专利")


def test_topic_filter_in_query_and_keyword(seed_db) -> None:
    texts = article_texts(seed_db)
    topical = {r[0] for r in seed_db.execute("SELECT article_id FROM article_topics WHERE topic = '中小企业'")}
    expected = topical & having(texts, "创新")
    assert expected and expected != having(texts, "创新")
    assert ids(seed_db, "创新 topic:中小企业") == expected
    assert ids(seed_db, "创新 主题：中小企业") == expected  # Chinese alias, full-width colon
    assert ids(seed_db, "创新", topic="中小企业") == expected
    assert ids(seed_db, "topic:中小企业") == topical
    with pytest.raises(QueryError, match="no topic"):
        search(seed_db, "创新 topic:没有这个")


def test_author_filter(seed_db) -> None:
    rows = seed_db.execute("SELECT id, authors FROM articles").fetchall()
    by = {aid for aid, a in rows if any("刘春霖" in x for x in json.loads(a))}
    assert by
    assert ids(seed_db, "author:刘春霖") == by
    assert ids(seed_db, "知识产权 author:刘春霖") == by & ids(seed_db, "知识产权")
    assert ids(seed_db, "author:没有这人") == set()


def test_newest_first(seed_db) -> None:
    hits = search(seed_db, "知识产权", limit=None, order="newest")
    stamps = dict(seed_db.execute("SELECT id, imported_at FROM articles").fetchall())
    keys = [(stamps[h.id], h.id) for h in hits]
    assert keys == sorted(keys, reverse=True)
    assert {h.id for h in hits} == ids(seed_db, "知识产权")


def test_rank_prefers_title_hits(seed_db) -> None:
    hits = search(seed_db, "新质生产力", limit=None)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    title_hit = [h for h in hits if "新质生产力" in h.title]
    assert title_hit and hits[0].score >= title_hit[0].score > 0
