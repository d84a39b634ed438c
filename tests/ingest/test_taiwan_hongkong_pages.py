"""Taiwan's and Hong Kong's conventions (issue: splitting pages of other publishers): the CNA dateline
（中央社記者王浩台北5日電）, the Liberty Times' 〔記者陳靜／新竹報導〕, a 記者…／…報導 byline, CNA's sign-off
（編輯：李倩）1130105, 【明報專訊】. The page is written for the test in traditional script."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest import lines as L
from reader.ingest.split import split_page
from reader.model import ParagraphKind as P

PAGE = (Path(__file__).parent / "pages" / "taiwan_news.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("text, dateline, names", [
    ("（中央社記者王浩台北5日電）經濟部智慧財產局今天公布統計資料。", "（中央社記者王浩台北5日電）", ["王浩"]),
    ("（中央社記者王大明東京5日電）日本特許廳今天公布統計資料。", "（中央社記者王大明東京5日電）", ["王大明"]),
    ("〔記者陳靜／新竹報導〕台積電去年在台專利申請量再度居冠。", "〔記者陳靜／新竹報導〕", ["陳靜"]),
    ("【明報專訊】特區政府今日公布知識產權署的年度報告。", "【明報專訊】", []),
])
def test_datelines(text: str, dateline: str, names: list[str]) -> None:
    found = L.dateline(text)
    assert found is not None and found[:2] == (dateline, names)


def test_a_taiwan_news_page() -> None:
    arts = split_page(PAGE).articles
    assert [(a.title, a.authors) for a in arts] == [
        ("智慧財產局：去年發明專利申請量創新高", ["王浩"]),
        ("台積電專利申請連續8年居冠", ["陳靜"]),
        ("中小企業智財保護\u3000政府推輔導方案", ["張晓"]),
    ]
    assert arts[0].paragraphs[0].kind == P.DATELINE and arts[0].paragraphs[-1].kind == P.NOTE
    assert all(p.kind != P.HEADING for a in arts for p in a.paragraphs)
