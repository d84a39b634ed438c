"""Fixtures for the TUI tests: a library built once from the seeds, copied per test; async tests via asyncio."""
from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    # Animated scrolling would make key presses wait for animations; tests want the end state. (The env var
    # TEXTUAL_ANIMATIONS is read when textual is first imported, which the snapshot plugin does before us.)
    from textual import constants

    monkeypatch.setattr(constants, "TEXTUAL_ANIMATIONS", "none")


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    # Pilot tests are coroutines; run them on a fresh event loop without needing an async pytest plugin.
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        names = pyfuncitem._fixtureinfo.argnames
        asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
        return True
    return None


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seed pages imported once per test session into a temporary library."""
    from reader.library import Library

    path = tmp_path_factory.mktemp("seeded") / "library.db"
    lib = Library(path)
    lib.ensure_seeded()
    lib.close()
    return path


@pytest.fixture
def db_path(seeded_db: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded library, so tests can write positions and settings freely."""
    import sqlite3

    target = tmp_path / "library.db"
    with sqlite3.connect(str(seeded_db)) as src, sqlite3.connect(str(target)) as dst:
        src.backup(dst)
    return target


@pytest.fixture
def lib(db_path: Path) -> Iterator[object]:
    from reader.library import Library

    library = Library(db_path)
    yield library
    library.close()


# --- the real program in a real terminal (tmux) ---------------------------------------------------------------


class Tmux:
    """A private tmux server (never the user's sessions) with one session, `smoke`, and a screen poller."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def __call__(self, *args: str) -> str:
        import os
        import shutil
        import subprocess

        tmux = shutil.which("tmux") or "tmux"
        # Python's os.environ, not the C environment: under pytest the latter has COLUMNS=80 LINES=24 (set by a
        # plugin through putenv), which the server would hand to the app, and Textual would draw 80x24 in a
        # window of any size.
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        out = subprocess.run([tmux, "-L", self.socket, *args], capture_output=True, text=True, timeout=20, env=env)
        return out.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "smoke")

    def wait_for(self, predicate, limit: float = 30.0) -> str:  # type: ignore[no-untyped-def]
        # Poll the screen until the app has drawn what we look for; the limit only bounds a hang.
        import time

        deadline = time.monotonic() + limit
        screen = self.screen()
        while not predicate(screen) and time.monotonic() < deadline:
            time.sleep(0.2)
            screen = self.screen()
        return screen

    def click(self, x: int, y: int, times: int = 1) -> None:
        """Real SGR mouse reports (press + release) at 1-based cell (x, y), as a terminal sends them; Pilot's
        clicks do not go through Textual's terminal driver and miss what only real sequences trigger."""
        for _ in range(times):
            self("send-keys", "-t", "smoke", "-l", f"\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m")


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    import os

    t = Tmux(f"ipreader-smoke-{os.getpid()}")
    yield t
    t("kill-server")


@pytest.fixture
def ipreader_shell() -> str:
    """The venv's `ipreader` script beside this interpreter (else `python -m reader`), quoted for a shell."""
    import shlex
    import shutil
    import sys

    script = shutil.which("ipreader", path=str(Path(sys.executable).parent)) or shutil.which("ipreader")
    command = [script] if script else [sys.executable, "-m", "reader"]
    return " ".join(shlex.quote(c) for c in command)
