"""Concordance lines: correct offsets, bounded context, aligned display."""
from __future__ import annotations

import pytest

from reader.search import QueryError, concordance, format_kwic, normalize
from reader.search.concordance import cell_width


def test_lines_point_into_their_paragraph(seed_db) -> None:
    lines = concordance(seed_db, "专利", width=12)
    paragraphs = {(a, i): t for a, i, t in seed_db.execute("SELECT article_id, idx, text FROM paragraphs")}
    expected = sum(t.count("专利") for t in paragraphs.values())
    assert len(lines) == expected > 10
    for k in lines:
        text = paragraphs[(k.article_id, k.paragraph)]
        assert text[k.start:k.start + len(k.match)] == k.match == "专利"
        assert text[:k.start].endswith(k.left) and len(k.left) <= 12
        assert text[k.start + len(k.match):].startswith(k.right) and len(k.right) <= 12
        assert len(k.left) == min(12, k.start)
    order = [(k.article_id, k.paragraph, k.start) for k in lines]
    assert order == sorted(order)


def test_normalised_term_and_limit(seed_db) -> None:
    lines = concordance(seed_db, "ｐｃｔ", width=5, limit=2)
    assert len(lines) == 2 and all(normalize(k.match) == "pct" for k in lines)
    assert concordance(seed_db, '"2023  年"')[0].match == "2023 年"


def test_topic_filter(seed_db) -> None:
    topical = {r[0] for r in seed_db.execute("SELECT article_id FROM article_topics WHERE topic = '中小企业'")}
    lines = concordance(seed_db, "创新", topic="中小企业")
    assert lines and {k.article_id for k in lines} <= topical


def test_format_aligns_matches_by_display_width(seed_db) -> None:
    lines = concordance(seed_db, "专利", width=6)[:30]
    text = format_kwic(lines)
    columns = {cell_width(row[: row.index(" 专利 ") + 1]) for row in text}
    assert len(columns) == 1


def test_empty_term_is_an_error(seed_db) -> None:
    with pytest.raises(QueryError):
        concordance(seed_db, "  ")
    with pytest.raises(QueryError):
        concordance(seed_db, '""')
