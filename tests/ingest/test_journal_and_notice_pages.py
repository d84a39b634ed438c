"""A journal issue's pages and official notices (issue: splitting pages of other layouts). The two pages in
tests/ingest/pages/ were written for these tests in the shapes those sources take: a paper's running head, authors
with affiliation marks, 摘要/关键词, library data, 参考文献 and 收稿日期; a notice's document number, addressees,
特此通知 and the office and date that sign it."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest import lines as L
from reader.ingest.split import split_page
from reader.model import ParagraphKind as P

PAGES = Path(__file__).parent / "pages"


@pytest.mark.parametrize("line, kind", [
    ("知识产权  2024年第3期                    ·58·", L.Kind.FOLIO),
    ("·59·", L.Kind.FOLIO),
    ("中图分类号：D923.4    文献标识码：A    文章编号：1003-0476（2024）03-0058-10", L.Kind.CATALOG),
    ("摘  要：数据已成为新型生产要素。", L.Kind.EDITOR),
    ("【关键词】专利；商标", L.Kind.EDITOR),
    ("【关键词】", L.Kind.HEADLINE),  # the label alone heads a case's section
    ("（1. 中国人民大学法学院，北京 100872；2. 华东政法大学知识产权学院，上海 200042）", L.Kind.META),
    ("[1] 王浩.数据财产权的理论构造[J].法学研究,2023(2):45-62.", L.Kind.NOTE),
    ("收稿日期：2024-01-12", L.Kind.NOTE),
    ("张晓¹  李倩²", L.Kind.NAMES),
    ("张晓1，李倩2", L.Kind.NAMES),
    ("国知发运字〔2024〕12号", L.Kind.META),
    ("各省、自治区、直辖市知识产权局：", L.Kind.PROSE),  # addressees, not a kicker
    ("（此件主动公开）", L.Kind.NOTE),
])
def test_journal_and_notice_lines(line: str, kind: L.Kind) -> None:
    assert L.classify(line)[0] == kind


def test_a_journal_issue_splits_into_its_papers() -> None:
    page = split_page((PAGES / "journal_issue.txt").read_text(encoding="utf-8"))
    arts = page.articles
    assert [a.title for a in arts] == ["数据知识产权保护的制度逻辑与路径选择", "专利开放许可制度的实施效果评估"]
    assert arts[0].authors == ["张晓", "李倩"] and arts[1].authors == ["刘洋"]
    kinds = [p.kind for p in arts[0].paragraphs]
    # the affiliations are kept as a note; abstract and keywords lead in; the text starts at 一、
    assert kinds[:4] == [P.NOTE, P.EDITOR, P.EDITOR, P.HEADING]
    assert arts[0].paragraphs[0].text.startswith("（1. 中国人民大学法学院")
    assert kinds[-1] == P.NOTE and arts[0].paragraphs[-1].text.startswith("收稿日期")
    body = "".join(p.text for a in arts for p in a.paragraphs if p.kind == P.BODY)
    for furniture in ("2024年第3期", "·59·", "中图分类号", "参考文献", "[1]"):
        assert furniture not in body, furniture
    assert {f.text for f in page.furniture} >= {"·59·"}


def test_notices_split_at_their_signatures() -> None:
    page = split_page((PAGES / "notices.txt").read_text(encoding="utf-8"))
    arts = page.articles
    assert [a.title for a in arts] == [
        "国家知识产权局关于印发《专利转化运用专项行动工作要点》的通知",
        "国家知识产权局办公室关于开展2024年知识产权强市建设试点示范工作的通知",
    ]
    first = arts[0].paragraphs
    assert (first[0].kind, first[0].text) == (P.NOTE, "国知发运字〔2024〕12号")  # the document number is kept
    assert first[1].text.startswith("各省、自治区") and first[1].kind == P.BODY
    assert [p.text for p in first if p.kind == P.NOTE][1:3] == ["国家知识产权局", "2024年3月5日"]  # the signature
    assert [p.text for p in arts[1].paragraphs if p.kind == P.HEADING] == ["一、申报条件", "二、工作要求"]


def test_a_paper_titled_with_a_sentence_over_its_author_and_affiliation() -> None:
    page = "\n\n".join([
        "·76·",
        "为家庭生活消费购买汽车发生欺诈纠纷的，可以适用消费者权益保护法。",
        "王浩\n（国家知识产权局知识产权发展研究中心，北京 100088）",
        "摘  要：本文讨论家用汽车买卖中的欺诈认定。",
        "一、问题的提出",
        "　　原告购买的车辆在交付前曾经维修，销售者未如实告知，法院认定构成欺诈，判决退车并赔偿。",
    ])
    arts = split_page(page).articles
    assert [(a.title, a.authors) for a in arts] == [
        ("为家庭生活消费购买汽车发生欺诈纠纷的，可以适用消费者权益保护法。", ["王浩"])]


def test_a_documents_fields_are_its_text_but_a_colon_title_stays_a_title() -> None:
    assert L.classify("发文字号：国知发办函字〔2022〕54号")[0] == L.Kind.PROSE
    assert L.classify("发文日期：2022-04-12")[0] == L.Kind.PROSE
    assert L.classify("国家知识产权局：前三季度发明专利授权量增长15%")[0] == L.Kind.HEADLINE
