"""When the reading room stops on an unexpected error: keep what the user was writing, write the full report to a
file, and say where both went (run_app prints it after the terminal is restored; the exit status is 1).

A note being written (an open annotation editor) is saved the way Ctrl+S saves it; its text is also written next to
the report, so it survives even when saving is what failed.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass
class Crash:
    error: str  # one line: the exception's type and message
    report: Path | None  # the full traceback, or None when no file could be written
    drafts: Path | None = None  # the unsaved note text, when there was any
    saved: int = 0  # drafts saved as notes


def _folder(db_path: str | Path) -> Path:
    import tempfile

    folder = Path(db_path).expanduser().absolute().parent
    return folder if folder.is_dir() else Path(tempfile.gettempdir())


def _drafts(app: Any) -> list[tuple[Any, Any]]:
    """(screen, draft) of every open annotation editor with text the user typed."""
    from reader.tui.screens.annotate import AnnotateScreen

    out = []
    for screen in app.screen_stack:
        if isinstance(screen, AnnotateScreen):
            try:
                draft = screen.draft()
            except Exception:  # noqa: BLE001 — a half-built editor: nothing typed into it yet
                continue
            if draft != screen.initial and (draft.note or draft.tags):
                out.append((screen, draft))
    return out


def rescue(app: Any, error: BaseException, db_path: str | Path) -> Crash:
    """Save the drafts, write the report; never raises (it runs while the app is already failing)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = _folder(db_path)
    crash = Crash(f"{type(error).__name__}: {error}", None)
    texts = []
    for screen, draft in _drafts(app):
        texts.append(f"引文 quote: {screen.quote}\n颜色 colour: {draft.color}\n标签 tags: {' '.join(draft.tags)}\n"
                     f"批注 note:\n{draft.note}\n")
        try:
            screen.save_draft(draft)
            crash.saved += 1
        except Exception:  # noqa: BLE001 — the text is in the drafts file whatever happened here
            pass
    try:
        if texts:
            crash.drafts = folder / f"ipreader-unsaved-note-{stamp}.txt"
            crash.drafts.write_text("\n".join(texts), encoding="utf-8")
        report = folder / f"ipreader-crash-{stamp}.txt"
        report.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
        crash.report = report
    except OSError:
        pass
    return crash


def describe(crash: Crash) -> str:
    """What the user is told on stderr once the terminal is back."""
    from reader.text.visible import one_line

    lines = [f"ipreader stopped on an unexpected error: {one_line(crash.error)[:300]}"]
    if crash.drafts is not None:
        kept = "saved as a note, and its text is also in" if crash.saved else "not saved; its text is in"
        lines.append(f"the note you were writing was {kept} {crash.drafts}")
    lines.append(f"the full report is in {crash.report}" if crash.report else "the report could not be written")
    return "\n".join(lines)
