"""The library filter: characters in either script, pinyin initials, full pinyin, heteronyms (issue #16)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.search.title_filter import matches

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TRADITIONAL = ("知識產權質押融資助力中小企業\n\n本報記者 張三\n\n今年以來，我省知識產權質押融資規模持續擴大，"
               "一批中小企業從中受益。\n\n專利轉化運用成效明顯，企業創新活力不斷增強。\n")


@pytest.mark.parametrize(("title", "query", "found"), [
    ("知识产权质押融资", "zscq", True),
    ("知识产权质押融资", "zhishichanquan", True),
    ("知识产权质押融资", "zhishichan", True),  # still typing: the last syllable cut short
    ("知识产权质押融资", "zhishic", True),
    ("知识产权质押融资", "hishi", False),  # never from the middle of a syllable
    ("知識產權質押融資", "zscq", True),
    ("知識產權質押融資", "知识产权", True),  # simplified finds traditional
    ("知识产权质押融资", "知識產權", True),  # and the other way round
    ("重庆市专利申请", "cq", True),  # 重: chong and zhong
    ("重庆市专利申请", "zq", True),
    ("重庆市专利申请", "chongqing", True),
    ("重庆市专利申请", "zhongqing", True),
    ("专利转化运用", "zscq", False),
    ("PCT国际专利申请", "pct", True),
    ("PCT国际专利申请", "pct zl", True),  # every word must match
    ("PCT国际专利申请", "pct xyz", False),
    ("西安高新区", "xian", True),
    ("西安高新区", "xa", True),
])
def test_matches(title: str, query: str, found: bool) -> None:
    assert matches(title, query) is found


def test_list_filter_by_pinyin_finds_exactly_the_titles_with_the_word(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "big5.txt"
    page.write_bytes(TRADITIONAL.encode("big5"))
    db = str(tmp_path / "lib.db")
    assert main(["--db", db, "import", str(SEEDS), str(page)]) == 0
    capsys.readouterr()
    main(["--db", db, "list", "--json"])
    every = json.loads(capsys.readouterr().out)

    def heading(a: dict) -> str:
        return " ".join(x for x in (a["kicker"], a["title"], a["subtitle"]) if x)

    expected = {a["id"] for a in every if "知识产权" in heading(a) or "知識產權" in heading(a)}
    assert any("知識產權" in heading(a) for a in every) and len(expected) > 3
    for query in ("zscq", "zhishichanquan"):  # pinyin: the title, kicker and subtitle
        main(["--db", db, "list", "--filter", query, "--json"])
        got = {a["id"] for a in json.loads(capsys.readouterr().out)}
        assert got == expected, query
    # Characters: the heading, and the authors, column and topics too (in either script).
    by_chars = expected | {a["id"] for a in every if any("知识产权" in t for t in a["topics"])}
    for query in ("知识产权", "知識產權"):
        main(["--db", db, "list", "--filter", query, "--json"])
        assert {a["id"] for a in json.loads(capsys.readouterr().out)} == by_chars, query
