"""Conventions the handmade pages (bench/handmade) showed, each as a small case: a government site's publishing
line ending in 【字体：大 中 小】 and its header and footer, 案例一 over a case name, a journal's ·专题研究· label and
spaced marked names, first-page footnotes inside a cut paragraph, wrapped references, an abstract cut at a full
stop, a Taiwan portal's source line and caption credit, a post's 01 / heading, a jump across other articles."""
from __future__ import annotations

import pytest

from reader.ingest import lines as L
from reader.ingest.blocks import profile_and_blocks
from reader.ingest.split import split_page
from reader.model import ParagraphKind as P

T1 = "国家知识产权局近日发布数据显示，今年前三季度我国发明专利授权量稳步增长，高价值发明专利拥有量持续提升，结构不断优化。"
T2 = "业内人士表示，专利转化运用专项行动实施以来，高校和科研院所的专利加速向中小企业转移转化，一批成果在企业落地见效。"
T3 = "据介绍，下一步将进一步完善知识产权公共服务体系，推动更多创新成果落地见效，服务实体经济高质量发展，成效可期。"


@pytest.mark.parametrize("line, kind", [
    ("发布时间：2024-05-20 09:30　来源：运用促进司　【字体：大 中 小】", L.Kind.META),
    ("国家知识产权局 China National Intellectual Property Administration", L.Kind.CHROME),
    ("无障碍浏览　English　登录", L.Kind.CHROME),
    ("江苏法院网 > 新闻中心 > 新闻发布", L.Kind.CHROME),  # a breadcrumb of any site
    ("2024年全国知识产权宣传周：活动成效显著", L.Kind.HEADLINE),
    ("主办单位：国家知识产权局　版权所有：国家知识产权局　未经许可禁止转载", L.Kind.CHROME),
    ("网站标识码bm55000001　京ICP备00000000号", L.Kind.CHROME),
    ("案例一", L.Kind.KICKER), ("典型案例3", L.Kind.KICKER),
    ("·专题研究·", L.Kind.COLUMN),
    ("当前版：03版　专访", L.Kind.FOLIO),
    ("廣告", L.Kind.CHROME),
    ("（图片来源：视觉中国）", L.Kind.CREDIT),
    ("（撰稿：刘晓燕）", L.Kind.SIGNOFF), ("（本栏目由本报记者综合整理）", L.Kind.SIGNOFF),
    ("經濟日報／ 記者王小明／台北即時報導", L.Kind.META), ("中央社／ 台北即時報導", L.Kind.META),
    ("記者張晓／台北報導", L.Kind.BYLINE),
])
def test_lines(line: str, kind: L.Kind) -> None:
    assert L.classify(line)[0] == kind


@pytest.mark.parametrize("line, kind", [
    ("编译 | 李思远", L.Kind.BYLINE), ("Source: WIPO", L.Kind.NOTE),
    ("IP科技周报 | 第23期（2024.06.03—06.09）", L.Kind.FOLIO),
    ("深圳特区报 2024年6月12日 星期三 A06 创新·知产", L.Kind.FOLIO),
    ("本期导读：WIPO全球创新指数、NYT v. OpenAI", L.Kind.CHROME),
    ("▍01", L.Kind.CHROME), ("关注他", L.Kind.CHROME), ("赞同 128", L.Kind.CHROME),
    ("编辑于 2024-06-03 09:12 · IP 属地上海", L.Kind.CHROME),
    ("上一版 下一版 本版目录 返回首页", L.Kind.CHROME),
    ("https://guancha.gmw.cn/2024-06/12/content_37380012.htm　1/2", L.Kind.CHROME),
    ("2024/6/12 10:25　评论频道_光明网", L.Kind.CHROME),
    ("（根据现场录音整理）", L.Kind.SIGNOFF),
    ("本周报内容仅供参考，不构成法律意见。转载请注明出处。", L.Kind.NOTE),
    ("【深度观察】", L.Kind.COLUMN),
    ("作者：张明远（中国人民大学法学院）", L.Kind.BYLINE),
    ("WIPO发布《2024年全球创新指数》报告：中国排名升至第11位", L.Kind.LONG_HEADLINE),  # (over 30 characters)
])
def test_lines_of_the_second_round(line: str, kind: L.Kind) -> None:
    assert L.classify(line)[0] == kind


