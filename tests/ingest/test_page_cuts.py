"""Paragraphs cut by a page break where the first half looks like a heading (issue: splitting pages of other
layouts): a quote left open, a second half that opens on 的, a clause with its comma before the folio. Pages written
for the test."""
from __future__ import annotations

import pytest

from reader.ingest import lines as L
from reader.ingest.split import split_page
from reader.model import ParagraphKind as P

HEAD = "\n\n".join(["加快建设知识产权强国", "本报记者 王浩",
                    "国家知识产权局近日发布数据显示，今年前三季度我国发明专利授权量稳步增长，结构不断优化。"])


@pytest.mark.parametrize("first, second", [
    ("《中华人民共和国劳动法》第四十一条规定：“用人", "单位由于生产经营需要，经与工会和劳动者协商后可以延长工作时间。”"),
    ("基础研究是科技创新的源头和科技强国", "的根基，也是新质生产力的源动力，决定着新经济新业态的产生与发展。"),
    ("党的十八大以来，习近平总书记围绕什么是高质量发展、为什么", "要高质量发展、怎样实现高质量发展作出一系列理论阐述和战略部署。"),
])
def test_a_heading_shaped_first_half_is_rejoined_across_the_folio(first: str, second: str) -> None:
    page = "\n\n".join([HEAD, first, "", "科技日报 2024年3月5日 星期二 第7版", second])
    arts = split_page(page).articles
    assert [a.title for a in arts] == ["加快建设知识产权强国"]
    assert arts[0].paragraphs[-1].text == first + second
    assert all(p.kind != P.HEADING for p in arts[0].paragraphs)


def test_no_sentence_opens_on_de_but_dique_does() -> None:
    assert L.opens_mid_word("的根基，也是新质生产力的源动力")
    assert not L.opens_mid_word("的确，这是一个值得研究的问题")


def test_a_title_ending_in_a_full_stop_over_a_publishing_line() -> None:
    page = "\n\n".join([
        "为家庭生活消费购买汽车发生欺诈纠纷的，可以适用消费者权益保护法。",
        "来源：人民法院报  发布时间：2024-03-05 10:23",
        "原告购买的车辆在交付前曾经维修，销售者未如实告知，法院认定构成欺诈，判决退车并赔偿。",
    ])
    arts = split_page(page).articles
    assert [a.title for a in arts] == ["为家庭生活消费购买汽车发生欺诈纠纷的，可以适用消费者权益保护法。"]


def test_a_second_half_that_opens_on_a_sentences_last_two_characters() -> None:
    """Found by the property test below (tests/ingest/test_split_shapes.py): a long first half with a comma, two blank
    lines, then "业业。…" — the last two characters of the sentence are a cut, not a new article's text."""
    assert L.opens_mid_word("业业。业业业业，业业业业。")
    assert not L.opens_mid_word("其次，专利数量与质量之间的矛盾依然存在。")
    page = ("知识产权工作综述\n\n本报记者 周明\n\n业业业业，业业业业。业业业业，业业业业，业业业业，业业业业业业业业。\n\n\n"
            "业业业业业业业业业业业业业业业，业业业业业业业业业业业业业业业业\n\n业业。业业业业，业业业业。\n")
    assert [a.title for a in split_page(page).articles] == ["知识产权工作综述"]
