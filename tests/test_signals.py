"""Signals and processes: Ctrl-C during an import stops it cleanly, and its workers never outlive it."""
from __future__ import annotations

import os
import random
import re
import selectors
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.config import seeds_dir

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; signals are POSIX")

PAGES = 40
ROUNDS = 5
SENTENCES = 24  # per paragraph: about 40 KB a page, so the import takes a few seconds


def make_pages(folder: Path, count: int = PAGES) -> list[Path]:
    """Distinct pages of seed sentences: a title, a blank line, then a dozen long paragraphs."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt")))
    sentences = [s + "。" for line in text.splitlines() if len(line) > 60 for s in line.split("。") if len(s) > 10]
    rng = random.Random(17)
    folder.mkdir(parents=True, exist_ok=True)
    pages = []
    for i in range(count):
        paragraphs = ["".join(rng.sample(sentences, SENTENCES)) for _ in range(12)]
        page = folder / f"page_{i:03d}.txt"
        page.write_text(f"关于第{i + 1}批试点工作的通知\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        pages.append(page)
    assert sum(p.stat().st_size for p in pages) > 256 * 1024  # so the import uses its worker processes
    return pages


def start_import(db: Path, folder: Path) -> subprocess.Popen[str]:
    # A session of its own, as a shell gives a job: Ctrl-C then goes to the whole group, workers included.
    return subprocess.Popen([sys.executable, "-m", "reader", "--db", str(db), "import", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def read_until(proc: subprocess.Popen[str], pattern: str, limit: float = 60.0) -> str:
    """stderr read line by line until a line matches; what was read so far."""
    assert proc.stderr is not None
    seen = ""
    deadline = time.monotonic() + limit
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stderr, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not sel.select(timeout=max(0.0, deadline - time.monotonic())):
                break
            line = proc.stderr.readline()
            if not line:
                break
            seen += line
            if re.search(pattern, line):
                break
    return seen


def children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            out.update(int(x) for x in task.read_text().split())
        except OSError:
            pass
    return out


def start_time(pid: int) -> str | None:
    """The process's start time (its identity with the pid), or None when it has exited."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return None if fields[0] in ("Z", "X") else fields[19]  # a zombie has exited, only its parent has not reaped it


def alive(processes: dict[int, str | None]) -> list[int]:
    return [pid for pid, started in processes.items() if started is not None and start_time(pid) == started]


def wait_for_workers(pid: int, limit: float = 30.0) -> dict[int, str | None]:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = children(pid)
        if found:
            return {c: start_time(c) for c in found}
        time.sleep(0.02)
    return {}


def integrity(db: Path) -> tuple[str, int]:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0], conn.execute("SELECT count(*) FROM sources").fetchone()[0]


def test_ctrl_c_during_import_says_how_far_it_got_and_exits_130(tmp_path: Path) -> None:
    make_pages(tmp_path / "pages")
    for round_ in range(ROUNDS):
        db = tmp_path / f"lib{round_}.db"
        proc = start_import(db, tmp_path / "pages")
        try:
            read_until(proc, r"^\[\d+/\d+\] imported")
            workers = {c: start_time(c) for c in children(proc.pid)}
            time.sleep(0.05 * round_)  # a little later each round, to land in other phases of the loop
            if round_ % 2:
                os.kill(proc.pid, signal.SIGINT)  # the parent alone (kill -INT)
            else:
                os.killpg(proc.pid, signal.SIGINT)  # the whole job, as a terminal's Ctrl-C
            _, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        assert proc.returncode == 130, err
        assert "Traceback" not in err and "Error" not in err, err
        lines = [line for line in err.splitlines() if line.startswith("interrupted:")]
        assert len(lines) == 1, err
        check, stored = integrity(db)
        assert check == "ok"
        assert lines[0] == f"interrupted: {stored} of {PAGES} files imported; run again to finish", err
        assert 0 < stored < PAGES
        deadline = time.monotonic() + 5
        while alive(workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert alive(workers) == []

    # Run again to finish, as the line says: the files already written are skipped, the rest imported.
    rerun = subprocess.run([sys.executable, "-m", "reader", "--db", str(db), "import", str(tmp_path / "pages")],
                           capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{PAGES - stored} imported, {stored} skipped" in rerun.stdout
    assert integrity(db) == ("ok", PAGES)


def test_workers_die_with_their_parent_even_after_kill_9(tmp_path: Path) -> None:
    make_pages(tmp_path / "pages")
    proc = start_import(tmp_path / "lib.db", tmp_path / "pages")
    workers: dict[int, str | None] = {}
    try:
        workers = wait_for_workers(proc.pid)
        assert workers, "the import started no worker process"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while alive(workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert alive(workers) == [], "worker processes outlived their parent"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in alive(workers):  # the failing case: leave no orphan behind
            os.kill(pid, signal.SIGKILL)


# --- the pool itself, in this process (its workers are forks of pytest) -----------------------------------------


def _square_or_die(n: int) -> int:
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    if n == 5:
        raise ValueError("a bug in the job")
    return n * n


def test_pool_answers_in_order_and_a_dead_worker_costs_only_its_job() -> None:
    from reader.workers import Pool

    with Pool(_square_or_die, 2, lost=lambda code: f"lost ({code})") as pool:
        assert list(pool.map([0, 1, 2, 3, 4, 6, 7, 8, 9])) == [0, 1, 4, "lost (-9)", 16, 36, 49, 64, 81]


def test_pool_reports_a_failing_job_and_kills_its_workers_when_left_by_an_exception() -> None:
    from reader.workers import Pool, WorkerFailed

    before = children(os.getpid())
    with pytest.raises(WorkerFailed, match="a bug in the job"):
        with Pool(_square_or_die, 2, lost=str) as pool:
            workers = {c: start_time(c) for c in children(os.getpid()) - before}
            assert len(workers) == 2
            list(pool.map([4, 5, 6]))
    assert alive(workers) == []  # killed and reaped at once, not left to the end of the session