@pytest.mark.parametrize("line, kind", [
    ("┏━━━━━━━━━━━━━━━━━━━━┓", L.Kind.RULE), ("（本版编辑：周洁）", L.Kind.SIGNOFF),
    ("圖：香港科學園內的初創企業展示研發成果。", L.Kind.CAPTION), ("创新周刊·A2", L.Kind.FOLIO),
    ("（綜合報導）香港知識產權署今日公布數據。", L.Kind.DATELINE), ("財經新聞 BUSINESS", L.Kind.COLUMN),
    ("Hong Kong patent filings up 20% in first half", L.Kind.SUBTITLE),
    ("#知识产权# #金融#", L.Kind.CHROME), ("更多资讯，请关注@知产观察", L.Kind.CHROME),
    ("（以上内容整理自公开报道）", L.Kind.SIGNOFF),
    ("【本项目获国家社会科学基金资助】", L.Kind.NOTE),  # a funding note in brackets stays a note
])
def test_lines_of_the_third_round(line: str, kind: L.Kind) -> None:
    assert L.classify(line)[0] == kind


def test_hashtags_anywhere_in_a_brief_are_chrome_and_a_title_may_end_in_zizhu() -> None:
    page = "\n\n".join([
        "#知识产权# 【广东：上半年发明专利授权量同比增长12%】" + T1 + "（来源：南方日报）",
        "【深圳：小微企业专利申请费用可享最高全额资助】" + T2 + " #专利# #中小企业#",
    ])
    page_ = split_page(page)
    assert [a.title for a in page_.articles] == ["广东：上半年发明专利授权量同比增长12%", "深圳：小微企业专利申请费用可享最高全额资助"]
    assert all("#" not in p.text for a in page_.articles for p in a.paragraphs)
    assert page_.articles[0].paragraphs[-1].text == "（来源：南方日报）"


def test_a_source_line_under_a_title_is_its_publishing_line() -> None:
    page = "\n".join(["专利优先审查相关问题解答", "来源：国家知识产权局 | 2024-06-20", "问：我公司能否请求优先审查？", "答：" + T1,
                      "知识产权质押融资政策问答", "来源：国家知识产权局 | 2024-06-20", "问：没有房产能否贷款？", "答：" + T2])
    assert [a.title for a in split_page(page).articles] == ["专利优先审查相关问题解答", "知识产权质押融资政策问答"]


def test_jump_markers_inside_the_text() -> None:
    page = "\n".join([
        "专利转化运用专项行动取得阶段性成效", "□ 本报记者 陈静", "　　" + T1, "　　截至5月底，各地累计转化专利数十万件，（下转第4版）",
        "上海发布商标品牌培育指导意见", "□ 本报记者 周敏", "　　" + T3,
        "2024年06月12日 第04版：综合", "　　（上接第3版）并通过线上线下渠道向中小企业推送。", "　　" + T2,
    ])
    arts = split_page(page).articles
    assert [a.title for a in arts] == ["专利转化运用专项行动取得阶段性成效", "上海发布商标品牌培育指导意见"]
    body = [p.text for p in arts[0].paragraphs if p.kind == P.BODY]
    assert "截至5月底，各地累计转化专利数十万件，并通过线上线下渠道向中小企业推送。" in body
    assert all("下转" not in p.text and "上接" not in p.text for a in arts for p in a.paragraphs)


def test_a_markdown_post_with_its_author_lines_under_the_title() -> None:
    page = "\n\n".join(["# 专利申请避坑指南（上）", "老陈说专利", "专利代理师 · 十年专利实务", "关注他",
                        "发布于 2024-06-01 10:20", "## 一、先检索，再申请", T1, "编辑于 2024-06-03 09:12 · IP 属地上海"])
    arts = split_page(page).articles
    assert [(a.title, a.authors) for a in arts] == [("专利申请避坑指南（上）", ["老陈说专利"])]
    assert [p.kind for p in arts[0].paragraphs] == [P.NOTE, P.NOTE, P.HEADING, P.BODY]


def test_names() -> None:
    assert L.byline_names("李　明1，王　芳2") == ["李明", "王芳"]
    assert L.meta_authors("經濟日報／ 記者王小明／台北即時報導") == ["王小明"]
    assert L.byline_names("記者張晓／台北報導") == ["張晓"]


