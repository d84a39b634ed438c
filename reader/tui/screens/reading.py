"""The reading room's screen: the panes, the key line and the reading keys, under every dialog.

The keys are the app's actions (`app.…`; ReaderApp implements them). Because they belong to this screen, a dialog
pushed on top (help, search, the notes editor…) takes them out of play by itself: Tab, letters and Esc reach the
dialog's own widgets. The panes are made by the app, which keeps them as attributes, and composed here.

The layout is this screen's state: which side panes are shown, whether the terminal is narrow (the panes then take
turns) and which pane has the screen when it is. They are reactive variables; their watchers lay the panes out, the
key line follows `narrow` through data binding, and the app watches `show_library`/`show_notes` to remember them.
"""
from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen

from reader.tui.widgets.key_bar import KeyBar
from reader.tui.widgets.reader_view import ReaderView

if TYPE_CHECKING:
    from textual.widget import Widget

    from reader.tui.widgets.library_list import LibraryPane


class Pane(StrEnum):
    """The reading room's panes, in Tab order."""

    TOPICS = "topics"
    LIBRARY = "library"
    READER = "reader"
    NOTES = "notes"


SIDE_PANES = (Pane.TOPICS, Pane.LIBRARY)  # the sidebar: shown and hidden together
NARROW_BELOW = 110  # below this many columns the side panes take turns with the reader instead of squeezing it
NOTES_BESIDE_FROM = 150  # from this width the notes pane can sit beside the library without squeezing the text

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

    show_library: var[bool] = var(True, init=False)
    show_notes: var[bool] = var(False, init=False)
    narrow: var[bool] = var(False, init=False)
    narrow_pane: var[Pane] = var(Pane.READER, init=False)  # the pane on screen while narrow

    class NotesRevealed(Message):
        """The notes pane has just come on screen: it should list the open article's notes."""

    def __init__(self, topics: Widget, library: LibraryPane, notes: Widget | None, *, show_library: bool,
                 show_notes: bool, width: int, on_ready: Callable[[], None]) -> None:
        super().__init__(id="reading")
        self._topics, self._library, self._notes = topics, library, notes
        self._on_ready = on_ready
        # The layout the screen is composed in; set without watchers (nothing is there to lay out yet).
        self.set_reactive(ReadingScreen.show_library, show_library)
        self.set_reactive(ReadingScreen.show_notes, show_notes)
        self.set_reactive(ReadingScreen.narrow, width < NARROW_BELOW)

    def on_mount(self) -> None:
        # The app's own Mount comes before this screen's children exist; the reading room starts from here.
        self.apply_layout()
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
        yield KeyBar().data_bind(compact=ReadingScreen.narrow)  # compact: every key fits at 80 columns

    async def add_notes(self, notes: Widget) -> None:
        """Mount the notes pane after the first frame, hidden until the layout shows it."""
        notes.display = False
        await self.query_one("#panes").mount(notes, after="#reader-column")
        self._notes = notes
        self.apply_layout()

    @property
    def reader(self) -> ReaderView:
        return self.query_one(ReaderView)

    # --- layout -------------------------------------------------------------------------------------------

    def watch_show_library(self) -> None:
        self.apply_layout()

    def watch_show_notes(self) -> None:
        self.apply_layout()

    def watch_narrow(self) -> None:
        self.apply_layout()

    def watch_narrow_pane(self) -> None:
        self.apply_layout()

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < NARROW_BELOW
        if narrow == self.narrow:
            self.apply_layout()  # whether the library fits beside the notes depends on the width too
            return
        if narrow:
            # going narrow keeps the pane the reader was using on screen
            self.set_reactive(ReadingScreen.narrow_pane, self.current_pane() or Pane.READER)
        self.narrow = narrow

    def library_beside(self) -> bool:
        """Whether the library sidebar is on screen in wide mode: the notes pane takes its place when both
        would not fit beside a full measure of text."""
        if self.show_notes and self.app.size.width < NOTES_BESIDE_FROM:
            return False
        return self.show_library

    def visible_panes(self) -> list[Pane]:
        if self.narrow:
            return list(Pane)  # each takes the whole screen in turn
        out = list(SIDE_PANES) if self.library_beside() else []
        out.append(Pane.READER)
        if self.show_notes:
            out.append(Pane.NOTES)
        return out

    def notes_shown(self) -> bool:
        return self._notes is not None and self._notes.display

    def apply_layout(self) -> None:
        """Show the panes the state calls for: side by side when wide, one at a time when narrow."""
        sidebar = self.query_one("#sidebar")
        column = self.query_one("#reader-column")
        notes_were_shown = self.notes_shown()
        self.set_class(self.narrow, "-narrow")
        if self.narrow:
            sidebar.display = self.narrow_pane in SIDE_PANES
            column.display = self.narrow_pane == Pane.READER
            notes_display = self.narrow_pane == Pane.NOTES
        else:
            sidebar.display = self.library_beside()
            column.display = True
            notes_display = self.show_notes
        if self._notes is not None:
            self._notes.display = notes_display
        # Focus must not stay in a pane just hidden (e.g. the library's filter box when `A` gives the notes its
        # place): keys would go to an invisible widget, `q` included.
        focused = self.focused
        if focused is not None and any(pane is not None and not pane.display and pane in focused.ancestors
                                       for pane in (sidebar, self._notes)):
            self.reader.focus()
        if self.notes_shown() and not notes_were_shown:
            self.post_message(self.NotesRevealed())

    def show_pane(self, pane: Pane) -> None:
        """Make `pane` visible (switching panes when narrow) and focus it."""
        if self.narrow:
            self.narrow_pane = pane
        elif pane in SIDE_PANES:
            self.show_library = True
            if not self.library_beside():
                self.show_notes = False  # no room for both beside the text: the library takes the place back
        elif pane == Pane.NOTES:
            self.show_notes = True
        widget = self.pane_widget(pane)
        if widget is not None:
            widget.focus()

    def toggle_library(self) -> None:
        """`b`: the library beside the text or not (when narrow: the library's turn, or back to the text)."""
        if self.narrow:
            self.show_pane(Pane.READER if self.narrow_pane in SIDE_PANES else Pane.LIBRARY)
            return
        shown = not self.library_beside()
        if shown and self.show_notes and self.app.size.width < NOTES_BESIDE_FROM:
            self.show_notes = False  # no room for both beside the text: the library takes the place back
        self.show_library = shown
        (self._library.tree if shown else self.reader).focus()

    def toggle_notes(self) -> None:
        """`A`: the notes pane beside the text or not (when narrow: its turn, or back to the text)."""
        if self.narrow:
            self.show_pane(Pane.READER if self.narrow_pane == Pane.NOTES else Pane.NOTES)
            return
        self.show_notes = not self.show_notes

    def pane_widget(self, pane: Pane) -> Widget | None:
        """The widget that takes focus for `pane`; None for the notes pane before it is mounted."""
        if pane == Pane.READER:
            return self.reader
        if pane == Pane.NOTES:
            return self._notes.query_one("#notes-list") if self._notes is not None else None
        return self._topics if pane == Pane.TOPICS else self._library.tree

    def current_pane(self) -> Pane | None:
        focused = self.focused
        if focused is None:
            return None
        for pane in Pane:
            if focused is self.pane_widget(pane):
                return pane
        if self._library in focused.ancestors:
            return Pane.LIBRARY
        if self._notes is not None and self._notes in focused.ancestors:
            return Pane.NOTES
        if focused.id == "find-input":
            return Pane.READER
        return None
