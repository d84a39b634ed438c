"""The command palette survives a double-click on its background: both clicks reach it, the first closes it and
the second closed it again from a screen stack it had left (ScreenStackError, found in tmux)."""
from __future__ import annotations

from textual.events import Click

from reader import Library
from reader.tui.app import ReaderApp
from reader.tui.commands import Palette


async def test_the_second_click_of_a_double_click_outside_the_palette_is_ignored(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, Palette)
        assert palette.get_widget_at(2, 38)[0] is palette  # the dimmed screen around the palette's box
        for chain in (1, 2):  # both reports of a double-click, queued before the first is handled
            palette.post_message(Click(palette, 2, 38, 0, 0, 1, False, False, False, screen_x=2, screen_y=38,
                                       chain=chain))
        await pilot.pause()
        await pilot.pause()
        assert app.screen is app.screen_stack[0] and app.crashed is None
        await pilot.press("ctrl+p")  # and it opens again
        await pilot.pause()
        assert isinstance(app.screen, Palette)
