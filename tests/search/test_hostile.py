"""No input crashes the search: every query gives a list or a QueryError with a message."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.search import QueryError, concordance, find_in_text, search
from reader.search.query import parse

HOSTILE = ['"', '""', '"""', "AND", "OR", "NOT", "NEAR(", "NEAR(a b", "*", "(", ")", "C++", "", "   ", "-", "--",
           "- -", "-\"", "topic:", "author:", "title:x", ":", "^", "a AND OR", "{a b}", "'", "\\", "\x00", "\ud800",
           "ＡＮＤ", "“知识产权", "知识产权\"", "a" * 5000, "的" * 3000, "\n\t", "-的", "-\"的 法\"", "NEAR(的 法, 2)",
           "col:的", "知识产权 -知识产权", "*的*", "+", "%", "_", "'; DROP TABLE articles; --", "topic:\"\""]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries(seed_db, query: str) -> None:
    try:
        result = search(seed_db, query)
    except QueryError as exc:
        assert str(exc)  # a message for the user
    else:
        assert isinstance(result, list)
    assert isinstance(find_in_text("知识产权 AND 2023 C++ (NEAR", query), list)


def test_literal_operators_are_searched_as_text(seed_db) -> None:
    # "AND" is a word the seeds contain in lower case ("... and ..."); it must not act as an FTS operator.
    hits = search(seed_db, "AND", limit=None)
    assert hits and all(h.hits >= 1 for h in hits)
    assert search(seed_db, "(") and all(h.snippet_spans for h in search(seed_db, "("))


def test_blank_is_empty_and_syntax_only_is_an_error(seed_db) -> None:
    assert search(seed_db, "") == []
    assert search(seed_db, "  \t ") == []
    with pytest.raises(QueryError):
        search(seed_db, '"')
    with pytest.raises(QueryError, match="topic"):
        search(seed_db, "topic:")
    with pytest.raises(QueryError, match="order"):
        search(seed_db, "的", order="random")


def test_lone_quote_runs_to_the_end() -> None:
    assert parse('"知识 产权').terms == ["知识 产权"]
    assert parse('专利 "PCT  国际" -商标 topic:知识产权 author:刘').terms == ["专利", "pct 国际"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(), max_size=40)
       | st.lists(st.sampled_from(['"', "-", "(", ")", "*", "AND", "OR", "NEAR", ":", "topic:", "author:",
                                  "专利", "法", " ", "C++", "^", "２", "\x00"]), max_size=12).map("".join))
def test_search_never_raises_anything_but_query_error(seed_db, query: str) -> None:
    try:
        result = search(seed_db, query, limit=5)
    except QueryError:
        pass
    else:
        assert isinstance(result, list)
    try:
        assert isinstance(concordance(seed_db, query, limit=5), list)
    except QueryError:
        pass
    assert isinstance(find_in_text("专利法 C++ (a) AND 2023", query), list)
