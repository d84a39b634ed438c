"""Folded: a Rich renderable that folds Text by the Chinese line breaker (reader.text.wrap) at the width Rich
gives it. For the CLI's output and Rich tables in the TUI; Textual's own widgets use reader.tui.folded."""
from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from reader.text.wrap import fold_lines


class Folded:
    """Text folded by the Chinese line breaker at the width Rich gives it (a table cell, the terminal): Rich alone
    folds CJK at any cell, so a line may start with "。" or split "1867.4"."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = Text("\n").join(self.text[s:e] for s, e in fold_lines(self.text.plain, options.max_width))
        lines.no_wrap = True  # every line already fits
        yield lines
