"""CLI commands over the library itself: import, list, show, topics, retag, doctor, backup."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from reader.cli.command import AddParser
from reader.cli.output import NOTHING_FOUND, err, error, out, print_json, safe
from reader.library import Library
from reader.model import FileResult, ImportReport, ParagraphKind, Step
from reader.text.folded import Folded
from reader.text.visible import one_line


# How `show` sets each kind of paragraph apart (the reader's styles are in app.tcss).
_KIND_STYLE = {ParagraphKind.HEADING: "bold", ParagraphKind.NOTE: "dim", ParagraphKind.EDITOR: "italic",
               ParagraphKind.QUESTION: "bold cyan"}


def register(add_parser: AddParser) -> None:
    p = add_parser("import", help="import text files or folders of pages")
    p.add_argument("paths", nargs="*", metavar="PATH", help="text files or folders of them (.txt, .text, .md)")
    p.add_argument("--samples", action="store_true", help="also the bundled sample pages (five pages about 知识产权, "
                                                         "新质生产力 and SMEs)")
    p.add_argument("--force", action="store_true", help="re-import files even when unchanged")
    p.add_argument("--max-mb", dest="max_bytes", type=_megabytes, default=None, metavar="N",
                   help="largest file to read, in MB (default: 256); a larger one fails with the reason")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_import)

    p = add_parser("remove", help="take pages out of the library; their notes stay, as orphans, until the "
                                      "page is imported again")
    p.add_argument("sources", nargs="*", metavar="SOURCE",
                   help="a page's path, file name or label (the source column of `ipreader list`)")
    p.add_argument("--samples", action="store_true", help="the bundled sample pages")
    p.add_argument("--dry-run", action="store_true", help="say what would be removed, remove nothing")
    p.add_argument("--json", action="store_true", help="print what was removed as JSON")
    p.set_defaults(func=cmd_remove)

    p = add_parser("list", help="list articles")
    p.add_argument("--topic", action="append", help="only articles with this topic (repeat for OR)")
    p.add_argument("--filter", metavar="TEXT", help="only articles whose title has TEXT, in either script or as "
                                                    "pinyin (zscq, zhishichanquan), or whose authors/topics do")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--table", action="store_true", help="the boxed table even when piped (default when piped: one "
                                                       "tab-separated line per article)")
    p.set_defaults(func=cmd_list)

    p = add_parser("show", help="show one article")
    p.add_argument("id", type=int, help="the article id (see `ipreader list`)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_show)

    p = add_parser("topics", help="list topics with article counts")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_topics)

    p = add_parser("retag", help="re-apply the topic taxonomy and refit keywords")
    p.set_defaults(func=cmd_retag)

    p = add_parser("backup", help="write a consistent copy of the library database")
    p.add_argument("target", type=Path, help="where to write the copy of the library")
    p.set_defaults(func=cmd_backup)


def _megabytes(value: str) -> int:
    """--max-mb N as bytes: a whole number of megabytes, at least 1."""
    try:
        mb = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of megabytes: {value!r}") from None
    if mb < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 MB, not {mb}")
    return mb * 1024 * 1024


class _CharsPerSecond(ProgressColumn):
    def render(self, task) -> Text:  # type: ignore[override]
        elapsed = task.elapsed or 0
        chars = task.fields.get("chars", 0)
        return Text(f"{chars / elapsed:,.0f} chars/s" if elapsed > 0 else "", style="progress.data.speed")


def run_import(lib: Library, paths: list[str], *, force: bool = False, quiet: bool = False,
               max_bytes: int | None = None) -> ImportReport:
    """Import with a Rich progress bar on a terminal, plain lines when piped."""
    if quiet:
        return lib.import_paths(paths, force=force, max_bytes=max_bytes)
    _warn_big(paths)
    if err.is_terminal:
        progress = Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(), _CharsPerSecond(),
                            TimeRemainingColumn(), TextColumn("{task.fields[name]}"), console=err, transient=True)
        with progress:
            task = progress.add_task("import", total=None, chars=0, name="")

            def on_file(result: FileResult, done: int, total: int) -> None:
                fields = progress.tasks[0].fields
                progress.update(task, completed=done, total=total, chars=fields["chars"] + result.chars,
                                name=Path(result.path).name)

            def on_step(path: str, step: Step, done: float) -> None:  # within one big file
                progress.update(task, name=safe(f"{Path(path).name} · {_step_label(step, done)}").plain)

            return lib.import_paths(paths, force=force, on_file=on_file, max_bytes=max_bytes, on_step=on_step)

    started = time.monotonic()

    def plain(result: FileResult, done: int, total: int) -> None:
        # safe(): a file name may hold ESC or other controls; it is shown as their pictures, never sent raw.
        line = safe(f"[{done}/{total}] {result.status}: {result.path}" + (f" ({result.reason})" if result.reason else ""))
        line.no_wrap = True
        err.print(line, soft_wrap=True)

    shown: dict[str, tuple[Step, int]] = {}

    def plain_step(path: str, step: Step, done: float) -> None:
        # a line per step, and per tenth of the segmenting (the long part), not per percent
        mark = (step, int(done * 10))
        if shown.get(path) != mark:
            shown[path] = mark
            err.print(safe(f"  {path}: {_step_label(step, done)}"), soft_wrap=True)

    report = lib.import_paths(paths, force=force, on_file=plain, max_bytes=max_bytes, on_step=plain_step)
    err.print(Text(f"done in {time.monotonic() - started:.1f} s"))
    return report


SUMMARY_ROWS = 20
BIG_FILE = 32 * 1024 * 1024  # a page this size takes long enough to say so before it starts


def _step_label(step: Step, done: float) -> str:
    return f"{step.value} {done:.0%}" if step == Step.SEGMENTING else f"{step.value}…"


def _warn_big(paths: list[str]) -> None:
    """Progress moves a file at a time: name the big ones first, so a long wait is not taken for a hang."""
    for path in paths:
        try:
            size = os.stat(path).st_size if os.path.isfile(path) else 0
        except OSError:
            continue
        if size >= BIG_FILE:
            err.print(safe(f"{Path(path).name} is {size // (1024 * 1024)} MB: preparing it takes a while (about a "
                           "minute per 100 MB on a small machine); its steps show as it goes"), style="dim")


def _shown_path(path: str) -> str:
    """Relative to the working folder when that is shorter: the table has little room."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return rel if len(rel) < len(path) else path


