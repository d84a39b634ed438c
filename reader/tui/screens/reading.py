"""The reading room's screen: the panes, the key line and the reading keys, under every dialog.

The keys are the app's actions (`app.…`; ReaderApp implements them). Because they belong to this screen, a dialog
pushed on top (help, search, the notes editor…) takes them out of play by itself: Tab, letters and Esc reach the
dialog's own widgets. The panes are made by the app, which keeps them as attributes, and composed here.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen

from reader.tui.widgets.key_bar import KeyBar
from reader.tui.widgets.reader_view import ReaderView

if TYPE_CHECKING:
    from textual.widget import Widget

READING_KEYS: list[BindingType] = [
    Binding("q", "app.quit", "Quit"),
    Binding("question_mark", "app.help", "Help"),
    Binding("tab", "app.cycle_pane(1)", "Next pane", show=False, priority=True),
    Binding("shift+tab", "app.cycle_pane(-1)", "Previous pane", show=False, priority=True),
    Binding("left_square_bracket", "app.step_article(-1)", "Prev article", show=False),
    Binding("right_square_bracket", "app.step_article(1)", "Next article", show=False),
    Binding("o", "app.outline", "Outline"),
    Binding("slash", "app.find", "Find"),
    Binding("s,ctrl+f", "app.search", "Search"),
    Binding("c", "app.concordance", "Concordance (KWIC)", show=False),
    Binding("r", "app.related", "Related articles", show=False),
    Binding("O,percent_sign", "app.overview", "Term overview", show=False),
    Binding("v", "app.select", "Select text", show=False),
    Binding("a", "app.annotate", "Annotate", show=False),
    Binding("m", "app.bookmark", "Bookmark here", show=False),
    Binding("n", "app.find_next(1)", "Next hit", show=False),
    Binding("N", "app.find_next(-1)", "Previous hit", show=False),
    Binding("t", "app.focus_topics", "Topics"),
    Binding("x", "app.clear_topics", "Clear topics", show=False),
    Binding("w", "app.why", "Why topics", show=False),
    Binding("plus,equals_sign", "app.width(4)", "Wider", show=False),
    Binding("minus", "app.width(-4)", "Narrower", show=False),
    Binding("b", "app.toggle_library", "Library"),
    Binding("e", "app.export_notes", "Export"),
    Binding("A", "app.toggle_notes", "Notes", show=False),
    Binding("T", "app.toggle_theme", "Light/dark", show=False),
    Binding("escape", "app.escape", "Back: cancel the selection, clear find", show=False),
]


def action_of(binding: Binding) -> str:
    """The app's action a reading key runs (without the namespace)."""
    return binding.action.removeprefix("app.")


class ReadingScreen(Screen[None]):
    BINDINGS = READING_KEYS

    def __init__(self, topics: Widget, library: Widget, notes: Widget | None, *, compact: bool,
                 on_ready: Callable[[], None]) -> None:
        super().__init__(id="reading")
        self._topics, self._library, self._notes = topics, library, notes
        self._compact = compact
        self._on_ready = on_ready

    def on_mount(self) -> None:
        # The app's own Mount comes before this screen's children exist; the reading room starts from here.
        self._on_ready()

    def compose(self) -> ComposeResult:
        # The notes pane comes now only if it is on screen (else the app mounts it, hidden, after the first frame).
        with Horizontal(id="panes"):
            with Vertical(id="sidebar"):
                yield self._topics
                yield self._library
            with Vertical(id="reader-column"):
                yield ReaderView(id="reader")  # the find box joins it when first opened (action_find)
            if self._notes is not None:
                yield self._notes
        yield KeyBar(compact=self._compact)  # compact: every key fits at 80 columns
