"""Newspaper conventions the splitter must read the same way on any page, in either script."""
from __future__ import annotations

import opencc
import pytest

from reader.ingest import lines as L
from reader.ingest.blocks import profile_and_blocks
from reader.ingest.split import split_page
from reader.model import ParagraphKind as P

BODY_1 = "今年以来，我省大力推进知识产权强省建设，专利转化运用成效明显，一批中小企业从中受益。"
BODY_2 = "据统计，全省已建成知识产权服务工作站一百余个，为企业提供专利导航、商标注册等服务。"


def _kinds(art) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(p.kind) for p in art.paragraphs]


@pytest.mark.parametrize("byline, names", [
    ("本报记者 王 浩", ["王浩"]),  # a two-character name spaced out to three
    ("本报记者　陈　静", ["陈静"]),
    ("记者 张三 李四", ["张三", "李四"]),
    ("国务院总理　李　强", ["李强"]),  # an official's post before the name
    ("文/图 欧阳明", ["欧阳明"]),
    ("□司马媛", ["司马媛"]),
])
def test_bylines_in_their_common_forms(byline: str, names: list[str]) -> None:
    (art,) = split_page(f"一个标题\n\n{byline}\n\n{BODY_1}\n\n{BODY_2}\n").articles
    assert art.title == "一个标题" and art.authors == names
    assert _kinds(art) == ["body", "body"]


@pytest.mark.parametrize("opening, dateline, names", [
    ("本报北京3月5日电（记者 陈 静）", "本报北京3月5日电（记者 陈 静）", ["陈静"]),
    ("本报讯（记者 刘洋）", "本报讯（记者 刘洋）", ["刘洋"]),
    ("新华社杭州5月3日电（记者温竞华、宋晨）", "新华社杭州5月3日电（记者温竞华、宋晨）", ["温竞华", "宋晨"]),
    ("中新网 7月18日电 ", "中新网 7月18日电", []),
    ("央视网消息（新闻联播）：", "央视网消息（新闻联播）：", []),
])
def test_datelines_become_their_own_paragraph_and_name_the_authors(opening: str, dateline: str,
                                                                     names: list[str]) -> None:
    (art,) = split_page(f"一个标题\n\n{opening}{BODY_1}\n\n{BODY_2}\n").articles
    assert _kinds(art) == ["dateline", "body", "body"]
    assert art.paragraphs[0].text == dateline and art.paragraphs[1].text == BODY_1
    assert art.authors == names


def test_a_source_attribution_is_not_a_dateline() -> None:
    (art,) = split_page(f"一个标题\n\n据新华社电 {BODY_1}\n").articles
    assert _kinds(art) == ["body"] and art.paragraphs[0].text.startswith("据新华社电")


def test_a_work_report_keeps_its_title_byline_salutation_and_sections() -> None:
    text = ("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理　李　强\n\n各位代表：\n\n"
            f"现在，我代表国务院，向大会报告政府工作，请予审议。\n\n一、2023年工作回顾\n\n{BODY_1}\n\n"
            f"（一）大力推进现代化产业体系建设，加快发展新质生产力。\n\n{BODY_2}\n\n二、2024年政府工作任务\n\n{BODY_1}\n")
    (art,) = split_page(text).articles
    assert (art.title, art.subtitle, art.authors) == ("政府工作报告", "——2024年3月5日在第十四届全国人民代表大会第二次会议上",
                                                      ["李强"])
    assert art.paragraphs[0] .text == "各位代表：" and art.paragraphs[0].kind == P.BODY
    assert art.sections == ["一、2023年工作回顾", "二、2024年政府工作任务"]


def test_list_items_are_body_not_headings() -> None:
    text = ("关于促进专利转化的若干规定\n\n第一条 为促进专利转化运用，制定本规定。\n\n第二条 下列情形适用本规定：\n\n"
            "（一）高校和科研机构的职务发明；\n\n（二）国有企业的专利；\n\n（三）其他情形。\n\n"
            "1. 恶意抢注与党的重要会议相同或者近似标志的；\n\n② 大量申请注册与公共文化资源相同标志的；\n")
    (art,) = split_page(text).articles
    assert art.sections == []
    assert all(p.kind == P.BODY for p in art.paragraphs)


def test_jump_lines_are_furniture_and_the_cut_is_rejoined() -> None:
    text = (f"一个标题\n\n本报记者 王浩\n\n{BODY_1}国家知识产权局有关负责人介绍，今年将进一步\n\n（下转第2版）\n\n"
            "2024年3月5日 星期二 第2版\n\n（上接第1版）\n\n完善专利转化运用激励机制。\n")
    page = split_page(text)
    (art,) = page.articles
    assert art.paragraphs[-1].text.endswith("今年将进一步完善专利转化运用激励机制。")
    assert [f.kind for f in page.furniture] == ["jump", "banner", "jump"]


def test_a_heading_that_interrupts_no_sentence_and_a_cut_word_are_told_apart() -> None:
    text = ("一个标题\n\n本报记者 王浩\n\n国家知识产权局有关负责人表\n\n示，随着市场竞争日益激烈，企业对专利的需求持续增长。\n\n"
            f"强化知识产权服务\n\n{BODY_2}\n")
    (art,) = split_page(text).articles
    assert art.sections == ["强化知识产权服务"]
    assert art.paragraphs[0].text.startswith("国家知识产权局有关负责人表示，随着")


