"""The search screen: type a query, results arrive (debounced, in a worker thread); Enter opens one.

Focus stays in the input while you type: ↑/↓ (and PgUp/PgDn) move the highlight in the results, Enter opens the
highlighted result (or, when the results are not in yet for what was typed, searches at once and opens the first).
A row of topic chips counts the topics over the complete result set; picking one narrows the results to it.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.tui.screens import MODAL_CSS
from reader.model import ArticleSummary
from reader.search.match import Span
from reader.search.page import SearchPage, TitleHit
from reader.search.why import Found, hit_forms
from reader.tui.screens.discovery import ALL, DiscoveryScreen, TopicChips
from reader.tui.widgets.notes_list import note_label, with_dividers
from reader.tui.early_keys import focus_selected
from reader.tui.folded import FoldedText

if TYPE_CHECKING:
    from reader.library import Library

DEBOUNCE = 0.25  # seconds of no typing before a query runs
LIMIT = 50  # results listed; the count and the topic chips cover every match
NOTES_LIMIT = 20  # notes listed below the articles

# What choosing an option does: (article id, query to find in it), ("note", annotation), or None (a header).
Choice = tuple[Any, Any] | None


def why_line(found: list[Found]) -> Text:
    """"匹配 知識產權 ← 知识产权（繁体）": what the highlight holds where it is not written as typed."""
    text = Text("匹配 matched  ", style="dim")
    for i, f in enumerate(found):
        if i:
            text.append(" · ", style="dim")
        text.append(f.found, style="reverse")
        text.append(f" {f.because()}", style="dim")
    return text


def hit_label(hit: Any, source: str | None = None, query: str = "") -> Text:
    """Title and source, then the snippet with the matched terms highlighted — all as literal text — and, when the
    highlight is written otherwise than the query (the other script, width or case), a line saying so."""
    text = Text(no_wrap=False, end="")
    text.append(hit.title, style="bold")
    text.append(f"  {source or hit.source} · {hit.hits} 处", style="dim")
    snippet = Text(hit.snippet)
    for start, end in hit.snippet_spans:
        snippet.stylize("reverse", start, end)
    text.append("\n")
    text.append_text(snippet)
    found = hit_forms(hit.snippet, hit.snippet_spans, query) if query else []
    if found:
        text.append("\n")
        text.append_text(why_line(found))
    return text


def title_label(summary: ArticleSummary, places: list[tuple[Span, Found | None]], source: str) -> Text:
    """A title found by its pinyin: the title with the read-out characters highlighted, and how they were read."""
    text = Text(no_wrap=False, end="")
    title = Text(summary.title, style="bold")
    for (start, end), _ in places:
        title.stylize("reverse", start, end)
    text.append_text(title)
    text.append(f"  {source}", style="dim")
    found = [f for _, f in places if f is not None]
    if found:
        text.append("\n")
        text.append_text(why_line(found))
    return text


def run_query(lib: Library, query: str, allowed: set[int] | None, topic: str) -> SearchPage:
    """The whole search for one query, run in a worker thread (see Library.search_page)."""
    return lib.search_page(query, allowed=allowed, topic=topic, limit=LIMIT, notes_limit=NOTES_LIMIT)


class SearchScreen(DiscoveryScreen):
    """Dismisses with (article id, query) for the chosen hit, (article id, "") for a title found by pinyin,
    ("note", annotation) for a chosen note, or None."""

    HELP_TITLE = "搜索 Search"
    ENTER_HELP = "Open the highlighted result (searches first if results are pending)"

    CSS_PATH = MODAL_CSS
    BINDINGS = [
        Binding("escape", "dismiss_none", "Close search"),
        Binding("down", "move(1)", "Next result", show=False),
        Binding("up", "move(-1)", "Previous result", show=False),
        Binding("pagedown", "move(10)", "Results page down", show=False),
        Binding("pageup", "move(-10)", "Results page up", show=False),
    ]

    @classmethod
    def help_bindings(cls) -> list[BindingType]:
        # Tab reaches the topic chips under the box; their keys are theirs.
        return super().help_bindings() + [Binding("tab", "-", "To the topic chips:")] + list(TopicChips.BINDINGS)

    def __init__(self, db_path: Path, query: str = "", topics: set[str] | None = None,
                 allowed_ids: set[int] | None = None) -> None:
        super().__init__(db_path)
        self.initial = query
        self.topics = topics or set()
        self.allowed_ids = allowed_ids  # the app's OR-ed topic filter, applied to the hits
        self.topic = ALL  # the chip picked in this screen
        self.hits: list[Any] = []
        self.notes: list[Any] = []
        self.titles: list[TitleHit] = []
        self.choices: list[Choice] = []
        self.query_text = ""  # the query the shown results (or the running search) are for
        self.shown_query: str | None = None  # the query the shown results are for
        self.shown_topic = ALL
        self.counts: list[tuple[str, int]] = []
        self.total = 0
        self._timer: Timer | None = None
        self._open_when_ready = False
        self.searches = 0  # completed searches, for tests and the status line

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            scope = f"（主题：{'、'.join(sorted(self.topics))}）" if self.topics else ""
            box.border_title = Text("搜索 Search" + scope)
            box.border_subtitle = Text("Enter 打开 · ↑↓ 结果 · Tab 主题 · Esc 关闭")
            yield Input(value=self.initial, placeholder="关键词、\"短语\"、-排除、topic:主题 …", id="search-input")
            yield TopicChips(id="search-topics")
            yield Label("", id="search-status", markup=False)
            yield OptionList(id="search-results")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def results(self) -> OptionList:
        return self.query_one("#search-results", OptionList)

    def on_mount(self) -> None:
        focus_selected(self.input)
        if self.initial:
            self.search_now(self.initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        value = event.value
        self._open_when_ready = False
        self._timer = self.set_timer(DEBOUNCE, lambda: self.search_now(value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the box opens the highlighted result; results still pending for the typed text open on arrival."""
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        query = event.value.strip()
        if query and query == self.shown_query and self.topic_settled:
            self.open_highlighted()
            return
        self._open_when_ready = bool(query)
        self.search_now(event.value)

    @property
    def topic_settled(self) -> bool:
        return self.shown_topic == self.topic

    def search_now(self, query: str) -> None:
        self.query_text = query.strip()
        if not self.query_text:
            self._open_when_ready = False
            self.show(SearchPage("", self.topic))
            return
        self.query_one("#search-status", Label).update(Text("搜索中… searching", style="dim"))
        self.run_search(self.query_text, self.topic)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str, topic: str) -> None:
        outcome, error = self.query_in_worker(run_query, query, self.allowed_ids, topic)
        self.deliver(self.show, outcome or SearchPage(query, topic, message=error))

    def show(self, outcome: SearchPage) -> None:
        if outcome.query != self.query_text or outcome.topic != self.topic:
            return  # an older search finished after a newer one started
        self.hits, self.counts, self.total = outcome.hits, outcome.counts, outcome.total
        self.shown_query, self.shown_topic = outcome.query, outcome.topic
        self.notes, self.titles = outcome.notes, outcome.titles
        results = self.results
        results.clear_options()
        # Each option's meaning, by option index (dividers are not options): what Enter or a click opens.
        self.choices: list[Choice] = []
        self._add_group(None, [(FoldedText(hit_label(h, self.app.source_label(h.source), outcome.query)),
                                (h.id, outcome.query)) for h in self.hits])
        self._add_group(f"标题（拼音）Titles by pinyin · {len(self.titles)}",
                        [(FoldedText(title_label(t.summary, t.places, self.app.source_label(t.summary.source))),
                          (t.summary.id, "")) for t in self.titles])
        self._add_group(f"批注 Notes · {len(self.notes)}",  # your notes: choosing one jumps to its passage
                        [(FoldedText(note_label(n, True)), ("note", n)) for n in self.notes])
        first = next((i for i, c in enumerate(self.choices) if c is not None), None)
        if first is not None:
            results.highlighted = first
        self.query_one(TopicChips).set_counts(outcome.counts, outcome.total, outcome.topic)
        if outcome.message:
            status = outcome.message
        elif outcome.query:
            status = f"{outcome.shown_total} 篇 articles"
            if outcome.topic != ALL:
                status += f"（主题 {outcome.topic}，共 {outcome.total}）"
            if outcome.shown_total > len(self.hits):
                status += f" · 显示前 {len(self.hits)} 篇 first {len(self.hits)} shown"
            if self.titles:
                status += f" · 拼音标题 {len(self.titles)} titles by pinyin"
        else:
            status = ""
        self.query_one("#search-status", Label).update(Text(status, style="bold red" if outcome.message else "dim"))
        self.searches += 1
        if self._open_when_ready:
            self._open_when_ready = False
            if any(c is not None for c in self.choices):
                self.open_highlighted()

    def on_topic_chips_picked(self, event: TopicChips.Picked) -> None:
        event.stop()
        self.topic = event.topic
        if self.query_text:
            self.search_now(self.query_text)

    def _add_group(self, header: str | None, rows: list[tuple[FoldedText, Choice]]) -> None:
        """Options under an optional header line (a header only when the group has rows)."""
        if not rows:
            return
        results = self.results
        if header is not None:
            results.add_option(Option(Text(header, style="bold"), disabled=True))
            self.choices.append(None)
        results.add_options(with_dividers([Option(label) for label, _ in rows]))
        self.choices.extend(choice for _, choice in rows)

    def _choose(self, index: int) -> None:
        """Option `index`: an article hit or title (opened at the query), a header (nothing), or a note."""
        choice = self.choices[index] if 0 <= index < len(self.choices) else None
        if choice is not None:
            self.dismiss(choice)

    def open_highlighted(self) -> None:
        index = self.results.highlighted
        first = next((i for i, c in enumerate(self.choices) if c is not None), None)
        if first is not None:
            self._choose(index if index is not None else first)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def action_move(self, step: int) -> None:
        """↑/↓ from the input (or the chips) move the results' highlight without taking focus from typing."""
        results = self.results
        if not results.option_count:
            return
        if self.focused is results:  # the list handles its own keys when it has focus
            (results.action_cursor_down if step > 0 else results.action_cursor_up)()
            return
        current = results.highlighted if results.highlighted is not None else -1
        results.highlighted = min(max(0, current + step), results.option_count - 1)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
