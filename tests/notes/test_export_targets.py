"""Where an export may write (issue #17): through a symbolic link only to an ipreader file, never into a FIFO or a
device (refused by type, without opening), and never to an empty path."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reader.cli import main
from reader.notes.annotations import NoteError, add_by_quote
from reader.notes.export import export

from .conftest import Lib

FOREIGN = "# 我的文件\n\n重要内容。\n"


@pytest.fixture()
def noted(lib: Lib) -> Lib:
    add_by_quote(lib.db, 1, "中小企业是创新的重要力量", note="第一条")
    return lib


@pytest.mark.parametrize("fmt, name", [("obsidian", "real.md"), ("json", "real.json")])
def test_a_link_to_an_ipreader_file_is_written_through(noted: Lib, tmp_path: Path, fmt: str, name: str) -> None:
    real = tmp_path / "vault" / name
    export(noted.db, fmt=fmt, out=real)
    link = tmp_path / f"link{real.suffix}"
    link.symlink_to(real)
    add_by_quote(noted.db, 2, "知识产权质押融资", note="第二条")
    result = export(noted.db, fmt=fmt, out=link)
    assert result.written == [link]
    assert link.is_symlink() and os.readlink(link) == str(real)  # the link is kept, its file is updated
    assert "第二条" in real.read_text(encoding="utf-8")
    assert export(noted.db, fmt=fmt, out=link).unchanged == [link]


@pytest.mark.parametrize("force", [False, True])
def test_a_link_to_a_foreign_file_is_refused_even_with_force(noted: Lib, tmp_path: Path, force: bool) -> None:
    mine = tmp_path / "mine.md"
    mine.write_text(FOREIGN, encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(mine)
    with pytest.raises(NoteError, match=r"link\.md is a symbolic link to .*mine\.md, which ipreader did not write"):
        export(noted.db, fmt="obsidian", out=link, force=force)
    assert mine.read_text(encoding="utf-8") == FOREIGN and link.is_symlink()


def test_a_markdown_export_is_not_written_through_a_link_to_a_backup(noted: Lib, tmp_path: Path) -> None:
    backup = tmp_path / "notes.json"
    export(noted.db, fmt="json", out=backup)
    before = backup.read_bytes()
    link = tmp_path / "link.md"
    link.symlink_to(backup)
    with pytest.raises(NoteError, match="did not write"):
        export(noted.db, fmt="obsidian", out=link)
    assert backup.read_bytes() == before


def test_a_dangling_link_is_refused(noted: Lib, tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(NoteError, match="symbolic link to a missing file"):
        export(noted.db, fmt="obsidian", out=link)
    assert not (tmp_path / "nowhere.md").exists() and link.is_symlink()


def test_one_foreign_link_in_a_folder_export_stops_the_whole_export(noted: Lib, tmp_path: Path) -> None:
    add_by_quote(noted.db, 2, "知识产权质押融资")
    folder = tmp_path / "vault"
    folder.mkdir()
    mine = tmp_path / "mine.md"
    mine.write_text(FOREIGN, encoding="utf-8")
    (folder / "金融支持专精特新.md").symlink_to(mine)
    with pytest.raises(NoteError, match="did not write"):
        export(noted.db, fmt="obsidian", out=folder)
    assert sorted(p.name for p in folder.iterdir()) == ["金融支持专精特新.md"]  # all or nothing
    assert mine.read_text(encoding="utf-8") == FOREIGN


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("via_link", [False, True])
def test_a_fifo_is_refused_without_opening_it(noted: Lib, tmp_path: Path, via_link: bool, deadline) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    out = fifo
    if via_link:
        out = tmp_path / "link.md"
        out.symlink_to(fifo)
    with deadline(10), pytest.raises(NoteError, match=r"pipe\.md is a named pipe \(FIFO\), not a regular file"):
        export(noted.db, fmt="obsidian", out=out)
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the FIFO: not replaced by a file either


def test_a_device_is_refused(noted: Lib, tmp_path: Path, deadline) -> None:
    device = tmp_path / "null.md"
    try:
        os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own, inside tmp_path
    except (PermissionError, AttributeError, OSError):
        pytest.skip("cannot make a device node here")
    with deadline(10), pytest.raises(NoteError, match=r"null\.md is a character device, not a regular file"):
        export(noted.db, fmt="json", out=device)
    assert stat.S_ISCHR(device.stat().st_mode)


def test_an_empty_output_path_is_an_error(noted: Lib, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # Path("") is ".": the notes must not land in the working folder
    with pytest.raises(NoteError, match="an empty output path"):
        export(noted.db, fmt="obsidian", out="")
    db = noted.db.conn.execute("PRAGMA database_list").fetchone()[2]
    assert main(["--db", db, "export", "-o", ""]) == 2
    assert "an empty output path" in capsys.readouterr().err
    assert list(work.iterdir()) == []
