"""The real program in a real terminal (tmux): click a section heading, press S, the library list gains the new
article; u takes it back. Pilot cannot show that a real click puts the reading cursor where S acts."""
from __future__ import annotations

import shlex
import shutil
import unicodedata
from pathlib import Path

import pytest

from reader.library import Library

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

SECTION = "知识产权适配新质生产力发展的内在机理"  # a section heading of the first seed article


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def test_click_a_heading_split_there_and_undo(tmux, ipreader_shell: str, db_path: Path) -> None:
    with Library(db_path) as lib:
        first = lib.articles()[0]
        count = len(lib.articles())
        assert SECTION in [p.text for p in lib.article(first.id).paragraphs]
    shell = f"env IPREADER_DB={shlex.quote(str(db_path))} TERM=xterm-256color {ipreader_shell}; echo EXIT-$?; sleep 60"
    tmux("new-session", "-d", "-s", "smoke", "-x", "120", "-y", "40", shell)
    screen = tmux.wait_for(lambda s: f"{count} 篇" in s and SECTION in s)
    assert f"{count} 篇" in screen and len(lines := screen.splitlines()) == 40 and len(lines[0]) >= 100, screen
    lines = screen.splitlines()
    row = next(i for i, line in enumerate(lines) if SECTION in line and "──" not in line)
    column = cells(lines[row][:lines[row].index(SECTION)]) + 3
    tmux.click(column, row + 1)
    tmux("send-keys", "-t", "smoke", "S")
    screen = tmux.wait_for(lambda s: f"{count + 1} 篇" in s and "已拆分" in s)
    assert f"{count + 1} 篇" in screen and "Traceback" not in screen, screen
    assert any(SECTION[:8] in line for line in screen.splitlines()[:2])  # the new article is open, titled

    tmux("send-keys", "-t", "smoke", "u")
    screen = tmux.wait_for(lambda s: f"{count} 篇" in s and "已撤销" in s)
    assert f"{count} 篇" in screen and "Traceback" not in screen, screen
    tmux("send-keys", "-t", "smoke", "q")
    assert "EXIT-0" in tmux.wait_for(lambda s: "EXIT-" in s)
    with Library(db_path) as lib:
        assert len(lib.articles()) == count and lib.corrections() == []
