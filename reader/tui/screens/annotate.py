"""The annotation editor: colour (keys 1–5), a multi-line note (Markdown allowed) and tags, for a new highlight,
a bookmark or an existing annotation.

The screen saves through a callable it is given and closes only when that succeeded: if the database refuses
(disk full, read-only, locked) the editor stays open with everything typed, shows why, and Ctrl+S retries.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from reader.tui.folded import FoldedText
from reader.tui.marks import DEFAULT_SWATCH, SWATCHES
from reader.tui.screens import MODAL_CSS

COLORS = tuple(SWATCHES)  # the same names and order as reader.notes.annotations.COLORS (keys 1–5)
COLOR_NAMES = {"yellow": "黄", "green": "绿", "blue": "蓝", "pink": "粉", "purple": "紫"}


@dataclass
class Draft:
    """What the user wrote in the editor."""

    note: str
    color: str
    tags: list[str] = field(default_factory=list)


def split_tags(text: str) -> list[str]:
    """Tags as typed: separated by commas (half- or full-width), 、 or spaces; a leading # is allowed."""
    return [t for t in re.split(r"[,\s，、;；]+", text) if t.strip("#")]


class ColorPicker(Static, can_focus=True):
    """One line of colour swatches; 1–5 or ←/→ choose, Enter goes on to the note."""

    BINDINGS = [
        *[Binding(str(i), f"pick({i - 1})", f"{name}", show=False) for i, name in enumerate(COLORS, start=1)],
        Binding("left,h", "step(-1)", "Previous colour", show=False),
        Binding("right,l", "step(1)", "Next colour", show=False),
        Binding("enter", "screen.move_focus(1)", "To the note", show=False),
    ]
    DEFAULT_CSS = """
    ColorPicker { height: 1; }
    ColorPicker:focus { text-style: bold; }
    """

    def __init__(self, color: str, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.color = color if color in COLORS else COLORS[0]

    def on_mount(self) -> None:
        self.update(self.line())

    def line(self) -> Text:
        text = Text("颜色 colour ", style="dim")
        for i, name in enumerate(COLORS, start=1):
            chosen = name == self.color
            text.append(f" {i} ", style="bold" if chosen else "dim")
            text.append("■■" if chosen else "■", style=SWATCHES.get(name, DEFAULT_SWATCH))
            text.append(f" {COLOR_NAMES[name]}{name} " if chosen else f" {COLOR_NAMES[name]} ",
                        style="reverse" if chosen else "")
        return text

    def action_pick(self, index: int) -> None:
        self.color = COLORS[index]
        self.update(self.line())

    def action_step(self, step: int) -> None:
        self.action_pick((COLORS.index(self.color) + step) % len(COLORS))

    def on_key(self, event: Key) -> None:
        # Typing a letter here means the user has started the note: take it there instead of losing it.
        if event.is_printable and event.character and event.character not in "12345hl":
            event.stop()
            event.prevent_default()
            area = self.screen.query_one("#annotate-note", TextArea)
            area.focus()
            area.insert(event.character)


class AnnotateScreen(ModalScreen[Draft | None]):
    """Dismisses with the saved Draft, or None when cancelled. `save` raises to keep the editor open."""

    CSS_PATH = MODAL_CSS

    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]
    DEFAULT_CSS = """
    AnnotateScreen { align: center middle; }
    #annotate-box { width: 80%; max-width: 90; height: auto; max-height: 90%;
                    border: round $accent; background: $surface; padding: 0 1; }
    #annotate-quote { color: $text-muted; max-height: 4; margin-bottom: 1; }
    #annotate-note { height: 7; margin-top: 1; }
    #annotate-tags { margin-top: 0; }
    #annotate-error { color: $error; text-style: bold; height: auto; }
    #annotate-hint { color: $text-muted; height: 1; }
    """

    def __init__(self, quote: str, *, save: Callable[[Draft], object], color: str = "yellow", note: str = "",
                 tags: Iterable[str] = (), title: str = "批注 Annotate") -> None:
        super().__init__()
        self.quote = quote
        self.save_draft = save
        self.initial = Draft(note, color if color in COLORS else COLORS[0], list(tags))
        self.title_text = title
        self.error: str | None = None
        self._discard_armed = False  # a first Esc over changed text only warns; the second one discards

    def compose(self) -> ComposeResult:
        with Vertical(id="annotate-box") as box:
            box.border_title = self.title_text
            shown = self.quote if len(self.quote) <= 200 else self.quote[:200] + "…"
            # The quote and everything typed are shown literally: Text objects, never markup.
            yield Static(FoldedText(Text(f"“{shown}”" if shown else "（书签：没有引文 a bookmark has no quote）")),
                         id="annotate-quote", markup=False)
            yield ColorPicker(self.initial.color, id="annotate-color")
            yield TextArea(self.initial.note, id="annotate-note", soft_wrap=True, tab_behavior="focus",
                           placeholder="笔记（可留空，支持 Markdown）note, Markdown allowed (optional)")
            yield Input(" ".join(self.initial.tags), id="annotate-tags",
                        placeholder="标签 tags: 逗号或空格分隔 comma/space separated")
            yield Label("", id="annotate-error", markup=False)
            yield Label("1–5 颜色 · Tab 下一项 · Ctrl+S 保存 save · Esc 取消 cancel", id="annotate-hint",
                        markup=False)

    def action_move_focus(self, step: int) -> None:
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def on_mount(self) -> None:
        self.query_one("#annotate-error", Label).display = False
        area = self.query_one("#annotate-note", TextArea)
        area.move_cursor(area.document.end)  # editing goes on after what is already written
        self.query_one(ColorPicker).focus()

    def draft(self) -> Draft:
        return Draft(note=self.query_one("#annotate-note", TextArea).text.strip(),
                     color=self.query_one(ColorPicker).color,
                     tags=split_tags(self.query_one("#annotate-tags", Input).value))

    def action_save(self) -> None:
        draft = self.draft()
        try:
            self.save_draft(draft)
        except Exception as exc:  # noqa: BLE001 — whatever the store raised, the typed note must survive
            self.show_error(f"没有保存 not saved: {exc}. 文字仍在这里，Ctrl+S 重试 — your text is kept; "
                            "press Ctrl+S to retry.")
            return
        self.dismiss(draft)

    def show_error(self, message: str) -> None:
        self.error = message
        label = self.query_one("#annotate-error", Label)
        label.update(Text(message))
        label.display = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_dismiss_none(self) -> None:
        if self.draft() != self.initial and not self._discard_armed:
            self._discard_armed = True
            self.show_error("再按 Esc 放弃修改 — press Esc again to discard what you typed (Ctrl+S saves it)")
            return
        self.dismiss(None)
