"""Concordance (key word in context): every occurrence of a term across the library, aligned on the term.

Rows are grouped under their article; the left context is right-aligned by terminal cell width (CJK characters
take two cells), so every occurrence starts in the same column. Enter on a row opens that article at that
occurrence, highlighted.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Resize
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.tui.early_keys import focus_selected
from reader.tui.screens.discovery import DiscoveryScreen

if TYPE_CHECKING:
    from reader.library import Library


DEBOUNCE = 0.3  # seconds of no typing before the concordance runs
LIMIT = 1000  # occurrences listed; more would only scroll
CONTEXT_CHARS = 60  # characters fetched on each side; the screen width decides how many are shown
MATCH_STYLE = "bold reverse"
NBSP = "\u00a0"


@dataclass
class Jump:
    """Where Enter on a concordance row leads: one occurrence of `term` in an article."""

    article_id: int
    paragraph: int
    start: int
    end: int
    term: str


def one_line(text: str) -> str:
    # Context stays on one line whatever whitespace the paragraph holds (a tab or newline would break alignment).
    return "".join(" " if c.isspace() or ord(c) < 32 else c for c in text)


def crop_left(text: str, cells: int) -> str:
    """The end of `text` that fits in `cells` terminal cells, padded on the left to exactly `cells`."""
    kept, used = [], 0
    for ch in reversed(text):
        w = cell_len(ch)
        if used + w > cells:
            break
        kept.append(ch)
        used += w
    return NBSP * (cells - used) + "".join(reversed(kept))


def crop_right(text: str, cells: int) -> str:
    """The start of `text` that fits in `cells` cells (a wide character that would straddle the edge is left out)."""
    kept, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > cells:
            break
        kept.append(ch)
        used += w
    return "".join(kept)


def kwic_row(line: Any, left_cells: int, right_cells: int) -> Text:
    """One aligned row: left context in exactly `left_cells` cells, the match highlighted, then right context."""
    text = Text(no_wrap=True, overflow="crop", end="")
    text.append(crop_left(one_line(line.left), left_cells), style="dim")
    text.append(NBSP)  # no break opportunity: a row never wraps, it is cropped
    text.append(one_line(line.match), style=MATCH_STYLE)
    text.append(NBSP)
    text.append(crop_right(one_line(line.right), right_cells))
    return text


def article_header(line: Any, count: int, source: str | None = None) -> Text:
    """The article's title, source and count on one line (non-breaking spaces: cropped, never wrapped)."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(one_line(line.title or "（无题）").replace(" ", NBSP), style="bold")
    text.append(f"  {source or line.source} · {count} 处".replace(" ", NBSP), style="dim")
    return text


def split_widths(total: int, match_cells: int) -> tuple[int, int]:
    """Cells for the left and the right context around a match of `match_cells` cells (plus two spaces)."""
    room = max(0, total - match_cells - 2)
    left = room // 2
    return left, room - left


def run_concordance(lib: Library, term: str, allowed: set[int] | None,
                    topic: str | None) -> tuple[list[Any], str, bool]:
    """(lines, error message, more than LIMIT) for `term`; runs in a worker thread."""
    from reader.search import QueryError

    try:
        if allowed is None:
            lines = lib.concordance(term, width=CONTEXT_CHARS, limit=LIMIT + 1, topic=topic)
        else:
            # several topics OR-ed: the concordance filters one topic at a time, so filter its lines here
            lines = [k for k in lib.concordance(term, width=CONTEXT_CHARS, topic=topic)
                     if k.article_id in allowed][:LIMIT + 1]
    except QueryError as exc:
        return [], f"无法查询 cannot run: {exc}", False
    return lines[:LIMIT], "", len(lines) > LIMIT


