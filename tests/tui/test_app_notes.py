"""Pilot tests for the reading room's annotations: the cursor, selection keys (character, word, sentence,
paragraph, line), the editor, highlights in their colour, the mouse selection and clicks."""
from __future__ import annotations

from textual.color import Color

from reader.library import Library
from reader.model import article_text
from reader.notes.annotations import list_annotations
from reader.tui.app import ReaderApp
from reader.tui.marks import SWATCHES
from reader.tui.screens.annotate import AnnotateScreen
from reader.tui.widgets.reader_view import HIGHLIGHT_MIX, ReaderView

WIDE = (120, 40)
ENDS = set("。！？；…!?;.”’」』）)")


def bg_at(view: ReaderView, para: int, offset: int) -> Color | None:
    """The background colour the reader paints under character `offset` of paragraph `para`."""
    layout = view.layout_
    y = layout.line_of(para, offset)
    strip = view._render_index(y, view.scrollable_content_region.width, view.rich_style)
    line = layout.lines[y]
    want = offset - line.start
    for seg in strip:
        meta = seg.style.meta if seg.style else {}
        if "offset" in meta and meta["offset"][1] == y and seg.text and not seg.text.isspace():
            start = meta["offset"][0]
            if start <= want < start + len(seg.text):
                return Color.from_rich_color(seg.style.bgcolor) if seg.style.bgcolor else None
    return None


async def test_select_by_char_word_sentence_and_annotate_with_colour_note_and_tags(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        article, view = app.article, app.reader
        breaks = lib.article_breaks(article.id)
        texts = [p.text for p in article.paragraphs]
        assert view.cursor == (0, 0)
        await pilot.press("v")  # selects the first jieba word
        assert view.selection_range() == ((0, 0), (0, breaks[0][0]))
        await pilot.press("w", "w")
        assert view.selection_range()[1] == (0, breaks[0][2])
        await pilot.press("b")
        assert view.selection_range()[1] == (0, breaks[0][1])
        await pilot.press("l")  # one character more
        assert view.selection_range()[1] == (0, breaks[0][1] + 1)
        await pilot.press("h")
        assert view.selection_range()[1] == (0, breaks[0][1])
        await pilot.press("right_parenthesis")  # to the end of the sentence
        end = view.selection_range()[1][1]
        assert end > breaks[0][1] and texts[0][end - 1] in ENDS
        assert not any(ch in "。！？" for ch in texts[0][:end - 1].rstrip("”’」』）)"))  # the first sentence
        assert view.scroll_y == 0
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.press("3", "tab")  # blue, then on to the note
        await pilot.press(*"要点", "enter", *"第二行", "tab")
        await pilot.press(*"ip, 政策 ip", "enter")  # Enter in the tags saves
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        notes = list_annotations(lib.db, article_id=article.id)
        assert len(notes) == 1
        note = notes[0]
        assert note.quote == article_text(article.paragraphs)[:end]
        assert (note.color, note.note, note.tags) == ("blue", "要点\n第二行", ["ip", "政策"])
        assert view.selection_range() is None
        # drawn in its own colour, blended into the page; text outside stays unmarked
        page = Color.from_rich_color(view.rich_style.bgcolor)
        assert bg_at(view, 0, 1) == page.blend(Color.parse(SWATCHES["blue"]), HIGHLIGHT_MIX)
        assert bg_at(view, 0, end + 1) == page
        await pilot.press("A")  # the notes pane lists it, with its tags
        await pilot.pause()
        pane = app.notes_pane
        assert [n.id for n in pane.notes] == [note.id]
        label = pane.list.get_option_at_index(0).prompt
        assert "要点" in label.plain and "#政策" in label.plain


async def test_selection_by_paragraph_and_line_and_cancel(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        view, texts = app.reader, [p.text for p in app.article.paragraphs]
        await pilot.press("v", "right_curly_bracket")
        assert view.selection_range() == ((0, 0), (0, len(texts[0])))
        await pilot.press("right_curly_bracket")  # on to the end of the next paragraph
        assert view.selection_range() == ((0, 0), (1, len(texts[1])))
        await pilot.press("left_curly_bracket")
        assert view.selection_range() == ((0, 0), (1, 0))
        await pilot.press("escape")
        assert view.selection_range() is None and not view.selecting
        layout = view.layout_
        await pilot.press("v")
        start = view.cursor
        await pilot.press("j")  # the next line of text, same column
        head = view.cursor
        assert view.selecting and view.sel_anchor < start < head
        between = range(layout.line_of(*start) + 1, layout.line_of(*head))
        assert layout.line_of(*head) > layout.line_of(*start) and all(layout.lines[y].block < 0 for y in between)


async def test_annotate_without_selection_only_warns(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert list_annotations(lib.db, article_id=app.article.id) == []


async def test_cursor_moves_without_selection_and_follows_scrolling(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        view = app.reader
        await pilot.press("l", "l", "right_parenthesis")
        assert view.cursor[0] == 0 and view.cursor[1] > 2 and not view.selecting
        await pilot.press("end")  # scrolling takes the cursor along
        await pilot.pause()
        y = view.layout_.line_of(*view.cursor)
        assert view.scroll_y <= y < view.scroll_y + view.scrollable_content_region.height
        await pilot.press("w")  # w is "why topics" when not selecting: falls through to the app
        await pilot.pause()
        assert type(app.screen).__name__ == "ReasonsScreen"


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
        await pilot.press("a")  # the mouse selection is annotated too
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [n.quote for n in list_annotations(lib.db, article_id=app.article.id)] == [text]


async def test_a_click_puts_the_cursor_on_the_character_under_the_mouse(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        view = app.reader
        region = view.scrollable_content_region
        pad = (region.width - view.layout_.width) // 2
        y = view.layout_.line_of(0, 0) - round(view.scroll_y)
        x = pad + 2 * 3  # the fourth character: every Chinese character is two cells wide
        await pilot.click(ReaderView, offset=(region.x - view.region.x + x, region.y - view.region.y + y))
        await pilot.pause()
        assert view.cursor == (0, 3)
        await pilot.press("v")  # the selection starts where the click put the cursor
        assert view.selection_range()[0] == (0, 3)


async def test_scrolling_up_leaves_the_cursor_on_the_last_line_on_screen(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        view = app.reader
        await pilot.press("pagedown", "pagedown", "right_curly_bracket")  # cursor lower down the article
        cursor = view.cursor
        await pilot.press("pageup")
        await pilot.pause()
        layout, top, height = view.layout_, round(view.scroll_y), view.scrollable_content_region.height
        text_lines = [i for i in range(top, min(top + height, len(layout.lines)))
                      if layout.lines[i].block >= 0 and layout.blocks[layout.lines[i].block].para >= 0]
        assert view.cursor < cursor and layout.line_of(*view.cursor) == text_lines[-1]
