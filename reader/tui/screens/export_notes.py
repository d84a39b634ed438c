"""Export notes from the reading room: this article or all, a format, and a file (current directory by default).

The screen only gathers the choice; the app runs `reader.notes.export.export` through the callable it passes.
A refusal (the file was not written by ipreader, nothing to export, an unwritable folder) is shown in the
screen, which stays open so the user can pick another path or allow adding to the file.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, RadioSet, Static

from reader.notes.export import EXPORT_FORMATS, safe_filename
from reader.tui.widgets.toggles import Radio, TickBox

FORMATS = EXPORT_FORMATS  # the order of the radio buttons: the default first
ALL_NAME = "ipreader-notes"


@dataclass
class ExportChoice:
    scope: str  # "article" | "all"
    fmt: str
    path: Path
    force: bool = False


def default_path(scope: str, fmt: str, title: str | None, folder: Path) -> Path:
    """A file in `folder` named after the article (or ipreader-notes for all), .json for json, else .md."""
    stem = (safe_filename(title) if scope == "article" and title else "") or ALL_NAME
    return folder / f"{stem}{'.json' if fmt == 'json' else '.md'}"


class ExportScreen(ModalScreen[str | None]):
    """Dismisses with the message to show (where the file went), or None when cancelled."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("ctrl+s", "export", "Export", priority=True),
    ]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    #export-box { width: 80%; max-width: 96; height: auto; border: round $accent; background: $surface;
                  padding: 0 1; }
    #export-choices { height: auto; }
    #export-choices RadioSet { width: 1fr; height: auto; }
    #export-error { color: $error; text-style: bold; height: auto; }
    #export-hint { color: $text-muted; height: 1; }
    """

    def __init__(self, *, article_title: str | None, run: Callable[[ExportChoice], str],
                 folder: Path | None = None) -> None:
        super().__init__()
        self.article_title = article_title
        self.run_export = run
        self.folder = folder or Path.cwd()
        self.scope = "article" if article_title else "all"
        self.fmt = FORMATS[0]
        self._auto_path = True  # follow the scope and format until the user types a path of their own
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "导出批注 Export notes"
            with Horizontal(id="export-choices"):
                with RadioSet(id="export-scope"):
                    yield Radio(Text("本文 this article"), value=self.scope == "article",
                                      disabled=self.article_title is None)
                    yield Radio(Text("全部 all articles"), value=self.scope == "all")
                with RadioSet(id="export-format"):
                    for fmt in FORMATS:
                        yield Radio(Text(fmt), value=fmt == self.fmt)
            yield Static(Text("文件 file (当前目录 in the current directory, or a path):"), markup=False)
            yield Input(str(self.path_value()), id="export-path")
            yield TickBox(Text("也写入他人的文件 also a file not ours"), value=False,
                           id="export-force")
            yield Label("", id="export-error", markup=False)
            yield Label("Enter / Ctrl+S 导出 export · Tab 下一项 · Esc 取消 cancel", id="export-hint",
                        markup=False)

    def path_value(self) -> Path:
        path = default_path(self.scope, self.fmt, self.article_title, self.folder)
        try:
            return path.relative_to(Path.cwd())
        except ValueError:
            return path

    def on_mount(self) -> None:
        self.query_one("#export-error", Label).display = False
        self.query_one("#export-path", Input).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        if event.radio_set.id == "export-scope":
            self.scope = ("article", "all")[event.index]
        else:
            self.fmt = FORMATS[event.index]
        if self._auto_path:
            box = self.query_one("#export-path", Input)
            box.value = str(self.path_value())

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "export-path" and event.value != str(self.path_value()):
            self._auto_path = False

    def choice(self) -> ExportChoice:
        raw = self.query_one("#export-path", Input).value.strip()
        path = Path(raw).expanduser() if raw else default_path(self.scope, self.fmt, self.article_title,
                                                                self.folder)
        if not path.is_absolute():
            path = Path.cwd() / path
        return ExportChoice(self.scope, self.fmt, path, self.query_one("#export-force", Checkbox).value)

    def action_export(self) -> None:
        try:
            message = self.run_export(self.choice())
        except Exception as exc:  # noqa: BLE001 — a refusal is shown here, never as a traceback
            self.error = str(exc)
            label = self.query_one("#export-error", Label)
            label.update(Text(f"没有导出 not exported: {exc}"))
            label.display = True
            return
        self.dismiss(message)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
