"""The library pane and the palette find titles typed as pinyin (issue #16)."""
from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


async def test_the_library_pane_filters_by_pinyin(tmp_path: Path) -> None:
    from textual.widgets import Input

    from reader import Library
    from reader.tui.app import ReaderApp

    with Library(tmp_path / "lib.db") as lib:
        lib.import_paths([SEEDS])
        wanted = {a.id for a in lib.articles(text="zscq")}
        app = ReaderApp(lib)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(3):
                await pilot.pause()
            app.library.query_one("#library-filter", Input).value = "zscq"
            for _ in range(3):
                await pilot.pause()
            assert {s.id for s in app.library.shown} == wanted and wanted
            from reader.tui.commands import ArticleCommands

            provider = ArticleCommands(app.screen)
            hits = [h async for h in provider.search("zscq")]
            assert len(hits) >= len(wanted)
