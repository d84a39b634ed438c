"""The outline: the open article's section headings; choosing one jumps the reader there."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.screens import MODAL_CSS


class OutlineScreen(ModalScreen[int | None]):
    """Dismisses with the chosen paragraph index (0 = top of the article) or None."""

    CSS_PATH = MODAL_CSS

    BINDINGS = [
        Binding("escape,o,q", "dismiss_none", "Close outline"),
        Binding("j", "down", show=False),
        Binding("k", "up", show=False),
    ]

    def __init__(self, title: str, headings: list[tuple[int, str]], current: int = 0) -> None:
        super().__init__()
        self.article_title = title
        self.targets = [0] + [p for p, _ in headings]
        self.labels = [Text("↑ " + title, style="bold", no_wrap=True)] + [Text(h, no_wrap=True) for _, h in headings]
        # highlight the section the reader is in now
        self.current = max((i for i, p in enumerate(self.targets) if p <= current), default=0)

    def compose(self) -> ComposeResult:
        options = OptionList(*[Option(label) for label in self.labels], id="outline-list")
        options.border_title = "大纲 Outline"
        yield options

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.targets[event.option_index])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
