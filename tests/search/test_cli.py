"""`ipreader search` / `ipreader concordance` handlers, run through their own argparse registration."""
from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import types
from pathlib import Path

import pytest

from reader import store
from reader.library import Library as _Library

from .conftest import build_library


class _FakeLibrary:
    """Stands in for reader.library.Library on a library built straight from the seeds: `db`, `close` and the
    real `source_labels` are used."""

    source_labels = _Library.source_labels

    def __init__(self, path: str) -> None:
        self.db = store.connect(path)
        self.conn = self.db.conn

    def close(self) -> None:
        self.db.conn.close()


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "lib.db"
    db = build_library(path)
    src = db.execute("SELECT id FROM sources LIMIT 1").fetchone()[0]
    db["articles"].insert({"source_id": src, "ordinal": 50, "title": "[bold red]标记[/bold red] 不是样式",
                           "fingerprint": "x", "imported_at": "2026-03-01"})
    from reader.search import ensure_index

    ensure_index(db)
    db.conn.close()
    before = set(sys.modules)
    fake = types.ModuleType("reader.library")
    fake.Library = _FakeLibrary  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "reader.library", fake)
    search_cmds = importlib.import_module("reader.cli.search_cmds")
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    search_cmds.register(parser.add_subparsers(dest="command").add_parser)

    def run(*argv: str) -> int:
        args = parser.parse_args(["--db", str(path), *argv])
        return args.func(args)

    yield run
    # Modules first imported against the fake must not leak into other test files.
    for name in set(sys.modules) - before:
        if name.startswith("reader.cli"):
            del sys.modules[name]


def test_search_json(cli, capsys) -> None:
    assert cli("search", "专利法", "--json", "--limit", "0") == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(set(r) == {"id", "title", "source", "hits", "snippet", "matched"} for r in rows)
    assert all("专利法" in r["snippet"] and r["hits"] >= 1 for r in rows)
    assert all(r["matched"] == [] for r in rows)  # written as typed: nothing to explain


def test_search_json_newest_and_topic(cli, capsys) -> None:
    assert cli("search", "创新", "--topic", "中小企业", "--newest", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows
    assert [r["id"] for r in rows] == sorted((r["id"] for r in rows), reverse=True)


def test_search_table_does_not_interpret_markup(cli, capsys) -> None:
    assert cli("search", "标记") == 0
    out = capsys.readouterr().out
    assert "[bold red]标记" in out


def test_search_error_exit_2(cli, capsys) -> None:
    assert cli("search", "topic:") == 2
    captured = capsys.readouterr()
    assert "topic" in captured.err and captured.out == ""
    assert cli("search", "-商标 专利", "--json") == 0  # an exclusion inside one argument is not an option


def test_concordance_json_and_text(cli, capsys) -> None:
    assert cli("concordance", "专利法", "--width", "5", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["match"] == "专利法" and len(r["left"]) <= 5 for r in rows)
    assert cli("concordance", "专利法", "--width", "5") == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "专利法" in line]
    assert len(lines) == len(rows)
    # Each line starts with its address, and the matches line up in one column whatever the address length.
    assert [line.split()[0] for line in lines] == [f"#{r['article_id']}·{r['paragraph']}" for r in rows]
    columns = {_cells(line[:line.index(r["left"] + " " + r["match"]) + len(r["left"])]) for line, r in zip(lines, rows)}
    assert len(columns) == 1
    assert cli("concordance", '""') == 2


def _cells(text: str) -> int:
    from reader.search.concordance import cell_width

    return cell_width(text)


def test_search_ids(cli, capsys) -> None:
    assert cli("search", "专利", "--json", "--limit", "0") == 0
    full = sorted(r["id"] for r in json.loads(capsys.readouterr().out))
    assert len(full) > 3
    assert cli("search", "专利", "--ids", "--json", "--limit", "2") == 0  # --limit does not cut the id list
    assert json.loads(capsys.readouterr().out) == full
    assert cli("search", "专利", "--ids") == 0
    assert [int(x) for x in capsys.readouterr().out.split()] == full
    assert cli("search", "没有这个词语", "--ids") == 1  # nothing found: as grep
    assert capsys.readouterr().out == ""
    assert cli("search", "topic:", "--ids") == 2


def test_search_table_names_pages_by_label_json_by_file(cli, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert cli("search", "专利", "--limit", "3") == 0
    table = capsys.readouterr().out
    # The seed files' hash names (000_332f26e4….txt) become page labels, even where a column is cropped.
    assert "专利" in table and not re.search(r"\d{3}_[0-9a-f]{3}", table)
    assert cli("search", "专利", "--limit", "3", "--json") == 0
    assert all(r["source"].endswith(".txt") for r in json.loads(capsys.readouterr().out))
