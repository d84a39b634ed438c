"""What the reading room remembers between sessions, typed: which panes are shown, the text measure, the theme,
the library's order and grouping.

They live in the library's settings as strings under `tui.<field>`; this module is the one place that spells
those keys and parses them, so a hand-edited or damaged value falls back to its default instead of reaching the
app as a wrong type.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from reader.tui.widgets.library_list import LibraryOrder
from reader.tui.widgets.reader_view import DEFAULT_MEASURE, MAX_MEASURE, MIN_MEASURE

if TYPE_CHECKING:
    from reader.library import Library

PREFIX = "tui."


class Theme(StrEnum):
    DARK = "textual-dark"
    LIGHT = "textual-light"


@dataclass(frozen=True)
class Preferences:
    library: bool = True  # the topic and library panes beside the text
    notes: bool = False  # the notes pane
    measure: int = DEFAULT_MEASURE  # characters per line of text
    theme: Theme = Theme.DARK
    order: LibraryOrder = LibraryOrder.SOURCE
    grouped: bool = True  # the library grouped by page

    @classmethod
    def load(cls, lib: Library) -> Preferences:
        default = cls()
        values = {f.name: _parse(lib.get_setting(PREFIX + f.name), getattr(default, f.name)) for f in fields(cls)}
        prefs = cls(**values)
        return replace(prefs, measure=min(MAX_MEASURE, max(MIN_MEASURE, prefs.measure)))

    def changed(self, **values: object) -> tuple[Preferences, dict[str, str]]:
        """The preferences with `values` set, and the settings (key → stored string) that differ."""
        new = replace(self, **values)  # type: ignore[arg-type]
        return new, {PREFIX + name: _format(getattr(new, name)) for name in values
                     if getattr(new, name) != getattr(self, name)}


def _parse(stored: str | None, default: object) -> object:
    if stored is None:
        return default
    if isinstance(default, bool):
        return {"1": True, "0": False}.get(stored, default)
    if isinstance(default, int):
        try:
            return int(stored)
        except ValueError:
            return default
    if isinstance(default, StrEnum):
        try:
            return type(default)(stored)
        except ValueError:
            return default
    return stored


def _format(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
