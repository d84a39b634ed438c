"""Smoke test: the real `ipreader` in a real terminal (tmux) opens an article and quits cleanly on `q`."""
from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest

from reader.library import Library

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def test_ipreader_opens_an_article_and_quits_cleanly(tmux, ipreader_shell: str, db_path: Path) -> None:
    lib = Library(db_path)
    first = lib.articles()[0].title
    lib.close()
    command = ipreader_shell
    shell = f"env IPREADER_DB={shlex.quote(str(db_path))} TERM=xterm-256color {command}; echo IPREADER-EXIT-$?; sleep 60"
    tmux("new-session", "-d", "-s", "smoke", "-x", "120", "-y", "40", shell)

    screen = tmux.wait_for(lambda s: first[:8] in s and "Quit" in s)
    assert first[:8] in screen, screen
    assert "Building prefix dict" not in screen and "Traceback" not in screen

    # search in the real program: results arrive from the worker thread, nothing is logged onto the screen
    tmux("send-keys", "-t", "smoke", "s")
    tmux.wait_for(lambda s: "搜索 Search" in s)
    tmux("send-keys", "-t", "smoke", "专利", "Enter")  # Enter before the results: searches at once, opens the first
    screen = tmux.wait_for(lambda s: "搜索 Search" not in s and "查找「专利」" in s)
    assert "查找「专利」" in screen, screen  # the article opened at its hits
    assert "Building prefix dict" not in screen and "Traceback" not in screen and "Warning" not in screen
    tmux("send-keys", "-t", "smoke", "Escape")  # clears the find
    tmux.wait_for(lambda s: "查找「专利」" not in s)

    # the concordance, opened and typed into in one go, as a fast typist (or a paste) does: no character is lost
    tmux("send-keys", "-t", "smoke", "-l", "c专利")
    screen = tmux.wait_for(lambda s: "Concordance" in s and " 处 in " in s)
    assert "专利" in screen and " 处 in " in screen and "Traceback" not in screen, screen
    tmux("send-keys", "-t", "smoke", "Escape")
    tmux.wait_for(lambda s: "Concordance" not in s)

    tmux("send-keys", "-t", "smoke", "]")  # next article, so quitting has a position to save
    tmux.wait_for(lambda s: first[:8] not in s.splitlines()[1])
    tmux("send-keys", "-t", "smoke", "q")
    screen = tmux.wait_for(lambda s: "IPREADER-EXIT-" in s)
    assert "IPREADER-EXIT-0" in screen, screen
    assert "Traceback" not in screen

    lib = Library(db_path)
    assert lib.last_article() is not None
    lib.close()


def test_annotate_with_keys_and_export_in_the_real_program(tmux, ipreader_shell: str, db_path: Path, tmp_path: Path) -> None:
    """Select a sentence with v and ), annotate it (colour 2 and a note), then export it with e into the current
    directory under the suggested name."""
    from reader.notes.export import safe_filename
    from reader.tui.motion import sentence_ends

    lib = Library(db_path)
    article = lib.article(lib.articles()[0].id)
    lib.close()
    quote = article.paragraphs[0].text[:sentence_ends(article.paragraphs[0].text)[0]]
    out = tmp_path / f"{safe_filename(article.title)}.md"
    command = ipreader_shell
    shell = (f"cd {shlex.quote(str(tmp_path))} && env IPREADER_DB={shlex.quote(str(db_path))} TERM=xterm-256color "
             f"{command}; echo IPREADER-EXIT-$?; sleep 60")
    tmux("new-session", "-d", "-s", "smoke", "-x", "120", "-y", "40", shell)
    tmux.wait_for(lambda s: article.title[:8] in s and "Quit" in s)

    tmux("send-keys", "-t", "smoke", "v", ")")
    tmux.wait_for(lambda s: "选 " in s)
    tmux("send-keys", "-t", "smoke", "a")
    tmux.wait_for(lambda s: "Ctrl+S" in s)
    # Each step is waited for on screen, as a person types. Letters typed on the colour row go on into the note,
    # so the note arrives there even if it is typed before Tab has moved the focus.
    tmux("send-keys", "-t", "smoke", "2")
    tmux.wait_for(lambda s: "绿green" in s)
    tmux("send-keys", "-t", "smoke", "Tab")
    tmux("send-keys", "-t", "smoke", "-l", "烟测笔记")
    tmux.wait_for(lambda s: "烟测笔记" in s)
    tmux("send-keys", "-t", "smoke", "C-s")
    screen = tmux.wait_for(lambda s: "annotation saved" in s)
    assert "annotation saved" in screen and "Traceback" not in screen, screen

    tmux("send-keys", "-t", "smoke", "e")
    tmux.wait_for(lambda s: "Export notes" in s and out.name[:8] in s)
    tmux("send-keys", "-t", "smoke", "C-s")
    screen = tmux.wait_for(lambda s: "exported" in s)
    assert "exported" in screen and "Traceback" not in screen, screen

    tmux("send-keys", "-t", "smoke", "q")
    screen = tmux.wait_for(lambda s: "IPREADER-EXIT-" in s)
    assert "IPREADER-EXIT-0" in screen, screen
    text = out.read_text(encoding="utf-8")
    assert quote in text and "烟测笔记" in text
