"""The CLI contract scripts rely on, exercised through a real subprocess where exit codes and streams matter."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.config import seeds_dir

SEEDS = sorted(seeds_dir().glob("*.txt"))


def run_cli(*args: str, env_db: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if env_db is not None:
        env["IPREADER_DB"] = str(env_db)
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, timeout=120)


def test_import_list_show_topics_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    r = run_cli("--db", str(db), "import", str(SEEDS[2]))
    assert r.returncode == 0, r.stderr
    assert "1 imported" in r.stdout and "1 imported" not in r.stderr  # the summary is the result: stdout
    assert "[1/1] imported:" in r.stderr  # the progress lines: stderr
    r = run_cli("--db", str(db), "list", "--json")
    arts = json.loads(r.stdout)
    assert arts and {"id", "source", "ordinal", "title", "kicker", "subtitle", "authors", "column", "topics", "tags",
                     "chars"} <= set(arts[0])
    assert all(a["source"] == SEEDS[2].name for a in arts)
    r = run_cli("--db", str(db), "show", str(arts[0]["id"]), "--json")
    detail = json.loads(r.stdout)
    assert detail["title"] == arts[0]["title"] and detail["paragraphs"]
    r = run_cli("--db", str(db), "topics", "--json")
    topics = json.loads(r.stdout)
    assert topics[-1]["name"] == "未分类"
    assert sum(t["count"] for t in topics) >= len(arts)


def test_piped_import_prints_plain_progress_lines(tmp_path: Path) -> None:
    r = run_cli("import", *map(str, SEEDS[:2]), env_db=tmp_path / "env.db")
    assert r.returncode == 0
    assert "[1/2] imported" in r.stderr and "[2/2] imported" in r.stderr
    assert "\x1b[" not in r.stderr.split("import")[0]  # no progress-bar escape codes when piped
    assert (tmp_path / "env.db").exists()  # IPREADER_DB was honoured


def test_failed_file_gives_nonzero_exit_and_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "坏 文件.txt"
    bad.write_bytes(b"%PDF-1.4\n" + bytes(100))
    r = run_cli("--db", str(tmp_path / "lib.db"), "import", str(bad), str(SEEDS[0]))
    assert r.returncode == 1
    assert "坏 文件.txt" in r.stderr and "PDF" in r.stderr
    listed = json.loads(run_cli("--db", str(tmp_path / "lib.db"), "list", "--json").stdout)
    assert {a["source"] for a in listed} == {SEEDS[0].name}


def test_show_unknown_id_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "lib.db"), "show", "999"]) == 2
    assert "no article with id 999" in capsys.readouterr().err


def test_list_topic_filter(seeded_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(seeded_copy), "list", "--topic", "农业与粮食", "--json"]) == 0
    arts = json.loads(capsys.readouterr().out)
    assert arts and all("农业与粮食" in a["topics"] for a in arts)


def test_human_output_shows_markup_literally(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "markup.txt"
    page.write_text("测试标题[bold red]红[/]\n\n□作者甲\n\n正文包含[link=file:///etc/passwd]链接[/link]与知识产权。\n", encoding="utf-8")
    db = tmp_path / "lib.db"
    assert main(["--db", str(db), "import", str(page)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "show", "1"]) == 0
    shown = capsys.readouterr().out
    assert "[link=file:///etc/passwd]" in shown


def test_newer_schema_is_a_clear_error(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "future.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    r = run_cli("--db", str(db), "list")
    assert r.returncode == 2
    assert "newer ipreader" in r.stderr and "Traceback" not in r.stderr


def test_search_exclusions_are_query_words_not_options(seeded_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(seeded_copy), "search", "质押融资", "--json"]) == 0
    with_term = {h["id"] for h in json.loads(capsys.readouterr().out)}
    assert main(["--db", str(seeded_copy), "search", "质押融资", "-专利法", "--json", "--limit", "0"]) == 0
    without = {h["id"] for h in json.loads(capsys.readouterr().out)}
    assert with_term and without and without < with_term
    assert main(["--db", str(seeded_copy), "search", "-专利法", "质押融资", "--json"]) == 0
    assert {h["id"] for h in json.loads(capsys.readouterr().out)} == without


def test_show_folds_chinese_by_the_line_breaking_rules(seeded_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    from reader.cli import library_cmds
    from reader.text.wrap import CLOSING, display_width

    buffer = io.StringIO()
    monkeypatch.setattr(library_cmds, "out", Console(file=buffer, force_terminal=True, color_system=None, width=41,
                                                     highlight=False))
    assert main(["--db", str(seeded_copy), "show", "3"]) == 0
    lines = [line for line in buffer.getvalue().splitlines() if line]
    assert len(lines) > 20
    assert all(display_width(line) <= 41 for line in lines)
    detail = json.loads(run_cli("--db", str(seeded_copy), "show", "3", "--json").stdout)
    starts = [detail["subtitle"] or "", *(p["text"] for p in detail["paragraphs"])]  # "——评《…" may open one
    folded = [line for line in lines if not any(f.startswith(line.strip("　")[:8]) for f in starts if f)]
    assert not [line for line in folded if line[0] in CLOSING]  # Rich alone starts lines with "。" and "，"
    body = "".join(line.strip("　") for line in lines)
    assert all(p["text"].replace(" ", "") in body.replace(" ", "") for p in detail["paragraphs"])  # nothing lost


def test_show_into_a_pipe_prints_a_paragraph_per_line(seeded_copy: Path) -> None:
    r = run_cli("--db", str(seeded_copy), "show", "3")
    detail = json.loads(run_cli("--db", str(seeded_copy), "show", "3", "--json").stdout)
    lines = r.stdout.splitlines()
    longest = max(detail["paragraphs"], key=lambda p: len(p["text"]))["text"]
    assert len(longest) > 200 and "　　" + longest in lines  # whole, for grep and friends