def print_report(report: ImportReport) -> None:
    table = Table(title="import", title_justify="left")
    table.add_column("file")
    table.add_column("status")
    table.add_column("articles", justify="right")
    table.add_column("chars", justify="right")
    table.add_column("reason / warnings")
    styles = {"imported": "green", "skipped": "yellow", "failed": "bold red"}
    # A big batch lists only what needs attention; quiet successes fold into one line per status.
    fold = {status for status in ("imported", "skipped")
            if sum(1 for f in report.files if f.status == status and not f.warnings) > SUMMARY_ROWS}
    for f in report.files:
        if f.status in fold and not f.warnings:
            continue
        note = f.reason or "; ".join(f.warnings)
        table.add_row(safe(_shown_path(f.path)), Text(f.status, style=styles[f.status]), str(f.articles or ""),
                      f"{f.chars:,}" if f.chars else "", safe(note))
    for status in sorted(fold):
        rows = [f for f in report.files if f.status == status and not f.warnings]
        table.add_row(Text(f"… {len(rows)} files", style="dim"), Text(status, style=styles[status]),
                      str(sum(f.articles for f in rows) or ""), f"{sum(f.chars for f in rows):,}" if status == "imported" else "", "")
    table.caption = (f"{len(report.imported)} imported, {len(report.skipped)} skipped, {len(report.failed)} failed")
    out.print(table)  # the command's result: stdout (the progress went to stderr)


