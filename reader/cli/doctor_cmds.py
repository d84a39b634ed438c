"""`ipreader doctor`: check the database, the search index and every annotation's anchor; report orphans."""
from __future__ import annotations

import argparse

from rich.table import Table
from rich.text import Text

from reader.cli.output import err, out, print_json, safe
from reader.library import Library


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="check database integrity and annotation anchors")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_doctor)


def cmd_doctor(args: argparse.Namespace) -> int:
    from reader.notes import annotations

    lib = Library(args.db)
    integrity = [r[0] for r in lib.db.execute("PRAGMA integrity_check")]
    fk = lib.db.execute("PRAGMA foreign_key_check").fetchall()
    report = annotations.reanchor_all(lib.db)
    orphans = annotations.orphans(lib.db)
    doubtful = lib.doubtful_articles()
    stale = [c for c in lib.corrections() if not c.applies]
    ok = integrity == ["ok"] and not fk
    result = {
        "database": str(lib.path),
        "integrity": integrity,
        "foreign_key_problems": len(fk),
        "articles": lib.db.execute("SELECT count(*) FROM articles").fetchone()[0],
        "annotations": lib.db.execute("SELECT count(*) FROM annotations WHERE deleted IS NULL").fetchone()[0],
        "reanchor": report.as_dict(),
        "orphans": [{"id": o.id, "quote": o.quote, "note": o.note} for o in orphans],
        # articles whose boundaries the splitter was unsure of: check them (a split or merge may be needed)
        "doubtful": [{"id": a.id, "source": a.source, "title": a.title, "confidence": a.confidence}
                     for a in doubtful],
        # corrections whose text is no longer on their page: not applied anywhere (see `ipreader corrections`)
        "stale_corrections": [c.as_dict() for c in stale],
        "ok": ok,
    }
    if args.json:
        print_json(result)
        return 0 if ok else 1
    table = Table(title="ipreader doctor", title_justify="left", show_header=False)
    table.add_row("database", safe(str(lib.path)))
    table.add_row("integrity", Text("ok", style="green") if integrity == ["ok"] else Text("; ".join(integrity), style="red"))
    table.add_row("foreign keys", Text("ok", style="green") if not fk else Text(f"{len(fk)} problems", style="red"))
    table.add_row("articles", str(result["articles"]))
    table.add_row("annotations", str(result["annotations"]))
    table.add_row("orphaned annotations", str(len(orphans)))
    table.add_row("doubtful splits", str(len(doubtful)))
    table.add_row("corrections that no longer apply", str(len(stale)))
    out.print(table)
    for o in orphans:
        err.print(Text("orphan ", style="yellow") + safe(f"{o.id}: “{o.quote}” {o.note}"))
    for a in doubtful:
        out.print(Text("doubtful ", style="yellow") + safe(f"#{a.id} {a.title}  ({a.source}, confidence {a.confidence:.2f})"))
    for c in stale:
        out.print(Text("stale correction ", style="yellow") + safe(f"#{c.id} {c.action} “{c.title or c.head}” "
                                                                   f"({c.source_name}: the text is gone)"))
    return 0 if ok else 1
