"""Bounded reading (issue #17): only regular files are read, never more than the limit + 1 bytes, and one file's
failure (not a file, too large, out of memory) is that file's alone."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from reader import Library
from reader.config import seeds_dir
from reader.ingest import prepare
from reader.ingest.prepare import MIB, PrepareError, read_bytes

SEED = sorted(seeds_dir().glob("*.txt"))[2]  # the smallest page
PNG = b"\x89PNG\r\n\x1a\n"

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(),
                                reason="FIFOs and /dev/zero are POSIX things")


@posix_only
def test_devices_fifos_and_sockets_are_refused_by_type(tmp_path: Path, deadline) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(SEED, folder / "page.txt")
    os.mkfifo(folder / "fifo.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "random.txt").symlink_to("/dev/urandom")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.txt"))
    try:
        with deadline(60), Library(tmp_path / "lib.db") as lib:
            report = lib.import_paths([folder])
    finally:
        server.close()
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["page.txt"].status == "imported"
    expected = {"fifo.txt": "not a regular file: a named pipe (FIFO)",
                "zero.txt": "not a regular file: a character device",
                "random.txt": "not a regular file: a character device",
                "sock.txt": "not a regular file: a socket"}
    assert {name: (by_name[name].status, by_name[name].reason) for name in expected} == {
        name: ("failed", reason) for name, reason in expected.items()}


@posix_only
def test_a_fifo_named_on_the_command_line_never_hangs_the_import(tmp_path: Path) -> None:
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "reader", "--db", str(tmp_path / "lib.db"), "import", str(fifo)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1
    assert "管道.txt" in proc.stderr and "a named pipe (FIFO)" in proc.stderr


def test_a_file_over_the_limit_is_refused_with_both_sizes(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(300 * MIB)  # sparse: costs no disk
    with pytest.raises(PrepareError, match=r"too large \(300 MB > limit 256 MB\)"):
        read_bytes(big)


class _Shrunk(type(Path())):  # type: ignore[misc]
    """A path whose stat() claims 10 bytes, as a file that grows after the stat (or a /proc file) would."""

    def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
        st = super().stat(follow_symlinks=follow_symlinks)
        return os.stat_result((*st[:6], 10, *st[7:10]))


def test_reading_counts_bytes_and_never_trusts_st_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "grows.txt"
    page.write_bytes(b"x" * (3 * MIB))
    read = 0
    real_read = os.read

    def counting(fd: int, n: int) -> bytes:
        nonlocal read
        chunk = real_read(fd, n)
        read += len(chunk)
        return chunk

    monkeypatch.setattr(os, "read", counting)
    with pytest.raises(PrepareError, match=r"too large \(3 MB > limit 1 MB\)"):
        read_bytes(_Shrunk(page), limit=MIB)
    assert read == MIB + 1  # the limit and one byte to know it is over, not the whole file
    assert read_bytes(_Shrunk(page), limit=4 * MIB) == page.read_bytes()


def test_max_mb_raises_the_limit_through_the_library(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    shutil.copy(SEED, page)
    with Library(tmp_path / "lib.db") as lib:
        refused = lib.import_paths([page], max_bytes=1024)
        assert refused.files[0].status == "failed" and "too large" in refused.files[0].reason
        assert lib.import_paths([page], max_bytes=MIB).files[0].status == "imported"


def test_import_max_mb_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    image = tmp_path / "scan.txt"
    image.write_bytes(PNG + bytes(3 * MIB // 2))  # 1.5 MB; refused for its size, else as an image
    db = str(tmp_path / "lib.db")
    assert main(["--db", db, "import", "--max-mb", "1", "--json", str(image)]) == 1
    assert '"too large (1.5 MB > limit 1 MB)' in capsys.readouterr().out
    assert main(["--db", db, "import", "--max-mb", "2", "--json", str(image)]) == 1
    report = capsys.readouterr().out
    assert "PNG" in report and "too large" not in report
    with pytest.raises(SystemExit):
        main(["--db", db, "import", "--max-mb", "0", str(image)])
    assert "at least 1 MB" in capsys.readouterr().err


@pytest.mark.parametrize("error", [MemoryError, RecursionError])
def test_memory_or_recursion_error_fails_one_file_and_the_batch_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type[BaseException]) -> None:
    (tmp_path / "a_bad.txt").write_text(SEED.read_text(encoding="utf-8") + "\n毒丸\n", encoding="utf-8")
    shutil.copy(SEED, tmp_path / "b_good.txt")
    real_split = prepare.split_page

    def split(text: str):  # type: ignore[no-untyped-def]
        if "毒丸" in text:
            raise error()
        return real_split(text)

    monkeypatch.setattr(prepare, "split_page", split)
    with Library(tmp_path / "lib.db") as lib:
        report = lib.import_paths([tmp_path / "a_bad.txt", tmp_path / "b_good.txt"], workers=1)
        assert [(Path(f.path).name, f.status) for f in report.files] == [("a_bad.txt", "failed"), ("b_good.txt", "imported")]
        assert report.files[0].reason in ("the file is too large to process in memory",
                                          "the text is too deeply structured to split")
        assert {s["name"] for s in lib.sources()} == {"b_good.txt"}


def test_folder_import_names_what_it_skips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(SEED, folder / "page.txt")
    (folder / "photo.PNG").write_bytes(PNG)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / "README").write_text("notes", encoding="utf-8")
    (folder / ".hidden.png").write_bytes(PNG)  # a hidden file that is no page stays out of sight
    shutil.copy(SEED, folder / ".draft.txt")  # a hidden page is left out, but named
    (folder / ".archive").mkdir()
    shutil.copy(SEED, folder / ".archive" / "old.txt")  # a hidden folder is not searched, and said so
    assert main(["--db", str(tmp_path / "lib.db"), "import", str(folder)]) == 0  # skips are not failures
    captured = capsys.readouterr()
    stderr = captured.err
    for name, reason in (("photo.PNG", "not a text file (.PNG)"), ("scan.pdf", "not a text file (.pdf)"),
                         ("README", "not a text file (no extension)")):
        assert f"skipped: {folder / name} ({reason})" in stderr
    assert f"skipped: {folder / '.draft.txt'} (a hidden file: its name starts with a dot)" in stderr
    assert f"skipped: {folder / '.archive'} (a hidden folder, not searched)" in stderr
    assert ".hidden.png" not in stderr and "old.txt" not in stderr
    assert "1 imported, 5 skipped, 0 failed" in " ".join(captured.out.split())  # the summary is the result


def test_a_skipped_name_with_an_escape_is_never_printed_raw(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "evil\x1b[2J.png").write_bytes(PNG)
    assert main(["--db", str(tmp_path / "lib.db"), "import", str(folder)]) == 0
    stderr = capsys.readouterr().err
    assert "\x1b" not in stderr and "evil␛[2J.png (not a text file (.png))" in stderr
