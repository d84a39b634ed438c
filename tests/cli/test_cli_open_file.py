"""`ipreader [--db PATH] FILE` opens FILE (issue #17): --db's value is never taken for the file or a command."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader import cli


@pytest.fixture()
def launched(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str | None, str | None]]:
    """What main() would open the reader with, recorded instead of starting the TUI."""
    calls: list[tuple[str | None, str | None]] = []

    def launch(db: str | None, open_path: str | None, *, max_bytes: int | None = None, empty: bool = False) -> int:
        calls.append((db, open_path) if max_bytes is None else (db, open_path, max_bytes))
        return 0

    monkeypatch.setattr(cli, "launch", launch)
    return calls


@pytest.mark.parametrize("argv, expected", [
    (["--db", "my.db", "page.txt"], ("my.db", "page.txt")),
    (["--db=my.db", "page.txt"], ("my.db", "page.txt")),
    (["page.txt", "--db", "my.db"], ("my.db", "page.txt")),
    (["page.txt"], (None, "page.txt")),
    (["--db", "my.db"], ("my.db", None)),
    (["--db", "import", "page.txt"], ("import", "page.txt")),  # a database named like a command is still --db's
    (["--db", "page.txt", "page.txt"], ("page.txt", "page.txt")),  # the same word twice: the second is the file
    (["--max-mb", "500", "page.txt"], (None, "page.txt", 500 * 1024 * 1024)),  # its value is not the file
    (["page.txt", "--max-mb=2", "--db", "my.db"], ("my.db", "page.txt", 2 * 1024 * 1024)),
])
def test_db_and_file_open_the_file(launched: list, argv: list[str], expected: tuple[str | None, str | None]) -> None:
    assert cli.main(argv) == 0
    assert launched == [expected]


def test_a_command_after_db_is_still_a_command(launched: list, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", str(tmp_path / "lib.db"), "topics", "--json"]) == 0
    assert launched == [] and capsys.readouterr().out.startswith("[")


def test_max_mb_reaches_the_import_of_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           ) -> None:
    """`ipreader --max-mb N FILE` reads FILE under that limit: a page over it fails with both sizes."""
    page = tmp_path / "big.txt"
    page.write_text("知识产权保护。\n" * 200_000, encoding="utf-8")  # about 4.6 MB
    assert cli.main(["--db", str(tmp_path / "lib.db"), "--max-mb", "1", str(page)]) == 1
    said = capsys.readouterr()
    assert "too large" in said.out + said.err
    assert cli.main(["--db", str(tmp_path / "lib.db"), "--max-mb", "1", "topics"]) == 2  # not a FILE: said so
