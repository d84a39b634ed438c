"""The command line's manners: a mistyped command is named with what was meant, a --db in a missing folder is
refused, piped `list` gives one line per article, an unknown topic is an error, the import summary is stdout."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = main(list(argv))
    got = capsys.readouterr()
    return rc, got.out, got.err


def test_a_mistyped_command_says_what_was_meant(seeded_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "--db", str(seeded_copy), "serach", "专利")
    assert rc == 2 and out == "" and "did you mean `ipreader search`" in err and "invalid choice" not in err
    rc, _, err = run(capsys, "--db", str(seeded_copy), "qqqqqq")
    assert rc == 2 and "no such file, and not a command" in err


def test_a_db_in_a_missing_folder_is_refused_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    typo = tmp_path / "libary" / "lib.db"
    for argv in (("--db", str(typo), "list"), ("--db", str(typo))):
        rc, _, err = run(capsys, *argv)
        assert rc == 2 and "cannot find the folder" in err and "typo" in err
    assert not typo.parent.exists()


def test_piped_list_is_one_line_per_article(seeded_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    rc, out, _ = run(capsys, "--db", str(seeded_copy), "list", "--json")
    articles = json.loads(out)
    rc, out, _ = run(capsys, "--db", str(seeded_copy), "list")
    lines = out.splitlines()
    assert rc == 0 and lines[0].split("\t")[:4] == ["id", "source", "#", "title"]
    assert len(lines) == len(articles) + 1
    for line, art in zip(lines[1:], articles):
        cells = line.split("\t")
        assert cells[0] == str(art["id"]) and cells[3].endswith(art["title"])  # whole titles: grep finds them
        assert "│" not in line
    rc, out, _ = run(capsys, "--db", str(seeded_copy), "list", "--table")
    assert rc == 0 and "┃ id" in out and "\t" not in out  # the box, asked for, even into a pipe


def test_an_unknown_topic_is_an_error(seeded_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "--db", str(seeded_copy), "list", "--topic", "没有这个主题")
    assert rc == 2 and out == "" and "no topic" in err


def test_the_import_summary_is_the_result_on_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    rc, out, err = run(capsys, "--db", str(tmp_path / "lib.db"), "import", str(seeds))
    assert rc == 0 and "5 imported, 0 skipped, 0 failed" in " ".join(out.split())
    assert "imported:" in err  # the progress lines


def test_every_command_and_option_has_help_text() -> None:
    import argparse

    from reader.cli import build_parser

    missing = []

    def walk(parser: argparse.ArgumentParser, path: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{path} {name}")
                continue
            if not action.help:
                missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")

    walk(build_parser(), "ipreader")
    assert missing == []


def test_nothing_found_exits_1_as_grep(seeded_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(seeded_copy)
    for argv in (("search", "没有这样的词组合"), ("search", "没有这样的词组合", "--json"),
                 ("search", "没有这样的词组合", "--ids"), ("concordance", "没有这样的词组合"),
                 ("list", "--filter", "qqqzzzk"), ("notes", "--search", "没有这样的词组合")):
        rc, out, _ = run(capsys, "--db", db, *argv)
        assert rc == 1, argv
    for argv in (("search", "专利"), ("concordance", "专利"), ("list", "--filter", "zscq"), ("list",), ("notes",)):
        rc, _, _ = run(capsys, "--db", db, *argv)
        assert rc == 0, argv  # found something (or, for a bare listing, nothing was looked for)


def test_query_words_may_start_with_a_dash_but_a_mistyped_option_is_refused(seeded_copy: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    import json

    db = str(seeded_copy)
    rc, out, _ = run(capsys, "--db", db, "search", "质押融资", "-专利法", "--json")
    assert rc == 0 and json.loads(out)
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", db, "search", "专利", "--jsn"])
    assert exit_info.value.code == 2 and "unrecognized option --jsn" in capsys.readouterr().err
    rc, _, err = run(capsys, "--db", db, "search")
    assert rc == 2 and "search needs words" in err
    with pytest.raises(SystemExit):
        main(["--db", db, "list", "-x"])  # other commands take no stray words


def test_no_private_argparse_in_the_cli() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parents[2] / "reader" / "cli").glob("*.py"))
    import re

    for private in (r"\._subparsers\b", r"\._group_actions\b", r"\._actions\b", r"_SubParsersAction",
                    r"\._option_string_actions\b"):
        assert not re.search(private, source), private
