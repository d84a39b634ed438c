"""A big file reports its steps while it is imported (issue #17): a page that takes a minute is never silent."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader import importer
from reader.cli import main
from reader.ingest import prepare
from reader.library import Library
from reader.model import Step

SENTENCE = "知识产权保护与专利转化运用，中小企业创新发展。"


@pytest.fixture()
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    # "big" from 1,000 characters, so that the test needs no megabytes
    monkeypatch.setattr(prepare, "STEPS_FROM_CHARS", 1000)
    monkeypatch.setattr(importer, "STEPS_FROM_CHARS", 1000)


def _page(folder: Path, name: str, sentences: int) -> Path:
    page = folder / name
    page.write_text("一个大页面\n\n" + "\n\n".join(SENTENCE * 5 for _ in range(sentences)) + "\n", encoding="utf-8")
    return page


def test_a_big_file_tells_each_step_in_order(tmp_path: Path, small_threshold: None) -> None:
    big, small = _page(tmp_path, "big.txt", 200), _page(tmp_path, "small.txt", 2)
    heard: list[tuple[str, Step, float]] = []
    with Library(tmp_path / "lib.db") as lib:
        report = lib.import_paths([str(small), str(big)], on_step=lambda *told: heard.append(told))
    assert [f.status for f in report.files] == ["imported", "imported"]
    assert {path for path, _, _ in heard} == {str(big)}  # the small page is not worth a word
    steps = [step for _, step, _ in heard]
    assert list(dict.fromkeys(steps)) == [Step.SPLITTING, Step.SEGMENTING, Step.STORING, Step.INDEXING]
    segmenting = [done for _, step, done in heard if step == Step.SEGMENTING]
    assert segmenting == sorted(segmenting) and segmenting[-1] == pytest.approx(1.0) and len(segmenting) >= 10


def test_a_piped_import_prints_the_steps_of_a_big_file(tmp_path: Path, small_threshold: None,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    big = _page(tmp_path, "big.txt", 200)
    assert main(["--db", str(tmp_path / "lib.db"), "import", str(big)]) == 0
    err = capsys.readouterr().err
    lines = [line.strip() for line in err.splitlines() if "big.txt: " in line and "[" not in line]
    assert lines[0].endswith("splitting…") and lines[-1].endswith("indexing…")
    assert any(line.endswith("segmenting 50%") for line in lines)
    assert len(lines) <= 15  # a line a step and a tenth of the segmenting, not one per percent
