"""Why an article carries its topics: the keywords that matched, per topic."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.text.folded import Folded
from reader.tui.screens import MODAL_CSS


def reasons_table(reasons: dict[str, list[str]], tags: list[str]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2))
    table.add_column("topic", style="bold", no_wrap=True)
    table.add_column("keywords")
    if not reasons:
        table.add_row(Text("未分类"), Text("没有命中任何主题关键词", style="dim"))
    for topic, words in reasons.items():
        table.add_row(Text(topic), Folded(Text("、".join(words) or "—")))
    if tags:
        table.add_row(Text(""), Text(""))
        table.add_row(Text("标签 tags", style="dim"), Folded(Text("、".join(tags), style="dim")))
    return table


class ReasonsScreen(ModalScreen[None]):
    CSS_PATH = MODAL_CSS
    BINDINGS = [Binding("escape,q,w", "dismiss", "Close")]

    def __init__(self, title: str, reasons: dict[str, list[str]], tags: list[str]) -> None:
        super().__init__()
        self.article_title, self.reasons, self.tags = title, reasons, tags

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reasons-body") as body:
            body.border_title = "主题依据 Why these topics"
            yield Static(Text(self.article_title, style="bold"), markup=False)
            yield Static(reasons_table(self.reasons, self.tags), markup=False)
