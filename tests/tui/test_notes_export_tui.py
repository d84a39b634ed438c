"""`e` in the reading room: export notes (this article or all) to a file, and refusals shown, not raised."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reader.library import Library
from reader.notes.annotations import add_annotation
from reader.notes.backup import parse_backup
from reader.notes.export import safe_filename
from reader.notes.managed import is_ours, split_front_matter
from reader.tui.app import ReaderApp
from reader.tui.screens.export_notes import ExportScreen, default_path

WIDE = (120, 40)


def test_default_path_names_the_file_after_the_article_or_the_library(tmp_path: Path) -> None:
    assert default_path("article", "obsidian", "知识产权/新质", tmp_path) == tmp_path / "知识产权 新质.md"
    assert default_path("all", "markdown", "知识产权", tmp_path) == tmp_path / "ipreader-notes.md"
    assert default_path("article", "json", None, tmp_path) == tmp_path / "ipreader-notes.json"


async def test_export_this_article_to_the_current_directory(lib: Library, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ids = [s.id for s in lib.articles()]
    article = lib.article(ids[0])
    ann = add_annotation(lib.db, ids[0], 0, 6, note="**要点**", color="green", tags=["政策"])
    add_annotation(lib.db, ids[1], 0, 3, note="别的文章")
    app = ReaderApp(lib, open_article=ids[0])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")  # defaults: this article, obsidian, ./<title>.md
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
    target = tmp_path / f"{safe_filename(article.title)}.md"
    text = target.read_text(encoding="utf-8")
    assert is_ours(text) and ann.quote in text and "**要点**" in text and "别的文章" not in text
    front, _ = split_front_matter(text)
    meta = yaml.safe_load("\n".join(front or []))
    assert meta["title"] == article.title


async def test_export_all_as_json_to_a_typed_path_parses_back(lib: Library, tmp_path: Path) -> None:
    ids = [s.id for s in lib.articles()]
    first = add_annotation(lib.db, ids[0], 0, 6, note="一")
    second = add_annotation(lib.db, ids[1], 0, 3, note="二")
    target = tmp_path / "out" / "notes.json"
    app = ReaderApp(lib, open_article=ids[0])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        scope, fmt = screen.query_one("#export-scope"), screen.query_one("#export-format")
        scope.query("RadioButton")[1].value = True  # all articles
        fmt.query("RadioButton")[2].value = True  # json
        await pilot.pause()
        assert screen.query_one("#export-path").value.endswith("ipreader-notes.json")
        screen.query_one("#export-path").value = str(target)
        screen.query_one("#export-path").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
    back = parse_backup(target.read_text(encoding="utf-8"))
    assert {a.id for a in back} == {first.id, second.id}


async def test_export_refusal_is_shown_and_nothing_is_overwritten(lib: Library, tmp_path: Path) -> None:
    article_id = lib.articles()[0].id
    ann = add_annotation(lib.db, article_id, 0, 6, note="一")
    mine = tmp_path / "mine.md"
    mine.write_text("# 我自己的笔记\n", encoding="utf-8")
    app = ReaderApp(lib, open_article=article_id)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#export-path").value = str(mine)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and "not written by ipreader" in screen.error
        assert screen.query_one("#export-error").display
        assert mine.read_text(encoding="utf-8") == "# 我自己的笔记\n"
        screen.query_one("#export-force").value = True  # the user allows adding to it
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
    text = mine.read_text(encoding="utf-8")
    assert "# 我自己的笔记\n" in text and ann.quote in text  # the user's text is kept


async def test_export_with_no_notes_says_so(lib: Library, tmp_path: Path) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#export-path").value = str(tmp_path / "x.md")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and "no annotations" in screen.error
        assert not (tmp_path / "x.md").exists()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]


async def test_tab_walks_the_export_dialog_fields(lib: Library, tmp_path: Path) -> None:
    # The app's own keys stand aside under a modal, but moving the focus must still reach the dialog's fields.
    app = ReaderApp(lib, open_article=lib.articles()[0].id)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        seen = [app.screen.focused]
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
            seen.append(app.screen.focused)
        assert isinstance(app.screen, ExportScreen)
        assert len({id(w) for w in seen}) == 4
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.screen.focused is seen[2]
