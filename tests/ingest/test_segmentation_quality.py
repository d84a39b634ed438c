"""Floors for the splitter's quality, measured as `python bench/run.py segmentation` measures it.

The seeds must stay exactly as they were (every title, every cut rejoined, no furniture in a body). The practice
corpus (../shared/practice, skipped when absent) and our own layouts (bench/layouts.py, its first seed) must stay
above floors a little under today's figures, so a change that loses ground fails here before it lands.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import layouts  # noqa: E402
import segmentation as seg  # noqa: E402

needs_practice = pytest.mark.skipif(not seg.practice_pages(), reason="../shared/practice is not beside the project")


def test_seeds_split_exactly_as_before() -> None:
    s = seg.score(seg.load_gold(seg.SEEDS_GOLD), seg.predict(seg.seed_pages()))
    assert (s.title_recall, s.title_precision, s.boundary_f1, s.paragraph_acc) == (100.0, 100.0, 100.0, 100.0)
    assert s.count_ratio == 1.0
    assert (s.joins_found, s.leaks) == (s.joins_total, 0) and s.joins_total >= 40


def test_handmade_pages_floors() -> None:
    """bench/handmade: twenty-two pages of other sources, written blind to the splitter's rules."""
    folder = BENCH / "handmade"
    s = seg.score(seg.load_gold(folder / "gold"), seg.predict(sorted((folder / "pages").glob("*.txt"))))
    assert s.title_recall >= 97.0 and s.title_precision >= 97.0, s
    assert s.boundary_f1 >= 97.0 and s.leaks == 0, s
    assert s.joins_found >= 4  # 下转/上接 jumps across other articles, a browser's footer inside a paragraph


@needs_practice
def test_practice_corpus_floors() -> None:
    s = seg.score(seg.load_gold(seg.PRACTICE / "gold"), seg.predict(seg.practice_pages()))
    assert s.title_recall >= 99.0 and s.title_precision >= 99.0, s
    assert s.boundary_f1 >= 99.0 and 0.98 <= s.count_ratio <= 1.02, s
    assert s.paragraph_acc >= 95.0
    assert s.joins_found >= s.joins_total - 3 and s.leaks == 0


@needs_practice
def test_our_scorer_is_the_practice_scorer() -> None:
    """bench/segmentation.py re-implements ../shared/practice/score.py; both give the same figures."""
    spec = importlib.util.spec_from_file_location("practice_score", seg.PRACTICE / "score.py")
    official = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(official)
    gold = seg.load_gold(seg.PRACTICE / "gold")
    pred = seg.predict(seg.practice_pages())
    ours = seg.score(gold, pred)
    for name, g in gold.items():
        theirs = official.score_page(g, pred[name])
        mine = next(p for p in ours.pages if p.name == name)
        assert (theirs["title_hit"], theirs["bound_hit"], theirs["para_ok"], theirs["joins_found"],
                theirs["leaks"]) == (mine.title_hit, mine.bound_hit, mine.para_ok, mine.joins_found, mine.leaks), name


@pytest.fixture(scope="module")
def own_layouts(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, list[Path]]:
    folder = tmp_path_factory.mktemp("layouts")
    gold = layouts.build(folder)
    return gold, sorted(folder.glob("*.txt"))


def test_own_layouts_floors(own_layouts: tuple[dict, list[Path]]) -> None:
    gold, pages = own_layouts
    kinds = {g["kind"] for g in gold.values()}
    assert {"pdf", "daily", "newsday", "hant", "web", "wechat", "journal", "notice"} <= kinds
    s = seg.score(gold, seg.predict(pages))
    assert s.title_recall >= 97.0 and s.title_precision >= 97.0, s
    assert s.boundary_f1 >= 98.0 and 0.97 <= s.count_ratio <= 1.03, s
    assert s.leaks == 0 and s.joins_found >= s.joins_total - 1


def test_own_layouts_per_kind(own_layouts: tuple[dict, list[Path]]) -> None:
    """Each layout on its own: PDF column text, a GB18030 daily, a news day, a traditional page, web copies,
    public-account posts (their chrome and 相关新闻 lists never become articles), a journal issue's papers and
    official notices."""
    gold, pages = own_layouts
    for kind, floor in (("pdf", 93.0), ("daily", 97.0), ("newsday", 97.0), ("hant", 97.0), ("web", 97.0),
                        ("wechat", 97.0), ("journal", 97.0), ("notice", 97.0)):
        sub = {k: g for k, g in gold.items() if g["kind"] == kind}
        s = seg.score(sub, seg.predict([p for p in pages if p.stem in sub]))
        assert s.boundary_f1 >= floor and s.title_recall >= floor and s.title_precision >= floor, (kind, s)
