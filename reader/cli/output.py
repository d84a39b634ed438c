"""Console helpers shared by the CLI commands: one stdout and one stderr console, safe text, JSON."""
from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any

from rich.console import Console
from rich.text import Text


out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


def safe(text: str | None) -> Text:
    """Article text as a Rich Text: never parsed as markup, control characters already stripped at import."""
    return Text(text or "")


def error(message: str) -> None:
    err.print(Text("ipreader: ", style="bold red") + Text(message), soft_wrap=True)  # one line, however long


def print_json(data: Any) -> None:
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        data = dataclasses.asdict(data)
    elif isinstance(data, list):
        data = [dataclasses.asdict(d) if dataclasses.is_dataclass(d) and not isinstance(d, type) else d for d in data]
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
