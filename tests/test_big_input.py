"""Large and odd inputs: a very long single line, a file of many pages' worth, names with spaces and Chinese."""
from __future__ import annotations

from pathlib import Path

from reader import Library
from reader.config import seeds_dir

SEED_TEXT = "".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt")))


def test_a_long_single_line_imports_in_pieces_without_loss(tmp_path: Path) -> None:
    body = SEED_TEXT.replace("\n", "")
    line = (body * (200_000 // len(body) + 1))[:200_000]
    page = tmp_path / "一行 长文.txt"
    page.write_text(line, encoding="utf-8")
    with Library(tmp_path / "lib.db") as lib:
        report = lib.import_paths([page])
        assert report.ok, report
        arts = lib.articles()
        stored = "".join(p.text for a in arts for p in lib.article(a.id).paragraphs)
        assert len(arts) >= 1
    # Nothing lost or duplicated: with no structure to find, the line is one article's body, word for word.
    assert stored == line


def test_many_pages_in_one_file(tmp_path: Path) -> None:
    page = tmp_path / "合订本.txt"
    page.write_text(SEED_TEXT * 4, encoding="utf-8")
    with Library(tmp_path / "lib.db") as lib:
        assert lib.import_paths([page]).ok
        n = len(lib.articles())
    assert n >= 4 * 20  # every repeated page still splits into its articles
