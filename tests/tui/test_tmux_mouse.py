"""Real mouse reports in a real terminal: single, double and triple clicks in every pane never crash the reader.

Pilot's `click` and `double_click` call Textual's handlers directly, so they missed a crash that only the terminal
driver's path reaches (a double-click in the text ran Textual's select-all, which called a `query` attribute our
widget had replaced with a string). These tests send the SGR mouse sequences a terminal sends, through tmux.
"""
from __future__ import annotations

import shlex
import shutil
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _start(tmux, shell: str, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    tmux("new-session", "-d", "-s", "smoke", "-x", str(width), "-y", str(height), shell)


def _alive(screen: str) -> bool:
    return "Traceback" not in screen and "IPREADER-EXIT-" not in screen


@pytest.mark.parametrize("width, height", [(120, 40), (80, 24), (60, 20)])
def test_clicks_of_every_kind_in_every_pane(tmux, ipreader_shell: str, db_path: Path, width: int,
                                             height: int) -> None:
    shell = (f"env IPREADER_DB={shlex.quote(str(db_path))} TERM=xterm-256color {ipreader_shell}; "
             "echo IPREADER-EXIT-$?; sleep 60")
    _start(tmux, shell, width, height)
    tmux.wait_for(lambda s: "Quit" in s and "%" in s)
    # the text, its title row, the side panes (topics top left, library below), the footer's "? Help", the border
    cells = [(width - 30, height // 2), (width - 30, 2), (width - 30, 1), (10, 3), (10, height // 2 + 3),
             (10, height - 4), (12, height), (width - 1, height - 1)]
    for x, y in cells:
        for times in (1, 2, 3):  # a single, a double and a triple click, a moment apart
            tmux.click(x, y, times)
            time.sleep(0.15)
        screen = tmux.wait_for(lambda s: not _alive(s), limit=0.6)  # a crash shows within this time
        assert _alive(screen), (x, y, screen)
        tmux("send-keys", "-t", "smoke", "Escape")  # leave whatever the click opened (a selection, a dialog)
        time.sleep(0.3)
    tmux("send-keys", "-t", "smoke", "A")  # the notes pane, then click in it too
    tmux.wait_for(lambda s: "笔记" in s or "Notes" in s, limit=5)
    for times in (1, 2, 3):
        tmux.click(width - 10, height // 2, times)
        screen = tmux.wait_for(lambda s: not _alive(s), limit=0.6)
        assert _alive(screen), (times, screen)
    for key in ("Escape", "Escape", "q"):
        tmux("send-keys", "-t", "smoke", key)
        time.sleep(0.3)  # an Escape followed at once by q reaches the app as Alt+q
    screen = tmux.wait_for(lambda s: "IPREADER-EXIT-" in s)
    assert "IPREADER-EXIT-0" in screen and "Traceback" not in screen, screen


def test_resizes_down_to_60x20_and_back_with_clicks_at_each_size(tmux, ipreader_shell: str, db_path: Path) -> None:
    shell = (f"env IPREADER_DB={shlex.quote(str(db_path))} TERM=xterm-256color {ipreader_shell}; "
             "echo IPREADER-EXIT-$?; sleep 60")
    _start(tmux, shell, 120, 40)
    tmux.wait_for(lambda s: "Quit" in s and "%" in s)
    for width, height in ((100, 30), (80, 24), (60, 20), (61, 21), (60, 20), (120, 40)):
        tmux("resize-window", "-t", "smoke", "-x", str(width), "-y", str(height))
        time.sleep(0.3)
        for x, y in ((width // 2, height // 2), (3, 3), (width - 2, height), (width // 3, height - 1)):
            tmux.click(x, y, 2)  # the text, the side pane's corner, the key line, the status line
            time.sleep(0.1)
        screen = tmux.wait_for(lambda s: not _alive(s), limit=0.6)
        assert _alive(screen), (width, height, screen)
        tmux("send-keys", "-t", "smoke", "Escape")
        time.sleep(0.2)
    for key in ("Escape", "Escape", "q"):  # whatever the last clicks opened (the palette, a dialog), then quit
        tmux("send-keys", "-t", "smoke", key)
        time.sleep(0.3)
    screen = tmux.wait_for(lambda s: "IPREADER-EXIT-" in s)
    assert "IPREADER-EXIT-0" in screen and "Traceback" not in screen, screen


def test_an_unhandled_error_exits_non_zero(tmux, db_path: Path) -> None:
    """A crash prints Textual's report and the process exits 1, never 0 as if the user had quit."""
    code = ("import sys\n"
            "from reader.tui.app import ReaderApp\n"
            "def boom(self): raise RuntimeError('boom from the test')\n"
            "ReaderApp.action_help = boom\n"
            "from reader.cli import main\n"
            "sys.exit(main([]))\n")
    shell = (f"env IPREADER_DB={shlex.quote(str(db_path))} TERM=xterm-256color "
             f"{shlex.quote(sys.executable)} -c {shlex.quote(code)}; echo IPREADER-EXIT-$?; sleep 60")
    _start(tmux, shell, 120, 40)
    tmux.wait_for(lambda s: "Quit" in s and "%" in s)
    tmux("send-keys", "-t", "smoke", "?")
    screen = tmux.wait_for(lambda s: "IPREADER-EXIT-" in s)
    assert "boom from the test" in screen and "IPREADER-EXIT-1" in screen, screen
