"""Messages do not cover the text or the position readout (issue #15): a one-line toast sits on the footer's row."""
from __future__ import annotations

from reader import Library


async def test_a_message_covers_only_the_footer_row(lib: Library) -> None:
    from textual.widgets._toast import Toast

    from reader.tui.app import ReaderApp

    app = ReaderApp(lib)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        app.notify("已复制 copied 12 字")
        for _ in range(5):
            await pilot.pause()
        (toast,) = app.screen.query(Toast)
        region = toast.region
        assert region.height == 1 and region.y == 39, region  # the bottom row: the footer's
        reader = app.reader.region  # its outer region: the border with the readout included
        assert not region.overlaps(reader), (region, reader)


async def test_a_message_with_a_title_stays_off_the_text_lines_at_80_columns(lib: Library) -> None:
    from textual.widgets._toast import Toast

    from reader.tui.app import ReaderApp

    app = ReaderApp(lib)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.notify("导出了 5 篇文章的批注", title="导出 export")
        for _ in range(5):
            await pilot.pause()
        (toast,) = app.screen.query(Toast)
        text_rows = app.reader.content_region
        assert not toast.region.overlaps(text_rows), (toast.region, text_rows)
