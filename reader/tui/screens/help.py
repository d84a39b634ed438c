"""The help screen: every key binding of the app and its panes, generated from their BINDINGS."""
from __future__ import annotations

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.screens import MODAL_CSS

KEY_NAMES = {
    "slash": "/", "question_mark": "?", "plus": "+", "minus": "-", "left_square_bracket": "[",
    "right_square_bracket": "]", "asterisk": "*", "space": "space", "tab": "Tab", "shift+tab": "Shift+Tab",
    "enter": "Enter", "escape": "Esc", "pageup": "PgUp", "pagedown": "PgDn", "equals_sign": "=",
    "home": "Home", "end": "End", "up": "↑", "down": "↓", "left": "←", "right": "→",
    "shift+space": "Shift+Space", "left_parenthesis": "(", "right_parenthesis": ")",
    "left_curly_bracket": "{", "right_curly_bracket": "}", "shift+left": "Shift+←", "shift+right": "Shift+→",
    "delete": "Del", "percent_sign": "%", "number_sign": "#", "ampersand": "&", "exclamation_mark": "!",
}


def _pretty(key: str) -> str:
    key = key.strip()
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key[5:].upper()
    return key


def key_label(keys: str) -> str:
    return " / ".join(_pretty(k) for k in keys.split(","))


def _described(binding: Binding) -> str:
    description = binding.description or binding.action
    return f"{description}: {binding.tooltip}" if binding.tooltip else description


def binding_rows(sections: list[tuple[str, list[BindingType]]]) -> Group:
    """One block per section: its title on a line of its own (a long title must not widen the key column),
    then a two-column table whose key column has the same width in every section."""
    rows = [[(key_label(b.key), _described(b)) for b in bindings if isinstance(b, Binding)] for _, bindings in sections]
    key_width = max((cell_len(k) for section in rows for k, _ in section), default=4)
    parts: list[RenderableType] = []
    for (title, _), section in zip(sections, rows):
        parts.append(Text(title, style="bold underline"))
        table = Table(box=None, show_header=False, padding=(0, 2), expand=False)
        table.add_column("key", style="bold", no_wrap=True, min_width=key_width)
        table.add_column("action")
        for key, description in section:
            table.add_row(Text(key), Text(description))
        parts.append(table)
        parts.append(Text(""))
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = MODAL_CSS
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help")]

    def __init__(self, sections: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "按键 Keys  (Esc 关闭)"
            yield Static(binding_rows(self.sections), markup=False)
