"""Keys typed right after a dialog opens, before its input has focus, land in that input."""
from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from reader.library import Library
from reader.tui.app import ReaderApp

WIDE = (120, 40)


@pytest.mark.parametrize("opener, input_id", [("s", "#search-input"), ("c", "#kwic-input")])
@pytest.mark.parametrize("typed", ["cat", "van", "专利"])  # c, v, a, n: keys the reading screen binds
async def test_keys_typed_at_once_after_opening_reach_the_input(lib: Library, opener: str, input_id: str,
                                                                typed: str) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        # As a terminal delivers keys typed fast (or pasted): all at once, without waiting for the screen.
        for key in (opener, *typed):
            app.post_message(events.Key(key, key))
        for _ in range(5):
            await pilot.pause()

        assert len(app.screen_stack) == 2  # only the dialog opened: no key reached the reading screen's bindings
        assert app.screen.query_one(input_id, Input).value == typed
        assert app.reader.selection_range() is None


async def test_typing_while_the_concordance_list_has_focus_edits_the_query(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("c", *"专利", "enter")
        for _ in range(4):
            await pilot.pause()
            await app.workers.wait_for_complete()
        field = app.screen.query_one("#kwic-input", Input)
        app.screen.query_one("#kwic-lines").focus()
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert field.has_focus and field.value == "专利x"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("x")  # on the reading screen a key nobody binds is still nobody's
        await pilot.pause()
        assert len(app.screen_stack) == 1


@pytest.mark.parametrize("second_time", [False, True])
async def test_find_takes_keys_typed_at_once_after_the_slash(lib: Library, second_time: bool) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        if second_time:  # the box exists already: only its focus is late
            await pilot.press("slash", "escape")
            await pilot.pause()
        for key, char in (("slash", "/"), ("新", "新"), ("质", "质")):
            app.post_message(events.Key(key, char))
        for _ in range(5):
            await pilot.pause()
        box = app.query_one("#find-input", Input)
        assert box.value == "新质" and box.has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.hits  # it found them
        await pilot.press("escape")
        await pilot.pause()
        app.reader.focus()
        await pilot.pause()
        await pilot.press("z")  # after the box closed, a key nobody binds goes nowhere, not into the box
        await pilot.pause()
        assert box.value == "新质"


@pytest.mark.parametrize("opener, input_id", [("c", "#kwic-input"), ("s", "#search-input"), ("slash", "#find-input")])
async def test_early_keys_replace_a_prefilled_term_and_later_keys_follow_them(lib: Library, opener: str,
                                                                              input_id: str) -> None:
    # The find term "专利" prefills all three inputs, selected: typing replaces it, early keys included. The
    # input's focus arrives between the typed characters; it must not select what was typed before it.
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"专利", "enter")
        await pilot.pause()
        assert app.reader.find_query == "专利"
        for key in (opener, "质", "押"):
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        for _ in range(5):
            await pilot.pause()
        await pilot.press("融", "资")
        await pilot.pause()
        field = app.screen.query_one(input_id, Input)
        assert field.value == "质押融资" and field.has_focus


async def test_a_dialog_opened_normally_still_selects_its_prefill(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"专利", "enter", "c")
        await pilot.pause()
        await pilot.pause()
        field = app.screen.query_one("#kwic-input", Input)
        assert field.value == "专利" and field.selected_text == "专利"
        await pilot.press("商", "标")
        assert field.value == "商标"
