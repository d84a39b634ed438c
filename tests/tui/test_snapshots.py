"""Snapshot tests (pytest-textual-snapshot): the main screen wide and narrow, and the help screen.

Deterministic by construction: a fixed terminal size and a library built from the bundled seeds in a tmp dir.
Update after an intended visual change with `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""
from __future__ import annotations

from textual.pilot import Pilot

from reader.library import Library
from reader.tui.app import ReaderApp


async def settle(pilot: Pilot) -> None:
    # let the lazily loaded lists fill in after the first frame
    await pilot.pause()
    await pilot.pause()


def test_main_screen_wide(lib: Library, snap_compare) -> None:
    assert snap_compare(ReaderApp(lib), terminal_size=(120, 40), run_before=settle)


def test_main_screen_narrow(lib: Library, snap_compare) -> None:
    assert snap_compare(ReaderApp(lib), terminal_size=(80, 24), run_before=settle)


def test_help_screen(lib: Library, snap_compare) -> None:
    assert snap_compare(ReaderApp(lib), press=["question_mark"], terminal_size=(120, 40), run_before=settle)


def test_light_theme_with_find_hits(lib: Library, snap_compare) -> None:
    lib.set_setting("tui.theme", "textual-light")
    keys = ["slash", *"知识产权", "enter"]
    assert snap_compare(ReaderApp(lib), press=keys, terminal_size=(120, 40), run_before=settle)


def test_search_with_notes(lib: Library, snap_compare) -> None:
    """The search screen's notes group below the article hits."""
    from reader.notes.annotations import add_by_quote

    second = lib.articles()[1]
    add_by_quote(lib.db, second.id, lib.article(second.id).paragraphs[2].text[3:15], note="对照地方政策的要点",
                 tags=["复核"])

    async def typed(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        pilot.app.screen.input.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        pilot.app.screen.input.value = "地方政策"
        for _ in range(100):
            await pilot.pause(0.05)
            if pilot.app.screen.shown_query == "地方政策":
                break
        pilot.app.screen.results.focus()  # the picture shows the results, not the caret in the box
        await pilot.pause()

    assert snap_compare(ReaderApp(lib), terminal_size=(120, 40), run_before=typed)


def test_search_names_the_other_script(lib: Library, snap_compare) -> None:
    """A traditional query: each hit says the simplified text it found (匹配 … ← …（简体）)."""

    async def typed(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        pilot.app.screen.input.cursor_blink = False
        pilot.app.screen.input.value = "知識產權質押"
        for _ in range(100):
            await pilot.pause(0.05)
            if pilot.app.screen.shown_query == "知識產權質押":
                break
        pilot.app.screen.results.focus()
        await pilot.pause()

    assert snap_compare(ReaderApp(lib), terminal_size=(120, 40), run_before=typed)
