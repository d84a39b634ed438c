"""Characters typed before focus reaches a text input: the find box and the search and concordance dialogs.

Typed at once after the key that opens one of them (fast typing, a paste), characters are already on their way to
the widget that had focus, which ignores them; the app hands them to the input with `type_into` (see
ReaderApp.on_key). They must behave as if the input had had focus all along: a prefilled term, selected so that
typing replaces it, is replaced by the first of them, not appended to, and the input's own select-on-focus, which
arrives after them, must not select what they typed (the next character would replace it).
"""
from __future__ import annotations

from textual.widgets import Input
from textual.widgets.input import Selection


def focus_selected(field: Input) -> None:
    """Focus `field` with its whole value selected now (so typing replaces it), not when the focus arrives."""
    field.select_on_focus = False
    field.selection = Selection(0, len(field.value))
    field.focus()


def type_into(field: Input, text: str) -> None:
    """Type `text` into `field` as its own key handling would: over the selection, else at the cursor."""
    field.focus()
    if field.selection.is_empty:
        field.insert_text_at_cursor(text)
    else:
        field.replace(text, *field.selection)
