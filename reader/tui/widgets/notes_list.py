"""The annotation pane: highlights, notes and bookmarks of the open article (or of the whole library).

Enter jumps to the passage, c edits, d deletes (u brings it back), f filters by #tag, colour or words, * switches
between this article and all. The pane only shows and asks: the app does the database work on its messages.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.text.visible import one_line, visible
from reader.tui.folded import FoldedText
from reader.tui.marks import DEFAULT_SWATCH, SWATCHES, NoteFilter, note_matches, parse_filter

QUOTE_CHARS = 60
NOTE_LINES = 3


def note_label(note: Any, show_title: bool) -> Text:
    """One pane entry. Every piece the user or the article wrote is appended as plain text, never markup."""
    text = Text(no_wrap=False, end="")
    swatch = SWATCHES.get(str(getattr(note, "color", "")), DEFAULT_SWATCH)
    state = getattr(note, "anchor_state", "anchored")
    text.append("▌", style=swatch)
    if state == "review":
        text.append("? ", style="bold yellow")  # to check: re-anchored with doubt
    elif state == "orphan":
        text.append("✗ ", style="bold red")  # its text is gone from the article
    if show_title and getattr(note, "article_title", None):
        text.append(f"{one_line(note.article_title)}\n ", style="bold")
    if getattr(note, "kind", "highlight") == "bookmark":
        text.append("◆ 书签 bookmark", style=f"bold {swatch}")
        after = one_line(str(getattr(note, "suffix", "") or ""))[:24]
        if after:
            text.append(f"  {after}…", style="dim")
    else:
        quote = one_line(str(getattr(note, "quote", "") or ""))
        text.append(f"“{quote[:QUOTE_CHARS]}{'…' if len(quote) > QUOTE_CHARS else ''}”", style="italic")
    body = visible(str(getattr(note, "note", "") or "")).strip()
    if body:
        lines = body.splitlines()
        text.append("\n " + "\n ".join(lines[:NOTE_LINES]) + (" …" if len(lines) > NOTE_LINES else ""))
    tags = getattr(note, "tags", None) or []
    if tags:
        text.append("\n " + " ".join(f"#{one_line(t)}" for t in tags), style="dim")
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


class NotesList(OptionList):
    BINDINGS = [Binding("enter", "select", "Jump to the passage", show=False)]  # OptionList's, described


class NotesPane(Vertical):
    BINDINGS = [
        Binding("asterisk", "app.notes_scope", "This/all notes"),  # an app action: the palette offers it too
        Binding("c", "edit", "Edit note"),
        Binding("d,delete", "delete", "Delete"),
        Binding("u", "undo", "Undo delete"),
        Binding("f", "filter", "Filter"),
        Binding("escape", "close_filter", "Close filter", show=False),
    ]

    DEFAULT_CSS = """
    #notes-filter { height: 1; border: none; padding: 0 1; background: $boost; }
    """

    class NoteChosen(Message):
        """Enter on a note: jump to its passage."""

        def __init__(self, note: Any) -> None:
            super().__init__()
            self.note = note

    class EditRequested(Message):
        def __init__(self, note: Any) -> None:
            super().__init__()
            self.note = note

    class DeleteRequested(Message):
        def __init__(self, note: Any) -> None:
            super().__init__()
            self.note = note

    class UndoRequested(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "批注 Notes"
        self.show_all = False
        self.notes: list[Any] = []  # what the list shows, after the filter
        self.all_notes: list[Any] = []
        self.filter_text = ""
        self._article_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="notes-scope", markup=False)
        yield Input(placeholder="#标签 颜色 书签 ? 词 — #tag colour bookmark ? words", id="notes-filter")
        yield NotesList(id="notes-list")

    def on_mount(self) -> None:
        self.query_one("#notes-filter", Input).display = False

    @property
    def list(self) -> OptionList:
        return self.query_one("#notes-list", OptionList)

    def show(self, load: Callable[[int | None], list[Any]], article_id: int | None) -> None:
        """Show the notes of `article_id` (or all of them, as the pane's scope says); `load(article_id or None)`
        reads them (Library.annotations)."""
        self._article_id = article_id
        scope = None if self.show_all else article_id
        notes = load(scope) if (self.show_all or article_id is not None) else []
        self.all_notes = notes
        self.apply_filter()

    def apply_filter(self) -> None:
        options = self.list
        keep = options.highlighted
        flt: NoteFilter = parse_filter(self.filter_text)
        self.notes = [n for n in self.all_notes if flt.empty or note_matches(n, flt)]
        options.clear_options()
        options.add_options(with_dividers([Option(FoldedText(note_label(n, self.show_all))) for n in self.notes]))
        if self.notes:
            # keep the place after a delete or an edit
            options.highlighted = min(keep, len(self.notes) - 1) if keep is not None else 0
        scope = "全部" if self.show_all else "本文"
        count = f"{len(self.notes)}/{len(self.all_notes)}" if not flt.empty else str(len(self.notes))
        shown = f"  筛选 {self.filter_text}" if not flt.empty else ""
        self.query_one("#notes-scope", Label).update(
            Text(f"{scope} {count} 条{shown}  (* 切换 · f 筛选)", style="dim"))

    def highlighted_note(self) -> Any | None:
        index = self.list.highlighted
        if index is None:
            return None
        return self.notes[index] if 0 <= index < len(self.notes) else None

    def action_edit(self) -> None:
        if (note := self.highlighted_note()) is not None:
            self.post_message(self.EditRequested(note))

    def action_delete(self) -> None:
        if (note := self.highlighted_note()) is not None:
            self.post_message(self.DeleteRequested(note))

    def action_undo(self) -> None:
        self.post_message(self.UndoRequested())

    def action_filter(self) -> None:
        box = self.query_one("#notes-filter", Input)
        box.display = True
        box.value = self.filter_text
        box.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_filter":  # Esc only belongs to the pane while its filter box is open
            return self.query_one("#notes-filter", Input).display
        return True

    def action_close_filter(self) -> None:
        box = self.query_one("#notes-filter", Input)
        box.display = False
        self.list.focus()

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip()
        self.apply_filter()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "notes-filter":
            event.stop()
            self.set_filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "notes-filter":
            event.stop()
            self.set_filter(event.value)
            self.action_close_filter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.notes):
            self.post_message(self.NoteChosen(self.notes[event.option_index]))
