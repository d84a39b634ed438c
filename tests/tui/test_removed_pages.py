"""The reader after `ipreader remove` (issue #15): its last article gone, or every page gone."""
from __future__ import annotations

from pathlib import Path

from reader import Library


async def test_the_reader_opens_when_its_last_article_was_removed(db_path: Path) -> None:
    from reader.tui.app import EMPTY_HINT, ReaderApp

    with Library(db_path) as lib:
        name = lib.articles()[0].source
        ids = [a.id for a in lib.articles() if a.source == name]
        app = ReaderApp(lib, ids[0])
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
        lib.remove_sources([name])
        app = ReaderApp(lib)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert app.article is not None and app.article.id not in ids
        lib.remove_sources(samples=True)
        app = ReaderApp(lib)
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert app.article is None and app.reader.placeholder == EMPTY_HINT
            lines = [app.reader.render_line(y).text for y in range(6)]
            assert "ipreader import --samples" in "\n".join(lines)  # cut at the pane's width, never past it
            assert all(app.reader.render_line(y).cell_length == app.reader.scrollable_content_region.width
                       for y in range(6))
