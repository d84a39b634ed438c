"""Snippets, highlight spans, hit counts and find_in_text."""
from __future__ import annotations

from reader.search import find_in_text, normalize, search
from reader.search.snippets import make_snippet

from .conftest import article_texts


def test_snippet_spans_point_at_the_terms(seed_db) -> None:
    for query, terms in [("专利法", ["专利法"]), ("知识产权 中小企业", ["知识产权", "中小企业"]),
                         ("２０２３", ["2023"]), ("pct", ["pct"]), ('"PCT 国际"', ["pct 国际"])]:
        hits = search(seed_db, query, limit=None)
        assert hits
        for h in hits:
            assert h.snippet_spans, (query, h.snippet)
            for s, e in h.snippet_spans:
                assert normalize(h.snippet[s:e]) in terms
            assert len(h.snippet) <= 80 + 2 + 40


def test_hits_count_every_occurrence(seed_db) -> None:
    texts = article_texts(seed_db)
    for h in search(seed_db, "知识产权", limit=None):
        assert h.hits == sum(f.count("知识产权") for f in texts[h.id])


def test_find_in_text_spans_and_rules() -> None:
    text = "２０２３年，PCT申请增长；专利法修改。PCT 国际"
    assert [text[s:e] for s, e in find_in_text(text, "2023")] == ["２０２３"]
    assert [text[s:e] for s, e in find_in_text(text, "pct")] == ["PCT", "PCT"]
    assert [text[s:e] for s, e in find_in_text(text, "法 -专利 topic:x")] == ["法"]
    assert [text[s:e] for s, e in find_in_text(text, '"pct 国际"')] == ["PCT 国际"]
    assert find_in_text(text, "专利 专利法") == [(14, 17)]  # overlapping terms merge into one highlight
    assert find_in_text(text, "") == [] and find_in_text(text, "topic:") == []


def test_find_in_text_maps_expanding_characters_back() -> None:
    # NFKC turns ㈱ into "(株)" and ﬁ into "fi": offsets must still be offsets into the original text.
    text = "甲㈱乙ﬁle"
    assert [text[s:e] for s, e in find_in_text(text, "株")] == ["㈱"]
    assert [text[s:e] for s, e in find_in_text(text, "file")] == ["ﬁle"]
    assert [text[s:e] for s, e in find_in_text(text, "乙")] == ["乙"]


def test_make_snippet_window() -> None:
    text = "甲" * 100 + "专利" + "乙" * 100
    snippet, spans = make_snippet(text, [(100, 102)], width=40)
    assert snippet.startswith("…") and snippet.endswith("…")
    (s, e), = spans
    assert snippet[s:e] == "专利"
    short, spans = make_snippet("专利法", [(0, 2)])
    assert short == "专利法" and spans == [(0, 2)]
