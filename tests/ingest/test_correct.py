"""Corrections on a parsed page (pure): each action, where it finds its place again, and when it refuses."""
from __future__ import annotations

import pytest

from reader.ingest import correct
from reader.ingest.correct import Action, Anchor, Correction, CorrectionError, Outcome
from reader.model import Furniture, Paragraph, ParsedArticle


def body(text: str, line: int = 0) -> Paragraph:
    return Paragraph("body", text, line, line)


def page() -> list[ParsedArticle]:
    return [
        ParsedArticle("专利转化运用提速", authors=["王浩"], paragraphs=[
            body("国家知识产权局日前发布数据显示，专利转化运用持续提速。", 3),
            Paragraph("heading", "中小企业受益明显", 4, 4),
            body("截至今年6月底，全国专精特新中小企业有效发明专利增长两成。", 5),
            body("图为工作人员在检测设备。", 6),
            body("记者了解到，多地还将推出知识产权质押融资", 7),
            body("新产品，进一步降低企业融资成本。", 8),
        ], line_start=1, line_end=8, confidence=0.6),
        ParsedArticle("数据知识产权登记试点扩围", paragraphs=[
            body("本报讯 数据知识产权登记试点地方增至17个。", 10),
            body("试点地方累计颁发登记证书超过两万份。", 11),
        ], line_start=9, line_end=11),
    ]


def test_split_at_a_heading_makes_it_the_new_title() -> None:
    corr, result = correct.make(page(), [], Action.SPLIT, 0, 1)
    first, new, second = result.articles
    assert [p.text[:4] for p in first.paragraphs] == ["国家知识"]
    assert new.title == "中小企业受益明显" and new.paragraphs[0].text.startswith("截至今年")
    assert new.line_start == 4 and first.line_end == 3 and second.title == "数据知识产权登记试点扩围"
    assert result.origin == [0, None, 1]  # the first half stays the article it was; the new one is new
    assert corr.anchor == Anchor("中小企业受益明显", "国家知识产权局日前发布数据显示，专利转化运用持续提速。"[-16:])
    assert first.confidence == new.confidence == 1.0  # a reader looked at it


def test_split_at_body_text_takes_the_given_title_or_its_first_words() -> None:
    _, result = correct.make(page(), [], Action.SPLIT, 0, 2, title="专精特新企业专利增长")
    assert result.articles[1].title == "专精特新企业专利增长"
    assert result.articles[1].paragraphs[0].text.startswith("截至今年6月底")  # the paragraph stays text
    _, result = correct.make(page(), [], Action.SPLIT, 0, 2)
    assert result.articles[1].title == "截至今年6月底"


def test_merge_keeps_the_title_as_a_section_heading_and_the_authors() -> None:
    _, result = correct.make(page(), [], Action.MERGE, 1)
    (merged,) = result.articles
    assert merged.title == "专利转化运用提速" and result.origin == [0]
    assert [p.text for p in merged.paragraphs if p.kind == "heading"] == ["中小企业受益明显", "数据知识产权登记试点扩围"]
    assert merged.paragraphs[-1].text == "试点地方累计颁发登记证书超过两万份。" and merged.line_end == 11


def test_split_then_merge_gives_back_the_page_text() -> None:
    arts = page()
    text = [p.text for a in arts for p in a.paragraphs]
    corr, split = correct.make(arts, [], Action.SPLIT, 0, 1)
    _, merged = correct.make(split.articles, [], Action.MERGE, 1)
    assert [p.text for a in merged.articles for p in a.paragraphs] == text
    assert [a.title for a in merged.articles] == [a.title for a in arts]


def test_title_and_untitle() -> None:
    _, result = correct.make(page(), [], Action.TITLE, 1, 0)
    art = result.articles[1]
    assert art.title.startswith("本报讯") and art.paragraphs[0].text == "数据知识产权登记试点扩围"
    _, result = correct.make(page(), [], Action.UNTITLE, 1)
    art = result.articles[1]
    assert art.title == "" and art.paragraphs[0].text == "数据知识产权登记试点扩围" and len(art.paragraphs) == 3


def test_furniture_leaves_the_text_and_rejoins_what_it_cut() -> None:
    arts = page()
    arts[0].paragraphs[3:5] = [body("记者了解到，多地还将推出知识产权质押融资", 6), body("图为工作人员在检测设备。", 7),
                               body("新产品，进一步降低企业融资成本。", 8)]
    _, result = correct.make(arts, [Furniture("banner", "知识产权报")], Action.FURNITURE, 0, 4, kind="caption")
    texts = [p.text for p in result.articles[0].paragraphs]
    assert "记者了解到，多地还将推出知识产权质押融资新产品，进一步降低企业融资成本。" in texts
    assert result.furniture[-1] == Furniture("caption", "图为工作人员在检测设备。", 7)


