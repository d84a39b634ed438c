"""An unexpected error (issue #15): the note being written is saved and its text kept in a file, the full report is
written, and where both went is said (run_app prints `describe` once the terminal is back); the app exits 1."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader import Library
from reader.notes.annotations import list_annotations


async def test_a_crash_keeps_the_note_being_written_and_writes_a_report(lib: Library) -> None:
    from reader.tui.app import ReaderApp
    from reader.tui.crash import describe
    from reader.tui.screens.annotate import AnnotateScreen

    app = ReaderApp(lib)
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            article = app.article
            await pilot.press("v", "w", "a")
            await pilot.pause()
            assert isinstance(app.screen, AnnotateScreen)
            await pilot.press("tab", *"还没保存的想法", "tab", *"要紧")
            app.call_later(lambda: 1 / 0)  # a bug somewhere, while the editor is open
            await pilot.pause()
            await pilot.pause()
    crash = app.crashed
    assert crash is not None and app.return_code == 1
    assert crash.report is not None and "ZeroDivisionError" in crash.report.read_text(encoding="utf-8")
    assert crash.drafts is not None and "还没保存的想法" in crash.drafts.read_text(encoding="utf-8")
    assert crash.saved == 1
    (note,) = list_annotations(lib.db, article_id=article.id)
    assert note.note == "还没保存的想法" and note.tags == ["要紧"]
    told = describe(crash)
    assert "ZeroDivisionError" in told and str(crash.report) in told and str(crash.drafts) in told
    assert Path(crash.report).parent == Path(lib.path).parent


async def test_a_crash_with_nothing_typed_writes_only_the_report(lib: Library) -> None:
    from reader.tui.app import ReaderApp
    from reader.tui.crash import describe

    app = ReaderApp(lib)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.call_later(lambda: (_ for _ in ()).throw(RuntimeError("boom\x1b[2J")))
            await pilot.pause()
    crash = app.crashed
    assert crash is not None and crash.drafts is None and crash.report is not None
    assert "\x1b" not in describe(crash) and "note you were writing" not in describe(crash)
