"""The reader pane: a Line-API scroll view over a pre-wrapped article (no widget per paragraph).

Lines come from `reader.tui.layout`, which maps each screen line back to (paragraph, span); rendered strips
are cached per line, so opening and scrolling cost is proportional to what is on screen, not article length.
"""
from __future__ import annotations

from bisect import bisect_left

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.color import Color
from textual.events import Click, Key
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from reader.model import ArticleDetail, ParagraphKind
from reader.tui.layout import PREFIX, Layout, build_layout, find_hits
from reader.tui.marks import DEFAULT_SWATCH, SWATCHES, Mark, Pin
from reader.tui.motion import Pos, move

MIN_MEASURE, MAX_MEASURE, DEFAULT_MEASURE = 24, 200, 72
MARGIN = 2  # cells kept free on each side when the pane is narrower than the measure
# From this many characters an article is first shown from a window of wrapped lines around the reading
# position, and the full layout is finished in a thread; below it a synchronous layout takes a few ms.
LAZY_FROM_CHARS = 20_000
PIN = "◆"  # gutter marker of a bookmark
HIGHLIGHT_MIX, REVIEW_MIX = 0.38, 0.16  # how much of an annotation's colour is blended into the page


def styled_runs(length: int, overlays: list[tuple[int, int, Style]], base: Style) -> list[tuple[int, int, Style]]:
    """Split [0, length) into runs whose style is `base` plus every overlay covering the run (later wins)."""
    clipped = [(max(0, s), min(length, e), st) for s, e, st in overlays if s < length and e > 0 and s < e]
    if not clipped:
        return [(0, length, base)] if length else []
    cuts = sorted({0, length, *(s for s, _, _ in clipped), *(e for _, e, _ in clipped)})
    runs = []
    for a, b in zip(cuts, cuts[1:]):
        style = base
        for s, e, st in clipped:
            if s <= a and b <= e:
                style = style + st
        runs.append((a, b, style))
    return runs