def cmd_import(args: argparse.Namespace) -> int:
    if not args.paths and not args.samples:
        error("import: give a PATH (a page or a folder of pages), or --samples for the bundled sample pages")
        return 2
    try:
        lib = Library(args.db)
        paths = [*args.paths, *(str(p) for p in lib.seed_files() if args.samples)]
        report = run_import(lib, paths, force=args.force, max_bytes=args.max_bytes)
    except KeyboardInterrupt as exc:
        return _interrupted(exc)
    if args.json:
        print_json(report.files)
    else:
        print_report(report)
    return 0 if report.ok else 1


def cmd_remove(args: argparse.Namespace) -> int:
    from reader.removal import RemoveError

    if not args.sources and not args.samples:
        error("remove: give a SOURCE (a page's path, file name or label), or --samples")
        return 2
    lib = Library(args.db)
    try:
        removed = lib.remove_sources(args.sources, samples=args.samples, dry_run=args.dry_run)
    except RemoveError as exc:
        error(str(exc))
        return 1
    finally:
        lib.close()
    if args.json:
        print_json({"removed": [{"name": s.name, "path": s.path} for s in removed.sources],
                    "articles": removed.articles, "notes_kept": removed.notes_kept, "dry_run": args.dry_run})
        return 0 if removed.sources else 1
    if not removed.sources:
        err.print("no sample pages in this library: nothing removed")
        return 1
    verb = "would remove" if args.dry_run else "removed"
    for source in removed.sources:
        out.print(Text(f"{verb} ") + safe(source.path))
    summary = f"{verb} {len(removed.sources)} pages, {removed.articles} articles"
    if removed.notes_kept:
        summary += (f"; {removed.notes_kept} notes kept as orphans (`ipreader notes --orphans`): importing the page "
                    "again anchors them again")
    out.print(summary, markup=False, highlight=False, soft_wrap=True)
    return 0


INTERRUPTED = 130  # what a shell reports for a job stopped by SIGINT


def _interrupted(exc: KeyboardInterrupt) -> int:
    """Ctrl-C: one line saying how far the import got (each file was its own transaction), no traceback."""
    from reader.importer import ImportInterrupted  # loaded already whenever the import itself had begun

    if isinstance(exc, ImportInterrupted) and exc.total:
        err.print(Text(f"interrupted: {exc.settled} of {exc.total} files imported; run again to finish"),
                  soft_wrap=True)
    else:
        err.print(Text("interrupted: no file imported; run again to finish"), soft_wrap=True)
    return INTERRUPTED


def cmd_list(args: argparse.Namespace) -> int:
    lib = Library(args.db)
    wanted = [args.topic] if isinstance(args.topic, str) else list(args.topic or [])
    unknown = [t for t in wanted if t not in {topic.name for topic in lib.topics()}]
    if unknown:
        error(f"no topic {unknown[0]!r} (see `ipreader topics`)")
        return 2
    arts = lib.articles(topic=args.topic, text=args.filter)
    # A filter or topic that picks nothing is a search that found nothing (exit 1, as grep); a bare list is not.
    found = 0 if arts or not (args.filter or wanted) else NOTHING_FOUND
    if args.json:
        print_json(arts)
        return found
    if not out.is_terminal and not args.table:  # piped: one whole line per article, tab-separated, for grep, cut, awk
        lines = ["id\tsource\t#\ttitle\tauthors\ttopics\tchars"]
        for a in arts:
            title = f"{a.kicker} {a.title}" if a.kicker else a.title
            cells = [str(a.id), a.source, str(a.ordinal), title, "、".join(a.authors) or a.column or "",
                     "、".join(a.topics), str(a.chars)]
            lines.append("\t".join(one_line(c) for c in cells))  # one_line: no tab, newline or control inside
        sys.stdout.write("\n".join(lines) + "\n")
        return found
    table = Table(title=f"{len(arts)} articles", title_justify="left")
    for col, kw in (("id", {"justify": "right"}), ("source", {}), ("#", {"justify": "right"}), ("title", {"ratio": 3}),
                    ("authors", {}), ("topics", {"ratio": 2}), ("chars", {"justify": "right"})):
        table.add_column(col, **kw)
    for a in arts:
        title = safe(a.title)
        if a.kicker:
            title = Text.assemble(safe(a.kicker), " ", title)
        table.add_row(str(a.id), safe(a.source), str(a.ordinal), Folded(title),
                      Folded(safe("、".join(a.authors) or a.column or "")), Folded(safe("、".join(a.topics))),
                      f"{a.chars:,}")
    out.print(table)
    return found