@pytest.mark.parametrize(("action", "article", "paragraph", "message"), [
    (Action.SPLIT, 0, 0, "already opens"),
    (Action.SPLIT, 0, 99, "no paragraph 99"),
    (Action.SPLIT, 5, 1, "no article 5"),
    (Action.MERGE, 0, -1, "first article"),
    (Action.TITLE, 0, -3, "no paragraph -3"),
    (Action.FURNITURE, 0, 1, None),  # fine: a heading can be furniture
])
def test_bad_requests_say_why_and_change_nothing(action: Action, article: int, paragraph: int,
                                                 message: str | None) -> None:
    arts = page()
    before = [(a.title, [p.text for p in a.paragraphs]) for a in arts]
    if message is None:
        correct.make(arts, [], action, article, paragraph)
    else:
        with pytest.raises(CorrectionError, match=message):
            correct.make(arts, [], action, article, paragraph)
    assert [(a.title, [p.text for p in a.paragraphs]) for a in arts] == before  # inputs never modified


def test_a_single_paragraph_article_cannot_lose_its_paragraph() -> None:
    arts = [ParsedArticle("标题", paragraphs=[body("唯一的一段。")])]
    for action in (Action.TITLE, Action.FURNITURE):
        with pytest.raises(CorrectionError):
            correct.make(arts, [], action, 0, 0)


def test_a_correction_finds_its_text_again_when_the_page_around_it_changed() -> None:
    corr, _ = correct.make(page(), [], Action.SPLIT, 0, 1)
    edited = page()
    edited.insert(0, ParsedArticle("新增的头条", paragraphs=[body("一段新加的文字。")]))
    result = correct.apply_all(edited, [], [corr])
    assert result.outcomes == [Outcome.APPLIED]
    assert [a.title for a in result.articles] == ["新增的头条", "专利转化运用提速", "中小企业受益明显", "数据知识产权登记试点扩围"]
    assert result.origin == [0, 1, None, 2]


def test_gone_text_is_stale_and_agreeing_splitter_is_already() -> None:
    corr, split = correct.make(page(), [], Action.SPLIT, 0, 1)
    edited = page()
    del edited[0].paragraphs[1]  # the heading was edited out of the file
    assert correct.apply_all(edited, [], [corr]).outcomes == [Outcome.STALE]
    again = correct.apply_all(split.articles, [], [corr])  # a better splitter now splits there itself
    assert again.outcomes == [Outcome.ALREADY] and len(again.articles) == 3


def test_repeated_text_is_told_apart_by_what_comes_before() -> None:
    arts = [ParsedArticle("案例一", paragraphs=[body("案情简介。"), Paragraph("heading", "基本案情"), body("甲公司诉乙公司。")]),
            ParsedArticle("案例二", paragraphs=[body("另一案情。"), Paragraph("heading", "基本案情"), body("丙公司诉丁公司。")])]
    corr, _ = correct.make(arts, [], Action.SPLIT, 1, 1)
    result = correct.apply_all(arts, [], [corr])
    assert [a.title for a in result.articles] == ["案例一", "案例二", "基本案情"]
    assert result.articles[2].paragraphs[0].text == "丙公司诉丁公司。"


def test_text_that_repeats_with_the_same_neighbours_is_refused() -> None:
    arts = [ParsedArticle("甲", paragraphs=[body("同样的话。"), Paragraph("heading", "小结"), body("同样的话。")]),
            ParsedArticle("乙", paragraphs=[body("同样的话。"), Paragraph("heading", "小结"), body("同样的话。")])]
    arts[1].title = "甲"
    with pytest.raises(CorrectionError, match="repeats"):
        correct.make(arts, [], Action.SPLIT, 0, 1)


def test_corrections_compose_in_order() -> None:
    c1, r1 = correct.make(page(), [], Action.SPLIT, 0, 1)
    c2, r2 = correct.make(r1.articles, r1.furniture, Action.FURNITURE, 1, 1)
    c3, r3 = correct.make(r2.articles, r2.furniture, Action.MERGE, 2)
    result = correct.apply_all(page(), [], [c1, c2, c3])
    assert result.outcomes == [Outcome.APPLIED] * 3
    assert [(a.title, [p.text for p in a.paragraphs]) for a in result.articles] == \
        [(a.title, [p.text for p in a.paragraphs]) for a in r3.articles]
    assert result.origin == [0, None]


def test_unknown_anchor_of_any_action_is_stale_not_applied_elsewhere() -> None:
    for action in Action:
        corr = Correction(action, Anchor("这段文字从来不在这一页上出现过"))
        result = correct.apply_all(page(), [], [corr])
        assert result.outcomes == [Outcome.STALE]
        assert [a.title for a in result.articles] == ["专利转化运用提速", "数据知识产权登记试点扩围"]
