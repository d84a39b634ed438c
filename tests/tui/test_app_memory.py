"""Pilot tests for the reading room: width, reading position, pane layout and theme, and what is remembered."""
from __future__ import annotations

from pathlib import Path

from reader.library import Library
from reader.tui.app import ReaderApp

WIDE, NARROW = (120, 40), (80, 24)


async def test_width_keys_rewrap_and_are_remembered(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert app.reader.layout_.width == 72
        await pilot.press("+", "+")
        assert app.reader.layout_.width == 80
        await pilot.press("-")
        assert app.reader.layout_.width == 76
        assert lib.get_setting("tui.measure") == "76"
    again = ReaderApp(lib)
    async with again.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert again.reader.layout_.width == 76


async def test_position_is_saved_and_restored(lib: Library) -> None:
    ids = [s.id for s in lib.articles()]
    app = ReaderApp(lib, open_article=ids[4])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("space", "space", "j")
        where = app.reader.position
        assert where != (0, 0)
        await pilot.press("]")  # another article: the first one's place is written now
        assert lib.get_position(ids[4]) == where
        await pilot.press("j", "j")
        await pilot.press("[")
        assert app.reader.position == where
        await pilot.press("q")
    assert lib.last_article() == ids[4]
    # a new session opens where the reader left off
    again = ReaderApp(lib)
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert again.article.id == ids[4]
        assert again.reader.position == where


async def test_narrow_terminal_shows_one_pane_at_a_time(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        sidebar = app.query_one("#sidebar")
        column = app.query_one("#reader-column")
        assert app.base.narrow and not sidebar.display and column.display
        assert app.reader.layout_.width <= app.reader.scrollable_content_region.width
        await pilot.press("b")
        assert sidebar.display and not column.display
        assert app.focused is app.library.tree
        await pilot.press("down", "enter")
        await pilot.pause()
        assert column.display and not sidebar.display
        await pilot.press("tab")
        assert app.base.narrow_pane == "notes" and app.notes_pane.display


async def test_wide_terminal_can_hide_the_library(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        sidebar = app.query_one("#sidebar")
        assert sidebar.display
        await pilot.press("b")
        assert not sidebar.display
        assert lib.get_setting("tui.library") == "0"
        await pilot.press("A")
        assert app.notes_pane.display


async def test_theme_toggle_is_remembered(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        before = app.theme
        await pilot.press("T")
        assert app.theme != before
        assert lib.get_setting("tui.theme") == app.theme
    again = ReaderApp(lib)
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert again.theme != before


async def test_articles_imported_elsewhere_appear(lib: Library, tmp_path: Path) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        before = len(app.all_summaries)
        page = tmp_path / "new.txt"
        page.write_text("新导入的文章标题\n\n□作者乙\n\n" + "这是另一个进程导入的一篇文章的正文。" * 5 + "\n", encoding="utf-8")
        other = Library(lib.path)  # another process, as far as the app can tell
        other.import_paths([page])
        new_ids = set(other.source_article_ids(page))
        other.close()
        app.poll_changes()  # what the interval timer calls every few seconds
        await pilot.pause()
        assert len(app.all_summaries) > before
        assert new_ids and new_ids <= {s.id for s in app.library.shown}


async def test_empty_library_shows_a_hint(tmp_path: Path) -> None:
    lib = Library(tmp_path / "empty.db")
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.article is None
        hint = "\n".join(app.reader.render_line(y).text for y in range(1, 6))
        assert "library is empty" in hint and "ipreader 文件.txt" in hint and "ipreader import --samples" in hint
    lib.close()


async def test_going_narrow_keeps_the_focused_pane(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        app.library.tree.focus()
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert app.base.narrow and app.query_one("#sidebar").display
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert not app.base.narrow and app.query_one("#reader-column").display and app.query_one("#sidebar").display


def test_preferences_parse_typed_and_fall_back_on_damage(lib: Library) -> None:
    from reader.tui.preferences import Preferences, Theme
    from reader.tui.widgets.library_list import LibraryOrder
    from reader.tui.widgets.reader_view import MAX_MEASURE

    assert Preferences.load(lib) == Preferences()  # nothing stored: the defaults
    for key, value in (("tui.library", "0"), ("tui.notes", "1"), ("tui.measure", "64"),
                       ("tui.theme", "textual-light"), ("tui.order", "title"), ("tui.grouped", "0")):
        lib.set_setting(key, value)
    assert Preferences.load(lib) == Preferences(library=False, notes=True, measure=64, theme=Theme.LIGHT,
                                                order=LibraryOrder.TITLE, grouped=False)
    # hand-edited or damaged values: each falls back to its default, a measure out of range is clamped
    for key, value in (("tui.library", "yes"), ("tui.measure", "wide"), ("tui.theme", "neon"),
                       ("tui.order", "random")):
        lib.set_setting(key, value)
    prefs = Preferences.load(lib)
    assert (prefs.library, prefs.measure, prefs.theme, prefs.order) == (True, Preferences().measure, Theme.DARK,
                                                                        LibraryOrder.SOURCE)
    lib.set_setting("tui.measure", "9999")
    assert Preferences.load(lib).measure == MAX_MEASURE
    # changed() reports only what differs, as stored strings
    new, settings = Preferences().changed(notes=True, measure=Preferences().measure)
    assert new.notes and settings == {"tui.notes": "1"}
