"""Pilot tests for the reading room: selecting text, annotating, and the annotation pane."""
from __future__ import annotations

from reader.library import Library
from reader.tui.app import ReaderApp

WIDE = (120, 40)


async def test_select_words_and_annotate(lib: Library) -> None:
    from reader.model import article_text, paragraph_offsets
    from reader.notes.annotations import list_annotations
    from reader.tui.screens.annotate import AnnotateScreen

    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        article = app.article
        breaks = lib.article_breaks(article.id)
        await pilot.press("v")
        (p0, o0), (p1, o1) = app.reader.selection_range()
        assert (p0, o0) == (0, 0) and p1 == 0 and o1 == breaks[0][0]  # the first word
        await pilot.press("l", "l")
        assert app.reader.selection_range()[1] == (0, breaks[0][2])  # two more words
        await pilot.press("h")
        assert app.reader.selection_range()[1] == (0, breaks[0][1])
        assert app.reader.scroll_y == 0  # moving the selection did not scroll the page
        layout = app.reader.layout_
        first = layout.line_of(0, 0)
        await pilot.press("j")  # a line down, same column
        head = app.reader.selection_range()[1]
        assert layout.line_of(*head) == first + 1
        assert head[1] - layout.lines[first + 1].start == breaks[0][1] - layout.lines[first].start
        await pilot.press("k")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.press(*"重要", "enter")
        await pilot.pause()
        notes = list_annotations(lib.db, article_id=article.id)
        assert len(notes) == 1
        text = article_text(article.paragraphs)
        assert notes[0].quote == text[:breaks[0][1]] and notes[0].note == "重要"
        assert app.reader.selection_range() is None
        assert app.reader._notes_by_para == {0: [(0, breaks[0][1])]}
        await pilot.press("A")  # the notes pane lists it
        await pilot.pause()
        assert app.notes_pane.notes and app.notes_pane.notes[0].id == notes[0].id
        assert paragraph_offsets(article.paragraphs)[0] == 0


async def test_annotate_without_selection_only_warns(lib: Library) -> None:
    from reader.notes.annotations import list_annotations

    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert list_annotations(lib.db, article_id=app.article.id) == []
        await pilot.press("v", "escape")
        assert app.reader.selection_range() is None


async def test_mouse_selection_maps_back_to_paragraph_offsets(lib: Library) -> None:
    from textual.geometry import Offset
    from textual.selection import Selection

    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        view = app.reader
        layout = view.layout_
        y = layout.line_of(0, 0)
        second = layout.lines[y + 1]
        app.screen.selections = {view: Selection(Offset(2, y), Offset(3, y + 1))}
        assert view.mouse_selection_range() == ((0, 2), (0, second.start + 3))
        text = view.get_selection(view.text_selection)[0]
        para = app.article.paragraphs[0].text
        assert text == para[2:second.start + 3]  # copied as written: no break where the line wrapped


async def test_notes_pane_lists_and_jumps_and_toggles_scope(lib: Library) -> None:
    from reader.model import paragraph_offsets
    from reader.notes.annotations import add_annotation

    ids = [s.id for s in lib.articles()]
    article = lib.article(ids[0])
    para = len(article.paragraphs) - 2
    start = paragraph_offsets(article.paragraphs)[para]
    add_annotation(lib.db, ids[0], start, start + 4, note="末段")
    other = lib.article(ids[1])
    add_annotation(lib.db, ids[1], 0, 3, note="别处")
    app = ReaderApp(lib, open_article=ids[0])
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert app.reader._notes_by_para.get(para) == [(0, 4)]  # highlighted even with the pane hidden
        await pilot.press("A")
        await pilot.pause()
        pane = app.notes_pane
        assert [n.note for n in pane.notes] == ["末段"]
        pane.query_one("#notes-list").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.position[0] <= para
        assert app.reader.layout_.line_of(para, 0) < app.reader.scroll_y + app.reader.scrollable_content_region.height
        pane.query_one("#notes-list").focus()
        await pilot.press("asterisk")
        await pilot.pause()
        assert {n.note for n in pane.notes} == {"末段", "别处"}
        assert other.id in {n.article_id for n in pane.notes}


async def test_notes_take_the_library_place_rather_than_squeeze_the_text(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        sidebar = app.query_one("#sidebar")
        await pilot.press("A")
        await pilot.pause()
        assert app.notes_pane.display and not sidebar.display
        assert app.reader.layout_.width == 72
        await pilot.press("b")
        await pilot.pause()
        assert sidebar.display and not app.notes_pane.display
        await pilot.resize_terminal(170, 40)
        await pilot.press("A")
        await pilot.pause()
        assert sidebar.display and app.notes_pane.display and app.reader.layout_.width == 72
