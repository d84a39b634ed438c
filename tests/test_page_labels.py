"""Page labels: machine-named files are labelled by what the page says about itself."""
from __future__ import annotations

import pytest

from reader.page_labels import MAX_CHARS, looks_machine_named, page_label


@pytest.mark.parametrize("name", ["000_332f26e4ca40b5f6.txt", "scan-0042.txt", "12.txt", "page_3.TXT", "a3f9c2d1e0.txt",
                                  "/some/dir/deadbeefcafe.txt"])
def test_machine_names(name: str) -> None:
    assert looks_machine_named(name)


@pytest.mark.parametrize("name", ["人民日报-2024-03-01.txt", "ip-weekly.txt", "知识产权报第3版.txt", "beef stew.txt"])
def test_meaningful_names_are_kept(name: str) -> None:
    assert not looks_machine_named(name)
    assert page_label(name, [{"kind": "banner", "text": "横幅"}], ["标题"]) == name


def test_banner_then_cover_then_lead_title() -> None:
    name = "000_332f26e4ca40b5f6.txt"
    furniture = [{"kind": "caption", "text": "图为……"}, {"kind": "banner", "text": "促进中小微企业高质量发展"}]
    assert page_label(name, furniture, ["专利产业化助力中小企业加快成长"]) == "促进中小微企业高质量发展"
    cover = [{"kind": "cover", "text": t} for t in ("杭州电子科技大学", "理论学习参考", "2024 年 第 24 期", "党委宣传部编")]
    assert page_label(name, cover, ["保护知识产权就是保护创新"]) == "杭州电子科技大学 理论学习参考 2024 年 第 24 期"
    assert page_label(name, [{"kind": "contact", "text": "投稿邮箱"}], ["", "知识产权与产业协同"]) == "知识产权与产业协同"
    assert page_label("/x/" + name, [], []) == name  # nothing better: the file name


def test_long_labels_are_clipped_on_one_line() -> None:
    label = page_label("0001.txt", [{"kind": "banner", "text": "长" * 30 + "\n" + "题" * 30}], [])
    assert len(label) == MAX_CHARS and label.endswith("…") and "\n" not in label
