"""Term overview: keyword and topic frequencies across the library as bar charts, overall and per source.

Bars are Unicode block characters built as Rich Text (eighths of a cell, so small differences still show); every
term is appended as plain text, never parsed as markup.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.widgets import Static

from reader.tui.screens.discovery import DiscoveryScreen

if TYPE_CHECKING:
    from reader.library import Library
    from reader.search import Overview

TOP = 15  # keywords and topics per overall chart
TOP_PER_SOURCE = 5
SOURCES_SHOWN = 20  # the largest sources; the rest are counted, not drawn
EIGHTHS = " ▏▎▍▌▋▊▉"  # index = eighths of a cell


def bar(count: int, largest: int, cells: int) -> str:
    """A bar `cells` wide for `largest`, proportionally shorter for `count`, in eighth-cell steps."""
    if largest <= 0 or cells <= 0 or count <= 0:
        return ""
    eighths = max(1, round(8 * cells * count / largest))  # a non-zero count always shows
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def bar_chart(title: str, items: list[Any], cells: int, style: str) -> Table:
    """Rows of term · bar · count, the bars scaled to the chart's largest count."""
    table = Table(box=None, show_header=False, padding=(0, 1), title=Text(title, style="bold"),
                  title_justify="left", expand=False, collapse_padding=True)
    table.add_column("term", no_wrap=True, overflow="ellipsis", max_width=20)
    table.add_column("bar", no_wrap=True, width=cells)
    table.add_column("n", justify="right", no_wrap=True)
    largest = max((i.count for i in items), default=0)
    if not items:
        table.add_row(Text("—", style="dim"), Text(""), Text(""))
    for item in items:
        table.add_row(Text(item.term), Text(bar(item.count, largest, cells), style=style), Text(str(item.count)))
    return table


def overview_renderable(ov: Any, width: int) -> RenderableType:
    """The whole overview for a screen `width` cells wide: two overall charts, then a small pair per source."""
    wide = width >= 100
    cells = max(6, min(40, (width // 2 if wide else width) - 28))
    keywords = bar_chart(f"关键词 Keywords（{ov.articles} 篇中出现的篇数）", ov.keywords, cells, "green")
    topics = bar_chart("主题 Topics（篇数）", ov.topics, cells, "magenta")
    parts: list[RenderableType] = []
    if wide:
        grid = Table.grid(padding=(0, 3))
        grid.add_row(keywords, topics)
        parts.append(grid)
    else:
        parts += [keywords, Text(""), topics]
    sources = sorted(ov.by_source, key=lambda s: (-s.articles, s.source))
    small = max(4, min(20, (width // 2 if wide else width) - 30))
    parts.append(Text(""))
    parts.append(Text(f"按来源 By source（{len(sources)} 个）", style="bold underline"))
    for src in sources[:SOURCES_SHOWN]:
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(src.source, style="bold")
        head.append(f"  {src.articles} 篇", style="dim")
        parts += [Text(""), head]
        kw = bar_chart("关键词", src.keywords[:TOP_PER_SOURCE], small, "green")
        tp = bar_chart("主题", src.topics[:TOP_PER_SOURCE], small, "magenta")
        if wide:
            grid = Table.grid(padding=(0, 3))
            grid.add_row(tp, kw)
            parts.append(grid)
        else:
            parts += [tp, kw]
    if len(sources) > SOURCES_SHOWN:
        rest = len(sources) - SOURCES_SHOWN
        parts += [Text(""), Text(f"……另有 {rest} 个来源 and {rest} more sources", style="dim")]
    return Group(*parts)


def run_overview(lib: Library) -> Overview:
    return lib.term_overview(top=TOP)


class OverviewScreen(DiscoveryScreen):
    HELP_TITLE = "概览 Overview"
    DEFAULT_CSS = """
    OverviewScreen { align: center middle; }
    #overview-body {
        width: 95%; max-width: 140; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape,q,O,percent_sign", "dismiss", "Close overview")]

    def __init__(self, db_path: Path) -> None:
        super().__init__(db_path)
        self.overview: Any = None
        self.charts: RenderableType | None = None  # what is drawn, kept for tests and re-layout
        self._width = 0

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="overview-body") as body:
            body.border_title = Text("词频概览 Term overview")
            body.border_subtitle = Text("Esc 关闭")
            yield Static(Text("统计中… counting", style="dim"), id="overview-charts", markup=False)

    def on_mount(self) -> None:
        self.query_one("#overview-body").focus()
        self.load()

    @work(thread=True, exclusive=True, group="overview", exit_on_error=False)
    def load(self) -> None:
        ov, error = self.query_in_worker(run_overview)
        self.deliver(self.show if ov is not None else self.show_error, ov if ov is not None else error)

    def show_error(self, message: str) -> None:
        self.query_one("#overview-charts", Static).update(Text(message, style="bold red"))

    def body_width(self) -> int:
        return max(40, self.query_one("#overview-body").scrollable_content_region.width or 80)

    def show(self, ov: Any) -> None:
        self.overview = ov
        self._width = self.body_width()
        self.charts = overview_renderable(ov, self._width)
        self.query_one("#overview-charts", Static).update(self.charts)

    def on_resize(self, event: Resize) -> None:
        if self.overview is not None and self.body_width() != self._width:
            self.call_after_refresh(lambda: self.show(self.overview))