def test_traditional_script_works_like_simplified() -> None:
    simplified = (f"知识产权保护持续加强\n\n本报记者 张三\n\n{BODY_1}\n\n{BODY_2}\n\n责任编辑：李四\n\n"
                  f"专利转化运用成效明显\n\n新华社北京4月24日电（记者温竞华、宋晨）{BODY_2}\n\n（完）\n\n"
                  f"中小企业获得更多支持\n\n{BODY_1}\n")
    traditional = opencc.OpenCC("s2t").convert(simplified)
    assert "本報記者" in traditional and "責任編輯" in traditional and "電" in traditional
    a, b = split_page(simplified), split_page(traditional)
    assert len(a.articles) == len(b.articles) == 3
    t2s = opencc.OpenCC("t2s").convert
    assert [t2s(x.title) for x in b.articles] == [x.title for x in a.articles]
    assert [[t2s(n) for n in x.authors] for x in b.articles] == [x.authors for x in a.articles]
    assert [_kinds(x) for x in b.articles] == [_kinds(x) for x in a.articles]
    assert [f.kind for f in b.furniture] == [f.kind for f in a.furniture]


def test_pdf_column_text_is_reflowed() -> None:
    """Hard-wrapped every 18 cells, paragraphs opened by 　　, no blank lines, a folio on top."""
    para = ("　　国家知识产权局数据显示，2024年我国通过PCT途径提交的国际专利申请达到7.3万件，同比增长2.5%，"
            "连续多年位居世界前列，专利质量稳步提升。")
    second = "　　专家认为，知识产权保护水平的提升为创新型企业营造了良好环境，激发了市场主体的创新活力。"

    def wrap(text: str, width: int = 18) -> list[str]:
        out, cur, cells = [], "", 0.0
        for ch in text:
            w = 0.5 if ord(ch) < 0x2E80 else 1.0
            if cells + w > width:
                out.append(cur)
                cur, cells = "", 0.0
            cur += ch
            cells += w
        return out + [cur]

    lines = ["2024年3月5日 星期二 第3版", "我国国际专利申请稳步增长", "本报记者 王浩",
             *wrap(para), *wrap(second), *wrap(para), *wrap(second)]
    profile, _ = profile_and_blocks("\n".join(lines))
    assert profile.wrap == 18 and profile.indented
    page = split_page("\n".join(lines) + "\n")
    (art,) = page.articles
    assert art.title == "我国国际专利申请稳步增长" and art.authors == ["王浩"]
    assert [p.text for p in art.paragraphs] == [para.strip(), second.strip()] * 2
    assert [f.kind for f in page.furniture] == ["banner"]


def test_latin_words_and_numbers_cut_by_a_wrap_are_glued_whole() -> None:
    from reader.ingest.blocks import _glue

    assert _glue("通过PC", "T途径") == "通过PCT途径"
    assert _glue("增长2.", "5%") == "增长2.5%"
    assert _glue("called intellectual", "property") == "called intellectual property"
    assert _glue("inno-", "vation") == "innovation"
    assert _glue("知识产", "权") == "知识产权"


def test_a_question_turn_under_a_heading_keeps_the_interview_together() -> None:
    text = ("企业如何用好知识产权\n\n本报记者 王浩\n\n本期主持：王浩\n\n利用大数据技术指导研发方向\n\n"
            "主持人：企业如何利用新技术？\n\n李劲松：首先，企业要利用好知识产权大数据。\n\n"
            "从人、财、物保障知识产权建设\n\n主持人：企业应从哪几个方面入手？\n\n庄勤勤：首先，要明确知识产权权属。\n")
    (art,) = split_page(text).articles
    assert art.sections == ["利用大数据技术指导研发方向", "从人、财、物保障知识产权建设"]


def test_confidence_is_certain_for_bylined_articles_and_lower_for_a_guess() -> None:
    certain = split_page(f"标题甲\n\n本报记者 王浩\n\n{BODY_1}\n\n标题乙\n\n本报记者 李倩\n\n{BODY_2}\n")
    assert [a.confidence for a in certain.articles] == [1.0, 1.0]
    guess = split_page(f"标题甲\n\n本报记者 王浩\n\n{BODY_1}\n\n这里是一个小标题\n\n{BODY_2}\n")
    assert 0.5 <= min(a.confidence for a in guess.articles) < 1.0


def test_line_classification_in_both_scripts() -> None:
    for text, kind in [("（下转第2版）", L.Kind.JUMP), ("（上接第1版）", L.Kind.JUMP), ("（完）", L.Kind.SIGNOFF),
                       ("（记者 张晓）", L.Kind.SIGNOFF), ("【编辑:叶攀】", L.Kind.SIGNOFF), ("（谢文）", L.Kind.SIGNOFF),
                       ("責任編輯：李四", L.Kind.STAFF), ("本報記者 張三", L.Kind.BYLINE), ("各位代表！", L.Kind.PROSE),
                       ("综合  2025年8月8日 星期五", L.Kind.FOLIO), ("第7版：版权    2024.07.12", L.Kind.FOLIO),
                       ("▲高空坠物由侵权人承担赔偿责任", L.Kind.MARKED), ("新闻热线：010-820015", L.Kind.CONTACT),
                       ("1984年3月12日 第六届全国人民代表大会常务委员会第四次会议通过", L.Kind.PROSE)]:
        assert L.classify(text)[0] == kind, text
