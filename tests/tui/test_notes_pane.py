"""Pilot tests for the notes pane: edit, delete + undo, filter, scope, jumping to a passage, bookmarks in the
gutter, and how review and orphan annotations are drawn."""
from __future__ import annotations

from rich.style import Style

from reader.library import Library
from reader.model import paragraph_offsets
from reader.notes.annotations import add_annotation, list_annotations
from reader.tui.app import ReaderApp
from reader.tui.screens.annotate import AnnotateScreen
from reader.tui.widgets.reader_view import PIN, ReaderView

WIDE = (120, 40)


def line_text(view: ReaderView, y: int) -> str:
    return "".join(s.text for s in view._render_index(y, view.scrollable_content_region.width, view.rich_style))


async def test_edit_delete_undo_and_filter_in_the_notes_pane(lib: Library) -> None:
    ids = [s.id for s in lib.articles()]
    first = add_annotation(lib.db, ids[0], 0, 4, note="甲", color="yellow", tags=["a"])
    second = add_annotation(lib.db, ids[0], 10, 14, note="[b]乙[/b]", color="green", tags=["b"])
    app = ReaderApp(lib, open_article=ids[0])
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        pane = app.notes_pane
        assert [n.id for n in pane.notes] == [first.id, second.id]
        assert "[b]乙[/b]" in pane.list.get_option_at_index(1).prompt.plain  # literally, never markup
        pane.list.focus()
        await pilot.press("c")  # edit the highlighted (first) note
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, AnnotateScreen) and editor.initial.note == "甲"
        await pilot.press("5", "tab", *"改", "ctrl+s")
        await pilot.pause()
        edited = [n for n in list_annotations(lib.db, article_id=ids[0]) if n.id == first.id][0]
        assert (edited.color, edited.note, edited.tags) == ("purple", "甲改", ["a"])
        assert {m.color for m in app.reader._notes_by_para[0]} == {"purple", "green"}
        pane.list.focus()
        await pilot.press("d")
        await pilot.pause()
        assert [n.id for n in list_annotations(lib.db, article_id=ids[0])] == [second.id]
        assert [n.id for n in pane.notes] == [second.id]
        assert {m.id for m in app.reader._notes_by_para[0]} == {second.id}
        await pilot.press("u")
        await pilot.pause()
        assert [n.id for n in pane.notes] == [first.id, second.id]
        # filter by tag, then by colour, then clear
        await pilot.press("f", *"#b")
        await pilot.pause()
        assert [n.id for n in pane.notes] == [second.id]
        await pilot.press("enter")
        pane.set_filter("purple")
        assert [n.id for n in pane.notes] == [first.id]
        pane.set_filter("")
        assert len(pane.notes) == 2


async def test_bookmark_draws_a_gutter_marker_and_the_pane_jumps_to_it(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        view, article = app.reader, app.article
        await pilot.press("end")  # to the end of the article; the cursor follows onto the screen
        await pilot.pause()
        para = view.cursor[0]
        assert para > 0 and view.layout_.line_of(*view.cursor) >= view.scroll_y > 0
        await pilot.press("m")
        await pilot.pause()
        marks = list_annotations(lib.db, article_id=article.id)
        assert [(n.kind, n.start == n.end) for n in marks] == [("bookmark", True)]
        assert marks[0].start == paragraph_offsets(article.paragraphs)[para] + view.cursor[1]
        y = view.layout_.line_of(*view.cursor)
        assert PIN in line_text(view, y)
        assert PIN not in line_text(view, view.layout_.line_of(0, 0))
        await pilot.press("home")
        await pilot.pause()
        assert view.scroll_y == 0
        await pilot.press("A")
        await pilot.pause()
        pane = app.notes_pane
        assert "书签" in pane.list.get_option_at_index(0).prompt.plain
        pane.list.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert view.cursor == (para, marks[0].start - paragraph_offsets(article.paragraphs)[para])
        y = view.layout_.line_of(*view.cursor)
        assert view.scroll_y <= y < view.scroll_y + view.scrollable_content_region.height
        assert app.focused is view


async def test_review_is_drawn_differently_and_orphans_not_at_all(lib: Library) -> None:
    ids = [s.id for s in lib.articles()]
    review = add_annotation(lib.db, ids[0], 0, 3, color="pink")
    orphan = add_annotation(lib.db, ids[0], 20, 25, color="pink")
    lib.db.execute("UPDATE annotations SET anchor_state = 'review' WHERE id = ?", [review.id])
    lib.db.execute("UPDATE annotations SET anchor_state = 'orphan' WHERE id = ?", [orphan.id])
    app = ReaderApp(lib, open_article=ids[0])
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        view = app.reader
        marks = [m for ms in view._notes_by_para.values() for m in ms]
        assert [(m.id, m.review) for m in marks] == [(review.id, True)]
        y = view.layout_.line_of(0, 1)
        strip = view._render_index(y, view.scrollable_content_region.width, view.rich_style)
        styles = [s.style for s in strip if s.text and view.article.paragraphs[0].text[1] in s.text]
        assert styles and all(isinstance(st, Style) and st.underline for st in styles)
        await pilot.press("A")
        await pilot.pause()
        labels = [app.notes_pane.list.get_option_at_index(i).prompt.plain for i in range(2)]
        assert labels[0].startswith("▌?") and "orphan" in labels[1]


async def test_notes_pane_lists_and_jumps_and_toggles_scope(lib: Library) -> None:
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
        assert [(m.para, m.start, m.end) for m in app.reader._notes_by_para[para]] == [(para, 0, 4)]
        await pilot.press("A")
        await pilot.pause()
        pane = app.notes_pane
        assert [n.note for n in pane.notes] == ["末段"]
        pane.list.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.position[0] <= para
        assert app.reader.layout_.line_of(para, 0) < app.reader.scroll_y + app.reader.scrollable_content_region.height
        pane.list.focus()
        await pilot.press("asterisk")
        await pilot.pause()
        assert {n.note for n in pane.notes} == {"末段", "别处"}
        # Enter on a note of another article opens that article at the passage
        index = [n.article_id for n in pane.notes].index(other.id)
        pane.list.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.article.id == other.id and app.reader.cursor == (0, 0)


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


async def test_notes_taking_the_library_place_take_the_focus_out_of_it(lib: Library) -> None:
    # The library hidden under the focus: keys must not go to its invisible filter box (q would not quit).
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("b", "b")  # hide and show the library: its tree has the focus
        await pilot.pause()
        assert app.focused is app.library.tree
        await pilot.press("A")
        await pilot.pause()
        assert not app.query_one("#sidebar").display
        assert app.focused is app.reader
