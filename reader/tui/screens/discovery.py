"""What the discovery screens (search, concordance, related, overview) share: a Library of their own for worker
threads, and the topic-count chips.

Each screen queries through its own Library (its own SQLite connection), opened in the worker thread that first
needs it, so a slow query never shares a connection with the UI thread's position saves.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Click
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input

from reader.search.page import ALL_TOPICS
from reader.tui.early_keys import type_into
if TYPE_CHECKING:
    from reader.library import Library

ALL = ALL_TOPICS  # the chip that clears the topic narrowing


class ScreenClosed(Exception):
    """The screen went away while its worker waited for the connection."""


class WorkerDb:
    """A lazily opened connection for worker threads; closed when the screen goes away.

    Closing never pulls the connection from under a running query: if one is running, the worker closes the
    connection itself when the query returns.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lib: Library | None = None
        self._closed = False
        self._lock = threading.Lock()  # one query at a time: exclusive workers may still overlap briefly

    def run(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        from reader.library import Library

        with self._lock:
            if self._closed:
                raise ScreenClosed()
            if self._lib is None:
                self._lib = Library(self.path, migrate=False)
            try:
                return fn(self._lib, *args, **kwargs)
            finally:
                if self._closed:
                    self._close_now()

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        self._closed = True
        if self._lock.acquire(blocking=False):  # no query running: close here; else the worker does
            try:
                self._close_now()
            finally:
                self._lock.release()

    def _close_now(self) -> None:
        lib, self._lib = self._lib, None
        if lib is not None:
            lib.close()  # with the search's read-only helper connections, if a large library opened them


class DiscoveryScreen(ModalScreen[Any]):
    """A modal screen that queries the library from worker threads through its own connection."""

    # For the help screen: the screen's name, and what Enter does in its query box or list (an Input's or an
    # OptionList's own submit, not one of our bindings).
    HELP_TITLE: ClassVar[str] = ""
    ENTER_HELP: ClassVar[str] = ""

    @classmethod
    def help_bindings(cls) -> list[BindingType]:
        """The keys the help screen lists for this screen: Enter, then the screen's own bindings."""
        enter: list[BindingType] = [Binding("enter", "-", cls.ENTER_HELP)] if cls.ENTER_HELP else []
        return enter + list(cls.BINDINGS)

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.worker_db = WorkerDb(db_path)

    def on_unmount(self) -> None:
        self.worker_db.close()

    def type_into_input(self, text: str) -> bool:
        """Put `text` at the cursor of this screen's query input (focusing it); False when it has none."""
        field = next(iter(self.query(Input)), None)
        if field is None:
            return False
        type_into(field, text)
        return True

    def query_in_worker(self, fn: Any, *args: Any) -> tuple[Any, str]:
        """(result, "") or (None, message) for `fn(lib, *args)` run in the calling worker thread; a database error
        becomes a message on the screen, never a traceback that ends the app."""
        try:
            return self.worker_db.run(fn, *args), ""
        except ScreenClosed:
            return None, ""
        except Exception as exc:  # e.g. "database is locked" while another process imports
            return None, f"出错 error: {exc}"

    def deliver(self, callback: Any, *args: Any) -> None:
        """Hand a worker's result to the UI thread, unless the screen was closed meanwhile."""
        from textual.worker import get_current_worker

        if get_current_worker().is_cancelled or self.worker_db.closed:
            return
        self.app.call_from_thread(self._deliver, callback, *args)

    def _deliver(self, callback: Any, *args: Any) -> None:
        if self.is_attached and not self.worker_db.closed:
            callback(*args)


class TopicChips(Widget, can_focus=True):
    """One line of topic chips with counts ("全部 12  知识产权金融 5 …"); ←/→ move, Enter/space picks one.

    Picking posts `Picked` with the topic (ALL for the first chip); the screen narrows its results with it.
    The row never wraps, so the results below keep their place: when the chips do not fit it slides with the
    cursor, "‹" and "+N ›" saying how many are out of sight either side.
    """

    DEFAULT_CSS = """
    TopicChips { height: 1; padding: 0 1; }
    """
    BINDINGS = [
        Binding("left,h", "move(-1)", "Previous topic", show=False),
        Binding("right,l", "move(1)", "Next topic", show=False),
        Binding("enter,space", "pick", "Narrow to topic", show=False),
    ]

    class Picked(Message):
        def __init__(self, topic: str) -> None:
            super().__init__()
            self.topic = topic

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.counts: list[tuple[str, int]] = []
        self.total = 0
        self.selected = ALL
        self.cursor = 0
        self.first = 0  # the first chip shown (the row slides along with the cursor)

    @property
    def chips(self) -> list[tuple[str, int]]:
        return [(ALL, self.total), *self.counts]

    def set_counts(self, counts: list[tuple[str, int]], total: int, selected: str = ALL) -> None:
        self.counts, self.total, self.selected = counts, total, selected
        names = [name for name, _ in self.chips]
        self.cursor = names.index(selected) if selected in names else 0
        self.first = 0
        self.refresh()

    def _label(self, i: int) -> str:
        name, count = self.chips[i]
        return f" {name or '全部'} {count} "

    def _visible(self, first: int, width: int) -> list[int]:
        """The chips that fit from `first` on, leaving room for the ‹ and +N › marks around them."""
        n = len(self.chips)
        used = 2 if first else 0
        shown: list[int] = []
        for i in range(first, n):
            w = cell_len(self._label(i)) + (1 if shown else 0)
            more = len(f" +{n - i - 1} ›") if i < n - 1 else 0
            if shown and used + w + more > width:
                break
            shown.append(i)
            used += w
        return shown

    def window(self) -> list[int]:
        """The chips shown: a window that slides so the cursor's chip is always among them (a chip off screen
        can be neither seen nor picked)."""
        width = max(1, self.size.width)
        self.first = min(self.first, self.cursor)
        while self.cursor not in self._visible(self.first, width) and self.first < self.cursor:
            self.first += 1
        return self._visible(self.first, width)

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop", end="")
        if not self.counts and not self.total:
            return text
        shown = self.window()
        if shown and shown[0]:
            text.append("‹ ", style="dim")
        for i in shown:
            name = self.chips[i][0]
            style = Style(bold=True, reverse=True) if name == self.selected else Style(dim=name != self.selected)
            if self.has_focus and i == self.cursor:
                style += Style(underline=True, bold=True, dim=False)
            if i != shown[0]:
                text.append(" ")
            start = len(text)
            text.append(self._label(i), style)  # a plain string appended: topic names are never markup
            text.stylize(Style.from_meta({"chip": i}), start, len(text))
        hidden = len(self.chips) - 1 - shown[-1] if shown else 0
        if hidden:
            text.append(f" +{hidden} ›", style="dim")
        return text

    def action_move(self, step: int) -> None:
        if self.chips:
            self.cursor = (self.cursor + step) % len(self.chips)
            self.refresh()

    def action_pick(self) -> None:
        if not self.chips:
            return
        name = self.chips[self.cursor][0]
        # Picking the selected chip again widens back to every topic.
        self.selected = ALL if name == self.selected else name
        self.refresh()
        self.post_message(self.Picked(self.selected))

    def on_click(self, event: Click) -> None:
        chip = event.style.meta.get("chip") if event.style else None
        if isinstance(chip, int) and chip < len(self.chips):
            self.cursor = chip
            self.action_pick()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
