"""A damaged, read-only or immutable library: every command says what is wrong in one line (no traceback),
`doctor` reports the damage it exists to report, `recover` salvages the notes into a new library."""
from __future__ import annotations

import json
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from reader import store
from reader.cli import main
from reader.library import Library

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
COMMANDS = [("list",), ("show", "1"), ("search", "专利"), ("notes",), ("topics",), ("corrections",), ("doctor",),
            ("doctor", "--json"), ("note", "add", "1", "--quote", "知识产权"), ("export", "--format", "markdown"),
            ("retag",), ("split", "1", "3"), ("import", str(SEEDS))]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("damage") / "lib.db"
    with Library(path) as lib:
        lib.import_paths([SEEDS])
        from reader.notes.annotations import add_by_quote

        add_by_quote(lib.db, 1, "知识产权", note="我的批注")
        lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        lib.conn.execute("PRAGMA journal_mode = DELETE")  # one file: what we damage is all there is
    return path


def copy(pristine: Path, tmp_path: Path) -> Path:
    target = tmp_path / "lib.db"
    shutil.copy(pristine, target)
    return target


def run(db: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = main(["--db", str(db), *argv])
    got = capsys.readouterr()
    return rc, got.out, got.err


def smash_table(db: Path, table: str) -> None:
    """Overwrite the root page of one table with garbage: that table can no longer be read, the rest can."""
    with sqlite3.connect(str(db)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    with db.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(random.Random(7).randbytes(page_size))


def test_doctor_reports_a_damaged_table_and_other_commands_say_damaged(pristine: Path, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    db = copy(pristine, tmp_path)
    smash_table(db, "paragraphs")
    rc, out, err = run(db, capsys, "doctor")
    assert rc == 1 and "damaged" in err and "ipreader recover" in err and "Traceback" not in err
    rc, out, _ = run(db, capsys, "doctor", "--json")
    found = json.loads(out)
    assert rc == 1 and found["damaged"] is True and found["integrity"] != ["ok"]
    rc, out, err = run(db, capsys, "show", "1")
    assert rc == 2 and err.startswith("ipreader: the library at ") and "is damaged" in err
    assert len(err.strip().splitlines()) == 1


def test_recover_copies_the_notes_and_what_else_can_be_read(pristine: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    db = copy(pristine, tmp_path)
    smash_table(db, "paragraphs")
    target = tmp_path / "saved.db"
    rc, out, err = run(db, capsys, "recover", str(target), "--json")
    assert rc == 0, err
    tables = {t["table"]: t for t in json.loads(out)["tables"]}
    assert tables["annotations"]["copied"] == 1 and tables["sources"]["copied"] == 5
    with Library(target) as lib:
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        (note,) = lib.conn.execute("SELECT note FROM annotations").fetchall()
        assert note == ("我的批注",)
        assert lib.articles() == []  # their text was lost with the paragraphs table
        report = lib.import_paths([SEEDS])  # ... and comes back with the pages, not skipped as "unchanged"
        assert len(report.imported) == 5 and len(lib.articles()) > 0
    rc, _, err = run(db, capsys, "recover", str(target))
    assert rc == 1 and "exists" in err


@pytest.mark.parametrize("seed", range(6))
def test_random_byte_flips_never_give_a_traceback(pristine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   seed: int) -> None:
    db = copy(pristine, tmp_path)
    data = bytearray(db.read_bytes())
    rng = random.Random(seed)
    for _ in range(40):
        at = rng.randrange(100, len(data))  # past the header, so the file is still a database to open
        data[at] = rng.randrange(256)
    db.write_bytes(bytes(data))
    for argv in COMMANDS:
        rc, _, err = run(db, capsys, *argv)  # an unexpected exception would fail the test right here
        assert rc in (0, 1, 2) and "Traceback" not in err, (argv, err)
        if rc == 2:  # progress lines may come first; the failure is one line, the last
            assert [x for x in err.splitlines() if x.startswith("ipreader: ")] == err.strip().splitlines()[-1:]


def test_not_a_database_at_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "lib.db"
    db.write_bytes(b"this is not sqlite" * 100)
    rc, _, err = run(db, capsys, "doctor")
    assert rc == 1 and "damaged" in err
    rc, _, err = run(db, capsys, "list")
    assert rc == 2 and err.startswith("ipreader: ") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("mode", [store.Access.READ, store.Access.IMMUTABLE])
def test_a_read_only_library_can_be_read_and_says_read_only_on_writes(pristine: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str],
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      mode: store.Access) -> None:
    db = copy(pristine, tmp_path)
    monkeypatch.setattr(store, "access_mode", lambda path: mode)  # as root, chmod cannot make a file read-only
    for argv in (("list", "--json"), ("show", "1"), ("search", "专利"), ("notes",), ("doctor",)):
        rc, out, err = run(db, capsys, *argv)
        assert rc == 0 and out, (argv, err)
    rc, _, err = run(db, capsys, "note", "add", "1", "--quote", "知识产权")
    assert rc == 2 and "read-only" in err and len(err.strip().splitlines()) == 1
    before = db.read_bytes()
    rc, _, err = run(db, capsys, "retag")
    assert rc == 2 and "read-only" in err and db.read_bytes() == before


def test_a_failing_upgrade_leaves_one_backup_however_often_it_is_tried(pristine: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    db = copy(pristine, tmp_path)
    with sqlite3.connect(str(db)) as conn:
        conn.execute("DROP TABLE corrections")
        conn.execute("PRAGMA user_version = 3")

    def broken(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("simulated failure")

    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS[:3], broken])
    for _ in range(3):
        with pytest.raises(store.StoreError, match="failed"):
            store.open_connection(db)
    assert len(list(tmp_path.glob("lib.db.v3-*.bak"))) == 1


def test_recover_reads_a_library_from_before_schema_5(tmp_path: Path, as_schema_4) -> None:
    from reader import Library, recover
    from reader.config import seeds_dir

    old = tmp_path / "old.db"
    with Library(old) as lib:
        lib.import_paths(sorted(seeds_dir().glob("*.txt"))[:2])
        breaks = {a.id: lib.article_breaks(a.id) for a in lib.articles()}
        tags = lib.conn.execute("SELECT article_id, tag FROM tags ORDER BY 1, rank").fetchall()
        as_schema_4(lib.conn)
    report = recover.recover(old, tmp_path / "new.db")
    assert not any(t.unreadable or t.lost for t in report.tables)
    with Library(tmp_path / "new.db") as lib:
        assert {a.id: lib.article_breaks(a.id) for a in lib.articles()} == breaks
        assert lib.conn.execute("SELECT article_id, tag FROM tags ORDER BY 1, rank").fetchall() == tags
