"""The key line (reader/tui/widgets/key_bar.py): the screen's real bindings in one render, a click presses the key,
hovering lights the key under the pointer."""
from __future__ import annotations

from reader import Library
from reader.tui.app import ReaderApp
from reader.tui.screens.search import SearchScreen
from reader.tui.widgets.key_bar import KeyBar, shown_bindings


def _line(bar: KeyBar) -> str:
    return bar.render().plain


async def test_the_bar_shows_the_screens_shown_bindings(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        line = _line(bar)
        shown = shown_bindings(app.screen)
        assert [b.description for b, _ in shown][:3] == ["Quit", "Help", "Outline"]
        for binding, _enabled in shown:
            assert f"{app.get_key_display(binding)} {binding.description}" in line
        assert "Next hit" not in line  # show=False bindings stay off the bar
        assert line.rstrip().endswith("^p palette")
        assert [k.key for k in bar.keys] == [b.key for b, _ in shown] + [app.COMMAND_PALETTE_BINDING]


async def test_a_click_on_a_key_presses_it(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        search = next(k for k in bar.keys if k.key == "s")
        await pilot.click(KeyBar, offset=((search.start + search.end) // 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_hover_lights_one_key_and_leaving_clears_it(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        second = bar.keys[1]
        await pilot.hover(KeyBar, offset=(second.start, 0))
        await pilot.pause()
        assert bar.hovered == 1
        await pilot.hover("#reader", offset=(5, 5))
        await pilot.pause()
        assert bar.hovered is None
