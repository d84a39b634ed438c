"""CLI commands for annotations: `note add|edit|delete|undelete`, `notes`, `export`, `import-notes`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.padding import Padding
from rich.text import Text

from reader.cli.command import AddParser
from reader.cli.output import NOTHING_FOUND, err, error, out, print_json, safe
from reader.library import Library
from reader.notes import annotations as notes
from reader.notes.annotations import COLORS, Annotation, NoteError
from reader.notes.backup import restore
from reader.notes.export import EXPORT_FORMATS, export
from reader.notes.reanchor import reanchor_ids
from reader.text.folded import Folded
from reader.text.visible import visible


def register(add_parser: AddParser) -> None:
    p = add_parser("note", help="add, edit or delete one annotation")
    actions = p.add_subparsers(dest="note_action", metavar="ACTION", required=True,
                               help="add, edit, delete or undelete")

    a = actions.add_parser("add", help="highlight a quote in an article")
    a.add_argument("article", type=int, metavar="ARTICLE_ID", help="the article id (see `ipreader list`)")
    a.add_argument("--quote", required=True, help="exact text to highlight (the first occurrence is used)")
    a.add_argument("--note", default="", help="your note, in Markdown")
    a.add_argument("--color", default="yellow", choices=COLORS, help="the highlight's colour (default: yellow)")
    a.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)")
    a.add_argument("--json", action="store_true", help="print the new annotation as JSON")
    a.set_defaults(func=cmd_note_add)

    e = actions.add_parser("edit", help="change an annotation's note, colour or tags")
    e.add_argument("id", help="annotation id (or a unique prefix of at least 4 characters)")
    e.add_argument("--note", default=None, help="the new note text (Markdown)")
    e.add_argument("--color", default=None, choices=COLORS, help="the new colour")
    e.add_argument("--tag", action="append", default=None, metavar="TAG", help="replaces the tags (repeatable)")
    e.add_argument("--json", action="store_true", help="print the result as JSON")
    e.set_defaults(func=cmd_note_edit)

    for name, helptext in (("delete", "delete an annotation (it can be undeleted)"),
                           ("undelete", "bring back a deleted annotation")):
        d = actions.add_parser(name, help=helptext)
        d.add_argument("id", help="annotation id (or a unique prefix of at least 4 characters)")
        d.add_argument("--json", action="store_true", help="print the result as JSON")
        d.set_defaults(func=cmd_note_delete if name == "delete" else cmd_note_undelete)

    p = add_parser("notes", help="list annotations")
    p.add_argument("--article", type=int, metavar="ID", help="only the notes of this article")
    p.add_argument("--tag", help="only notes with this tag")
    p.add_argument("--color", choices=COLORS, help="only notes of this colour")
    p.add_argument("--orphans", action="store_true", help="only annotations whose text could not be found")
    p.add_argument("--deleted", action="store_true", help="include deleted annotations")
    p.add_argument("--search", metavar="TEXT", help="only notes whose text, quote, tags or article title hold every "
                                                   "word of TEXT (either script; #tag for a tag)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_notes)

    p = add_parser("export", help="export annotations as Obsidian/Markdown notes or a JSON backup")
    p.add_argument("-o", "--output", metavar="FILE|DIR",
                   help="a file, or a directory (existing, or ending with /) for one file per article; "
                        "default: print")
    p.add_argument("--article", type=int, metavar="ID", help="only the notes of this article")
    p.add_argument("--topic", help="only the notes of articles with this topic")
    p.add_argument("--tag", help="only notes with this tag")
    p.add_argument("--format", default="obsidian", choices=EXPORT_FORMATS,
                   help="obsidian (callouts, block ids), markdown, or json (a full backup)")
    p.add_argument("--force", action="store_true", help="also write into a file ipreader did not create")
    p.set_defaults(func=cmd_export)

    p = add_parser("import-notes", help="restore annotations from a JSON backup (newer edits win)")
    p.add_argument("file", type=Path, metavar="FILE.json", help="a backup written by `export --format json`")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_import_notes)


def _short(ann: Annotation) -> str:
    return ann.id[:8]


def _describe(verb: str, ann: Annotation) -> Text:
    quote = ann.quote if len(ann.quote) <= 40 else ann.quote[:40] + "…"
    return Text(f"{verb} ") + Text(_short(ann), style="bold") + Text(" “") + safe(quote) + Text("”")


def _run(args: argparse.Namespace, action) -> int:  # type: ignore[no-untyped-def]
    """Open the library, run `action(lib)`, and turn the errors a user can fix into a message and exit 2."""
    try:
        lib = Library(args.db)
        try:
            return action(lib)
        finally:
            lib.close()
    except NoteError as exc:
        error(str(exc))
        return 2
    except OSError as exc:
        error(f"{getattr(exc, 'filename', '') or ''}: {exc.strerror or exc}".lstrip(": "))
        return 2


def cmd_note_add(args: argparse.Namespace) -> int:
    def action(lib: Library) -> int:
        ann = notes.add_by_quote(lib.db, args.article, args.quote, color=args.color, note=args.note, tags=args.tag)
        if args.json:
            print_json(ann)
        else:
            out.print(_describe("added", ann))
        if ann.occurrences and ann.occurrences > 1:
            err.print(Text(f"note: the quote occurs {ann.occurrences} times in the article; "
                           "the first occurrence was highlighted", style="yellow"))
        return 0

    return _run(args, action)


def cmd_note_edit(args: argparse.Namespace) -> int:
    def action(lib: Library) -> int:
        ann = notes.update_annotation(lib.db, args.id, note=args.note, color=args.color, tags=args.tag)
        if args.json:
            print_json(ann)
        else:
            out.print(_describe("updated", ann))
        return 0

    return _run(args, action)


def cmd_note_delete(args: argparse.Namespace) -> int:
    def action(lib: Library) -> int:
        ann = notes.delete_annotation(lib.db, args.id)
        if args.json:
            print_json(ann)
        else:
            out.print(_describe("deleted", ann))
        return 0

    return _run(args, action)


def cmd_note_undelete(args: argparse.Namespace) -> int:
    def action(lib: Library) -> int:
        ann = notes.undelete_annotation(lib.db, args.id)
        if args.json:
            print_json(ann)
        else:
            out.print(_describe("restored", ann))
        return 0

    return _run(args, action)


_STATE_STYLE = {"anchored": "green", "review": "yellow", "orphan": "red"}


def cmd_notes(args: argparse.Namespace) -> int:
    def action(lib: Library) -> int:
        anns = notes.list_annotations(lib.db, article_id=args.article, tag=args.tag, color=args.color,
                                      include_deleted=args.deleted, state="orphan" if args.orphans else None)
        if args.search:
            anns = [a for a in anns if notes.note_has(a, args.search)]
        # Nothing matching a --search, tag, colour or state asked for: exit 1, as grep (no notes at all: 0).
        picky = bool(args.search or args.tag or args.color or args.orphans or args.article is not None)
        found = 0 if anns or not picky else NOTHING_FOUND
        if args.json:
            print_json(anns)
            return found
        if not anns:
            err.print(Text("no annotations"))
            return found
        for a in anns:
            # One short block per annotation rather than a table: long Chinese quotes and notes stay whole.
            state = "deleted" if a.deleted else a.anchor_state
            head = Text(_short(a), style="bold") + Text("  ") + Text(state, style=_STATE_STYLE.get(state, "dim"))
            head += Text(f"  {a.color}  ") + safe(f"#{a.article_id} {a.article_title or ''} ¶{a.paragraph + 1}")
            if a.tags:
                head += Text("  ") + safe(" ".join("#" + t for t in a.tags))
            out.print(head)
            quote = a.quote if a.kind == "highlight" else f"(bookmark) {a.suffix[:20]}…"
            # Indented blocks, folded by the Chinese rules (no line starts with "，", numbers stay whole).
            out.print(Padding(Folded(Text("“") + safe(quote) + Text("”")), (0, 0, 0, 2)))
            if a.note:
                out.print(Padding(Folded(safe(a.note)), (0, 0, 0, 2)))
        return found

    return _run(args, action)


def cmd_export(args: argparse.Namespace) -> int:
    def action(lib: Library) -> int:
        result = export(lib.db, fmt=args.format, out=args.output, article_id=args.article, topic=args.topic,
                        tag=args.tag, force=args.force)
        if result.text is not None:
            sys.stdout.write(visible(result.text))  # the output boundary: nothing raw reaches a terminal
            return 0
        for path in result.written:
            err.print(Text("wrote ") + safe(str(path)))
        for path in result.unchanged:
            err.print(Text("unchanged ", style="dim") + safe(str(path)))
        err.print(Text(f"{result.annotations} annotations exported"))
        return 0

    return _run(args, action)


def cmd_import_notes(args: argparse.Namespace) -> int:
    def action(lib: Library) -> int:
        try:
            text = args.file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise NoteError(f"{args.file} is not UTF-8 text") from None
        report = restore(lib.db, text)
        # Restored corrections take effect by importing their pages again (those whose files are still there).
        pages = [p for p in report.pages if Path(p).is_file()]
        if pages:
            lib.import_paths(pages, force=True)
        # Restored notes may point at text that changed since the backup: look for them again now.
        reanchored = reanchor_ids(lib.db, report.added + report.updated)
        summary = {"added": len(report.added), "updated": len(report.updated), "unchanged": len(report.unchanged),
                   "review": reanchored.review, "orphaned": reanchored.orphaned,
                   "corrections": report.corrections, "pages_reimported": len(pages)}
        if args.json:
            print_json(summary)
        else:
            out.print(Text(f"{summary['added']} added, {summary['updated']} updated, "
                           f"{summary['unchanged']} already up to date"
                           + (f"; {report.corrections} split corrections added" if report.corrections else "")))
            if summary["review"] or summary["orphaned"]:
                err.print(Text(f"{summary['review']} need review, {summary['orphaned']} could not be found "
                               "(see `ipreader notes --orphans`)", style="yellow"))
        return 0

    return _run(args, action)
