"""Recall: search() finds exactly the articles a substring scan over the (normalised) stored text finds."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.search import normalize, search

from .conftest import article_texts

# Single characters, two-character words, words jieba splits or that sit inside longer words, Latin/digits,
# full-width forms, punctuation.
QUERIES = [
    "法", "的", "权", "质", "新", "（", "，", ",", "%", "2", "a",
    "专利", "商标", "企业", "创新", "产权", "标准",
    "新质生产力", "生产力", "专利法", "质生", "识产", "知识产权保护", "高质量发展",
    "202", "2023", "2023年", "PC", "PCT", "pct", "R&D", "r&d", "GDP", "14%", "1.4", "19362", "AI",
    "２０２３", "ＰＣＴ", "２", "（２０２３", "（R&D）",
]


def scan(texts: dict[int, list[str]], term: str) -> set[int]:
    """The reference: articles where the normalised term is a substring of some normalised field."""
    needle = normalize(term)
    return {aid for aid, fields in texts.items() if any(needle in normalize(f) for f in fields)}


def raw_scan(texts: dict[int, list[str]], term: str) -> set[int]:
    return {aid for aid, fields in texts.items() if any(term in f for f in fields)}


def ids(db, query: str) -> set[int]:
    return {h.id for h in search(db, query, limit=None)}


@pytest.mark.parametrize("term", QUERIES)
def test_recall_equals_substring_scan(seed_db, term: str) -> None:
    texts = article_texts(seed_db)
    found = ids(seed_db, term)
    assert found == scan(texts, term)
    assert raw_scan(texts, term) <= found  # a plain (unnormalised) scan never finds more


def test_queries_are_not_vacuous(seed_db) -> None:
    # The parametrised test would pass trivially if nothing matched; most of the set must match something.
    texts = article_texts(seed_db)
    assert sum(1 for q in QUERIES if scan(texts, q)) >= len(QUERIES) - 3
    assert scan(texts, "２０２３") == scan(texts, "2023") != set()


def test_width_and_case_insensitive(seed_db) -> None:
    assert ids(seed_db, "２０２３") == ids(seed_db, "2023")
    assert ids(seed_db, "，") == ids(seed_db, ",")
    assert ids(seed_db, "pct") == ids(seed_db, "PCT") == ids(seed_db, "ＰＣＴ")


def test_several_terms_mean_and(seed_db) -> None:
    texts = article_texts(seed_db)
    both = scan(texts, "知识产权") & scan(texts, "中小企业")
    assert both and both != scan(texts, "知识产权")
    assert ids(seed_db, "知识产权 中小企业") == both


def test_terms_do_not_match_across_paragraphs_or_spaces(seed_db) -> None:
    texts = article_texts(seed_db)
    # "2023 年" (with a space) occurs in the seeds; "3年" across that space must follow the substring rule.
    assert ids(seed_db, "3年") == scan(texts, "3年")
    assert ids(seed_db, '"2023 年"') == {aid for aid, fs in texts.items() if any("2023 年" in f for f in fs)}


def test_limit_and_unlimited(seed_db) -> None:
    everything = search(seed_db, "的", limit=None)
    assert len(everything) > 20
    assert len(search(seed_db, "的")) == 20
    assert len(search(seed_db, "的", limit=3)) == 3
    assert search(seed_db, "的", limit=0) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_substrings_are_found(seed_db, data) -> None:
    texts = article_texts(seed_db)
    rng = random.Random(data.draw(st.integers(0, 10**9)))
    aid = rng.choice(sorted(texts))
    field = rng.choice(texts[aid])
    size = data.draw(st.integers(1, 6))
    start = rng.randrange(0, max(1, len(field) - size))
    pieces = field[start:start + size].split()  # a term has no whitespace in it
    term = pieces[0] if pieces else ""
    if not term or term.startswith(("-", '"')) or '"' in term or ":" in term:
        return  # query syntax characters; covered by the syntax tests
    found = ids(seed_db, term)
    assert aid in found
    assert found == scan(texts, term)


def _add(db, title: str, paragraphs: list[str]) -> int:
    from reader.search import index_articles

    src = db.execute("SELECT id FROM sources LIMIT 1").fetchone()[0]
    aid = db["articles"].insert({"source_id": src, "ordinal": 90, "title": title, "fingerprint": "x",
                                 "imported_at": "2026-02-01"}).last_pk
    db["paragraphs"].insert_all([{"article_id": aid, "idx": i, "kind": "body", "text": t}
                                 for i, t in enumerate(paragraphs)])
    index_articles(db, [aid])
    return aid


def test_boundaries_and_unusual_characters(fresh_db) -> None:
    aid = _add(fresh_db, "测试标题", ["甲乙\u3000丙丁", "戊", "己ﬁle㈱庚 ßtraße\tX\u00a0Y"])
    assert ids(fresh_db, "乙丙") == set()  # an ideographic space separates them
    assert ids(fresh_db, '"乙 丙"') == {aid}
    assert ids(fresh_db, "丁戊") == set() and ids(fresh_db, '"丁 戊"') == set()  # paragraphs never join
    assert ids(fresh_db, "题甲") == set()  # nor do title and body
    assert ids(fresh_db, "file") == {aid} and ids(fresh_db, "FILE") == {aid}
    assert ids(fresh_db, "(株)庚") == {aid} and ids(fresh_db, "株") == {aid}
    assert ids(fresh_db, "sstrasse") == {aid}
    assert ids(fresh_db, '"x y"') == {aid} and ids(fresh_db, "xy") == set()
