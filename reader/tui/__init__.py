"""The Textual reading room. Only this package imports Textual; the CLI reaches it through `run_app`."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.library import Library


def run_app(lib: Library, open_article: int | None = None) -> int:
    """Open the TUI on `lib` (lazily imported, so `import reader.tui` stays cheap); returns the exit code."""
    from reader.tui.app import run_app as _run

    return _run(lib, open_article)