def cmd_show(args: argparse.Namespace) -> int:
    lib = Library(args.db)
    try:
        art = lib.article(args.id)
    except KeyError:
        error(f"no article with id {args.id} (see `ipreader list`)")
        return 2
    if args.json:
        print_json(art)
        return 0
    lines: list[tuple[str, str]] = []  # (text, style), one per heading line or paragraph
    if art.column:
        lines.append((f"【{art.column}】", "magenta"))
    if art.kicker:
        lines.append((art.kicker, "italic"))
    lines.append((art.title, "bold"))
    if art.subtitle:
        lines.append((art.subtitle, "italic"))
    if art.authors:
        lines.append(("、".join(art.authors), "cyan"))
    lines.append((f"{art.source} · #{art.ordinal} · {'、'.join(art.topics)}", "dim"))
    for text, style in lines:
        _print_folded(text, style)
    out.print()
    for p in art.paragraphs:
        style = _KIND_STYLE.get(p.kind, "")  # StrEnum keys: the stored string finds its kind
        _print_folded(("　　" if p.kind == ParagraphKind.BODY else "") + p.text, style)
        out.print()
    return 0


def _print_folded(text: str, style: str) -> None:
    """One paragraph: folded by the Chinese line breaker on a terminal; into a pipe one line, for grep and friends."""
    if out.is_terminal:
        out.print(Folded(Text(text, style=style)))
    else:
        out.print(Text(text, style=style), soft_wrap=True)


KEYWORDS_SHOWN = 40  # per topic in the `topics` table


def cmd_topics(args: argparse.Namespace) -> int:
    lib = Library(args.db)
    topics = lib.topics()
    if args.json:
        print_json(topics)
        return 0
    table = Table(title="topics", title_justify="left")
    table.add_column("topic")
    table.add_column("articles", justify="right")
    table.add_column("keywords")
    for t in topics:
        shown = "、".join(t.keywords[:KEYWORDS_SHOWN])
        if len(t.keywords) > KEYWORDS_SHOWN:  # a generated taxonomy may have thousands: `--json` has them all
            shown += f" … (+{len(t.keywords) - KEYWORDS_SHOWN:,})"
        table.add_row(safe(t.name), str(t.count), Folded(safe(shown)))
    out.print(table)
    return 0


def cmd_retag(args: argparse.Namespace) -> int:
    lib = Library(args.db)
    from reader.text.tags import TaxonomyError

    try:
        n = lib.retag()
    except TaxonomyError as exc:
        error(str(exc))
        return 2
    err.print(Text(f"re-tagged {n} articles with {lib.taxonomy_path()}"))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from reader import store

    lib = Library(args.db)
    store.backup_to(lib.conn, args.target)
    err.print(Text(f"wrote {args.target}"))
    return 0


def main_import_and_open(lib: Library, path: str, *, max_bytes: int | None = None) -> int | None:
    """`ipreader FILE`: import FILE when new, then return its first article id (like `less FILE`)."""
    report = run_import(lib, [path], quiet=not sys.stderr.isatty(), max_bytes=max_bytes)
    if report.failed:
        print_report(report)
        return None
    ids = lib.source_article_ids(path)
    return ids[0] if ids else None
