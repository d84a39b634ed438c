"""`ipreader note add`, `notes`, `export`, `import-notes` through the real argument parser."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.notes.annotations import list_annotations

from .conftest import Lib


def run(lib: Lib, *argv: str) -> int:
    return main(["--db", lib.db.conn.execute("PRAGMA database_list").fetchone()[2], *argv])


def test_note_add_and_list(lib: Lib, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(lib, "note", "add", "1", "--quote", "中小企业", "--note", "[not markup]", "--color", "blue",
               "--tag", "甲", "--tag", "#乙", "--json") == 0
    captured = capsys.readouterr()
    added = json.loads(captured.out)
    assert added["quote"] == "中小企业" and added["color"] == "blue" and added["tags"] == ["甲", "乙"]
    assert "occurs 3 times" in captured.err

    assert run(lib, "notes", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in listed] == [added["id"]]
    assert run(lib, "notes") == 0
    table = capsys.readouterr().out
    assert "[not markup]" in table and added["id"][:8] in table

    assert run(lib, "note", "delete", added["id"][:8]) == 0
    assert capsys.readouterr().out.startswith(f"deleted {added['id'][:8]}")
    assert run(lib, "notes", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert run(lib, "note", "undelete", added["id"][:8]) == 0
    assert capsys.readouterr().out.startswith("restored")
    assert run(lib, "note", "edit", added["id"][:8], "--note", "改过", "--json") == 0
    assert json.loads(capsys.readouterr().out)["note"] == "改过"


def test_errors_go_to_stderr_with_exit_2(lib: Lib, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(lib, "note", "add", "1", "--quote", "没有这句话") == 2
    captured = capsys.readouterr()
    assert "does not occur" in captured.err and captured.out == ""
    assert run(lib, "note", "add", "42", "--quote", "x") == 2
    assert run(lib, "export", "--tag", "无") == 2
    assert "no annotations match" in capsys.readouterr().err


def test_orphans_listing(lib: Lib, capsys: pytest.CaptureFixture[str]) -> None:
    run(lib, "note", "add", "2", "--quote", "知识产权质押融资")
    run(lib, "note", "add", "1", "--quote", "中小企业是创新")
    lib.db.execute("UPDATE annotations SET anchor_state = 'orphan' WHERE quote = '知识产权质押融资'")
    capsys.readouterr()
    assert run(lib, "notes", "--orphans", "--json") == 0
    assert [a["quote"] for a in json.loads(capsys.readouterr().out)] == ["知识产权质押融资"]


def test_export_and_import_notes_round_trip(lib: Lib, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(lib, "note", "add", "1", "--quote", "中小企业是创新", "--note", "n")
    capsys.readouterr()
    assert run(lib, "export", "--format", "markdown", "--article", "1") == 0
    printed = capsys.readouterr().out
    assert printed.startswith("---\n") and "> 中小企业是创新" in printed

    backup = tmp_path / "b.json"
    assert run(lib, "export", "--format", "json", "-o", str(backup)) == 0
    before = backup.read_text(encoding="utf-8")
    lib.db.execute("DELETE FROM annotations")
    assert run(lib, "import-notes", str(backup), "--json") == 0
    assert json.loads(capsys.readouterr().out)["added"] == 1
    assert run(lib, "import-notes", str(backup), "--json") == 0
    assert json.loads(capsys.readouterr().out) == {"added": 0, "updated": 0, "unchanged": 1, "review": 0,
                                                  "orphaned": 0, "corrections": 0, "pages_reimported": 0}
    assert len(list_annotations(lib.db)) == 1
    assert run(lib, "export", "--format", "json", "-o", str(backup)) == 0
    assert backup.read_text(encoding="utf-8") == before

    mine = tmp_path / "mine.md"
    mine.write_text("我的笔记\n", encoding="utf-8")
    assert run(lib, "export", "-o", str(mine)) == 2
    assert "--force" in capsys.readouterr().err
    assert run(lib, "export", "-o", str(mine), "--force") == 0
    assert mine.read_text(encoding="utf-8").count("我的笔记") == 1
