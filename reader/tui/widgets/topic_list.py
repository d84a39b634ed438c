"""The topic pane: taxonomy topics with article counts; several can be selected (OR-ed)."""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from reader.text.visible import one_line
from reader.tui.widgets.toggles import tick_selection_line


def topic_prompt(name: str, count: int, width: int = 0) -> Text:
    text = Text(one_line(name), no_wrap=True, end="")
    text.append(f"  {count}", style="dim")
    return text


class TopicList(SelectionList[str]):
    """Counts are set by the app so they follow the library's text filter."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("enter,space", "select", "Toggle topic", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "主题 Topics"
        self.names: list[str] = []

    def set_topics(self, counts: list[tuple[str, int]], selected: set[str]) -> None:
        """Replace the options, keeping the highlight and the given selection."""
        highlighted = self.highlighted
        self.names = [name for name, _ in counts]
        self.clear_options()
        self.add_options([Selection(topic_prompt(name, count), name, name in selected) for name, count in counts])
        if self.option_count:
            self.highlighted = min(highlighted or 0, self.option_count - 1)

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        index = self.scroll_offset.y + y
        if not 0 <= index < self.option_count:
            return strip
        return tick_selection_line(strip, self.get_option_at_index(index).value in self._selected)

    @property
    def highlighted_topic(self) -> str | None:
        if self.highlighted is None or not self.names:
            return None
        return self.names[self.highlighted]
