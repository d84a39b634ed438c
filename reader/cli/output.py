"""Console helpers shared by the CLI commands: one stdout and one stderr console, safe text, JSON."""
from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from reader.text.wrap import fold_lines

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


def safe(text: str | None) -> Text:
    """Article text as a Rich Text: never parsed as markup, control characters already stripped at import."""
    return Text(text or "")


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


def error(message: str) -> None:
    err.print(Text("ipreader: ", style="bold red") + Text(message))


def print_json(data: Any) -> None:
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        data = dataclasses.asdict(data)
    elif isinstance(data, list):
        data = [dataclasses.asdict(d) if dataclasses.is_dataclass(d) and not isinstance(d, type) else d for d in data]
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
