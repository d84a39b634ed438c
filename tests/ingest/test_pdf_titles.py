"""Titles on pages copied from a PDF e-paper (hard-wrapped columns, no blank lines): a title set on two lines is
one title, wherever the typesetter broke it; a kicker that says who spoke stays a kicker. Pages written for the
test in the shape PDF copies take."""
from __future__ import annotations

import pytest

from reader.ingest.blocks import profile_and_blocks
from reader.ingest.split import split_page

A = [
    "国家知识产权局近日发布数据显示，今年前三季度我国发明专利授权量稳步增长，高价值发明专利拥有量持续提升，结构不断优化。",
    "业内人士表示，专利转化运用专项行动实施以来，高校和科研院所的专利加速向中小企业转移转化，一批成果在企业落地见效。",
]
B = [
    "原告在被告经营的超市购买香肠十五包，其中十四包已经超过保质期，原告到收银台结账后即向服务台索赔，协商未果后诉至法院。",
    "法院审理认为，食品销售者负有保证食品安全的法定义务，应当对不符合安全标准的食品及时清理下架，被告未尽到这一义务。",
]


def _column(text: str, width: int = 20) -> list[str]:
    text = "\u3000\u3000" + text
    return [text[i:i + width] for i in range(0, len(text), width)]


def _page(first: list[str], second: list[str]) -> str:
    """A folio, an article titled 加快建设知识产权强国, then the article whose title lines are `second`."""
    lines = ["科技日报 2024年3月5日 星期二 第7版", "加快建设知识产权强国", "本报记者 王浩"]
    lines += [x for p in A for x in _column(p)]
    lines += second
    lines += [x for p in B for x in _column(p)]
    return "\n".join(lines)


@pytest.mark.parametrize("two_lines, title", [
    (["《民法典》绿色原则对“大棚", "房”合同纠纷中隐藏行为的适用"], "《民法典》绿色原则对“大棚房”合同纠纷中隐藏行为的适用"),
    (["作出人格权保护禁令应将", "程序审查与实体判断相结合"], "作出人格权保护禁令应将程序审查与实体判断相结合"),
    (["中山市某房地产发展有限公司诉广东省", "中山市自然资源局要求解除行政协议案"],
     "中山市某房地产发展有限公司诉广东省中山市自然资源局要求解除行政协议案"),
    (["成年人国家监护的法律适用", "与监护主体的“后监护义务”"], "成年人国家监护的法律适用与监护主体的“后监护义务”"),
    (["习近平：全面加强知识产权保护工作", "激发创新活力 推动构建新发展格局", "本报记者 李倩"],
     "习近平：全面加强知识产权保护工作 激发创新活力 推动构建新发展格局"),
])
def test_a_title_set_on_two_lines_is_one_title(two_lines: list[str], title: str) -> None:
    arts = split_page(_page(A, two_lines)).articles
    assert [a.title.replace(" ", "") for a in arts] == ["加快建设知识产权强国", title.replace(" ", "")]
    assert arts[1].kicker is None


def test_a_shorter_line_over_a_longer_one_is_a_kicker_and_its_title() -> None:
    page = "\n".join(["科技日报 2024年5月20日 星期一 第10版", "加快发展新质生产力", "知识产权护航创新链产业链深度融合",
                      "　　本报北京5月19日电（记者王晓峰）" + A[0], "　　" + A[1]])
    arts = split_page(page).articles
    assert [(a.kicker, a.title) for a in arts] == [("加快发展新质生产力", "知识产权护航创新链产业链深度融合")]


def test_a_kicker_that_says_who_spoke_stays_a_kicker() -> None:
    page = "\n\n".join(["天津市工商联调研提出\n线下实体商户困境亟待破题", "本报记者 张原",
                        B[0], B[1], "保护知识产权就是保护创新", "本报记者 王浩", A[0], A[1]])
    arts = split_page(page).articles
    assert arts[0].title == "线下实体商户困境亟待破题" and arts[0].kicker == "天津市工商联调研提出"


def test_a_label_under_a_title_below_an_author_line_is_its_own_line() -> None:
    lines = ["科技日报 2024年3月5日 星期二 第7版", "加快建设知识产权强国", "本报记者 王浩"]
    lines += [x for p in A for x in _column(p)]
    lines += ["　　文/北京市通州区人民法院 法官助理 何娇", "劳动者订立放弃加班费协议能否主张加班",  # column-wide
              "基本案情"]
    lines += [x for p in B for x in _column(p)]
    _profile, blocks = profile_and_blocks("\n".join(lines))
    texts = [b.text for b in blocks]
    assert "劳动者订立放弃加班费协议能否主张加班" in texts and "基本案情" in texts


def test_an_author_line_cut_by_the_column_keeps_its_name() -> None:
    lines = ["科技日报 2024年3月5日 星期二 第7版", "加快建设知识产权强国", "本报记者 王浩"]
    lines += [x for p in A for x in _column(p)]
    lines += ["　　文/北京市第二中级人民法院民一庭 法官", "屠育", "劳动者订立放弃加班费协议能否主张加班", "基本案情"]
    lines += [x for p in B for x in _column(p)]
    _profile, blocks = profile_and_blocks("\n".join(lines))
    texts = [b.text for b in blocks]
    assert "文/北京市第二中级人民法院民一庭 法官屠育" in texts, texts  # the name the column pushed down
    assert "劳动者订立放弃加班费协议能否主张加班" in texts


def test_a_title_on_two_lines_over_a_case_name() -> None:
    lines = ["科技日报 2024年3月5日 星期二 第7版", "加快建设知识产权强国", "本报记者 王浩"]
    lines += [x for p in A for x in _column(p)]
    lines += ["医疗美容机构虚假宣传和诊疗", "过错行为造成患者损害应予赔偿", "邹某与某医美机构侵权责任纠纷案", "基本案情"]
    lines += [x for p in B for x in _column(p)]
    arts = split_page("\n".join(lines)).articles
    assert [a.title for a in arts] == ["加快建设知识产权强国", "医疗美容机构虚假宣传和诊疗过错行为造成患者损害应予赔偿"]
    assert [p.text for p in arts[1].paragraphs[:2]] == ["邹某与某医美机构侵权责任纠纷案", "基本案情"]


def test_a_case_name_set_on_two_lines_keeps_its_label_apart() -> None:
    lines = ["科技日报 2024年3月5日 星期二 第7版", "加快建设知识产权强国", "本报记者 王浩"]
    lines += [x for p in A for x in _column(p)]
    # the first line is as wide as the column (20), so the second is read as its continuation
    lines += ["某国际有限公司、湖北某高速公路公司诉湖北", "省荆州市人民政府解除特许权协议及复议一案", "基本案情"]
    lines += [x for p in B for x in _column(p)]
    _profile, blocks = profile_and_blocks("\n".join(lines))
    assert "基本案情" in [b.text for b in blocks]
