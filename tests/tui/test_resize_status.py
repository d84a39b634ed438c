"""The position readout follows a resize at once (issue #15: it kept "100%" until the next scroll)."""
from __future__ import annotations

from reader import Library


async def test_the_percent_in_the_status_is_true_after_a_resize(lib: Library) -> None:
    from reader.tui.app import ReaderApp

    longest = max(lib.articles(), key=lambda a: a.chars)
    app = ReaderApp(lib, longest.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.reader
        reader.focus()
        await pilot.press("G")  # to the end
        await pilot.pause()
        assert str(reader.border_subtitle).startswith("100%")
        for size in ((90, 30), (60, 20), (120, 40), (100, 24)):
            await pilot.resize_terminal(*size)
            for _ in range(5):
                await pilot.pause()
            shown = str(reader.border_subtitle).split("%")[0]
            assert shown == str(reader.percent), (size, shown, reader.percent)
