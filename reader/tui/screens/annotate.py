"""Write a note for the selected text; Enter saves, Esc cancels. Colour keys 1–5 pick the highlight colour."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

COLORS = ("yellow", "green", "blue", "pink", "purple")


class AnnotateScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (note, colour) or None."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel"),
        *[Binding(f"ctrl+{i}", f"color({i - 1})", COLORS[i - 1], show=False) for i in range(1, 6)],
    ]

    def __init__(self, quote: str, color: str = "yellow") -> None:
        super().__init__()
        self.quote = quote
        self.color = color

    def compose(self) -> ComposeResult:
        with Vertical(id="annotate-box") as box:
            box.border_title = "批注 Annotate  (Enter 保存 · Esc 取消)"
            shown = self.quote if len(self.quote) <= 240 else self.quote[:240] + "…"
            yield Static(Text(f"“{shown}”"), id="annotate-quote", markup=False)
            yield Input(placeholder="笔记（可留空）note (optional)", id="annotate-note")
            yield Label(self._color_line(), id="annotate-color", markup=False)

    def _color_line(self) -> Text:
        text = Text("颜色 colour: ", style="dim")
        for i, name in enumerate(COLORS, start=1):
            text.append(f" ctrl+{i} {name} ", style="reverse" if name == self.color else "dim")
        return text

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_color(self, index: int) -> None:
        self.color = COLORS[index]
        self.query_one("#annotate-color", Label).update(self._color_line())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss((event.value.strip(), self.color))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
