"""CLI commands that correct how a page was split: `split`, `merge`, `retitle`, `untitle`, `furniture`, `undo`,
`corrections`. Paragraph numbers are 0-based indices into `show ID --json`'s "paragraphs"."""
from __future__ import annotations

import argparse
from collections.abc import Callable

from rich.table import Table
from rich.text import Text

from reader.cli.command import AddParser
from reader.cli.output import error, out, print_json, safe
from reader.ingest.correct import FURNITURE_KINDS, Action, CorrectionError
from reader.library import Library
from reader.page_edit import EditReport


def register(add_parser: AddParser) -> None:
    def command(name: str, helptext: str, func: Callable[[argparse.Namespace], int],
                paragraph: str | None = None) -> argparse.ArgumentParser:
        p = add_parser(name, help=helptext, description=helptext)
        p.add_argument("article", type=int, metavar="ARTICLE_ID", help="the article id (see `ipreader list`)")
        if paragraph:
            p.add_argument("paragraph", type=int, metavar="PARAGRAPH", help=paragraph)
        p.add_argument("--json", action="store_true", help="print the result as JSON")
        p.set_defaults(func=func)
        return p

    p = command("split", "split an article: PARAGRAPH opens a new article (kept at every re-import)", cmd_split,
                "0-based index into `show ID --json`'s paragraphs: the first paragraph of the new article")
    p.add_argument("--title", help="the new article's title (default: the paragraph itself when it is "
                                   "title-shaped, else its first words)")
    command("merge", "merge an article into the one before it on its page", cmd_merge)
    command("retitle", "make a paragraph the article's title; the old title goes into the text", cmd_retitle,
            "0-based index of the paragraph that becomes the title")
    command("untitle", "turn an article's title back into text (its first paragraph)", cmd_untitle)
    p = command("furniture", "mark a paragraph as page furniture (caption, credit, folio…): out of the text",
                cmd_furniture, "0-based index of the paragraph")
    p.add_argument("--kind", choices=FURNITURE_KINDS, default="other", help="what it is (default: other)")

    p = add_parser("undo", help="take back the newest split correction")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_undo)

    p = add_parser("corrections", help="list split corrections and whether each still applies")
    p.add_argument("--json", action="store_true", help="print them as JSON")
    p.set_defaults(func=cmd_corrections)


def _run(args: argparse.Namespace, make: Callable[[Library], EditReport]) -> int:
    lib = Library(args.db)
    try:
        report = make(lib)
    except CorrectionError as exc:
        error(str(exc))
        return 1
    if args.json:
        print_json(report.as_dict())
        return 0
    verb = "undid" if report.undone else "done"
    title = lib.article(report.article_id).title
    out.print(Text(f"{verb}: {report.action} (correction {report.correction}) on {report.source}; "
                   f"now {len(report.articles)} articles on the page; article {report.article_id}: ") + safe(title))
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    return _run(args, lambda lib: lib.correct(Action.SPLIT, args.article, args.paragraph, title=args.title))


def cmd_merge(args: argparse.Namespace) -> int:
    return _run(args, lambda lib: lib.correct(Action.MERGE, args.article))


def cmd_retitle(args: argparse.Namespace) -> int:
    return _run(args, lambda lib: lib.correct(Action.TITLE, args.article, args.paragraph))


def cmd_untitle(args: argparse.Namespace) -> int:
    return _run(args, lambda lib: lib.correct(Action.UNTITLE, args.article))


def cmd_furniture(args: argparse.Namespace) -> int:
    return _run(args, lambda lib: lib.correct(Action.FURNITURE, args.article, args.paragraph, kind=args.kind))


def cmd_undo(args: argparse.Namespace) -> int:
    return _run(args, lambda lib: lib.undo_correction())


def cmd_corrections(args: argparse.Namespace) -> int:
    rows = Library(args.db).corrections()
    if args.json:
        print_json([r.as_dict() for r in rows])
        return 0
    if not rows:
        out.print("no corrections")
        return 0
    table = Table(title="split corrections", title_justify="left")
    for col in ("id", "page", "action", "text", "applies"):
        table.add_column(col)
    for r in rows:
        state = Text("yes", style="green") if r.state == "applied" else (
            Text("already so", style="cyan") if r.applies else Text("no: text gone", style="red"))
        table.add_row(str(r.id), safe(r.source_name), r.action, safe(r.title or r.head), state)
    out.print(table)
    return 0
