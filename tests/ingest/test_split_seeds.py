"""split_page on the five seed pages: articles, headers, sections, notes, furniture, rejoined cuts."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from reader.ingest.lines import byline_names, is_open
from reader.ingest.split import split_page
from reader.model import ParsedPage

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pages() -> dict[str, tuple[str, ParsedPage]]:
    out = {}
    for prefix in ("000", "001", "002", "003", "004"):
        text = _seed(prefix)
        out[prefix] = (text, split_page(text))
    return out


def _bodies(page: ParsedPage) -> list[str]:
    return [p.text for a in page.articles for p in a.paragraphs if p.kind == "body"]


def _all_paragraphs(page: ParsedPage) -> list[str]:
    return [p.text for a in page.articles for p in a.paragraphs]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- properties every seed must have --------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_furniture_inside_paragraphs(pages, prefix):
    _, page = pages[prefix]
    paragraphs = [_squash(t) for t in _all_paragraphs(page)]
    assert page.furniture
    for item in page.furniture:
        needle = _squash(item.text)
        assert not any(needle in p for p in paragraphs), item


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_prose_paragraph_ends_mid_sentence(pages, prefix):
    _, page = pages[prefix]
    for art in page.articles:
        for p in art.paragraphs:
            if p.kind in ("body", "question", "note"):
                assert not is_open(p.text), (art.title, p.line_start, p.text[-20:])


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_line_accounted_for_once(pages, prefix):
    """No text is lost (every line lands in a paragraph, a header field or furniture) nor duplicated."""
    text, page = pages[prefix]
    out: list[str] = [f.text for f in page.furniture]
    names: set[str] = set()
    for a in page.articles:
        out += [a.title, a.kicker or "", a.subtitle or "", a.column or ""]
        out += [p.text for p in a.paragraphs]
        names.update(a.authors)
    joined = _squash("\n".join(out))
    for no, raw in enumerate(text.split("\n"), 1):
        line = _squash(raw).lstrip("#")
        if not line:
            continue
        found = byline_names(raw, require_surname=False) or []
        if line.startswith("本期主持"):
            found = [line.split(":")[-1].split("：")[-1]]
        if found and set(found) <= names:
            continue
        assert line in joined, (no, line[:30])
    # nothing duplicated: the output's characters are a sub-multiset of the input's
    assert not Counter(joined) - Counter(_squash(text).replace("#", ""))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_spans_are_ordered_and_inside_the_page(pages, prefix):
    text, page = pages[prefix]
    n = text.count("\n") + 1
    last = 0
    for a in page.articles:
        assert 1 <= a.line_start <= a.line_end <= n
        assert a.line_start > last
        last = a.line_end
        for p in a.paragraphs:
            assert a.line_start <= p.line_start <= p.line_end <= a.line_end


# --- 000: # titles, □ bylines, displaced titles ----------------------------------------------------------


def test_000_articles(pages):
    _, page = pages["000"]
    assert [a.title for a in page.articles] == [
        "知识产权与产业协同激发新质生产力潜能",
        "继续深化重点领域改革 促进中小微企业专精特新发展",
        "发挥高等教育在促进区域发展中的应有功能",
        "砥砺党性修养 做好思想政治工作",
    ]
    assert [a.authors for a in page.articles] == [["刘春霖"], ["时润哲", "秦明玉"], ["柏浪涛"], ["韩红丽"]]
    assert page.articles[2].subtitle == "——评《高等教育、人才资源流动与区域可持续发展》一书"
    assert [a.kicker for a in page.articles] == [None] * 4
    assert [a.column for a in page.articles] == [None] * 4


def test_000_sections_and_notes(pages):
    _, page = pages["000"]
    a1, a2, a3, a4 = page.articles
    assert a1.sections == ["知识产权适配新质生产力发展的内在机理", "知识产权激发新质生产力潜能释放的路径选择"]
    assert a2.sections == [
        "河北省中小微企业发展成效显著",
        "创新金融服务 精准破解科技型中小微企业融资难题",
        "政策引导、平台赋能、法律保障 助力企业数字化转型",
        "深耕专精特新 激发企业培育与发展新质生产力新动能",
    ]
    assert a3.sections == []
    assert a4.sections == ["充分认识思想政治工作的重要性", "加强学习，提高政治素质", "注重实效，切忌流于形式"]
    assert [n[:6] for n in a1.notes] == ["（本文系河北", "（作者系河北"]
    assert a2.notes[0].startswith("【省社科联") and a2.notes[0].endswith("研究成果】")
    assert a2.notes[1].startswith("（作者单位：时润哲")
    assert a3.notes == ["（作者单位：华东师范大学）"]
    assert a4.notes == ["（作者单位：石家庄市液化气有限责任公司）"]


def test_000_cuts_rejoined_around_displaced_title(pages):
    _, page = pages["000"]
    bodies = _bodies(page)
    assert any("无论是其创造还是转化运用" in b for b in bodies)
    assert any("才会把思想政治工作作为重中之重，倾尽全力" in b for b in bodies)
    assert any("日益成为新质生产力的重要标签" in b for b in bodies)
    assert any("由何森老师和顾岩峰老师共同撰写" in b for b in bodies)
    assert any("高校的产学研一体化发展的逻辑" in b for b in bodies)
    assert not any("#" in t or t == "砥砺党性修养 做好思想政治工作" for t in _all_paragraphs(page))
    a4 = page.articles[3]
    joined = next(p for p in a4.paragraphs if "重中之重" in p.text)
    assert (joined.line_start, joined.line_end) == (107, 111)


def test_000_furniture(pages):
    _, page = pages["000"]
    assert [(f.kind, f.text) for f in page.furniture] == [("contact", "投稿邮箱：hbjrbll@163.com")]


# --- 001: banner + page 编者按, plain titles and bylines, credit inside a cut paragraph ---------------------


def test_001_furniture(pages):
    _, page = pages["001"]
    kinds = {(f.kind, f.text[:8]) for f in page.furniture}
    assert ("banner", "新质生产力推动高") in kinds
    assert ("credit", "视觉中国") in kinds
    editor = [f for f in page.furniture if f.kind == "editor"]
    assert len(editor) == 1
    assert "一系列重要论述、一系列重大部署" in editor[0].text  # cut 5 | 7 rejoined
    assert editor[0].text.endswith("本报今刊发3篇研究成果。")


def test_001_articles(pages):
    _, page = pages["001"]
    assert [a.title for a in page.articles] == [
        "从四个维度加快发展发展新质生产力",
        "以知识产权金融服务助力企业科技创新",
        "凝聚区域合力协同释放发展动能",
    ]
    assert [a.authors for a in page.articles] == [["袁则文", "秦淑娟"], ["朱平芳", "王永水"], ["李培鑫"]]
    assert {(a.kicker, a.subtitle, a.column) for a in page.articles} == {(None, None, None)}
    a1, a2, a3 = page.articles
    assert a1.sections == ["以创新发展为根本理念", "以建设科技强国为重要抓手", "以加强基础研究为关键举措",
                           "以建设教育强国、人才强国为根本保障"]
    assert a2.sections == ["中国知识产权金融服务的内涵", "挑战：评估难、风控难和处置难", "推进知识产权金融服务提质增效"]
    assert a3.sections == ["强化空间协同，释放规模经济效益", "加强创新、要素、产业、市场跨区域融合"]
    assert a1.notes == ["(作者单位：上海对外经贸大学马克思主义学院)"]
    assert a2.notes == ["(作者单位分别为：上海社会科学院数量经济研究中心，华东政法大学商学院)"]
    assert a3.notes == ["(作者为上海社会科学院经济研究所副研究员)"]
    assert all(p.kind != "editor" for a in page.articles for p in a.paragraphs)


def test_001_cut_across_credit_and_blank_lines(pages):
    _, page = pages["001"]
    bodies = _bodies(page)
    merged = next(b for b in bodies if "科技创新是新质生产力的核心要素" in b)
    assert "视觉中国" not in merged
    assert "转化的平台机制，通过合同科研" in merged
    assert "推动资金在更大的空间范围流动" in merged
    assert any("“加强基础研究，是实现高水平科技自立自强的迫切要求" in b for b in bodies)
    assert any("硬实力、软实力，归根到底要靠人才实力" in b for b in bodies)


# --- 002: Q&A feature, news briefs, reporter's note ------------------------------------------------------


def test_002_articles(pages):
    _, page = pages["002"]
    assert [a.title for a in page.articles] == [
        "聚力“新知”挖掘“新质”",
        "1至8月 汽车产销量同比 分别增长2.5%和3%",
        "我国制造业增加值 占全球比重约三成",
        "75年来 全国粮食总产量 增长5.1倍",
        "创“新”求“质” 为高质量发展添动能",
    ]
    qa, b1, b2, b3, note = page.articles
    assert qa.kicker == "本期话题:知识产权如何赋能新质生产力,助力产业提质升级?"
    assert qa.column == "民企会客厅"
    assert qa.authors == ["郭剑平"]
    assert (qa.subtitle, note.kicker, note.subtitle) == (None, None, None)
    for brief in (b1, b2, b3):
        assert (brief.kicker, brief.subtitle, brief.column) == (None, None, None)
        assert brief.authors == [] and brief.sections == []
        assert brief.paragraphs[0].text.startswith("据新华社电")
    assert note.column == "记者手记"
    assert note.authors == ["剑平"]


def test_002_qa_structure(pages):
    _, page = pages["002"]
    qa = page.articles[0]
    assert qa.sections == [
        "利用大数据技术指导研发方向",
        "从人、财、物保障知识产权建设",
        "加快新领域新业态知识产权立法",
        "以市场为指引提升创新能力",
        "形成协同创新合力助推产业发展",
    ]
    questions = [p.text for p in qa.paragraphs if p.kind == "question"]
    assert len(questions) == 5 and all(q.startswith("主持人:") for q in questions)
    editor = [p.text for p in qa.paragraphs if p.kind == "editor"]
    assert editor[0].startswith("新质生产力是实现中国式现代化")  # lead-in above 本期主持
    assert "李万青 九牧集团知识产权负责人" in editor  # guest card lines stay whole, unglued
    assert "庄勤勤 信泰科技集团知识产权负责人" in editor
    bodies = [p.text for p in qa.paragraphs if p.kind == "body"]
    assert all(re.match(r"^[\u4e00-\u9fff]{3}:", b) for b in bodies)  # every answer starts with its speaker
    assert any("把一些新技术新产品在我市转化落地" in b for b in bodies)
    assert any("要提高全员对知识产权的认识和重视程度,提升" in b for b in bodies)
    captions = [f for f in page.furniture if f.kind == "caption"]
    assert len(captions) == 1 and captions[0].text.endswith("(郭剑平 摄)")


# --- 003: kickers, two-line titles, 本报记者 bylines, column -------------------------------------------------


def test_003_articles(pages):
    _, page = pages["003"]
    assert [(a.kicker, a.title) for a in page.articles] == [
        ("五部门联合推动——", "专利产业化助力中小企业加快成长"),
        ("开封市祥符区：", "奏响“春天奋进曲”"),
        ("天津市工商联调研提出", "线下实体商户困境亟待破题"),
        ("全国政协委员王斌：", "推动中小企业打开新的成长空间"),
        (None, "处理好十大关系 发展新质生产力"),
    ]
    assert [a.authors for a in page.articles] == [
        ["孙琳"], ["焦宇炜", "杜远红", "王有强"], ["张原", "李宇馨"], ["孙琳"], ["孙太利"],
    ]
    assert [a.column for a in page.articles] == [None, None, None, None, "委员观察"]
    assert [a.subtitle for a in page.articles] == [None] * 5
    assert page.articles[3].sections == ["持续优化中小企业发展环境", "数智驱动为中小企业提供新的原动力"]
    assert page.articles[4].notes == ["（作者系第十一届、十二届、十三届全国政协委员）"]
    assert [(f.kind, f.text) for f in page.furniture] == [("banner", "促进中小微企业高质量发展")]


def test_003_short_cut_fragment_is_not_a_heading(pages):
    _, page = pages["003"]
    assert page.articles[0].sections == []
    bodies = _bodies(page)
    assert any("国家知识产权局有关负责人表示，随着市场竞争" in b for b in bodies)
    assert any("以专利产业化促进中小企业成长。" in b for b in bodies)
    assert any("众多以消费品为主的线下实体店大多被" in b for b in bodies)
    assert any("给实体店带来了巨大的冲击和影响。" in b for b in bodies)


# --- 004: cover block, TOC, six articles with sources ----------------------------------------------------


def test_004_front_matter(pages):
    _, page = pages["004"]
    cover = [f.text for f in page.furniture if f.kind == "cover"]
    toc = [f.text for f in page.furniture if f.kind == "toc"]
    assert cover[0] == "杭州电子科技大学" and cover[-1].startswith("【习近平总书记")
    assert len(cover) == 6
    assert toc[0] == "目 录" and len(toc) == 7


def test_004_articles(pages):
    _, page = pages["004"]
    assert [a.title for a in page.articles] == [
        "习近平：全面加强知识产权保护工作 激发创新活力 推动构建新发展格局",
        "为何总书记把知识产权保护提到如此高度？",
        "保护知识产权就是保护创新",
        "为培育发展新质生产力提供知识产权支撑和保障",
        "依法保护知识产权 护航新质生产力发展",
        "进一步深化知识产权领域改革 为中国式现代化提供有力支撑",
    ]
    assert {(a.kicker, a.subtitle, a.column) for a in page.articles} == {(None, None, None)}
    assert all(a.authors == [] for a in page.articles)
    sources = [[n for n in a.notes if "来源" in n] for a in page.articles]
    assert [s[0] for s in sources] == [
        "（来源：《求是》2021 年第 3 期）",
        "（来源：新华社，2021-02-01）",
        "（来源：求是，2021-02-08）",  # printed at the end of the last paragraph
        "（来源：学习时报，2024-07-19）",
        "（来源：光明日报，2024-08-19）",
        "（来源：求是，2024-08-20）",
    ]
    assert page.articles[0].notes[0].startswith("※这是习近平总书记")


def test_004_sections(pages):
    _, page = pages["004"]
    a1, a2, a3, a4, a5, a6 = page.articles
    assert a1.sections == []
    assert a2.sections == ["保护知识产权为何如此重要？", "知识产权工作有何“更高要求”？", "全面加强知识产权保护有哪些举措？"]
    assert [s[:2] for s in a3.sections] == ["一、", "二、", "三、"]
    assert a4.sections == [
        "深入学习领会习近平总书记关于新质生产力的重要论述",
        "准确把握知识产权在促进新质生产力发展中的重要作用",
        "立足知识产权职能，助力新质生产力加快发展",
    ]
    assert a5.sections == ["知识产权是人类智慧劳动成果的法律表现形式", "保护知识产权有助于激发发展新质生产力的澎湃动能"]
    assert [s[:2] for s in a6.sections] == ["一、", "二、", "三、"]
    # quoted key points (——“…”) are body text, not headings
    assert sum(p.text.startswith("——“") for p in a2.paragraphs if p.kind == "body") == 6


def test_004_cuts(pages):
    _, page = pages["004"]
    bodies = _bodies(page)
    assert any("知识产权工作正在从追求数量向提高质量转变" in b for b in bodies)
    assert any("又确保公共利益和激励创新兼得" in b for b in bodies)
    assert any("应该获得法律上的认可和经济上的回报" in b for b in bodies)
    assert any("推动在知识产权领域实现规则" in b for b in bodies)
