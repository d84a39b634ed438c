"""Console helpers shared by the CLI commands: one stdout and one stderr console, safe text, JSON.

Both consoles are `_SafeConsole`s, the last line of the output boundary (reader/text/visible.py): whatever a
command prints, a control or escape character that is not Rich's own reaches the terminal as its picture (␛).
"""
from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from reader.text.visible import json_safe, one_line, visible


class _SafeConsole(Console):
    """A Console whose text segments are shown through `visible`: Rich's own control segments (styles, cursor
    moves of a progress bar) pass, any control character inside printed text reaches the terminal as its picture."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            segment if segment.control else Segment(visible(segment.text), segment.style) for segment in buffer)


NOTHING_FOUND = 1  # the exit status of a search, filter or listing that found nothing, as grep's

out = _SafeConsole(highlight=False, soft_wrap=False)
err = _SafeConsole(stderr=True, highlight=False)


def safe(text: str | None) -> Text:
    """Text from outside our code (titles, names, notes, tags) as a Rich Text: never parsed as markup, control
    characters shown as pictures, bidi and zero-width characters removed."""
    return Text(visible(text))


def error(message: str) -> None:
    # One line, however long; a file name in the message cannot break it or reach the terminal raw.
    err.print(Text("ipreader: ", style="bold red") + Text(one_line(message)), soft_wrap=True)


def json_text(data: Any) -> str:
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2))


def print_json(data: Any) -> None:
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        data = dataclasses.asdict(data)
    elif isinstance(data, list):
        data = [dataclasses.asdict(d) if dataclasses.is_dataclass(d) and not isinstance(d, type) else d for d in data]
    sys.stdout.write(json_text(data) + "\n")
