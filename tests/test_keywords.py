"""Keywords kept page by page (reader/keywords.py): a new article is tagged as a full refit would tag it, the document
frequencies always equal a recount, and between refits the library's keywords stay within the stated tolerance."""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from reader import Library, keywords
from reader.config import seeds_dir
from reader.text.packed import unpack_counts

PRACTICE = Path(__file__).resolve().parents[2] / "shared" / "practice" / "pages"
# Mean share of an article's 8 keywords that a full refit would also give it, between two refits (REFIT_DRIFT
# apart). Measured on three years of daily pages (bench/run.py scale): 0.97.
TOLERANCE = 0.90


def tags(lib: Library) -> dict[int, list[tuple[str, float]]]:
    out: dict[int, list[tuple[str, float]]] = {}
    for aid, tag, weight in lib.conn.execute("SELECT article_id, tag, weight FROM tags ORDER BY article_id, rank"):
        out.setdefault(aid, []).append((tag, weight))
    return out


def recounted_df(lib: Library) -> dict[str, int]:
    names = dict(lib.conn.execute("SELECT id, term FROM terms"))
    df: Counter[str] = Counter()
    for (blob,) in lib.conn.execute("SELECT terms FROM articles"):
        df.update(names[tid] for tid, _ in unpack_counts(blob))
    return dict(df)


def stored_df(lib: Library) -> dict[str, int]:
    return {t: d for t, d in lib.conn.execute("SELECT term, df FROM terms") if d}


@pytest.fixture()
def incremental(monkeypatch: pytest.MonkeyPatch) -> None:
    """Page-by-page keywords from the first article on, and no refit after the first import."""
    monkeypatch.setattr(keywords, "SMALL_LIBRARY", 0)
    monkeypatch.setattr(keywords, "REFIT_DRIFT", 1e9)


def test_a_new_page_is_tagged_as_a_full_refit_would_tag_it(tmp_path: Path, incremental: None) -> None:
    seeds = sorted(seeds_dir().glob("*.txt"))
    with Library(tmp_path / "lib.db") as lib:
        lib.import_paths(seeds[:-1])
        before = set(tags(lib))
        lib.import_paths(seeds[-1:])
        assert not keywords.refit_due(lib.conn)  # the second import did not refit
        incremental_tags = tags(lib)
        new = set(incremental_tags) - before
        assert new
        assert stored_df(lib) == recounted_df(lib)
        keywords.refit(lib.conn)
        refitted = tags(lib)
        assert {a: incremental_tags[a] for a in new} == {a: refitted[a] for a in new}


def test_frequencies_follow_reimports_and_corrections(tmp_path: Path, incremental: None) -> None:
    page = tmp_path / "page.txt"
    seed = sorted(seeds_dir().glob("*.txt"))[0]
    shutil.copy(seed, page)
    with Library(tmp_path / "lib.db") as lib:
        lib.import_paths([page, *sorted(seeds_dir().glob("*.txt"))[1:]])
        page.write_text(seed.read_text(encoding="utf-8").replace("知识产权", "版权", 3), encoding="utf-8")
        assert lib.import_paths([page]).imported
        assert stored_df(lib) == recounted_df(lib)
        article = next(a for a in lib.articles() if len(lib.article(a.id).paragraphs) > 3)
        lib.correct("split", article.id, 2)
        assert stored_df(lib) == recounted_df(lib)
        lib.undo_correction()
        assert stored_df(lib) == recounted_df(lib)
        assert set(tags(lib)) == {a.id for a in lib.articles() if lib.conn.execute(
            "SELECT length(terms) FROM articles WHERE id = ?", [a.id]).fetchone()[0]}


def test_an_interrupted_import_is_tagged_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = sorted(seeds_dir().glob("*.txt"))
    with Library(tmp_path / "lib.db") as lib:
        monkeypatch.setattr(keywords, "settle", lambda conn: False)  # as if Ctrl-C came before the refit
        lib.import_paths(seeds[:3])
        assert keywords.refit_due(lib.conn)
        monkeypatch.undo()
        lib.import_paths(seeds[3:])
        untagged = lib.conn.execute("SELECT count(*) FROM articles a WHERE length(terms) > 0 AND NOT EXISTS "
                                    "(SELECT 1 FROM tags t WHERE t.article_id = a.id)").fetchone()[0]
        assert untagged == 0 and stored_df(lib) == recounted_df(lib)


@pytest.mark.skipif(not PRACTICE.is_dir(), reason="the practice corpus (../shared/practice) is not here")
def test_keywords_between_refits_stay_within_the_tolerance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keywords, "SMALL_LIBRARY", 0)
    pages = [*sorted(seeds_dir().glob("*.txt")), *sorted(PRACTICE.glob("*.txt"))]
    refits = 0
    with Library(tmp_path / "lib.db") as lib:
        for page in pages:  # one page a day
            refits += bool(keywords.refit_due(lib.conn, adding=1))
            assert lib.import_paths([page]).ok
        kept = tags(lib)
        keywords.refit(lib.conn)
        full = tags(lib)
    assert refits < len(pages) / 2  # most pages were tagged on their own
    overlap = [len({t for t, _ in kept.get(a, [])} & {t for t, _ in full[a]}) / len(full[a]) for a in full]
    assert sum(overlap) / len(overlap) >= TOLERANCE
