"""split_page on pages shaped unlike the seeds, and line classification."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest import lines as L
from reader.ingest.split import split_page

FLAT = """我市出台促进中小企业发展十条措施
本报记者 张明 通讯员 李华
日前，我市印发《关于促进中小企业高质量发展的若干措施》，从融资、用地、人才等方面提出十条具体举措。
措施明确，对首次认定的专精特新企业给予一次性奖励，并在贷款贴息、担保费补助等方面予以
倾斜支持。
强化知识产权服务
市场监管部门将建立知识产权服务站，为企业提供专利导航、商标注册和维权援助等服务。
据介绍，今年以来全市新增科技型中小企业一千余家。
高校科技成果转化提速
王芳
近年来，我省高校科技成果转化数量和金额持续增长，一批成果在中小企业落地。
专家认为，应进一步完善赋权改革，打通成果转化“最后一公里”。
"""

BRIEFS = """我国专利密集型产业增加值稳步增长

据新华社电 国家知识产权局日前发布数据显示，2022年全国专利密集型产业增加值达到15.3万亿元。

该数据较上年增长7.2%，占国内生产总值的比重为12.71%。

首批数据知识产权登记证书颁发

本报讯（记者 陈晨）近日，首批数据知识产权登记证书在北京颁发，涉及多个行业领域。

多地推出知识产权质押融资新产品

本报讯 多家银行近期推出知识产权质押融资新产品，进一步缓解科技型中小企业融资难题。

商标注册审查周期缩短至4个月

据新华社电 国家知识产权局表示，商标注册平均审查周期已缩短至4个月。
"""

WEATHER = """科技赋能农业生产提质增效

本报记者 刘洋

今年以来，我省大力推广智慧农业技术，农业生产效率明显提升。

据统计，全省已建成数字农业示范基地一百余个。

天气预报

北京 晴 18℃～28℃

上海 多云 22℃～30℃

