"""Hardening: a database that refuses to write (full disk, read-only) never loses the annotation being typed."""
from __future__ import annotations

import sqlite3

import pytest

from reader.library import Library
from reader.notes.annotations import add_annotation, list_annotations
from reader.tui.app import ReaderApp
from reader.tui.screens.annotate import AnnotateScreen

WIDE = (120, 40)
LONG_NOTE = "长" * 30_000  # ~90 KB: needs new pages, which a capped database cannot give


async def annotate_first_sentence(pilot, app: ReaderApp, note: str) -> AnnotateScreen:
    await pilot.press("v", "right_parenthesis", "a")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, AnnotateScreen)
    await pilot.press("2", "tab")
    screen.query_one("#annotate-note").insert(note)  # typing 30k keys one by one would be slow
    await pilot.press("tab", *"标签", "ctrl+s")
    await pilot.pause()
    return screen


async def test_disk_full_keeps_the_editor_open_with_the_text_and_retry_saves(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        pages = lib.db.execute("PRAGMA page_count").fetchone()[0]
        lib.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full from now on
        screen = await annotate_first_sentence(pilot, app, LONG_NOTE)
        assert app.screen is screen  # still open
        assert screen.error and "full" in screen.error
        assert screen.query_one("#annotate-note").text == LONG_NOTE
        assert screen.query_one("#annotate-error").display
        assert list_annotations(lib.db, article_id=app.article.id) == []
        assert app.reader.selecting  # the selection is kept for the retry too
        lib.db.execute(f"PRAGMA max_page_count = {pages * 100}")  # space freed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        saved = list_annotations(lib.db, article_id=app.article.id)
        assert [(n.note, n.color, n.tags) for n in saved] == [(LONG_NOTE, "green", ["标签"])]


async def test_read_only_database_reports_and_keeps_the_note(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        lib.db.execute("PRAGMA query_only = ON")
        screen = await annotate_first_sentence(pilot, app, "[bold]不丢[/bold]")
        assert app.screen is screen and "readonly" in screen.error.replace("-", "").replace(" ", "")
        # the error is shown as written, and the note text stays literal
        assert screen.query_one("#annotate-note").text == "[bold]不丢[/bold]"
        await pilot.press("escape")  # a first Esc over typed text only warns
        await pilot.pause()
        assert app.screen is screen and "Esc again" in screen.error
        await pilot.press("escape")  # the user may also give up; nothing half-written is left behind
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        lib.db.execute("PRAGMA query_only = OFF")
        assert list_annotations(lib.db, article_id=app.article.id) == []


async def test_failing_edit_delete_and_bookmark_are_reported_not_raised(lib: Library,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    article_id = lib.articles()[0].id
    note = add_annotation(lib.db, article_id, 0, 3, note="原文")
    app = ReaderApp(lib, open_article=article_id)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        app.notes_pane.list.focus()
        import reader.notes.annotations as annotations

        calls = {"n": 0}
        real = annotations.update_annotation

        def flaky(*args, **kwargs):  # fails once, like a lock held by another process
            calls["n"] += 1
            if calls["n"] == 1:
                raise sqlite3.OperationalError("database is locked")
            return real(*args, **kwargs)

        monkeypatch.setattr(annotations, "update_annotation", flaky)
        await pilot.press("c", "tab", *"加", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen) and "locked" in app.screen.error
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert annotations.get_annotation(lib.db, note.id).note == "原文加"
        lib.db.execute("PRAGMA query_only = ON")
        app.notes_pane.list.focus()
        await pilot.press("d")
        await pilot.pause()
        app.reader.focus()
        await pilot.press("m")
        await pilot.pause()
        lib.db.execute("PRAGMA query_only = OFF")
        live = list_annotations(lib.db, article_id=article_id)
        assert [n.id for n in live] == [note.id]  # neither deleted nor a bookmark added
        assert app.screen is app.screen_stack[0]
