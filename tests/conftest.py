"""Shared fixtures. No test ever touches the user's real library: IPREADER_DB always points into tmp_path."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "library.db"
    monkeypatch.setenv("IPREADER_DB", str(path))
    monkeypatch.delenv("IPREADER_TOPICS", raising=False)
    return path


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library with the five seed pages imported once per test session (copy it before writing to it)."""
    from reader.library import Library

    path = tmp_path_factory.mktemp("seeded") / "library.db"
    with Library(path) as lib:
        report = lib.ensure_seeded()
        assert report is not None and report.ok, report
    return path


@pytest.fixture()
def seeded_copy(seeded_db: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the seeded library."""
    import sqlite3

    target = tmp_path / "seeded.db"
    with sqlite3.connect(str(seeded_db)) as src, sqlite3.connect(str(target)) as dst:
        src.backup(dst)
    return target