class ReaderView(ScrollView, can_focus=True):
    """Shows one article; remembers nothing itself — the app saves and restores positions."""

    ALLOW_SELECT = True
    BINDINGS = [
        Binding("down,j", "scroll_down", "Line down", show=False),
        Binding("up,k", "scroll_up", "Line up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup,shift+space", "page_up", "Page up", show=False),
        Binding("home,g", "scroll_home", "Top", show=False),
        Binding("end,G", "scroll_end", "Bottom", show=False),
        # The cursor (or, after v, the moving end of the selection). w/b only while selecting: otherwise they
        # fall through to the app's keys (why topics, library).
        Binding("left,h", "cursor('char', -1)", "Cursor ← a character", show=False),
        Binding("right,l", "cursor('char', 1)", "Cursor → a character", show=False),
        Binding("w,shift+right", "cursor('word', 1)", "Cursor → a word (jieba)", show=False),
        Binding("b,shift+left", "cursor('word', -1)", "Cursor ← a word", show=False),
        Binding("right_parenthesis", "cursor('sentence', 1)", "Cursor to the sentence end (。！？；…)", show=False),
        Binding("left_parenthesis", "cursor('sentence', -1)", "Cursor back to the previous sentence end", show=False),
        Binding("right_curly_bracket", "cursor('paragraph', 1)", "Cursor to the paragraph end", show=False),
        Binding("left_curly_bracket", "cursor('paragraph', -1)", "Cursor to the paragraph start", show=False),
        # Shown in the footer only while selecting; otherwise `a` falls through to the app's warning.
        Binding("a", "annotate_selection", "Annotate",
                tooltip="colour 1–5, note, tags; Ctrl+S saves (a mouse drag selects too)"),
        # Corrections of the page's split, at the cursor's paragraph (tui/correcting.py runs them).
        Binding("S", "app.split_here", "Split: this paragraph opens a new article", show=False),
        Binding("M", "app.merge_previous", "Merge this article into the previous one", show=False),
        Binding("R", "app.title_here", "Make this paragraph the title", show=False),
        Binding("U", "app.untitle", "Turn the title back into text", show=False),
        Binding("F", "app.furniture_here", "This paragraph is page furniture (caption, credit…)", show=False),
        Binding("u", "app.undo_correction", "Undo the last split correction", show=False),
        Binding("D", "app.next_doubtful", "Next doubtful split (？)", show=False),
    ]
    COMPONENT_CLASSES = {
        "reader-view--kicker",
        "reader-view--title",
        "reader-view--subtitle",
        "reader-view--byline",
        "reader-view--doubt",
        "reader-view--rule",
        *(f"reader-view--{kind}" for kind in ParagraphKind),  # every paragraph kind has its style
        "reader-view--editor-bar",
        "reader-view--hit",
        "reader-view--hit-current",
        "reader-view--annotation",
        "reader-view--selection",
        "reader-view--cursor",
    }
    DEFAULT_CSS = """
    ReaderView { overflow-x: hidden; overflow-y: auto; }
    ReaderView > .reader-view--cursor { text-style: reverse; }
    """

    measure: reactive[int] = reactive(DEFAULT_MEASURE)

    class Moved(Message):
        """The top visible line now shows a different (paragraph, offset)."""

        def __init__(self, article_id: int, paragraph: int, offset: int, percent: int) -> None:
            super().__init__()
            self.article_id, self.paragraph, self.offset, self.percent = article_id, paragraph, offset, percent

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: ArticleDetail | None = None
        self.breaks: list[list[int]] | None = None
        self.layout_: Layout | None = None
        self._cache: LRUCache[int, Strip] = LRUCache(1024)
        self._pending_position: tuple[int, int] | None = None
        self._last_moved: tuple[int, int] | None = None
        self.hits: list[tuple[int, int, int]] = []
        self.hit_index: int = -1
        self._hits_by_para: dict[int, list[tuple[int, int, int]]] = {}
        self.find_query: str = ""
        self.placeholder = ""  # shown when no article is open (an empty library)
        self._status = ""
        self._notes_by_para: dict[int, list[Mark]] = {}
        self._pins_by_para: dict[int, list[Pin]] = {}
        self.cursor: Pos = (0, 0)  # the reading cursor; while selecting it is the moving end (the head)
        self._generation = 0  # bumped by every new layout request, so a stale background layout is dropped
        # keyboard selection (v): the fixed end as (paragraph, offset); None when not selecting
        self.sel_anchor: Pos | None = None

    # --- loading and layout -------------------------------------------------------------------------------

    def load(self, article: ArticleDetail, breaks: list[list[int]] | None = None,
             position: tuple[int, int] | None = None) -> None:
        """Show `article`, scrolled to `position` (paragraph, offset) if given."""
        self.article, self.breaks = article, breaks
        self.hits, self.hit_index, self._hits_by_para, self.find_query = [], -1, {}, ""
        self.sel_anchor = None
        self.cursor = position or (0, 0)
        self.layout_ = None
        self._last_moved = None
        self._pending_position = position or (0, 0)
        self._relayout(force=True)

    def content_width(self) -> int:
        """Cells of text per line: the measure, or less when the pane is narrow."""
        avail = self.scrollable_content_region.width - 2 * MARGIN
        if avail <= 0:
            return self.measure
        return max(8, min(self.measure, avail))

    def _relayout(self, force: bool = False) -> None:
        if self.article is None or self.scrollable_content_region.width <= 0:
            return  # not sized yet; on_resize will lay out
        width = self.content_width()
        if not force and self.layout_ is not None and self.layout_.width == width:
            return
        position = self._pending_position
        if position is None and self.layout_ is not None:
            position = self.position  # keep the reader's place across a width change
        self._pending_position = None
        self._generation += 1
        article, breaks = self.article, self.breaks
        if sum(len(p.text) for p in article.paragraphs) < LAZY_FROM_CHARS:
            self._install(build_layout(article, width, breaks), position)
            return
        window = 3 * max(self.scrollable_content_region.height, 10)
        self._install(build_layout(article, width, breaks, start=(position or (0, 0))[0], min_lines=window),
                      position)
        generation = self._generation

        def full_layout() -> None:
            layout = build_layout(article, width, breaks)
            self.app.call_from_thread(self._full_layout_ready, generation, layout)

        self.run_worker(full_layout, thread=True, group="layout", exit_on_error=False)

    def _full_layout_ready(self, generation: int, layout: Layout) -> None:
        if generation == self._generation:
            self._install(layout, self.position)

    def ensure_complete(self) -> None:
        """Finish the layout now if only a window of it exists (a jump needs every line's number)."""
        if self.layout_ is not None and not self.layout_.complete and self.article is not None:
            self._generation += 1
            self._install(build_layout(self.article, self.layout_.width, self.breaks), self.position)

    def _install(self, layout: Layout, position: tuple[int, int] | None) -> None:
        self.layout_ = layout
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(layout.lines))
        target = layout.line_of(*position) if position and position != (0, 0) else 0
        self.scroll_to(y=target, animate=False, immediate=True, force=True)
        self.refresh()
        self._post_moved()

    def on_resize(self) -> None:
        self._cache.clear()
        if self.layout_ is not None:
            self.virtual_size = Size(self.scrollable_content_region.width, len(self.layout_.lines))
        self._relayout()
        # The percent depends on the new scroll range, known once this resize is laid out (a height change
        # alone relays nothing out, and no scroll follows to update the readout).
        self.call_after_refresh(self.update_status)

    def watch_measure(self) -> None:
        self._relayout()
        self.update_status()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()  # theme change: colours live in the cached strips

    # --- movement: instant, like a pager; an animated jump makes the eye lose its line ---------------------

    def action_scroll_down(self) -> None:
        self.scroll_to(y=self.scroll_y + 1, animate=False, immediate=True)

    def action_scroll_up(self) -> None:
        self.scroll_to(y=self.scroll_y - 1, animate=False, immediate=True)

    def action_scroll_home(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        self.ensure_complete()
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def action_page_down(self) -> None:
        # keep one line of context from the previous screen
        self.scroll_to(y=self.scroll_y + max(1, self.scrollable_content_region.height - 1), animate=False,
                       immediate=True)

    def action_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - max(1, self.scrollable_content_region.height - 1), animate=False,
                       immediate=True)

    # --- position -----------------------------------------------------------------------------------------

    @property
    def position(self) -> tuple[int, int]:
        """(paragraph, offset) at the top of the view."""
        if self.layout_ is None:
            return self._pending_position or (0, 0)
        return self.layout_.position_at(round(self.scroll_y))

    def go_to(self, paragraph: int, offset: int = 0, *, center: bool = False) -> None:
        if self.layout_ is None:
            self._pending_position = (paragraph, offset)
            return
        if not self.layout_.has_paragraph(paragraph):
            self.ensure_complete()
        y = self.layout_.line_of(paragraph, offset)
        if center:
            y = max(0, y - self.scrollable_content_region.height // 3)
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    @property
    def percent(self) -> int:
        if self.layout_ is None or not self.layout_.lines:
            return 0
        if not self.layout_.complete and self.article is not None:
            return round(100 * self.position[0] / max(1, len(self.article.paragraphs)))
        if self.max_scroll_y <= 0:
            return 100
        return round(100 * self.scroll_y / self.max_scroll_y)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._follow_scroll()
        self._post_moved()

    def update_status(self) -> None:
        """Progress, measure and find state in the bottom border — set in the same tick as the scroll, so a
        page turn paints one frame, not two."""
        parts = [f"{self.percent}%", f"宽 {self.measure}"]
        if (sel := self.selection_range()) is not None:
            parts.append(f"选 {self._selection_length(sel)} 字 · h l 字 w b 词 ( ) 句 {{ }} 段 · a 批注")
        elif self.selecting:
            parts.append("选择 select · a 批注")
        if self.find_query:
            n = len(self.hits)
            found = f"{self.hit_index + 1}/{n}" if n else "无结果"
            parts.append(f"查找「{self.find_query}」 {found}")
        status = " · ".join(parts)
        if status != self._status:
            self._status = status
            self.border_subtitle = Text(status)  # holds the user's query: never markup

    def _post_moved(self) -> None:
        if self.article is None or self.layout_ is None:
            return
        self.update_status()
        pos = self.position
        if pos != self._last_moved:
            self._last_moved = pos
            self.post_message(self.Moved(self.article.id, pos[0], pos[1], self.percent))

    def set_annotations(self, marks: list[Mark], pins: list[Pin] | None = None) -> None:
        """Draw highlights in their own colour and bookmarks as gutter markers (see reader.tui.marks)."""
        self._notes_by_para, self._pins_by_para = {}, {}
        for mark in marks:
            self._notes_by_para.setdefault(mark.para, []).append(mark)
        for pin in pins or ():
            self._pins_by_para.setdefault(pin.para, []).append(pin)
        self._cache.clear()
        self.refresh()

    def _mark_style(self, mark: Mark, base: Style) -> Style:
        # Blend the colour into the page background, so the text keeps its contrast in either theme.
        swatch = Color.parse(SWATCHES.get(mark.color, DEFAULT_SWATCH))
        page = Color.from_rich_color(base.bgcolor) if base.bgcolor is not None else Color(0, 0, 0)
        if mark.review:  # offsets found again with doubt: a faint tint and an underline until confirmed
            return Style(bgcolor=page.blend(swatch, REVIEW_MIX).rich_color, underline=True)
        return Style(bgcolor=page.blend(swatch, HIGHLIGHT_MIX).rich_color)

    # --- find ---------------------------------------------------------------------------------------------

    def find(self, query: str) -> int:
        """Highlight every match of `query`; jump to the first one at or after the top line. Returns the count."""
        self.find_query = query
        texts = [p.text for p in self.article.paragraphs] if self.article else []
        self.hits = find_hits(texts, query)
        self._hits_by_para = {}
        for hit in self.hits:
            self._hits_by_para.setdefault(hit[0], []).append(hit)
        self.hit_index = -1
        self._cache.clear()
        self.refresh()
        if self.hits:
            self.next_hit(+1, from_top=True)
        self.update_status()
        return len(self.hits)

    def next_hit(self, direction: int = +1, *, from_top: bool = False) -> int:
        """Move to the next (+1) or previous (-1) hit, wrapping around. Returns the hit index or -1."""
        if not self.hits:
            return -1
        if self.hit_index < 0 or from_top:
            pos = self.position
            i = bisect_left([(p, s) for p, s, _ in self.hits], pos)
            self.hit_index = i % len(self.hits) if direction > 0 else (i - 1) % len(self.hits)
        else:
            self.hit_index = (self.hit_index + direction) % len(self.hits)
        para, start, _ = self.hits[self.hit_index]
        self._cache.clear()
        self.go_to(para, start, center=True)
        self.refresh()
        self.update_status()
        return self.hit_index

    def clear_find(self) -> None:
        self.find_query, self.hits, self.hit_index, self._hits_by_para = "", [], -1, {}
        self._cache.clear()
        self.refresh()
        self.update_status()

    # --- rendering ----------------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self.layout_ is None and self.placeholder:
            hint = self.placeholder.split("\n")
            if 1 <= index <= len(hint):  # a line at a time, cut at the pane's width (in cells: CJK is two wide)
                strip = Strip([Segment("  " + hint[index - 1], base + self.get_component_rich_style("reader-view--note"))])
                return strip.crop(0, width).extend_cell_length(width, base)
        if self.layout_ is None or index >= len(self.layout_.lines):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None or self.text_selection is not None:
            strip = self._render_index(index, width, base)
            if self.text_selection is None:
                self._cache[index] = strip
        return strip

    def _render_index(self, index: int, width: int, base: Style) -> Strip:
        layout = self.layout_
        assert layout is not None
        line = layout.lines[index]
        pad = max(0, (width - layout.width) // 2)
        if line.block < 0:
            return Strip([Segment(" " * width, base + Style.from_meta({"offset": (0, index)}))], width)
        block = layout.blocks[line.block]
        chunk = block.text[line.start:line.end]
        # Overlays (annotations, then hits, then the selection) as (start, end, style) inside this line's chunk.
        overlays: list[tuple[int, int, Style]] = []
        if block.para >= 0:
            for mark in self._notes_by_para.get(block.para, ()):
                overlays.append((mark.start - line.start, mark.end - line.start, self._mark_style(mark, base)))
            for hit in self._hits_by_para.get(block.para, ()):
                current = self.hit_index >= 0 and self.hits[self.hit_index] == hit
                name = "reader-view--hit-current" if current else "reader-view--hit"
                overlays.append((hit[1] - line.start, hit[2] - line.start,
                                 self.get_component_rich_style(name)))
        if block.para >= 0 and (sel := self.selection_range()) is not None:
            (p0, o0), (p1, o1) = sel
            if p0 <= block.para <= p1:
                s0 = o0 if block.para == p0 else 0
                s1 = o1 if block.para == p1 else len(block.text)
                overlays.append((s0 - line.start, s1 - line.start,
                                 self.get_component_rich_style("reader-view--selection")))
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(index)) is not None:
            s, e = span
            overlays.append((s, len(chunk) if e == -1 else e,
                             self.screen.get_component_rich_style("screen--selection")))
        cursor_at = self._cursor_column(index, block.para, line.start, line.end)
        cursor_style = self.get_component_rich_style("reader-view--cursor")
        if cursor_at is not None and cursor_at < len(chunk):
            overlays.append((cursor_at, cursor_at + 1, cursor_style))
        meta = Style.from_meta({"offset": (0, index)})
        segments: list[Segment] = [Segment(" " * pad, base + meta)]
        pins = [pin for pin in self._pins_by_para.get(block.para, ()) if block.para >= 0
                and (line.start <= pin.offset < line.end or pin.offset == line.end == len(block.text))]
        if pins and pad >= 2:  # the bookmark marker sits in the left margin, beside the line it marks
            swatch = Color.parse(SWATCHES.get(pins[0].color, DEFAULT_SWATCH))
            segments = [Segment(" " * (pad - 2), base + meta),
                        Segment(PIN, base + Style(color=swatch.rich_color, bold=True) + meta),
                        Segment(" ", base + meta)]
        prefix = PREFIX.get(block.kind, "")
        if prefix:
            segments.append(Segment(prefix, base + self.get_component_rich_style("reader-view--editor-bar") + meta))
        # Plain Segments of the raw chunk: article text is never parsed as markup, whatever brackets it holds.
        kind_style = base + self._kind_style(block.kind)
        for start, end, style in styled_runs(len(chunk), overlays, kind_style):
            segments.append(Segment(chunk[start:end], style + Style.from_meta({"offset": (start, index)})))
        used = pad + cell_len(prefix) + cell_len(chunk)
        end_meta = Style.from_meta({"offset": (len(chunk), index)})
        if cursor_at is not None and cursor_at >= len(chunk) and used < width:
            segments.append(Segment(" ", base + cursor_style + end_meta))  # the cursor after the last character
            used += 1
        if used < width:
            segments.append(Segment(" " * (width - used), base + end_meta))
        return Strip(segments, max(width, used)).crop(0, width)

    def _cursor_column(self, index: int, para: int, start: int, end: int) -> int | None:
        """The cursor's character index inside line `index`, or None when the cursor is elsewhere or hidden."""
        if para < 0 or not self.has_focus or self.cursor[0] != para:
            return None
        offset = self.cursor[1]
        if not start <= offset <= end or self.layout_ is None or self.layout_.line_of(para, offset) != index:
            return None
        return offset - start

    def _kind_style(self, kind: str) -> Style:
        return self.get_component_rich_style(f"reader-view--{kind}")

    # --- the cursor and keyboard selection (v): by character, jieba word, sentence, paragraph, line -------

    @property
    def selecting(self) -> bool:
        return self.sel_anchor is not None

    @property
    def sel_head(self) -> Pos | None:
        return self.cursor if self.sel_anchor is not None else None

    def _texts(self) -> list[str]:
        return [p.text for p in self.article.paragraphs] if self.article else []

    def selection_range(self) -> tuple[Pos, Pos] | None:
        """The keyboard selection as ((para, start), (para, end)) in reading order, or None."""
        if self.sel_anchor is None:
            return None
        a, b = sorted((self.sel_anchor, self.cursor))
        return (a, b) if a != b else None

    def start_selection(self) -> None:
        """Anchor at the cursor and select up to the end of its word; then the motion keys move the far end."""
        if self.layout_ is None or self.article is None or not self.article.paragraphs:
            return
        self._clamp_cursor()
        self.sel_anchor = self.cursor
        self.cursor = move(self._texts(), self.breaks, self.cursor, "word", 1)
        self._selection_changed()

    def cancel_selection(self) -> None:
        self.sel_anchor = None
        self._selection_changed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # w/b move by word only while selecting; otherwise the key goes on to the app (why topics, library).
        if action == "cursor" and parameters and parameters[0] == "word" and not self.selecting:
            return False
        if action == "annotate_selection" and not self.selecting:
            return False
        return True

    async def action_annotate_selection(self) -> None:
        await self.app.run_action("annotate")

    def action_cursor(self, unit: str, step: int) -> None:
        """Move the cursor (the selection's far end while selecting) one `unit` forward or back."""
        if self.article is None or not self.article.paragraphs:
            return
        self._clamp_cursor()
        self.move_cursor(move(self._texts(), self.breaks, self.cursor, unit, step))

    def move_cursor(self, where: Pos) -> None:
        self.cursor = where
        self._keep_visible(where)
        if self.selecting:
            self._selection_changed()
        else:
            self._cache.clear()
            self.refresh()

    def _clamp_cursor(self) -> None:
        texts = self._texts()
        if not texts:
            self.cursor = (0, 0)
            return
        para = min(max(self.cursor[0], 0), len(texts) - 1)
        self.cursor = (para, min(max(self.cursor[1], 0), len(texts[para])))

    def _line_step(self, head: Pos, step: int) -> Pos:
        self.ensure_complete()
        layout = self.layout_
        assert layout is not None
        y = layout.line_of(*head)
        column = head[1] - layout.lines[y].start
        y += step
        while 0 <= y < len(layout.lines):
            line = layout.lines[y]
            if line.block >= 0 and layout.blocks[line.block].para >= 0:
                return layout.blocks[line.block].para, min(line.start + column, line.end)
            y += step
        return head

    def on_key(self, event: Key) -> None:
        # While selecting, the line keys extend the selection instead of scrolling, and Esc cancels it.
        if not self.selecting:
            return
        steps = {"down": 1, "j": 1, "up": -1, "k": -1}
        if event.key == "escape":
            self.cancel_selection()
        elif event.key in steps:
            self.move_cursor(self._line_step(self.cursor, steps[event.key]))
        else:
            return
        event.stop()
        event.prevent_default()

    def _keep_visible(self, where: Pos) -> None:
        if self.layout_ is None:
            return
        if not self.layout_.has_paragraph(where[0]):
            self.ensure_complete()
        y = self.layout_.line_of(*where)
        height = self.scrollable_content_region.height
        if y < self.scroll_y:
            self.scroll_to(y=y, animate=False, immediate=True)
        elif y >= self.scroll_y + height:
            self.scroll_to(y=y - height + 1, animate=False, immediate=True)

    def _follow_scroll(self) -> None:
        """Scrolling (j/k, pages, the wheel) takes the cursor along when it would leave the screen."""
        if self.layout_ is None or self.selecting or self.article is None or not self.article.paragraphs:
            return
        before = self.cursor
        self._cursor_into_view()
        if self.cursor != before:
            self._cache.clear()  # cached lines hold the cursor cell

    def _cursor_into_view(self) -> None:
        assert self.layout_ is not None and self.article is not None
        top = round(self.scroll_y)
        bottom = top + max(1, self.scrollable_content_region.height) - 1
        if not self.layout_.has_paragraph(min(self.cursor[0], len(self.article.paragraphs) - 1)):
            self.cursor = self.layout_.position_at(top)
            return
        y = self.layout_.line_of(*self.cursor)
        if y < top:
            self.cursor = self.layout_.position_at(top)
        elif y > bottom:  # scrolled up past it: onto the last text line still on screen
            self.cursor = self._para_line_at_or_before(min(bottom, len(self.layout_.lines) - 1)) or \
                self.layout_.position_at(top)

    def _para_line_at_or_before(self, y: int) -> Pos | None:
        layout = self.layout_
        assert layout is not None
        while y >= 0:
            line = layout.lines[y]
            if line.block >= 0 and layout.blocks[line.block].para >= 0:
                return layout.blocks[line.block].para, line.start
            y -= 1
        return None

    def on_click(self, event: Click) -> None:
        # A click puts the cursor on the character under the mouse (drag-selecting is Textual's own).
        if self.layout_ is None or self.selecting:
            return
        widget, offset = self.screen.get_widget_and_offset_at(event.screen_x, event.screen_y)
        if widget is not self or offset is None:
            return
        x, y = offset
        if 0 <= y < len(self.layout_.lines):
            line = self.layout_.lines[y]
            if line.block >= 0 and self.layout_.blocks[line.block].para >= 0:
                self.cursor = (self.layout_.blocks[line.block].para, min(line.start + x, line.end))
                self._cache.clear()
                self.refresh()

    def on_focus(self) -> None:
        self._cache.clear()  # the cursor is drawn only while the reader has the focus
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    def _selection_length(self, sel: tuple[Pos, Pos]) -> int:
        (p0, o0), (p1, o1) = sel
        if p0 == p1:
            return o1 - o0
        texts = self._texts()
        return len(texts[p0]) - o0 + sum(len(t) + 1 for t in texts[p0 + 1:p1]) + 1 + o1

    def _selection_changed(self) -> None:
        self._cache.clear()
        self.refresh()
        self.update_status()
        self.post_message(self.SelectionChanged(self.selection_range()))

    class SelectionChanged(Message):
        def __init__(self, selection: tuple[tuple[int, int], tuple[int, int]] | None) -> None:
            super().__init__()
            self.selection = selection

    def mouse_selection_range(self) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """Textual's mouse selection (line, char) converted to ((para, start), (para, end)), or None."""
        return self._selection_to_range(self.text_selection)

    def _selection_to_range(self, selection: Selection | None) -> tuple[tuple[int, int], tuple[int, int]] | None:
        layout = self.layout_
        if selection is None or layout is None or not layout.lines:
            return None
        self.ensure_complete()
        layout = self.layout_

        def to_para(y: int, x: int, forward: bool) -> tuple[int, int] | None:
            y = min(max(y, 0), len(layout.lines) - 1)
            step = 1 if forward else -1
            while 0 <= y < len(layout.lines):
                line = layout.lines[y]
                if line.block >= 0 and layout.blocks[line.block].para >= 0:
                    return layout.blocks[line.block].para, min(line.start + max(x, 0), line.end)
                y, x = y + step, 0 if forward else 10**9
            return None

        start = to_para(selection.start.y, selection.start.x, True) if selection.start else to_para(0, 0, True)
        end = (to_para(selection.end.y, selection.end.x, False) if selection.end
               else to_para(len(layout.lines) - 1, 10**9, False))
        if start is None or end is None or start >= end:
            return None
        return start, end

    # --- selection ----------------------------------------------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected article text as written: paragraphs joined by newlines, no wrap-induced breaks."""
        span = self._selection_to_range(selection)
        if span is None or self.article is None:
            return None
        (p0, o0), (p1, o1) = span
        paragraphs = self.article.paragraphs
        if p0 == p1:
            return paragraphs[p0].text[o0:o1], "\n"
        parts = [paragraphs[p0].text[o0:], *(p.text for p in paragraphs[p0 + 1:p1]), paragraphs[p1].text[:o1]]
        return "\n".join(parts), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._cache.clear()
        self.refresh()
