"""`ipreader doctor`: check the database, the search index and every annotation's anchor; report orphans, doubtful
splits and stale corrections. A damaged library is reported, not crashed on; `ipreader recover OUT` salvages it."""
from __future__ import annotations

import argparse
import json
import sqlite3
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from reader import config
from reader.cli.command import AddParser
from reader.cli.output import err, error, out, print_json, safe
from reader.library import Library
from reader.store import StoreError

DAMAGE = (sqlite3.DatabaseError, UnicodeDecodeError, json.JSONDecodeError)


def register(add_parser: AddParser) -> None:
    p = add_parser("doctor", help="check database integrity and annotation anchors")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.set_defaults(func=cmd_doctor)
    p = add_parser("recover", help="copy what a damaged library still holds (notes first) into a new one")
    p.add_argument("target", type=Path, metavar="OUT", help="the new library file (must not exist)")
    p.add_argument("--json", action="store_true", help="print what was copied as JSON")
    p.set_defaults(func=cmd_recover)


def _damaged(path: str, problems: list[str], as_json: bool) -> int:
    if as_json:
        print_json({"database": path, "integrity": problems, "ok": False, "damaged": True})
    else:
        error(f"the library at {path} is damaged: {'; '.join(problems[:5])}")
        err.print(Text("run `ipreader recover NEW.db` to copy what can still be read (notes first) into a new "
                       "library, then import your pages into it again"))
    return 1


def cmd_doctor(args: argparse.Namespace) -> int:
    path = str(config.resolve_db_path(args.db))
    try:
        lib = Library(args.db)
        integrity = [r[0] for r in lib.conn.execute("PRAGMA integrity_check")]
    except (StoreError, *DAMAGE) as exc:
        return _damaged(path, [str(exc)], args.json)
    if integrity != ["ok"]:
        return _damaged(path, integrity, args.json)
    try:
        result = _findings(lib)
    except DAMAGE as exc:
        return _damaged(path, [str(exc)], args.json)
    if args.json:
        print_json(result)
        return 0 if result["ok"] else 1
    _print(lib, result)
    return 0 if result["ok"] else 1


def _findings(lib: Library) -> dict[str, Any]:
    from reader.notes import annotations

    fk = lib.conn.execute("PRAGMA foreign_key_check").fetchall()
    report = annotations.reanchor_all(lib.db)
    orphans = annotations.orphans(lib.db)
    doubtful = lib.doubtful_articles()
    stale = [c for c in lib.corrections() if not c.applies]
    return {
        "database": str(lib.path),
        "integrity": ["ok"],
        "foreign_key_problems": len(fk),
        "articles": lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0],
        "annotations": lib.conn.execute("SELECT count(*) FROM annotations WHERE deleted IS NULL").fetchone()[0],
        "reanchor": report.as_dict(),
        "orphans": [{"id": o.id, "quote": o.quote, "note": o.note} for o in orphans],
        # articles whose boundaries the splitter was unsure of: check them (a split or merge may be needed)
        "doubtful": [{"id": a.id, "source": a.source, "title": a.title, "confidence": a.confidence}
                     for a in doubtful],
        # corrections whose text is no longer on their page: not applied anywhere (see `ipreader corrections`)
        "stale_corrections": [c.as_dict() for c in stale],
        "ok": not fk,
    }


def _print(lib: Library, result: dict[str, Any]) -> None:
    table = Table(title="ipreader doctor", title_justify="left", show_header=False)
    table.add_row("database", safe(str(lib.path)))
    table.add_row("integrity", Text("ok", style="green"))
    fk = result["foreign_key_problems"]
    table.add_row("foreign keys", Text("ok", style="green") if not fk else Text(f"{fk} problems", style="red"))
    table.add_row("articles", str(result["articles"]))
    table.add_row("annotations", str(result["annotations"]))
    table.add_row("orphaned annotations", str(len(result["orphans"])))
    table.add_row("doubtful splits", str(len(result["doubtful"])))
    table.add_row("corrections that no longer apply", str(len(result["stale_corrections"])))
    out.print(table)
    for o in result["orphans"]:
        err.print(Text("orphan ", style="yellow") + safe(f"{o['id']}: “{o['quote']}” {o['note']}"))
    for a in result["doubtful"]:
        out.print(Text("doubtful ", style="yellow")
                  + safe(f"#{a['id']} {a['title']}  ({a['source']}, confidence {a['confidence']:.2f})"))
    for c in result["stale_corrections"]:
        out.print(Text("stale correction ", style="yellow")
                  + safe(f"#{c['id']} {c['action']} “{c['title'] or c['head']}” ({c['source_name']}: the text is gone)"))


def cmd_recover(args: argparse.Namespace) -> int:
    from reader.recover import RecoverError, recover

    source = config.resolve_db_path(args.db)
    try:
        report = recover(source, args.target)
    except RecoverError as exc:
        error(str(exc))
        return 1
    if args.json:
        print_json(report.as_dict())
        return 0
    table = Table(title=f"recovered into {args.target}", title_justify="left")
    for col in ("table", "rows copied", "rows lost"):
        table.add_column(col)
    for t in report.tables:
        table.add_row(t.table, str(t.copied), "the whole table" if t.unreadable else str(t.lost))
    out.print(table)
    err.print(Text("import your pages into the new library to bring back what was lost: "
                   f"ipreader --db {args.target} import FOLDER", style="dim"))
    return 0
