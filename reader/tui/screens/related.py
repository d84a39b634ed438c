"""Related articles: the ones sharing keywords or topics with the open article, showing what they share."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.tui.screens.discovery import DiscoveryScreen
from reader.tui.widgets.notes_list import with_dividers
from reader.tui.folded import FoldedText

if TYPE_CHECKING:
    from reader.library import Library
    from reader.search import Related

LIMIT = 30


def related_label(item: Any, source: str | None = None) -> Text:
    """Title and source, then the shared keywords and topics — literal text, never markup."""
    text = Text(no_wrap=False, end="")
    text.append(item.title or "（无题）", style="bold")
    text.append(f"  {source or item.source} · {item.score:.2f}", style="dim")
    if item.shared_tags:
        text.append("\n关键词 ", style="dim")
        text.append("、".join(item.shared_tags))
    if item.shared_topics:
        text.append("\n主题 ", style="dim")
        text.append("、".join(item.shared_topics), style="italic")
    return text


def run_related(lib: Library, article_id: int) -> list[Related]:
    return lib.related(article_id, limit=LIMIT)


class RelatedScreen(DiscoveryScreen):
    """Dismisses with the chosen article id, or None."""

    HELP_TITLE = "相关 Related"
    ENTER_HELP = "Open the related article"

    DEFAULT_CSS = """
    RelatedScreen { align: center middle; }
    #related-box { width: 90%; max-width: 110; height: 85%; border: round $accent; background: $surface; }
    #related-title, #related-status { height: 1; padding: 0 1; }
    #related-list { height: 1fr; border: none; background: transparent; }
    #related-list > .option-list--option { padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape,r,q", "dismiss_none", "Close related"),
        Binding("j", "down", "Next article", show=False),
        Binding("k", "up", "Previous article", show=False),
    ]

    def __init__(self, db_path: Path, article_id: int, title: str) -> None:
        super().__init__(db_path)
        self.article_id = article_id
        self.article_title = title
        self.items: list[Any] | None = None  # None until the worker has answered

    def compose(self) -> ComposeResult:
        with Vertical(id="related-box") as box:
            box.border_title = Text("相关文章 Related articles")
            box.border_subtitle = Text("Enter 打开 open · Esc 关闭")
            yield Label(Text.assemble(("与 ", "dim"), (self.article_title, "bold"), (" 共享关键词或主题", "dim")),
                        id="related-title", markup=False)
            yield Label(Text("查找中… looking", style="dim"), id="related-status", markup=False)
            yield OptionList(id="related-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True, group="related", exit_on_error=False)
    def load(self) -> None:
        items, error = self.query_in_worker(run_related, self.article_id)
        self.deliver(self.show, items or [], error)

    def show(self, items: list[Any], error: str = "") -> None:
        self.items = items
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(with_dividers([Option(FoldedText(related_label(item, self.app.source_label(item.source)))) for item in items]))
        if items:
            options.highlighted = 0
        status = error or (f"{len(items)} 篇 articles" if items else "没有共享关键词或主题的文章 none share keywords or topics")
        self.query_one("#related-status", Label).update(Text(status, style="dim"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.items:
            self.dismiss(self.items[event.option_index].id)

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
