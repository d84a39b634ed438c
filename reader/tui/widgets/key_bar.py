"""The key line at the foot of the reading room: the screen's shown bindings, drawn as one line.

Textual's `Footer` recomposes one widget per key whenever the active bindings change (every focus move), which
cost 35–60 ms a time and three or four times over at start-up. This draws the same keys from
`screen.active_bindings` in a single render; a click on a key presses it, as in the Footer.
"""
from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

PALETTE_SEPARATOR = "▏"


class Key(NamedTuple):
    """One key on the bar, where it was drawn (cells [start, end))."""

    key: str
    enabled: bool
    start: int
    end: int


def shown_bindings(screen: Screen) -> list[tuple[Binding, bool]]:
    """The bindings the bar shows, first binding per action, in the order the screen reports them."""
    seen: set[str] = set()
    out: list[tuple[Binding, bool]] = []
    for _node, binding, enabled, _tooltip in screen.active_bindings.values():
        if binding.show and binding.action not in seen:
            seen.add(binding.action)
            out.append((binding, enabled))
    return out


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--disabled", "key-bar--hover"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--disabled {
            text-style: dim;
        }
        & > .key-bar--hover {
            background: $block-hover-background;
        }
    }
    """

    compact = reactive(False)  # one space between keys instead of a padded cell on each side: fits 80 columns
    hovered: reactive[int | None] = reactive(None)

    def __init__(self, *, compact: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(KeyBar.compact, compact)
        self.keys: list[Key] = []
        self._dim = self._hover = Style()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen) -> None:
        self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        self._dim = self.get_component_rich_style("key-bar--disabled")
        self._hover = self.get_component_rich_style("key-bar--hover")
        text = Text(no_wrap=True, overflow="crop", end="")
        self.keys = []
        pad = "" if self.compact else " "
        width = self.size.width
        for binding, enabled in shown_bindings(self.screen):
            key = f"{pad}{self.app.get_key_display(binding)}{pad}"
            description = f" {binding.description}" if self.compact else f"{binding.description} "
            if width and text.cell_len + cell_len(key) + cell_len(description) > width:
                break  # a key that does not fit whole is left out, never cut to a stray letter
            start = len(text), text.cell_len
            text.append(key, key_style)
            text.append(description, description_style)
            self._finish(text, start, binding.key, enabled)
            if self.compact:
                text.append(" ")
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            binding, enabled = palette[1], palette[2]
            key = self.app.get_key_display(binding)
            width = cell_len(key) + cell_len(binding.description) + 3
            gap = self.size.width - text.cell_len - width
            if gap >= 0:
                text.append(" " * gap)
                start = len(text), text.cell_len
                text.append(PALETTE_SEPARATOR, description_style)
                text.append(key, key_style)
                text.append(f" {binding.description} ", description_style)
                self._finish(text, start, binding.key, enabled)
        return text

    def _finish(self, text: Text, start: tuple[int, int], key: str, enabled: bool) -> None:
        """Dim a disabled key, light the hovered one and remember where it was drawn (in cells, for clicks)."""
        if not enabled:
            text.stylize(self._dim, start[0])
        if self.hovered == len(self.keys):
            text.stylize(self._hover, start[0])
        self.keys.append(Key(key, enabled, start[1], text.cell_len))

    def key_at(self, x: int) -> Key | None:
        return next((k for k in self.keys if k.start <= x < k.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        self.hovered = self.keys.index(key) if key is not None else None

    def on_leave(self, _event: events.Leave) -> None:
        self.hovered = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
