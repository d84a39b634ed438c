"""One root for what a user can meet and be told in one line: `ReaderError`.

The CLI prints `str(exc)` after "ipreader:" and exits 2 (cli._expected_failure); the TUI shows
`notify(str(exc), title=exc.title, severity="error")`. Each subclass names its kind in `title`; those that callers
have long caught as ValueError or KeyError stay those too.
"""
from __future__ import annotations


class ReaderError(Exception):
    """A problem the user can act on; the message says what and, where it can, what to do."""

    title = "出错 error"

    def __init__(self, message: str = "", title: str = "") -> None:
        super().__init__(message)
        if title:
            self.title = title
