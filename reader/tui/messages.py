"""How the reading room tells the user something went wrong: one way for every ReaderError (reader/errors.py),
the kind as the title, the message as the CLI would print it."""
from __future__ import annotations

from typing import Any

from reader.errors import ReaderError


def notify_error(app: Any, exc: ReaderError, doing: str = "") -> None:
    """`app.notify` for `exc`: "doing: message" under the error's title, never read as markup."""
    message = f"{doing}: {exc}" if doing else str(exc)
    app.notify(message, title=exc.title, severity="error", markup=False, timeout=8)
