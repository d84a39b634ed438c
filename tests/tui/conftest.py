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
