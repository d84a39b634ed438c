"""Why a hit matched (issue #16): the search screen, the CLI table and its JSON name the highlighted text where it
is written otherwise than typed (繁体/简体, full/half width, case), and the library filter says which characters a
pinyin word read as."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader import Library
from reader.search.page import pinyin_titles, pinyin_words
from reader.search.query import parse
from reader.search.title_filter import title_matches
from reader.search.why import Found, MatchKind, found_forms, hit_forms, written_kinds

TRADITIONAL = "知識產權質押融資助力中小企業\n\n本報記者 張三\n\n今年以來，我省知識產權質押融資規模持續擴大。\n"


@pytest.mark.parametrize(("typed", "found", "kinds"), [
    ("知识产权", "知识产权", ()),
    ("知识产权", "知識產權", (MatchKind.TRADITIONAL,)),
    ("知識產權", "知识产权", (MatchKind.SIMPLIFIED,)),
    ("ＰＣＴ", "PCT", (MatchKind.WIDTH,)),
    ("pct", "PCT", (MatchKind.CASE,)),
    ("ｐｃｔ", "PCT", (MatchKind.WIDTH, MatchKind.CASE)),
    ("知识 产权", "知识  产权", ()),  # spacing is not a difference worth naming
])
def test_each_folding_the_match_needed_is_named(typed: str, found: str, kinds: tuple[MatchKind, ...]) -> None:
    assert written_kinds(typed, found) == kinds


def test_describe_and_json_say_what_was_found_for_what_was_typed() -> None:
    f = Found("知识产权", "知識產權", (MatchKind.TRADITIONAL,))
    assert f.describe() == "知識產權 ← 知识产权（繁体）"
    assert f.as_json() == {"typed": "知识产权", "found": "知識產權", "how": ["traditional"]}


def test_query_keeps_each_term_as_typed() -> None:
    q = parse('ＰＣＴ "知識 產權" -商标 topic:金融')
    assert q.terms == ["pct", "知识 产权"]  # normalised: folded width and case, simplified script
    assert q.typed == ["ＰＣＴ", "知識 產權"]


def test_hit_forms_pair_each_highlight_with_the_term_it_came_from() -> None:
    snippet = "我省知識產權質押融資規模，PCT 申请与知识产权"
    spans = [(2, 6), (13, 16), (20, 24)]
    found = hit_forms(snippet, spans, "知识产权 pct")
    assert [(f.typed, f.found, f.kinds) for f in found] == [
        ("知识产权", "知識產權", (MatchKind.TRADITIONAL,)), ("pct", "PCT", (MatchKind.CASE,))]
    assert found_forms(snippet, spans, ["知识产权"], ["知识产权"])[0].found == "知識產權"  # once, in order
    assert hit_forms(snippet, spans, "topic:") == []  # an invalid query (QueryError) explains nothing, raises nothing
    assert hit_forms(snippet, spans, "知识产权 PCT")[1:] == []  # the simplified one is written as typed


def test_title_matches_place_pinyin_and_characters() -> None:
    assert title_matches("重庆市知识产权局", "zq") == [((0, 2), Found("zq", "重庆", (MatchKind.INITIALS,)))]
    assert title_matches("重庆市知识产权局", "cq")[0][0] == (0, 2)  # 重: zhong and chong, both readings
    assert title_matches("知识·产权保护", "zscq") == [((0, 5), Found("zscq", "知识·产权", (MatchKind.INITIALS,)))]
    assert title_matches("知识产权保护", "zhishichanq")[0] == ((0, 4), Found("zhishichanq", "知识产权",
                                                                                 (MatchKind.PINYIN,)))
    assert title_matches("知識產權質押", "知识产权") == [((0, 4), Found("知识产权", "知識產權",
                                                                         (MatchKind.TRADITIONAL,)))]
    assert title_matches("专利申請", "申请")[0][0] == (2, 4)  # a traditional title character the query has simplified
    assert title_matches("ＰＣＴ国际申请", "pct")[0][0] == (0, 3)  # full-width Latin in a title
    assert title_matches("知识产权保护", "保护") == [((4, 6), None)]  # written as typed: nothing to explain
    assert title_matches("知识产权保护", "商标") == []


def test_pinyin_titles_only_for_latin_words(tmp_path: Path) -> None:
    assert pinyin_words('zscq 专利 "baohu" -sb topic:x PCT2') == "zscq baohu"
    lib = Library(tmp_path / "lib.db")
    lib.ensure_seeded()
    summaries = lib.articles()
    with_ip = {s.id for s in summaries if "知识产权" in s.title}
    assert with_ip
    found = pinyin_titles(summaries, "zscq", skip=set(), limit=100)
    assert {t.summary.id for t in found} == with_ip
    assert all(any(f and f.kinds == (MatchKind.INITIALS,) for _, f in t.places) for t in found)
    first = min(with_ip)
    assert first not in {t.summary.id for t in pinyin_titles(summaries, "zscq", skip={first}, limit=100)}
    assert len(pinyin_titles(summaries, "zscq", skip=set(), limit=1)) == 1
    assert pinyin_titles(summaries, "知识产权", skip=set(), limit=100) == []
    page = lib.search_page("zscq")
    assert {t.summary.id for t in page.titles} == with_ip and page.hits == []
    lib.close()


def test_cli_names_the_other_script_in_the_table_and_the_json(tmp_path: Path) -> None:
    from reader.cli import main

    page = tmp_path / "tw.txt"
    page.write_text(TRADITIONAL, encoding="utf-8")
    db = str(tmp_path / "lib.db")
    assert main(["--db", db, "import", str(page)]) == 0
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["--db", db, "search", "知识产权质押", "--json"]) == 0
    (hit,) = json.loads(buf.getvalue())
    assert hit["matched"] == [{"typed": "知识产权质押", "found": "知識產權質押", "how": ["traditional"]}]
