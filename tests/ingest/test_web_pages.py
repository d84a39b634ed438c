"""Pages copied from news web sites and public-account posts (issue: splitting pages of other layouts): the
publishing line under a title, the site's chrome around the article, and the list of other titles under
相关新闻 / 往期推荐. The pages are written for the test in the shapes those copies take."""
from __future__ import annotations

import pytest

from reader.ingest import lines as L
from reader.ingest.split import split_page

P1 = "　　国家知识产权局近日发布数据显示，今年前三季度我国发明专利授权量稳步增长，高价值发明专利拥有量持续提升。"
P2 = "　　业内人士表示，专利转化运用专项行动实施以来，高校和科研院所的专利加速向中小企业转移转化，成效明显。"
P3 = "　　据介绍，下一步将进一步完善知识产权公共服务体系，推动更多创新成果落地见效，服务实体经济高质量发展。"


@pytest.mark.parametrize("line, kind", [
    ("来源：国家知识产权局  发布时间：2024-03-05 10:23  作者：王浩  字号：大 中 小", L.Kind.META),
    ("发布时间：2024年03月05日 10:23 | 来源：新华网", L.Kind.META),
    ("原创 王浩 知产前沿 2024-03-05 10:00 发表于北京", L.Kind.META),
    ("科技日报 2024-03-05 10:00 北京", L.Kind.META),
    ("当前位置：首页 > 新闻中心 > 要闻", L.Kind.CHROME),
    ("首页 > 工作动态", L.Kind.CHROME),
    ("【打印】 【关闭】", L.Kind.CHROME),
    ("分享到：", L.Kind.CHROME),
    ("点击上方蓝字，关注我们", L.Kind.CHROME),
    ("END", L.Kind.CHROME),
    ("分享 收藏 点赞 在看", L.Kind.CHROME),
    ("相关新闻：", L.Kind.RELATED),
    ("往期推荐", L.Kind.RELATED),
    ("审核 | 李倩", L.Kind.STAFF),
    ("来源 | 国家知识产权局", L.Kind.NOTE),
    # not chrome: sentences that merely mention these words
    ("记者从国家知识产权局获悉，相关新闻发布会将于下周举行。", L.Kind.PROSE),
])
def test_web_lines(line: str, kind: L.Kind) -> None:
    assert L.classify(line)[0] == kind


def test_publishing_line_names_the_author() -> None:
    assert L.meta_authors("作者：王浩  来源：新华网  发布时间：2024-03-05 10:23") == ["王浩"]
    assert L.meta_authors("原创 王浩 知产前沿 2024-03-05 10:00 发表于北京") == ["王浩"]
    assert L.meta_authors("科技日报 2024-03-05 10:00 北京") == []


WEB = "\n".join([
    "当前位置：首页 > 新闻中心 > 要闻", "",
    "前三季度我国发明专利授权量稳步增长", "",
    "来源：国家知识产权局  发布时间：2024-10-15 09:30  作者：王浩  字号：大 中 小", "",
    P1, "", P2, "",
    "【打印】 【关闭】", "责任编辑：李倩", "",
    "相关新闻：",
    "专利转化运用专项行动成效明显",
    "知识产权公共服务体系加快完善",
    "为家庭生活消费购买汽车发生欺诈纠纷的，可以适用消费者权益保护法。", "", "",
    "当前位置：首页 > 新闻中心 > 地方", "",
    "一个标题很长的地方新闻：某省出台促进中小企业专精特新发展若干措施，涵盖融资、人才、知识产权等方面！", "",
    "发布时间：2024年10月16日 08:00 | 来源：新华网", "",
    P3, "",
    "分享到：", "",
])


