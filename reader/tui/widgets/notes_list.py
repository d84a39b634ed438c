"""The annotation pane: the open article's annotations (or all of them), filled by reader.notes.annotations."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


def load_annotations(db: Any, article_id: int | None) -> list[Any] | None:
    """Annotations via the notes module, or None when that module is not installed in this build."""
    try:
        from reader.notes.annotations import list_annotations  # type: ignore[import-not-found]
    except ImportError:
        return None
    return list(list_annotations(db, article_id=article_id))


def note_label(note: Any, show_title: bool) -> Text:
    text = Text(no_wrap=False, end="")
    if show_title and getattr(note, "article_title", None):
        text.append(f"{note.article_title}\n", style="bold")
    quote = str(getattr(note, "quote", "") or "")
    text.append(f"“{quote[:60]}{'…' if len(quote) > 60 else ''}”", style="italic")
    body = str(getattr(note, "note", "") or "")
    if body:
        text.append(f"\n{body}")
    state = getattr(note, "anchor_state", "anchored")
    if state and state != "anchored":
        text.append(f"  [{state}]", style="dim")
    return text


def with_dividers(options: list[Option]) -> list[Option | None]:
    """A divider line between multi-line options (None is OptionList's divider; indices are unchanged)."""
    out: list[Option | None] = []
    for option in options:
        if out:
            out.append(None)
        out.append(option)
    return out


class NotesPane(Vertical):
    BINDINGS = [Binding("asterisk", "toggle_scope", "This/all notes", show=False)]

    class NoteChosen(Message):
        def __init__(self, note: Any) -> None:
            super().__init__()
            self.note = note

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "批注 Notes"
        self.show_all = False
        self.notes: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Label("", id="notes-scope", markup=False)
        yield OptionList(id="notes-list")

    def show(self, db: Any, article_id: int | None) -> None:
        scope = None if self.show_all else article_id
        notes = load_annotations(db, scope) if (self.show_all or article_id is not None) else []
        options = self.query_one("#notes-list", OptionList)
        options.clear_options()
        label = self.query_one("#notes-scope", Label)
        if notes is None:
            self.notes = []
            label.update(Text("批注模块不可用", style="dim"))
            return
        self.notes = notes
        label.update(Text(f"{'全部' if self.show_all else '本文'} {len(notes)} 条  (* 切换)", style="dim"))
        options.add_options(with_dividers([Option(note_label(n, self.show_all)) for n in notes]))
        if notes:
            options.highlighted = 0

    def action_toggle_scope(self) -> None:
        self.show_all = not self.show_all
        self.app.refresh_notes()  # type: ignore[attr-defined]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.notes):
            self.post_message(self.NoteChosen(self.notes[event.option_index]))
