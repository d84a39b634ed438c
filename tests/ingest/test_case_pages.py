"""Court-case pages and author lines (issue: splitting pages of other layouts): labels that pass for names, the
author's institution before the name, a case name under a wrapped title, a title that ends like a sentence, and
the topic line over an interview. Each page here is written for the test, in the shapes those pages take."""
from __future__ import annotations

from reader.ingest import lines as L
from reader.ingest.blocks import profile_and_blocks
from reader.ingest.split import split_page
from reader.model import ParagraphKind

BODY = "　　原告在被告经营的超市购买商品若干，其后发现部分商品已经超过保质期，遂诉至法院要求十倍赔偿。"


def test_section_labels_are_not_names() -> None:
    for label in ("关键词", "关键字", "简要案情", "时评", "相关链接"):
        assert L.byline_names(label) is None, label
        assert L.classify(label)[0] != L.Kind.NAMES, label
    assert L.byline_names("关晓彤") == ["关晓彤"]  # 关 is still a surname


def test_author_line_with_institution_and_post() -> None:
    assert L.byline_names("文/北京市通州区人民法院 法官助理 何娇") == ["何娇"]
    assert L.byline_names("文/北京市第二中级人民法院法官屠育") == ["屠育"]
    assert L.byline_names("作者：北京市海淀区人民法院 王浩") == ["王浩"]
    assert L.classify("文/北京市第二中级人民法院 法官 屠育")[0] == L.Kind.BYLINE
    # without 文/ or 作者 an institution is not a byline
    assert L.byline_names("北京市第二中级人民法院") is None


def test_case_article_with_byline_keeps_its_case_name_as_a_heading() -> None:
    page = "\n\n".join([
        "# 超市出售过期食品应承担惩罚性赔偿责任", "周磊", "孙某诉某超市买卖合同纠纷案", "关键词",
        "民事、买卖合同、食品安全。", "基本案情", BODY.strip(), "裁判结果", "法院判决被告支付价款十倍的赔偿金。",
    ])
    arts = split_page(page).articles
    assert [a.title for a in arts] == ["超市出售过期食品应承担惩罚性赔偿责任"]
    assert arts[0].authors == ["周磊"]
    assert arts[0].paragraphs[0].text == "孙某诉某超市买卖合同纠纷案"


PROSE = [
    "原告在被告经营的超市购买香肠十五包，其中十四包已经超过保质期，原告到收银台结账后即向服务台索赔，协商未果后诉至法院。",
    "法院审理认为，食品销售者负有保证食品安全的法定义务，应当对不符合安全标准的食品及时清理下架，被告未尽到这一义务。",
    "消费者购买到不符合食品安全标准的食品，要求销售者支付价款十倍的赔偿金，不论其购买时是否明知，人民法院都应予支持。",
    "本案中，被告作为食品销售者，应当对其出售的食品是否符合安全标准负责，其将过期食品上架销售，属于销售明知是不符合标准的食品。",
]


def _column(text: str, width: int = 20) -> list[str]:
    """A paragraph as a PDF column prints it: indented, then cut every `width` characters."""
    text = "\u3000\u3000" + text
    return [text[i:i + width] for i in range(0, len(text), width)]


def test_case_name_under_a_column_wide_title_is_its_own_line() -> None:
    body = [line for p in PROSE for line in _column(p)]
    page = "\n".join([
        "经济日报 2024年3月5日 星期二 第7版", "加强食品安全司法保护", *body,
        "食品安全标准是消费者权益保护的底线红线",  # exactly the column's width
        "孙某诉某超市买卖合同纠纷案", "基本案情", *body,
        "网络游戏账号被封禁后玩家起诉运营公司败诉",
        "案情回顾", *body,
    ])
    profile, blocks = profile_and_blocks(page)
    assert profile.wrap is not None and abs(profile.wrap - 20) <= 1
    texts = [b.text for b in blocks]
    for line in ("食品安全标准是消费者权益保护的底线红线", "孙某诉某超市买卖合同纠纷案", "基本案情",
                 "网络游戏账号被封禁后玩家起诉运营公司败诉", "案情回顾"):
        assert line in texts, line
    assert sum(len(b.text) > 40 for b in blocks) == 3 * len(PROSE)  # the paragraphs still rejoined


def test_a_title_that_ends_like_a_sentence_over_a_reporters_byline() -> None:
    page = "\n".join([
        "以创新驱动中小企业高质量发展", "", "本报记者 王浩", "",
        BODY.strip(), "", "法院最终支持了原告的诉讼请求。", "", "",
        "为家庭生活消费购买汽车发生欺诈纠纷的，可以适用消费者权益保护法。", "本报记者 高 原", "",
        "张某诉某汽车公司买卖合同纠纷案", "", "基本案情", "", BODY.strip(), "",
    ])
    arts = split_page(page).articles
    assert [a.title for a in arts] == ["以创新驱动中小企业高质量发展",
                                       "为家庭生活消费购买汽车发生欺诈纠纷的，可以适用消费者权益保护法。"]
    assert arts[1].authors == ["高原"]
    assert arts[0].paragraphs[-1].text == "法院最终支持了原告的诉讼请求。"


def test_an_author_line_above_the_editor_line_signs_the_article_off() -> None:
    page = "\n\n".join([
        "无偿搭乘发生事故可减轻赔偿责任", "□李倩", BODY.strip(), "法官提示，驾驶人仍须谨慎驾驶。",
        "文/北京市通州区人民法院 法官助理 何娇", "", "责任编辑：王浩",
    ])
    arts = split_page(page).articles
    assert [a.title for a in arts] == ["无偿搭乘发生事故可减轻赔偿责任"]
    last = arts[0].paragraphs[-1]
    assert last.text.startswith("文/") and last.kind == ParagraphKind.NOTE  # a sign-off, not body text


def test_a_topic_line_over_an_interview_titles_it_with_the_first_headline() -> None:
    page = "\n".join([
        "加快推进知识产权强国建设", "本报记者 王浩", BODY.strip(), "推进知识产权国际合作取得新进展。",
        "本期话题：知识产权如何赋能新质生产力？", "聚力创新挖掘新质", "用好大数据指导研发方向",
        "主持人：企业如何利用新技术发展自身的知识产权？", "李劲松：首先，企业要用好知识产权等各类大数据。",
        "庄勤勤：要把知识产权提升到企业经营战略的高度。",
    ])
    arts = split_page(page).articles
    assert [a.title for a in arts] == ["加快推进知识产权强国建设", "聚力创新挖掘新质"]
    assert arts[1].paragraphs[0].text == "用好大数据指导研发方向"
