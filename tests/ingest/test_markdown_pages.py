"""Articles clipped as Markdown (issue: splitting pages of other layouts): `#` and underlined (=====) titles,
`> 来源：…` quotes under a title, rules between articles (---, * * *), 原文链接 lines. The page in
tests/ingest/pages/ was written for the test."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest import lines as L
from reader.ingest.split import split_page
from reader.model import ParagraphKind as P

PAGE = (Path(__file__).parent / "pages" / "markdown_clippings.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("line, kind", [
    ("---", L.Kind.RULE), ("* * *", L.Kind.RULE), ("=====", L.Kind.RULE), ("————", L.Kind.RULE),
    ("——", L.Kind.SUBTITLE),  # a dash the wrap pushed down is not a rule
    ("> 来源：新华网 | 2024-10-16", L.Kind.NOTE),
    ("原文链接：https://www.example.com/a/123.html", L.Kind.NOTE),
    ("https://www.example.com/a/123.html", L.Kind.NOTE),
])
def test_markdown_lines(line: str, kind: L.Kind) -> None:
    assert L.classify(line)[0] == kind


def test_clippings_split_at_their_titles_and_rules() -> None:
    page = split_page(PAGE)
    arts = page.articles
    assert [a.title for a in arts] == ["前三季度我国发明专利授权量稳步增长", "知识产权公共服务体系加快完善",
                                       "专利开放许可制度实施效果显现"]
    first = arts[0].paragraphs
    assert (first[0].kind, first[0].text) == (P.NOTE, "来源：国家知识产权局 | 2024-10-15")  # kept, nothing glued
    assert [p.kind for p in first[1:]] == [P.BODY, P.BODY]
    assert arts[1].paragraphs[-1].text.startswith("原文链接")
    assert [len(a.paragraphs) for a in arts] == [3, 3, 2]
    assert {f.text for f in page.furniture} == {"---", "* * *", "============================="}
