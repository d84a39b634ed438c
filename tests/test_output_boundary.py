"""The output boundary: hostile file names, notes, tags and topic names never reach a terminal, a widget or an
export raw (no byte below 0x20 but newline and tab, no DEL or C1, no ESC), whatever command shows them."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.text.visible import clean, is_clean, one_line, visible

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ATTACKS = ["\x1b[2J", "\x1b]52;c;aGFja2Vk\x07", "\x1b]8;;http://x\x1b\\", "\x9b31m", "\u202e", "\u200b", "\x07",
           "\x1bP1$r\x1b\\", "\x1b[200~", "\r", "\x00", "\x7f", "\n# heading", "\u2066", "\ufeff"]
hostile = st.lists(st.one_of(st.sampled_from(ATTACKS), st.text(min_size=1, max_size=6),
                             st.sampled_from(["专利", "知识产权", "质押", " ", "#", "[b]", "*"])),
                   min_size=1, max_size=6).map("".join)


def raw_free(text: str) -> bool:
    return is_clean(text) and "\x1b" not in text and not any(0x80 <= ord(c) <= 0x9f for c in text)


@given(hostile)
def test_visible_shows_controls_and_drops_invisible_characters(text: str) -> None:
    shown = visible(text)
    assert raw_free(shown) and "\u202e" not in shown and "\u200b" not in shown
    assert "\n" not in one_line(text) and raw_free(one_line(text))
    assert raw_free(clean(text)) and "\x1b" not in clean(text)
    if "\x1b" in text:
        assert "␛" in shown  # the user sees that something was there


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("boundary")
    pages = folder / "pages"
    shutil.copytree(SEEDS, pages)
    first = sorted(pages.glob("*.txt"))[0]
    first.rename(pages / "evil\x1b[2J\x1b]52;c;aGk=\x07\u202etxt.txt")  # a hostile file name, on disk
    db = folder / "lib.db"
    assert main(["--db", str(db), "import", str(pages)]) in (0, 1)
    return db


def run(db: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    main(["--db", str(db), *argv])
    got = capsys.readouterr()
    return got.out + got.err


COMMANDS = [("list",), ("list", "--json"), ("show", "1"), ("show", "1", "--json"), ("notes",), ("notes", "--json"),
            ("search", "专利"), ("search", "专利", "--json"), ("doctor",), ("topics",), ("corrections",),
            ("export", "--format", "markdown"), ("export", "--format", "obsidian"), ("export", "--format", "json")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=hostile, tag=hostile)
def test_every_command_shows_hostile_notes_and_names_safely(library: Path, capsys: pytest.CaptureFixture[str],
                                                            note: str, tag: str) -> None:
    added = run(library, capsys, "note", "add", "1", "--quote", "知识产权", "--note", note, "--tag", tag, "--json")
    assert raw_free(added)
    for argv in COMMANDS:
        shown = run(library, capsys, *argv)
        assert raw_free(shown), (argv, shown)
    # What was stored is clean too: the next program to read the library gets no escape either.
    stored = json.loads(run(library, capsys, "notes", "--json"))
    assert all("\x1b" not in n["note"] and all("\n" not in t and "\x1b" not in t for t in n["tags"]) for n in stored)


def test_a_hostile_file_name_is_stored_and_shown_as_pictures(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = {a["source"] for a in json.loads(run(library, capsys, "list", "--json"))}
    (evil,) = [s for s in sources if s.startswith("evil")]
    assert evil.startswith("evil␛[2J␛]52;c;aGk=␇") and "\u202e" not in evil


def test_import_progress_names_a_hostile_file_safely(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "x\x1b]52;c;aGk=\x07\n.txt"
    page.write_text("标题\n\n正文第一段，知识产权。\n", encoding="utf-8")
    bad = tmp_path / "bad\x1b[2J.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    shown = run(tmp_path / "lib.db", capsys, "import", str(page), str(bad))
    assert raw_free(shown) and "␛]52" in shown and "bad␛[2J" in shown


def test_topic_names_from_a_hostile_taxonomy_are_cleaned_at_the_door(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "topics.toml").write_text(
        '[[topic]]\nname = "专利\\u001b[2J\\u202e金融\\nX"\nkeywords = ["专利", "\\u001b]52;c;aGk=\\u0007质押"]\n',
        encoding="utf-8")
    db = tmp_path / "lib.db"
    main(["--db", str(db), "import", str(SEEDS)])
    for argv in (("topics",), ("topics", "--json"), ("list",), ("list", "--json")):
        shown = run(db, capsys, *argv)
        assert raw_free(shown), (argv, shown)
    names = [t["name"] for t in json.loads(run(db, capsys, "topics", "--json"))]
    assert "专利[2J金融 X" in names


def test_tui_labels_are_built_from_safe_text() -> None:
    from reader.model import ArticleSummary
    from reader.notes.annotations import Annotation
    from reader.tui.widgets.library_list import row_label, source_label
    from reader.tui.widgets.notes_list import note_label
    from reader.tui.widgets.topic_list import topic_prompt

    bad = "".join(ATTACKS)
    summary = ArticleSummary(1, bad, 1, bad, bad, bad, [bad], bad, [bad], [bad], 10)
    ann = Annotation(id="a" * 32, article_id=1, source=bad, article_title=bad, fingerprint="", kind="highlight",
                     quote=bad, prefix="", suffix=bad, start=0, end=1, paragraph=0, section=None, color="yellow",
                     note=bad, tags=[bad], anchor_state="anchored", anchor_score=1.0, created="", updated="",
                     deleted=None)
    for text in (row_label(summary).plain, source_label(bad, {}), note_label(ann, True).plain,
                 topic_prompt(bad, 3).plain):
        assert raw_free(text), repr(text)
