"""Faults: kill -9 during an import, two processes on one database, an unwritable location."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader import Library
from reader.config import seeds_dir

SEEDS = sorted(seeds_dir().glob("*.txt"))


def make_batch(folder: Path, copies: int, tag: str = "") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(copies):
        for p in SEEDS:
            target = folder / f"{tag}{i:03d}_{p.name}"
            target.write_text(p.read_text(encoding="utf-8") + f"\n（副本{tag}{i}）\n", encoding="utf-8")
            out.append(target)
    return out


def import_proc(db: Path, *paths: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "reader", "--db", str(db), "import", *map(str, paths)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def count_sources(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM sources").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_kill_9_during_import_leaves_whole_files_and_rerun_completes(tmp_path: Path) -> None:
    files = make_batch(tmp_path / "pages", copies=6)
    db = tmp_path / "lib.db"
    proc = import_proc(db, tmp_path / "pages")
    deadline = time.monotonic() + 60
    while count_sources(db) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.skip("the import finished before it could be killed")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = conn.execute("SELECT count(*) FROM sources").fetchone()[0]
        assert 0 < partial < len(files)
        # Whole files only: every stored source has its articles, every article its paragraphs.
        assert conn.execute("SELECT count(*) FROM sources s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.source_id = s.id)").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.article_id = a.id)").fetchone()[0] == 0

    rerun = import_proc(db, tmp_path / "pages")
    summary, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert f"{len(files) - partial} imported, {partial} skipped" in summary
    with Library(db) as lib:
        per_source = {}
        for a in lib.articles():
            per_source[a.source] = per_source.get(a.source, 0) + 1
        assert len(per_source) == len(files)
        # A killed file was not left half-written: copies of the same seed have the same article count.
        for seed in SEEDS:
            counts = {n for name, n in per_source.items() if name.endswith(seed.name)}
            assert len(counts) == 1, (seed.name, counts)


def test_two_imports_at_once_lose_nothing(tmp_path: Path) -> None:
    a = make_batch(tmp_path / "a", copies=2, tag="a")
    b = make_batch(tmp_path / "b", copies=2, tag="b")
    db = tmp_path / "lib.db"
    Library(db).close()  # create the schema first, as a TUI already open would have
    p1, p2 = import_proc(db, tmp_path / "a"), import_proc(db, tmp_path / "b")
    out1, err1 = p1.communicate(timeout=300)
    out2, err2 = p2.communicate(timeout=300)
    assert p1.returncode == 0, err1
    assert p2.returncode == 0, err2
    assert "locked" not in err1 + err2
    assert count_sources(db) == len(a) + len(b)


def test_reader_sees_articles_imported_by_another_process(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library(db) as reader_side:
        token = reader_side.change_token()
        before = len(reader_side.articles())
        p = import_proc(db, SEEDS[0])
        p.communicate(timeout=120)
        assert p.returncode == 0
        assert reader_side.change_token() != token
        assert len(reader_side.articles()) > before


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_location_is_a_clear_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        r = subprocess.run([sys.executable, "-m", "reader", "--db", str(locked / "sub" / "lib.db"), "list"],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 2
        assert "cannot" in r.stderr and "Traceback" not in r.stderr
    finally:
        locked.chmod(0o700)


def test_disk_full_fails_the_file_cleanly_and_keeps_earlier_ones(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.db") as lib:
        assert lib.import_paths(SEEDS[:1]).ok
        pages = lib.db.execute("PRAGMA page_count").fetchone()[0]
        # SQLite's own limit stands in for a full disk: writes beyond it fail with SQLITE_FULL.
        lib.db.execute(f"PRAGMA max_page_count = {pages + 2}")
        report = lib.import_paths(SEEDS[4:5])
        assert report.files[0].status == "failed"
        assert "full" in report.files[0].reason
        assert [s["name"] for s in lib.sources()] == [SEEDS[0].name]
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_unusable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "reader", "--db", str(blocker / "lib.db"), "list"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "cannot" in r.stderr and str(blocker) in r.stderr and "Traceback" not in r.stderr


def test_savepoint_outside_a_transaction_holds_the_write_lock_from_the_start(tmp_path: Path) -> None:
    # A bare SAVEPOINT would start a deferred transaction: another process could write between our read and our
    # write, and our write would then fail at once with "database is locked" (seen with two imports at once).
    from reader import store

    path = tmp_path / "lib.db"
    mine = store.open_connection(path)
    other = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    with store.savepoint(mine, "probe"):
        mine.execute("SELECT count(*) FROM state").fetchone()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("INSERT INTO state(key, value) VALUES ('other', '1')")
        mine.execute("INSERT INTO state(key, value) VALUES ('mine', '1')")
    other.execute("INSERT INTO state(key, value) VALUES ('other', '1')")
    assert {r[0] for r in mine.execute("SELECT key FROM state")} == {"mine", "other"}
