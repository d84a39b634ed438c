"""One query finds both scripts (issue #16): 知识产权质押 finds a traditional-script article, 知識產權 the simplified
ones; highlights mark the text as written; no hit of a plain substring scan is lost; the page is stored as itself."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader import Library
from reader.search import find_in_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TRADITIONAL = ("知識產權質押融資助力中小企業\n\n本報記者 張三\n\n今年以來，我省知識產權質押融資規模持續擴大，"
               "一批中小企業從中受益。\n\n專利轉化運用成效明顯，企業創新活力不斷增強。\n")


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("scripts")
    page = folder / "big5.txt"
    page.write_bytes(TRADITIONAL.encode("big5"))
    library = Library(folder / "lib.db")
    assert library.import_paths([*sorted(SEEDS.glob("*.txt")), page]).ok
    yield library
    library.close()


def traditional_id(lib: Library) -> int:
    return next(a.id for a in lib.articles() if a.title.startswith("知識產權"))


def test_a_simplified_query_finds_the_traditional_article_and_the_other_way_round(lib: Library) -> None:
    tid = traditional_id(lib)
    assert tid in {h.id for h in lib.search("知识产权质押", limit=None)}
    simplified = {h.id for h in lib.search("知識產權", limit=None)}
    assert tid in simplified and len(simplified - {tid}) >= 5  # the seeds, written in simplified script
    assert {h.id for h in lib.search("知识产权", limit=None)} == simplified
    # Stored and shown as written: nothing was converted.
    assert lib.article(tid).title == "知識產權質押融資助力中小企業"
    assert any("知識產權質押融資規模" in p.text for p in lib.article(tid).paragraphs)


def test_highlights_mark_the_text_as_written() -> None:
    text = "我省知識產權質押融資規模持續擴大"
    (span,) = find_in_text(text, "知识产权质押")
    start, end = span[0], span[1]
    assert text[start:end] == "知識產權質押"


def test_no_hit_of_a_substring_scan_is_lost(lib: Library) -> None:
    texts = {a.id: "\n".join([a.title, *(p.text for p in lib.article(a.id).paragraphs)]) for a in lib.articles()}
    for term in ("知识产权", "专利", "质押融资", "中小企业", "新质生产力", "创新", "2023", "PCT"):
        scanned = {aid for aid, text in texts.items() if term in text}
        found = set(lib.search_ids(term))
        assert scanned <= found, term
