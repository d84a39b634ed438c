"""The search screen: type a query, results arrive (debounced, in a worker thread); Enter opens one.

Searches go through their own SQLite connection, so a slow query in the worker never shares a connection
with the UI thread's position saves.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.tui.widgets.notes_list import with_dividers

DEBOUNCE = 0.25  # seconds of no typing before a query runs
LIMIT = 50


def hit_label(hit: Any) -> Text:
    """Title and source, then the snippet with the matched terms highlighted — all as literal text."""
    text = Text(no_wrap=False, end="")
    text.append(hit.title, style="bold")
    text.append(f"  {hit.source} · {hit.hits} 处", style="dim")
    snippet = Text(hit.snippet)
    for start, end in hit.snippet_spans:
        snippet.stylize("reverse", start, end)
    text.append("\n")
    text.append_text(snippet)
    return text


class SearchScreen(ModalScreen[tuple[int, str] | None]):
    """Dismisses with (article id, query) for the chosen hit, or None."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Close search"),
        Binding("down", "to_results", "Results", show=False),
    ]

    def __init__(self, db_path: Path, query: str = "", topics: set[str] | None = None,
                 allowed_ids: set[int] | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.initial = query
        self.topics = topics or set()
        self.allowed_ids = allowed_ids  # OR-ed topic filter, applied to the hits
        self.hits: list[Any] = []
        self.query_text = ""
        self._timer: Timer | None = None
        self._db: Any = None
        self.searches = 0  # completed searches, for tests and the status line

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            scope = f"（主题：{'、'.join(sorted(self.topics))}）" if self.topics else ""
            box.border_title = Text("搜索 Search" + scope)
            yield Input(value=self.initial, placeholder="关键词、\"短语\"、-排除 …", id="search-input")
            yield Label("", id="search-status", markup=False)
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        if self.initial:
            self.search_now(self.initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        value = event.value
        self._timer = self.set_timer(DEBOUNCE, lambda: self.search_now(value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self.search_now(event.value)
        self.query_one("#search-results", OptionList).focus()

    def search_now(self, query: str) -> None:
        self.query_text = query.strip()
        if not self.query_text:
            self.show([], "")
            return
        self.query_one("#search-status", Label).update(Text("搜索中…", style="dim"))
        self.run_search(self.query_text)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        from reader import search, store

        worker = get_current_worker()
        try:
            if self._db is None:
                self._db = store.connect(self.db_path, migrate=False)
            hits = search.search(self._db, query, limit=LIMIT)
            message = ""
        except search.QueryError as exc:
            hits, message = [], f"查询有误：{exc}"
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show, hits, message, query)

    def show(self, hits: list[Any], message: str, query: str | None = None) -> None:
        if query is not None and query != self.query_text:
            return  # an older query finished after a newer one started
        if self.allowed_ids is not None:
            hits = [h for h in hits if h.id in self.allowed_ids]
        self.hits = hits
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options(with_dividers([Option(hit_label(h)) for h in hits]))
        if hits:
            results.highlighted = 0
        status = message or (f"{len(hits)} 篇" if self.query_text else "")
        self.query_one("#search-status", Label).update(Text(status, style="dim"))
        self.searches += 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss((self.hits[event.option_index].id, self.query_text))

    def action_to_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            results.focus()
            results.highlighted = results.highlighted or 0

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def on_unmount(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            try:
                db.conn.close()
            except Exception:  # a search still running in its thread; the connection dies with it
                pass
