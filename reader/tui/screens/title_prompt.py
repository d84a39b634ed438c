"""Ask for a title (a new article's, when the paragraph it opens with is not one), prefilled with a suggestion."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class TitlePrompt(ModalScreen[str | None]):
    """Dismisses with the title typed (stripped, never empty), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    TitlePrompt { align: center middle; }
    #title-box { width: 80%; max-width: 80; height: auto; border: round $accent; background: $surface;
                 padding: 0 1; }
    #title-hint { color: $text-muted; }
    """

    def __init__(self, question: str, suggestion: str) -> None:
        super().__init__()
        self.question = question
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Label(self.question, markup=False)
            yield Input(self.suggestion, id="title-input", select_on_focus=True)
            yield Label("Enter 确定 OK · Esc 取消 cancel", id="title-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#title-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        title = event.value.strip()
        if title:
            self.dismiss(title)

    def action_cancel(self) -> None:
        self.dismiss(None)
