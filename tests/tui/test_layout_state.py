"""The reading room's layout is ReadingScreen state (issue #15): reactive variables whose watchers lay the panes out,
the key line bound to `narrow`, the app remembering what the reader chose. Setting a variable is all it takes."""
from __future__ import annotations

from reader import Library


async def test_setting_the_state_lays_the_panes_out(lib: Library) -> None:
    from reader.tui.app import ReaderApp
    from reader.tui.screens.reading import Pane

    first = lib.first_article_id()
    assert first is not None
    lib.add_annotation(first, 0, 4, note="一条批注")
    app = ReaderApp(lib, open_article=first)
    async with app.run_test(size=(160, 40)) as pilot:
        for _ in range(3):
            await pilot.pause()
        room = app.base
        sidebar, notes = room.query_one("#sidebar"), app.notes_pane
        assert sidebar.display and not notes.display
        room.show_notes = True  # no call to a layout method: the watcher does it
        assert notes.display and sidebar.display  # 160 columns: both beside the text
        assert room.visible_panes() == [Pane.TOPICS, Pane.LIBRARY, Pane.READER, Pane.NOTES]
        await pilot.pause()
        # revealed, the notes pane lists the open article's notes (NotesRevealed → refresh_notes)
        assert app.notes_pane.query_one("#notes-list").option_count == 1
        room.show_library = False
        assert not sidebar.display and room.visible_panes() == [Pane.READER, Pane.NOTES]


async def test_the_key_line_follows_narrow_by_data_binding(lib: Library) -> None:
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.key_bar import KeyBar

    app = ReaderApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = app.base.query_one(KeyBar)
        assert not app.base.narrow and not bar.compact
        app.base.narrow = True
        await pilot.pause()
        assert bar.compact  # nobody told the bar: it is bound to the screen's variable
        assert app.base.has_class("-narrow") and not app.base.query_one("#sidebar").display


async def test_what_the_reader_chose_is_the_next_start(db_path) -> None:  # type: ignore[no-untyped-def]
    from reader.library import Library
    from reader.tui.app import ReaderApp

    with Library(db_path) as lib:
        app = ReaderApp(lib)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(3):
                await pilot.pause()
            await pilot.press("b")  # hide the library
            await pilot.pause()
            assert not app.base.show_library
            app.base.show_notes = True  # any change of the state, not only a key, is remembered
            await pilot.pause()
    with Library(db_path) as lib:
        app = ReaderApp(lib)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert not app.base.show_library and app.base.show_notes
            assert not app.base.query_one("#sidebar").display


async def test_going_narrow_keeps_the_pane_in_use(lib: Library) -> None:
    from reader.tui.app import ReaderApp
    from reader.tui.screens.reading import Pane

    app = ReaderApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert app.base.current_pane() == Pane.TOPICS
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.base.narrow and app.base.narrow_pane == Pane.TOPICS
        assert app.base.query_one("#sidebar").display and not app.base.query_one("#reader-column").display