class ConcordanceScreen(DiscoveryScreen):
    """Dismisses with a Jump for the chosen occurrence, or None."""

    HELP_TITLE = "索引 Concordance"
    ENTER_HELP = "Run for the typed term / jump to the highlighted occurrence"

    DEFAULT_CSS = """
    ConcordanceScreen { align: center middle; }
    #kwic-box { width: 95%; max-width: 150; height: 90%; border: round $accent; background: $surface; }
    #kwic-input { height: 3; }
    #kwic-status { height: 1; padding: 0 1; }
    #kwic-lines { height: 1fr; border: none; background: transparent; }
    #kwic-lines > .option-list--option { padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "dismiss_none", "Close concordance"),
        Binding("down", "move(1)", "Next occurrence", show=False),
        Binding("up", "move(-1)", "Previous occurrence", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
    ]

    def __init__(self, db_path: Path, term: str = "", topics: set[str] | None = None,
                 allowed_ids: set[int] | None = None) -> None:
        super().__init__(db_path)
        self.initial = term
        self.topics = sorted(topics or ())
        self.allowed_ids = allowed_ids
        self.term = ""  # the term the running or shown concordance is for
        self.shown_term: str | None = None
        self.lines: list[Any] = []
        self.rows: list[Any] = []  # per option: a KwicLine, or None for an article header
        self.more = False
        self._timer: Timer | None = None
        self._width = 0
        self.runs = 0  # completed runs, for tests

    def compose(self) -> ComposeResult:
        with Vertical(id="kwic-box") as box:
            scope = f"（主题：{'、'.join(self.topics)}）" if self.topics else ""
            box.border_title = Text("索引 Concordance (KWIC)" + scope)
            box.border_subtitle = Text("Enter 跳到原文 jump · ↑↓ 选择 · Esc 关闭")
            yield Input(value=self.initial, placeholder="词或短语 word or phrase, e.g. 专利转化", id="kwic-input")
            yield Label("", id="kwic-status", markup=False)
            yield OptionList(id="kwic-lines")

    @property
    def kwic_list(self) -> OptionList:
        return self.query_one("#kwic-lines", OptionList)

    def on_mount(self) -> None:
        focus_selected(self.query_one("#kwic-input", Input))
        if self.initial.strip():
            self.run_now(self.initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        value = event.value
        self._timer = self.set_timer(DEBOUNCE, lambda: self.run_now(value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter jumps to the highlighted occurrence once the lines for the typed term are shown; before, it runs."""
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        if event.value.strip() and event.value.strip() == self.shown_term:
            self.jump_highlighted()
        else:
            self.run_now(event.value)

    def run_now(self, term: str) -> None:
        self.term = term.strip()
        if not self.term:
            self.show([], "", False, "")
            return
        self.query_one("#kwic-status", Label).update(Text("查找中… searching", style="dim"))
        topic = self.topics[0] if len(self.topics) == 1 else None
        allowed = self.allowed_ids if len(self.topics) != 1 else None
        self.run_worker_query(self.term, allowed, topic)

    @work(thread=True, exclusive=True, group="kwic", exit_on_error=False)
    def run_worker_query(self, term: str, allowed: set[int] | None, topic: str | None) -> None:
        result, error = self.query_in_worker(run_concordance, term, allowed, topic)
        lines, message, more = result if result is not None else ([], error, False)
        self.deliver(self.show, lines, message, more, term)

    def show(self, lines: list[Any], message: str, more: bool, term: str) -> None:
        if term != self.term:
            return  # an older run finished after a newer one started
        self.lines, self.more, self.shown_term = lines, more, term or None
        self.render_rows()
        articles = len({k.article_id for k in lines})
        if message:
            status = Text(message, style="bold red")
        elif term:
            shown = f"{len(lines)} 处 in {articles} 篇" if lines else "没有找到 not found"
            status = Text(shown + (f" · 只列出前 {LIMIT} 处 first {LIMIT} shown" if more else ""), style="dim")
        else:
            status = Text("")
        self.query_one("#kwic-status", Label).update(status)
        self.runs += 1

    def text_width(self) -> int:
        """Cells a row may use. Counted as if the scrollbar were shown: it appears only once the rows are in, and
        a row one cell too long would be wrapped at a space and lose its right context."""
        results = self.kwic_list
        width = results.scrollable_content_region.width or self.size.width or 80
        if not results.show_vertical_scrollbar:
            width -= results.styles.scrollbar_size_vertical
        return max(20, width - 2 - 1)  # option padding (0 1) and one spare cell

    def render_rows(self) -> None:
        """(Re)build the rows for the current width: the alignment column depends on it."""
        results = self.kwic_list
        highlighted = results.highlighted
        self._width = self.text_width()
        match_cells = max((cell_len(one_line(k.match)) for k in self.lines), default=0)
        left, right = split_widths(self._width, match_cells)
        counts: dict[int, int] = {}
        for k in self.lines:
            counts[k.article_id] = counts.get(k.article_id, 0) + 1
        options: list[Option] = []
        rows: list[Any] = []
        current = None
        for k in self.lines:
            if k.article_id != current:
                current = k.article_id
                options.append(Option(article_header(k, counts[k.article_id], self.app.source_label(k.source)), disabled=True))
                rows.append(None)
            options.append(Option(kwic_row(k, left, right)))
            rows.append(k)
        self.rows = rows
        results.clear_options()
        results.add_options(options)
        if rows:
            first = next(i for i, r in enumerate(rows) if r is not None)
            results.highlighted = highlighted if highlighted is not None and highlighted < len(rows) \
                and rows[highlighted] is not None else first

    def on_resize(self, event: Resize) -> None:
        if self.lines and self.text_width() != self._width:
            self.call_after_refresh(self.render_rows)

    def jump_highlighted(self) -> None:
        index = self.kwic_list.highlighted
        if index is not None and 0 <= index < len(self.rows) and self.rows[index] is not None:
            self.dismiss(self.jump_for(self.rows[index]))

    def jump_for(self, k: Any) -> Jump:
        return Jump(k.article_id, k.paragraph, k.start, k.start + len(k.match), self.shown_term or self.term)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self.rows[event.option_index] if event.option_index < len(self.rows) else None
        if row is not None:
            self.dismiss(self.jump_for(row))

    def action_move(self, step: int) -> None:
        results = self.kwic_list
        if not results.option_count or self.focused is results:
            return
        current = results.highlighted if results.highlighted is not None else -1
        target = min(max(0, current + step), len(self.rows) - 1)
        # headers are not selectable: keep going in the same direction, else back the other way
        direction = 1 if step > 0 else -1
        while 0 <= target < len(self.rows) and self.rows[target] is None:
            target += direction
        if not 0 <= target < len(self.rows):
            return
        results.highlighted = target

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
