"""At 80 columns nothing is cut, and on/off reads without colour (issue #15): the footer's keys all fit, the export
dialog's labels fit its box, topic and export toggles draw ✓/blank and ●/○ rather than one glyph in two colours."""
from __future__ import annotations

from rich.cells import cell_len

from reader import Library
from reader.tui.widgets.key_bar import shown_bindings


async def test_every_footer_key_fits_at_80_columns(lib: Library) -> None:
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.key_bar import KeyBar

    app = ReaderApp(lib)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        assert bar.compact and len(bar.keys) >= 9  # eight keys and the palette
        assert all(k.end <= bar.size.width for k in bar.keys), [(k.key, k.end) for k in bar.keys]
        assert bar.keys[-1].key == app.COMMAND_PALETTE_BINDING
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not bar.compact  # roomy again once there is room
        assert all(k.end <= bar.size.width for k in bar.keys)


async def test_at_60_columns_a_key_that_does_not_fit_is_left_out_whole(lib: Library) -> None:
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.key_bar import KeyBar

    app = ReaderApp(lib)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        line = bar.render().plain.rstrip()
        assert cell_len(line) <= 60
        drawn = [b for b, _ in shown_bindings(app.screen) if any(k.key == b.key for k in bar.keys)]
        assert [b.description for b in drawn][:2] == ["Quit", "Help"]
        # the line is exactly the drawn keys, each whole: no key cut to a stray letter at the edge
        assert line == " ".join(f"{app.get_key_display(b)} {b.description}" for b in drawn)
        assert len(drawn) < len(shown_bindings(app.screen))  # at 60 columns some keys really are left out


async def test_export_dialog_labels_fit_at_80_columns(lib: Library) -> None:
    from textual.widgets import Checkbox, RadioButton

    from reader.tui.app import ReaderApp
    from reader.tui.screens.export_notes import ExportScreen

    app = ReaderApp(lib)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        box = screen.query_one("#export-box").content_region
        for toggle in [*screen.query(Checkbox), *screen.query(RadioButton)]:
            # the whole toggle, its label included, inside the dialog (a wider one is cut by the box's edge)
            assert toggle.region.right <= box.right, (toggle.label, toggle.region, box)


async def test_toggles_say_on_or_off_without_colour(lib: Library) -> None:
    from textual.widgets import Checkbox, RadioButton

    from reader.tui.app import ReaderApp
    from reader.tui.widgets.topic_list import TopicList

    app = ReaderApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(4):
            await pilot.pause()
        topics = app.query_one(TopicList)
        names = topics.names
        assert len(names) >= 2
        topics.deselect_all()
        topics.select(names[0])
        await pilot.pause()
        assert topics.render_line(0).text.startswith("▐✓▌") and topics.render_line(1).text.startswith("▐ ▌")
        await pilot.press("e")
        await pilot.pause()
        box = app.screen.query_one(Checkbox)
        assert box._button.plain == "▐ ▌"
        box.value = True
        assert box._button.plain == "▐✓▌"
        radios = list(app.screen.query(RadioButton))
        assert sorted(r._button.plain for r in radios[:2]) == ["▐○▌", "▐●▌"]