广州 雷阵雨 25℃～33℃
"""

LAW = """中华人民共和国专利法
（1984年3月12日第六届全国人民代表大会常务委员会第四次会议通过）
第一章 总则
第一条 为了保护专利权人的合法权益，鼓励发明创造，推动发明创造的应用，提高创新能力，促进科学技术进步和经济社会发展，制定本法。
第二条 本法所称的发明创造是指发明、实用新型和外观设计。
第三条 国务院专利行政部门负责管理全国的专利工作；统一受理和审查专利申请，依法授予专利权。
第二章 授予专利权的条件
第二十二条 授予专利权的发明和实用新型，应当具备新颖性、创造性和实用性。
第二十三条 授予专利权的外观设计，应当不属于现有设计。
"""


def test_one_paragraph_per_line_without_blank_lines():
    page = split_page(FLAT)
    assert [a.title for a in page.articles] == ["我市出台促进中小企业发展十条措施", "高校科技成果转化提速"]
    first, second = page.articles
    assert first.authors == ["张明", "李华"]
    assert second.authors == ["王芳"]
    assert first.sections == ["强化知识产权服务"]
    assert [p.kind for p in first.paragraphs] == ["body", "body", "heading", "body", "body"]
    assert "予以倾斜支持。" in first.paragraphs[1].text  # a line cut mid-sentence is still rejoined
    assert (first.paragraphs[1].line_start, first.paragraphs[1].line_end) == (4, 5)
    assert len(second.paragraphs) == 2


def test_many_short_news_items():
    page = split_page(BRIEFS)
    assert [a.title for a in page.articles] == [
        "我国专利密集型产业增加值稳步增长",
        "首批数据知识产权登记证书颁发",
        "多地推出知识产权质押融资新产品",
        "商标注册审查周期缩短至4个月",
    ]
    assert [[str(p.kind) for p in a.paragraphs] for a in page.articles] == [
        ["body", "body"], ["dateline", "body"], ["dateline", "body"], ["body"],
    ]
    # 本报讯（记者 陈晨） is the item's dateline and names its author; 据新华社电 says where the news came from
    # and stays in the text
    assert [a.paragraphs[0].text for a in page.articles[1:3]] == ["本报讯（记者 陈晨）", "本报讯"]
    assert page.articles[1].authors == ["陈晨"]
    assert page.articles[1].paragraphs[1].text.startswith("近日，首批")
    assert page.articles[0].paragraphs[0].text.startswith("据新华社电 ")


def test_short_items_closed_by_sign_offs():
    text = (
        "科技馆新馆开放\n\n市科技馆新馆昨日正式对外开放，首日接待观众三千余人次。（李明）\n\n"
        "专利代办处挂牌\n\n国家知识产权局专利局代办处在我市挂牌运行。（完）\n\n"
        "夜市经济升温\n\n入夏以来，各大夜市人气旺盛，消费活力持续释放。\n"
    )
    page = split_page(text)
    assert [a.title for a in page.articles] == ["科技馆新馆开放", "专利代办处挂牌", "夜市经济升温"]
    assert page.articles[0].authors == ["李明"]


def test_weather_box_is_furniture():
    page = split_page(WEATHER)
    assert len(page.articles) == 1
    art = page.articles[0]
    assert art.title == "科技赋能农业生产提质增效" and art.authors == ["刘洋"]
    assert [p.kind for p in art.paragraphs] == ["body", "body"]
    assert [f.text for f in page.furniture] == ["天气预报", "北京 晴 18℃～28℃", "上海 多云 22℃～30℃", "广州 雷阵雨 25℃～33℃"]
    assert {f.kind for f in page.furniture} == {"other"}


def test_law_is_one_article_with_chapters():
    page = split_page(LAW)
    assert len(page.articles) == 1
    art = page.articles[0]
    assert art.title == "中华人民共和国专利法"
    assert art.sections == ["第一章 总则", "第二章 授予专利权的条件"]
    articles = [p.text for p in art.paragraphs if p.kind == "body" and p.text.startswith("第")]
    assert len(articles) == 5 and all(t.endswith("。") for t in articles)


def test_page_header_and_staff_lines_are_furniture():
    text = (
        "2024年9月26日 星期四 第3版\n\n区域经济\n\n我省数字经济规模突破万亿\n\n本报记者 孙琳\n\n"
        "今年上半年，我省数字经济规模持续扩大。\n\n责任编辑：王小红\n"
    )
    page = split_page(text)
    (art,) = page.articles
    assert (art.kicker, art.title, art.authors) == ("区域经济", "我省数字经济规模突破万亿", ["孙琳"])
    assert [(f.kind, f.text) for f in page.furniture] == [
        ("banner", "2024年9月26日 星期四 第3版"), ("other", "责任编辑：王小红"),
    ]


def test_one_huge_line_is_one_body_paragraph():
    line = "# " + "知识产权保护工作关系国家治理体系和治理能力现代化。" * 4000
    (art,) = split_page(line).articles
    assert [p.kind for p in art.paragraphs] == ["body"] and art.paragraphs[0].text == line


def test_empty_and_prose_only_pages():
    assert split_page("").articles == []
    assert split_page("\n\n  \n").furniture == []
    page = split_page("这是一段没有标题的文字。\n\n这是第二段。\n")
    assert len(page.articles) == 1 and page.articles[0].title == ""
    assert [p.text for p in page.articles[0].paragraphs] == ["这是一段没有标题的文字。", "这是第二段。"]


def test_editor_note_after_title_belongs_to_article():
    text = "数据要素赋能实体经济\n\n□王小明\n\n编者按 数据已成为新型生产要素。\n\n正文第一段。\n"
    (art,) = split_page(text).articles
    assert art.editor_note == "编者按 数据已成为新型生产要素。"
    assert [p.kind for p in art.paragraphs] == ["editor", "body"]


def test_displaced_markdown_titles():
    text = (
        "□张三\n\n正文第一段写到一半，因为版面\n\n# 文章甲的标题\n\n原因被截断了。\n\n（作者单位：某大学）\n\n"
        "□李四\n\n第二篇正文写完了。\n\n# 文章乙的标题\n"
    )
    first, second = split_page(text).articles
    assert (first.title, first.authors) == ("文章甲的标题", ["张三"])
    assert [(p.kind, p.text) for p in first.paragraphs] == [
        ("body", "正文第一段写到一半，因为版面原因被截断了。"), ("note", "（作者单位：某大学）"),
    ]
    assert (second.title, second.authors, second.line_end) == ("文章乙的标题", ["李四"], 15)


def test_markdown_title_with_byline_starts_an_article():
    text = "# 标题一\n\n□王五\n\n第一篇。\n\n# 标题二\n\n——副题\n\n□赵六\n\n第二篇。\n"
    page = split_page(text)
    assert [(a.title, a.subtitle, a.authors) for a in page.articles] == [
        ("标题一", None, ["王五"]), ("标题二", "——副题", ["赵六"]),
    ]


def test_heading_is_never_glued_and_real_end_never_glued():
    text = "标题甲\n\n本报记者 赵一\n\n第一段写完了。\n\n小节标题\n\n第二段也写完了。\n"
    (art,) = split_page(text).articles
    assert [(p.kind, p.text) for p in art.paragraphs] == [
        ("body", "第一段写完了。"), ("heading", "小节标题"), ("body", "第二段也写完了。"),
    ]


# --- property: a cut paragraph comes back whole, and nothing else is glued --------------------------------

_CLAUSE = st.text(alphabet="知识产权新质生产力企业发展创新制度保护改革高质量", min_size=4, max_size=18)
_SENTENCE = st.lists(_CLAUSE, min_size=2, max_size=4).map(lambda cs: "，".join(cs) + "。")
_PARAGRAPH = st.lists(_SENTENCE, min_size=2, max_size=6).map("".join)


@st.composite
def _cut_page(draw):
    """A titled page whose paragraphs are cut at random points, pieces separated by 1–3 blank lines."""
    paragraphs = draw(st.lists(_PARAGRAPH, min_size=1, max_size=5))
    out = ["知识产权工作综述", "", "本报记者 周明", ""]
    for para in paragraphs:
        pieces, rest = [], para
        # Cut mid-sentence (a cut after 。 would be a real paragraph end), and keep the first piece longer than a
        # headline, long ones included, so that it cannot be read as a section heading or a title.
        while len(rest) > L.LONG_HEADLINE_MAX + 3 and draw(st.booleans()):
            cut = draw(st.integers(min_value=L.LONG_HEADLINE_MAX + 2, max_value=len(rest) - 1))
            if rest[cut - 1] in "。，":
                cut -= 1
            pieces.append(rest[:cut])
            rest = rest[cut:]
        pieces.append(rest)
        for piece in pieces:
            out.append(piece)
            out.extend([""] * draw(st.integers(min_value=1, max_value=3)))
    return "\n".join(out), paragraphs


@settings(max_examples=40, deadline=None)
@given(_cut_page())
def test_cut_paragraphs_come_back_whole(case):
    text, paragraphs = case
    (art,) = split_page(text).articles
    assert art.title == "知识产权工作综述" and art.authors == ["周明"]
    assert [p.text for p in art.paragraphs] == paragraphs


# --- lines -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("# 知识产权与产业协同激发新质生产力潜能", L.Kind.MD_TITLE),
        ("## 河北省中小微企业发展成效显著", L.Kind.MD_HEADING),
        ("□时润哲 秦明玉", L.Kind.BYLINE),
        ("焦宇炜 杜远红 本报记者 王有强", L.Kind.BYLINE),
        ("袁则文 秦淑娟", L.Kind.NAMES),
        ("——评《高等教育、人才资源流动与区域可持续发展》一书", L.Kind.SUBTITLE),
        ("——“加强知识产权保护工作顶层设计。”", L.Kind.PROSE),
        ("五部门联合推动——", L.Kind.KICKER),
        ("全国政协委员王斌：", L.Kind.KICKER),
        ("本期话题:知识产权如何赋能新质生产力,助力产业提质升级?", L.Kind.TOPIC),
        ("记者手记", L.Kind.COLUMN),
        ("委员观察", L.Kind.COLUMN),
        ("(作者单位：上海对外经贸大学马克思主义学院)", L.Kind.NOTE),
        ("（来源：《求是》2021 年第 3 期）", L.Kind.NOTE),
        ("※这是习近平总书记讲话的主要部分。", L.Kind.NOTE),
        ("投稿邮箱：hbjrbll@163.com", L.Kind.CONTACT),
        ("视觉中国", L.Kind.CREDIT),
        ("创新是助推企业发展的“主引擎”。图为参观者在拍摄。(郭剑平 摄)", L.Kind.CAPTION),
        ("保护知识产权就是保护创新\t9", L.Kind.TOC),
        ("目 录", L.Kind.TOC_HEAD),
        ("主持人:企业如何利用新技术发展自身的知识产权?", L.Kind.QUESTION),
        ("本期主持:郭剑平", L.Kind.HOST),
        ("嘉宾名片:", L.Kind.GUESTS),
        ("一、加强知识产权保护，为科技自立自强保驾护航", L.Kind.NUMBERED),
        ("据新华社电 记者10日从中国汽车工业协会获悉,今年1至8月。", L.Kind.DATELINE),
        ("保护知识产权为何如此重要？", L.Kind.HEADLINE),
        ("利用大数据技术指导研发方向", L.Kind.HEADLINE),
        ("知识产权天然适配新质生产力发展的功能，主要表现在：", L.Kind.PROSE),
        ("在调研组看来，除服务型实体店以外，众多以消费品为主的线下实体", L.Kind.PROSE),
        ("北京 晴 18℃～28℃", L.Kind.DATA),
        ("上海 多云", L.Kind.GUEST),
        ("2024年9月26日 星期四 第3版", L.Kind.FOLIO),
        ("责任编辑：王小红", L.Kind.STAFF),
        ("第3版权利义务", L.Kind.HEADLINE),  # shaped like a guest-card line; split.py decides from context
    ],
)
def test_classify(line, kind):
    assert L.classify(line)[0] == kind


def test_classify_keeps_text_but_strips_markers():
    assert L.classify("  # 标题 ") == (L.Kind.MD_TITLE, "标题")
    assert L.classify("(作者单位：某大学)")[1] == "(作者单位：某大学)"  # half-width kept as printed


def test_byline_names():
    assert L.byline_names("□刘春霖") == ["刘春霖"]
    assert L.byline_names("本报记者 张原 李宇馨") == ["张原", "李宇馨"]
    assert L.byline_names("文/王小明") == ["王小明"]
    assert L.byline_names("袁则文 秦淑娟") == ["袁则文", "秦淑娟"]  # 文 inside a name is not a role
    assert L.byline_names("王五 摄") == ["王五"]
    assert L.byline_names("上海 多云") is None
    assert L.byline_names("以创新发展为根本理念") is None


def test_sentence_ends_fold_widths():
    assert L.ends_sentence("好。") and L.ends_sentence("好?") and L.ends_sentence("好)")
    assert L.is_open("是推动经济更快发展的依") and L.is_open("硬实力、软实力，")
    assert not L.is_open("主要表现在：") and not L.is_open("主要表现在:")
    assert re.fullmatch(r"\S+", L.title_key("习近平：全面 加强")) and L.title_key("A、B c") == "ABc"
