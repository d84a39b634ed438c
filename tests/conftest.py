"""Shared fixtures. No test ever touches the user's real library: IPREADER_DB always points into tmp_path."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest


@pytest.fixture()
def deadline() -> Callable[[int], AbstractContextManager[None]]:
    """`with deadline(10): ...` fails with TimeoutError instead of hanging (a blocked open() of a FIFO is
    interrupted by the alarm)."""

    @contextmanager
    def within(seconds: int) -> Iterator[None]:
        def expired(signum: int, frame: object) -> None:
            raise TimeoutError(f"still blocked after {seconds} s")

        previous = signal.signal(signal.SIGALRM, expired)
        signal.alarm(seconds)
        try:
            yield
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)

    return within


def _as_schema_4(conn: sqlite3.Connection) -> None:
    """Turn a library of today's schema into one as schema 4 left it: paragraphs WITHOUT ROWID with JSON word
    ends, keyword counts as JSON, no `terms` table. Lets upgrade tests start from a real, full library."""
    from reader.text.packed import unpack_breaks, unpack_counts

    names = dict(conn.execute("SELECT id, term FROM terms"))
    conn.execute("BEGIN")
    for aid, blob in conn.execute("SELECT id, terms FROM articles").fetchall():
        conn.execute("UPDATE articles SET terms = ? WHERE id = ?",
                     [json.dumps({names[t]: c for t, c in unpack_counts(blob)}, ensure_ascii=False), aid])
    conn.execute("""CREATE TABLE paragraphs_v4 (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
            kind TEXT NOT NULL, text TEXT NOT NULL, line_start INTEGER NOT NULL DEFAULT 0,
            line_end INTEGER NOT NULL DEFAULT 0, breaks TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article_id, idx)) WITHOUT ROWID""")
    conn.executemany("INSERT INTO paragraphs_v4 VALUES (?,?,?,?,?,?,?)",
                     [(*row[:6], json.dumps(unpack_breaks(row[6]))) for row in conn.execute(
                         "SELECT article_id, idx, kind, text, line_start, line_end, breaks FROM paragraphs").fetchall()])
    conn.execute("DROP TABLE paragraphs")
    conn.execute("ALTER TABLE paragraphs_v4 RENAME TO paragraphs")
    conn.execute("DROP TABLE terms")
    conn.execute("ALTER TABLE sources DROP COLUMN stamp")
    conn.execute("DELETE FROM state WHERE key = 'keywords_fitted_at'")
    conn.execute("PRAGMA user_version = 4")
    conn.execute("COMMIT")


@pytest.fixture()
def as_schema_4() -> Callable[[sqlite3.Connection], None]:
    return _as_schema_4


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


# --- no process left behind ---------------------------------------------------------------------------------------

STRAY_GRACE_SECONDS = 3.0  # a worker being reaped or a subprocess on its way out is not a leak
_HELPERS = ("resource_tracker", "forkserver")  # multiprocessing's own helpers live as long as their parent, by design


def _cmdline(pid: int | str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def _stray_children() -> dict[int, str]:
    """This process's live children that are ours to worry about: forks of pytest itself (an import's worker
    processes) and Python processes running the reader or multiprocessing (`python -m reader ...`)."""
    me, mine = os.getpid(), _cmdline("self")
    strays: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] != str(me) or fields[0] in ("Z", "X"):  # a zombie has exited: nothing runs
            continue
        pid = int(stat.parent.name)
        command = _cmdline(pid)
        python = "python" in command.split(" ", 1)[0]
        if command == mine or (python and ("reader" in command or "multiprocessing" in command)
                               and not any(h in command for h in _HELPERS)):
            strays[pid] = command
    return strays


@pytest.fixture(scope="session", autouse=True)
def _no_process_left_behind() -> Iterator[None]:
    """The suite must leave no child process running (a worker that outlived its import, a CLI never waited for).

    Linux only (it reads /proc); the strays found are killed after being reported, so they cannot pile up.
    """
    yield
    if not Path("/proc/self/stat").exists():
        return
    deadline = time.monotonic() + STRAY_GRACE_SECONDS
    strays = _stray_children()
    while strays and time.monotonic() < deadline:
        time.sleep(0.1)
        strays = _stray_children()
    for pid in strays:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    if strays:
        pytest.fail("the tests left child processes running (now killed):\n"
                    + "\n".join(f"  {pid}: {command[:200]}" for pid, command in sorted(strays.items())), pytrace=False)
