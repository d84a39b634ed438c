"""`ipreader` command line: `ipreader [--db PATH] [FILE | COMMAND ...]`.

With no command it opens the reading room (the TUI); with a file it imports it if new and opens it, like `less`.
Each command group lives in its own module and registers itself here.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader import __version__
from reader.cli.output import error

COMMAND_MODULES = ("reader.cli.library_cmds", "reader.cli.search_cmds", "reader.cli.notes_cmds",
                   "reader.cli.correct_cmds", "reader.cli.doctor_cmds")


def build_parser(commands: dict[str, argparse.ArgumentParser] | None = None) -> argparse.ArgumentParser:
    """The whole command line; `commands` (if given) is filled with each command's parser, by name."""
    import importlib

    parser = argparse.ArgumentParser(
        prog="ipreader",
        description="Read, search and annotate Chinese policy articles in the terminal. "
        "Run without a command to open the reader; give a text file to import and open it.",
    )
    parser.add_argument("--db", metavar="PATH", default=None,
                        help="library database (default: $IPREADER_DB or the user data folder)")
    parser.add_argument("--max-mb", dest="open_max_bytes", type=_megabytes, default=None, metavar="N",
                        help="with FILE: the largest file to read, in MB (default: 256)")
    parser.add_argument("--empty", action="store_true",
                        help="start a new library without the bundled sample pages (remembered; "
                        "`ipreader import --samples` brings them in later)")
    parser.add_argument("--version", action="version", version=f"ipreader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    known = commands if commands is not None else {}

    def add_parser(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        known[name] = sub.add_parser(name, **kwargs)
        return known[name]

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(add_parser)
    return parser


# Commands whose words may start with "-" (exclusions: `ipreader search 专利 -商标 --json`): argparse takes such a
# word for an unknown option; parse_known_args hands it back and it joins the words (dest "words").
QUERY_COMMANDS = ("search", "concordance")


def _reading_room_db(argv: list[str]) -> tuple[bool, str | None]:
    """(True, --db value) when `argv` only opens the reading room: no command, file, help or unknown option.

    That path skips building the full parser, which imports every command module (Rich progress bars, the
    notes exporters, the search CLI…) that the first screen never uses.
    """
    db: str | None = None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--db" and i + 1 < len(argv):
            db, i = argv[i + 1], i + 2
        elif a.startswith("--db=") and len(a) > 5:
            db, i = a[5:], i + 1
        else:
            return False, None
    return True, db


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    plain, db = _reading_room_db(argv)
    if plain:
        if (problem := _db_folder_problem(db)) is not None:
            error(problem)
            return 2
        try:
            return launch(db, None)
        except KeyboardInterrupt:
            return 130
        except Exception as exc:
            return _expected_failure(exc, db)
    parsers: dict[str, argparse.ArgumentParser] = {}
    try:
        parser = build_parser(parsers)
    except KeyboardInterrupt:  # Ctrl-C while the command modules load: nothing has started, nothing to say
        return 130
    commands = set(parsers)
    # `ipreader [--db PATH] FILE` opens a file: the first word that is not an option, --db's value or a command.
    where = _file_to_open(argv, commands)
    open_path = argv.pop(where) if where is not None else None
    if open_path is not None and _looks_like_a_command(open_path) and not os.path.exists(open_path):
        error(_not_a_file_or_command(open_path, commands))
        return 2
    args, extra = parser.parse_known_args(argv)
    if extra and args.command in QUERY_COMMANDS:
        options = [w for w in extra if w.startswith("--") and w != "--"]
        if options:  # a mistyped option, not a word: an exclusion takes one dash (-商标)
            parsers[args.command].error(f"unrecognized option {options[0]} (to leave a word out, one dash: -商标)")
        args.words += extra
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if (problem := _db_folder_problem(args.db)) is not None:
        error(problem)
        return 2
    if args.open_max_bytes is not None and open_path is None:
        error("--max-mb here is for FILE: `ipreader --max-mb N FILE`; for a command, `ipreader import --max-mb N …`")
        return 2
    try:
        if args.command:
            return int(args.func(args) or 0)
        return launch(args.db, open_path, max_bytes=args.open_max_bytes, empty=args.empty)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        return _expected_failure(exc, args.db)


def _expected_failure(exc: Exception, db: str | None = None) -> int:
    """Last line of defence: one line, never a traceback, for what a user can meet (a damaged, read-only or full
    library, a bad taxonomy, a refused correction); anything else re-raises."""
    import json
    import sqlite3

    from reader.errors import ReaderError

    if isinstance(exc, ReaderError):
        error(str(exc))
        return 2
    if isinstance(exc, (sqlite3.Error, UnicodeDecodeError, json.JSONDecodeError)):  # a stored value is damaged
        error(_database_message(exc, db))
        return 2
    raise exc


def _database_message(exc: Exception, db: str | None) -> str:
    from reader import config

    try:
        where = str(config.resolve_db_path(db))
    except Exception:  # noqa: BLE001 — the message must not fail in turn
        where = db or "the library"
    detail = str(exc) if len(str(exc)) <= 120 else str(exc)[:117] + "…"  # SQLite may quote a whole damaged value
    text = detail.lower()
    if "readonly" in text or "read-only" in text:
        return f"the library at {where} is read-only: this command writes to it ({detail})"
    if "full" in text:
        return f"the disk holding the library at {where} is full ({detail}); nothing was changed"
    if "locked" in text or "busy" in text:
        return f"the library at {where} is busy (another ipreader is writing); try again ({detail})"
    return f"the library at {where} is damaged ({detail}): run `ipreader doctor`, then `ipreader recover NEW.db`"


def _looks_like_a_command(word: str) -> bool:
    """A bare word (no folder, no extension): a mistyped command, not a file name (those get "no such file")."""
    return "/" not in word and os.sep not in word and "." not in word


def _not_a_file_or_command(word: str, commands: set[str]) -> str:
    """`ipreader serach 专利`: the word is neither a file nor a command; say which command was meant."""
    import difflib

    close = difflib.get_close_matches(word, sorted(commands), n=1, cutoff=0.6)
    if close:
        return f"{word!r} is not a command (or a file); did you mean `ipreader {close[0]}`?"
    return f"{word}: no such file, and not a command (see `ipreader --help`)"


def _db_folder_problem(db: str | None) -> str | None:
    """A --db in a folder that does not exist is a typo far more often than a wish for a new folder: refuse it
    rather than quietly start an empty library there."""
    if not db:
        return None
    folder = Path(db).expanduser().absolute().parent
    if folder.is_dir():
        return None
    if folder.exists() or any(p.exists() and not p.is_dir() for p in folder.parents):
        return f"--db {db}: cannot make a library there: {folder} is not a folder"
    return f"--db {db}: cannot find the folder {folder} (a typo?); create it first to start a library there"


def _file_to_open(argv: list[str], commands: set[str]) -> int | None:
    """Where FILE is in `ipreader [--db PATH] FILE`, or None when the first word is a command (or there is none).

    The word after a bare --db is its value, never the file (`--db=PATH` is one word and needs no skipping).
    """
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in _VALUED:
            i += 2
        elif a.startswith("-"):
            i += 1
        else:
            return None if a in commands else i
    return None


_VALUED = ("--db", "--max-mb")  # top-level options that take the next word as their value


def _megabytes(value: str) -> int:
    from reader.cli.library_cmds import _megabytes as megabytes

    return megabytes(value)


def launch(db: str | None, open_path: str | None, *, max_bytes: int | None = None, empty: bool = False) -> int:
    """Open the reading room (importing and opening `open_path` first); a new library gets the sample pages
    unless `empty` (`ipreader --empty`), which it then remembers."""
    from reader.library import SAMPLES_SETTING, Library

    lib = Library(db)
    if empty and lib.get_setting(SAMPLES_SETTING) is None:
        lib.decline_samples()
    samples = lib.wants_samples()
    if samples or open_path is not None:
        from reader.cli import library_cmds  # only for importing: Rich progress bars and the import report
    if samples:
        library_cmds.run_import(lib, [str(p) for p in lib.seed_files()], quiet=False)
        lib.set_setting(SAMPLES_SETTING, "imported")
    article_id = None
    if open_path is not None:
        if not os.path.exists(open_path):
            error(f"{open_path}: no such file")
            return 2
        article_id = library_cmds.main_import_and_open(lib, open_path, max_bytes=max_bytes)
        if article_id is None:
            return 1
    import gc

    # The collector finds nothing to free among the objects Textual's import builds; run_app resumes it once
    # the first frame is painted (see run_app).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        from reader.tui.app import run_app
    except BaseException:
        if gc_was_enabled:
            gc.enable()
        raise
    return run_app(lib, open_article=article_id, gc_paused=gc_was_enabled) or 0


if __name__ == "__main__":
    sys.exit(main())
