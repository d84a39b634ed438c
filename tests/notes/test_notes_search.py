"""`ipreader notes --search`: notes found by words of their text, their quote, their article, or a #tag."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_notes_search_by_words_and_by_tag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "lib.db")
    main(["--db", db, "import", str(SEEDS)])
    main(["--db", db, "note", "add", "1", "--quote", "知识产权", "--note", "对照地方的質押融資政策", "--tag", "金融"])
    main(["--db", db, "note", "add", "2", "--quote", "中小", "--note", "另一条", "--tag", "企业"])
    capsys.readouterr()

    def found(query: str) -> list[str]:
        rc = main(["--db", db, "notes", "--search", query, "--json"])
        notes = [n["note"] for n in json.loads(capsys.readouterr().out)]
        assert rc == (0 if notes else 1)  # nothing found: exit 1, as grep
        return notes

    assert found("质押融资") == ["对照地方的質押融資政策"]  # simplified finds the traditional words
    assert found("对照 政策") == ["对照地方的質押融資政策"]  # every word
    assert found("#金融") == ["对照地方的質押融資政策"] and found("#企业") == ["另一条"]
    assert found("对照 #企业") == []
    assert len(found("知识产权")) >= 1  # the quote counts too
    assert found("没有的词") == []