def test_a_case_number_is_the_kicker_of_the_case_name() -> None:
    page = "\n".join(["案例一", "某智能装备公司诉某自动化公司侵害发明专利权纠纷案", "【基本案情】", T1, "【裁判结果】", T2])
    arts = split_page(page).articles
    assert [(a.kicker, a.title) for a in arts] == [("案例一", "某智能装备公司诉某自动化公司侵害发明专利权纠纷案")]


def test_a_first_page_footnote_inside_a_cut_paragraph_goes_to_the_end() -> None:
    page = "\n".join(["·45·", "专利制度的回应与调适", "李　明1，王　芳2", "（1.华东政法大学 知识产权学院，上海 200042）",
                      "一、问题的提出", T1, "首先，新兴技术迭代速度加快，审查标准面临",
                      "收稿日期：2024-02-18", "基金项目：国家社会科学基金一般项目（23BFX098）", "·46·",
                      "适用难题。" + T2])
    art = split_page(page).articles[0]
    assert art.authors == ["李明", "王芳"]
    body = [p.text for p in art.paragraphs if p.kind == P.BODY]
    assert body[-1] == "首先，新兴技术迭代速度加快，审查标准面临适用难题。" + T2
    assert [p.text[:4] for p in art.paragraphs[-2:]] == ["收稿日期", "基金项目"] and art.paragraphs[-1].kind == P.NOTE


def test_a_wrapped_reference_is_one_entry() -> None:
    text = T1 + T2 + T3
    lines = [text[i:i + 20] for i in range(0, len(text), 20)] * 2  # a page wrapped at 20 characters
    lines += ["参考文献：", "[1]陈立峰.论专利开放许可制度[J].知识产权，", "2023（6）：42-58.", "[2]刘晓燕.审查标准研究[M]."]
    texts = [b.text for b in profile_and_blocks("\n".join(lines))[1]]
    assert "[1]陈立峰.论专利开放许可制度[J].知识产权，2023（6）：42-58." in texts


def test_what_stands_between_the_abstract_and_the_keywords_is_the_abstract() -> None:
    page = "\n".join(["中小企业商标品牌建设的困境与对策", "赵晓东", "（南京理工大学 知识产权学院，江苏 南京 210094）",
                      "摘　要：商标品牌是中小企业参与市场竞争的重要资源。", "应当从政府服务和企业自身管理两个层面协同发力。",
                      "关键词：中小企业；商标品牌", "一、主要困境", T1, T2])
    art = split_page(page).articles[0]
    assert [p.kind for p in art.paragraphs][:4] == [P.NOTE, P.EDITOR, P.EDITOR, P.HEADING]
    assert art.paragraphs[1].text.endswith("协同发力。")


def test_a_posts_numbered_head_on_two_lines() -> None:
    page = "\n\n".join(["读懂新质生产力，这三个关键词很重要", "创新驱动观察 2024-05-19 20:05 发表于上海", T1,
                        "01\n科技创新", T2, "02\n产业升级", T3])
    art = split_page(page).articles[0]
    # the ordinal on a line of its own is the post's chrome; the heading is the line under it
    assert [p.text for p in art.paragraphs if p.kind == P.HEADING] == ["科技创新", "产业升级"]


def test_a_jump_across_other_articles_comes_back_to_its_article() -> None:
    page = "\n".join([
        "知识产权护航创新链产业链深度融合", "　　本报北京5月19日电（记者王晓峰）" + T1, "　　下一步将深入实施专利转化运用专项行动，推",
        "（下转第11版）",
        "上海发布商标品牌培育指导意见", "本报记者　周敏", "　　" + T3,
        "2024年5月20日　星期一　第11版　经济", "（上接第10版）", "动高校和科研院所的专利向中小企业转移转化。",
        "　　" + T2,
    ])
    arts = split_page(page).articles
    assert [a.title for a in arts] == ["知识产权护航创新链产业链深度融合", "上海发布商标品牌培育指导意见"]
    first = [p.text for p in arts[0].paragraphs if p.kind == P.BODY]
    assert "下一步将深入实施专利转化运用专项行动，推动高校和科研院所的专利向中小企业转移转化。" in first
    assert [p.text for p in arts[1].paragraphs if p.kind == P.BODY] == [T3]