def test_web_copies_split_into_their_articles() -> None:
    page = split_page(WEB)
    arts = page.articles
    assert [a.title for a in arts] == [
        "前三季度我国发明专利授权量稳步增长",
        "一个标题很长的地方新闻：某省出台促进中小企业专精特新发展若干措施，涵盖融资、人才、知识产权等方面！",
    ]
    assert arts[0].authors == ["王浩"]
    # the publishing line is kept as the article's first note (where and when it appeared)
    assert [p.text for p in arts[0].paragraphs] == [
        "来源：国家知识产权局  发布时间：2024-10-15 09:30  作者：王浩  字号：大 中 小", P1.strip(), P2.strip()]
    assert arts[0].paragraphs[0].kind.value == "note"
    assert [p.text for p in arts[1].paragraphs][1:] == [P3.strip()]
    furniture = {f.text for f in page.furniture}
    for chrome in ("当前位置：首页 > 新闻中心 > 要闻", "【打印】 【关闭】", "相关新闻：", "专利转化运用专项行动成效明显",
                   "为家庭生活消费购买汽车发生欺诈纠纷的，可以适用消费者权益保护法。", "分享到："):
        assert chrome in furniture, chrome


WECHAT = "\n".join([
    "专利转化运用专项行动成效明显",
    "原创 王浩 知产前沿 2024-03-05 10:00 发表于北京", "",
    "点击上方蓝字，关注我们", "",
    P1, "",
    "■ 高校专利加速转化", "",
    P2, "",
    "■ 公共服务持续完善", "",
    P3, "",
    "END", "",
    "来源 | 国家知识产权局", "编辑 | 李倩", "审核 | 赵敏", "",
    "往期推荐",
    "知识产权公共服务体系加快完善",
    "前三季度我国发明专利授权量稳步增长", "",
    "分享 收藏 点赞 在看", "", "",
    "高价值发明专利拥有量持续提升",
    "科技日报 2024-03-06 08:00 北京", "",
    P3, "",
])


def test_posts_split_into_their_articles_with_marked_heads_inside() -> None:
    page = split_page(WECHAT)
    arts = page.articles
    assert [a.title for a in arts] == ["专利转化运用专项行动成效明显", "高价值发明专利拥有量持续提升"]
    assert arts[0].authors == ["王浩"]
    kinds = [(p.kind.value, p.text[:8]) for p in arts[0].paragraphs]
    assert ("heading", "高校专利加速转化") in kinds and ("heading", "公共服务持续完善") in kinds
    body = "".join(p.text for p in arts[0].paragraphs)
    for chrome in ("点击上方蓝字", "END", "编辑 | 李倩", "往期推荐", "分享 收藏"):
        assert chrome not in body


def test_an_author_line_over_the_posts_end_notes_signs_it_off() -> None:
    page = "\n".join([
        "无偿搭乘发生事故可减轻赔偿责任", "原创 李倩 知产前沿 2024-03-05 10:00 发表于北京", "",
        P1, "", P2, "", "文/北京市通州区人民法院 法官助理 何娇", "", "END", "", "来源 | 人民网", "编辑 | 张晓", "",
    ])
    arts = split_page(page).articles
    assert [a.title for a in arts] == ["无偿搭乘发生事故可减轻赔偿责任"]  # no untitled article for the signature
    assert [p.kind.value for p in arts[0].paragraphs] == ["note", "body", "body", "note", "note"]


@pytest.mark.parametrize("line, kind, names", [
    ("文丨王浩", L.Kind.BYLINE, ["王浩"]),
    ("作者丨王浩 李倩", L.Kind.BYLINE, ["王浩", "李倩"]),
    ("来源丨人民网", L.Kind.NOTE, None),
    ("编辑丨李倩", L.Kind.STAFF, None),
    ("图丨视觉中国", L.Kind.CREDIT, None),
])
def test_posts_separate_with_the_radical_gun(line: str, kind: L.Kind, names: list[str] | None) -> None:
    """Public accounts print 丨 (a radical, never a word) where others print |."""
    assert L.classify(line)[0] == kind
    assert L.byline_names(line) == names
