"""Queries split into two rowid halves (reader.search.halves) answer exactly what the whole query answers, and
every case that cannot split safely runs whole."""
from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
import sqlite_utils

from reader import store
from reader.library import Library
from reader.search import halves, search, search_ids

from .test_fast_paths import MIXED
from .test_recall import QUERIES


@pytest.fixture
def split_everything(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Split every query of the small seed library; record whether each run_in_halves call did split."""
    monkeypatch.setattr(halves, "MIN_ARTICLES", 1)
    outcomes: list[bool] = []
    real = halves.run_in_halves

    def spy(db, run):  # type: ignore[no-untyped-def]
        result = real(db, run)
        outcomes.append(result is not None)
        return result

    monkeypatch.setattr("reader.search.engine.run_in_halves", spy)
    return outcomes


def _answers(db: sqlite_utils.Database, query: str) -> tuple:
    return (
        search_ids(db, query),
        [(h.id, h.score) for h in search(db, query, limit=None, lazy=True)],
        [(h.id, h.score, h.hits, h.snippet) for h in search(db, query, limit=3)],
        [(h.id, h.score) for h in search(db, query, limit=1)],
        [h.id for h in search(db, query, limit=None, order="newest", lazy=True)],
    )


@pytest.mark.parametrize("query", QUERIES + MIXED)
def test_halves_answer_exactly_what_the_whole_query_does(seed_db, split_everything, monkeypatch, query) -> None:
    monkeypatch.setattr(halves, "ENABLED", False)
    whole = _answers(seed_db, query)
    monkeypatch.setattr(halves, "ENABLED", True)
    split_everything.clear()
    assert _answers(seed_db, query) == whole
    # Queries with terms split; filter-only queries have nothing to split, and the author filter runs in Python
    # over ranked batches, stopping once `limit` are kept.
    if not query.startswith(("-", "topic:")) and "author:" not in query:
        assert any(split_everything), "the query was never split, so this test compared the whole query to itself"


def test_ties_keep_the_whole_querys_order(seed_db, split_everything) -> None:
    # Every article scores 0.0 in id order, and many share a bm25 score in a filter-like query: the merge must
    # keep "score descending, then id" exactly, or the two halves would interleave differently.
    ranked = [(h.id, h.score) for h in search(seed_db, "的", limit=None, lazy=True)]
    assert any(split_everything)
    assert ranked == sorted(ranked, key=lambda r: (-r[1], r[0]))


def test_small_libraries_transactions_and_memory_databases_run_whole(seed_db, tmp_path: Path, monkeypatch) -> None:
    calls: list[str] = []

    def run(conn: sqlite3.Connection, half: halves.Half) -> str:
        calls.append(half[0])
        return half[0]

    assert halves.run_in_halves(seed_db, run) is None  # the seed library is far below MIN_ARTICLES
    monkeypatch.setattr(halves, "MIN_ARTICLES", 1)
    assert halves.run_in_halves(seed_db, run) == ("<=", ">")
    seed_db.conn.execute("BEGIN")
    try:
        assert halves.run_in_halves(seed_db, run) is None  # it may see rows no other connection can
    finally:
        seed_db.conn.execute("ROLLBACK")
    memory = sqlite_utils.Database(sqlite3.connect(":memory:"))
    memory.conn.execute("CREATE TABLE search_docs (article_id INTEGER PRIMARY KEY, digest TEXT)")
    memory.conn.execute("INSERT INTO search_docs VALUES (1, ''), (2, '')")
    assert halves.run_in_halves(memory, run) is None  # no file for a second connection to open
    assert calls == ["<=", ">"]


def test_a_commit_between_the_halves_discards_them(fresh_db, monkeypatch) -> None:
    monkeypatch.setattr(halves, "MIN_ARTICLES", 1)
    path = fresh_db.conn.execute("PRAGMA database_list").fetchone()[2]
    other = sqlite3.connect(path, isolation_level=None)
    try:
        def run(conn: sqlite3.Connection, half: halves.Half) -> int:
            if half[0] == "<=":  # another process commits while the lower half reads (a real change: SQLite
                # commits nothing for an update that rewrites a row with the same bytes)
                other.execute("UPDATE articles SET title = title || '·' WHERE id = (SELECT min(id) FROM articles)")
            return 1

        assert halves.run_in_halves(fresh_db, run) is None
        assert halves.run_in_halves(fresh_db, lambda conn, half: 1) == (1, 1)  # nothing committed this time
    finally:
        other.close()


@pytest.mark.parametrize("failing", ["<=", ">"])
def test_a_failing_half_means_run_whole(seed_db, monkeypatch, failing: str) -> None:
    monkeypatch.setattr(halves, "MIN_ARTICLES", 1)
    other_done = threading.Event()

    def run(conn: sqlite3.Connection, half: halves.Half) -> int:
        if half[0] == failing:
            raise sqlite3.OperationalError("disk I/O error")
        time.sleep(0.05)
        other_done.set()
        return 1

    assert halves.run_in_halves(seed_db, run) is None
    assert other_done.is_set()  # it waited for the other half: no helper is left mid-query
    assert halves.run_in_halves(seed_db, lambda conn, half: 1) == (1, 1)


def test_an_interrupted_lower_half_still_waits_for_the_upper(seed_db, monkeypatch) -> None:
    monkeypatch.setattr(halves, "MIN_ARTICLES", 1)
    upper_done = threading.Event()

    def run(conn: sqlite3.Connection, half: halves.Half) -> int:
        if half[0] == "<=":
            raise KeyboardInterrupt
        time.sleep(0.05)
        upper_done.set()
        return 1

    with pytest.raises(KeyboardInterrupt):
        halves.run_in_halves(seed_db, run)
    assert upper_done.is_set()
    assert halves._busy.acquire(blocking=False)  # and the next query may split again
    halves._busy.release()


def test_search_is_right_when_the_helpers_cannot_read(seeded_copy: Path, tmp_path: Path, monkeypatch) -> None:
    # Helpers that open the wrong file fail both halves ("no such table"): search falls back to the whole query
    # on its own connection and answers as before.
    monkeypatch.setattr(halves, "MIN_ARTICLES", 1)
    with Library(seeded_copy) as lib:
        monkeypatch.setattr(halves, "ENABLED", False)
        expected = [(h.id, h.score) for h in lib.search("知识产权", limit=None)]
        monkeypatch.setattr(halves, "ENABLED", True)
        empty = tmp_path / "empty.db"
        sqlite3.connect(empty).close()
        real_open = halves._open_read_only
        monkeypatch.setattr(halves, "_open_read_only", lambda file: real_open(str(empty)))
        assert [(h.id, h.score) for h in lib.search("知识产权", limit=None)] == expected
        assert halves._helpers[lib.db] is not None  # the helpers were there, and failed


def test_a_second_split_query_runs_whole_instead_of_queueing(seed_db, monkeypatch) -> None:
    monkeypatch.setattr(halves, "MIN_ARTICLES", 1)
    with halves._busy:
        assert halves.run_in_halves(seed_db, lambda conn, half: 1) is None


def test_release_and_library_close_close_the_helper(seeded_copy: Path, monkeypatch) -> None:
    monkeypatch.setattr(halves, "MIN_ARTICLES", 1)
    lib = Library(seeded_copy)
    assert lib.search("知识产权")  # builds the index and splits the query
    pair = halves._helpers.get(lib.db)
    assert pair is not None and len(pair) == 2
    for helper in pair:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):  # a helper can never write
            helper.execute("DELETE FROM articles")
    lib.close()
    assert lib.db not in halves._helpers
    for helper in pair:
        with pytest.raises(sqlite3.ProgrammingError):
            helper.execute("SELECT 1")
    db = store.connect(seeded_copy)
    halves.release(db)  # a database that never split: nothing to release, no error
    db.conn.close()


def test_helpers_open_a_library_whose_path_needs_quoting(seeded_copy: Path, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "我的 资料 #1 ?&%"
    folder.mkdir()
    target = folder / "库 #.db"
    seeded_copy.rename(target)
    monkeypatch.setattr(halves, "MIN_ARTICLES", 1)
    with Library(target) as lib:
        monkeypatch.setattr(halves, "ENABLED", False)
        expected = [(h.id, h.score) for h in lib.search("知识产权", limit=None)]
        monkeypatch.setattr(halves, "ENABLED", True)
        parts = halves.run_in_halves(lib.db, lambda conn, half: conn.execute("SELECT count(*) FROM articles").fetchone())
        assert parts is not None and parts[0] == parts[1]  # both helpers opened that very file
        assert [(h.id, h.score) for h in lib.search("知识产权", limit=None)] == expected
