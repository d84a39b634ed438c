"""CLI commands for full-text search: `search` and `concordance`."""
from __future__ import annotations

import argparse
from dataclasses import asdict

from rich.table import Table
from rich.text import Text

from reader.cli.command import AddParser
from reader.cli.output import NOTHING_FOUND, err, error, out, print_json, safe
from reader.search import QueryError, SearchHit, concordance, search, search_ids
from reader.search.concordance import cell_width, one_line
from reader.search.why import hit_forms
from reader.text.folded import Folded

_QUERY_HELP = ('words to find (all must occur); "quoted phrase", -exclude, topic:名称, author:名字. '
               "Exclusions may stand anywhere: ipreader search 专利 -商标 --json")


def register(add_parser: AddParser) -> None:
    p = add_parser("search", help="full-text search (finds any substring, one character included)")
    p.add_argument("words", nargs="*", metavar="QUERY", help=_QUERY_HELP)
    p.add_argument("--topic", help="only articles with this topic")
    p.add_argument("--limit", type=int, default=20, help="at most N results (0 = all; default 20)")
    p.add_argument("--newest", action="store_true", help="newest imports first instead of best match first")
    p.add_argument("--json", action="store_true", help="print a JSON list of {id, title, source, hits, snippet, matched}; matched names the "
                        "highlights written otherwise than typed: {typed, found, how: traditional|simplified|width|case}")
    p.add_argument("--ids", action="store_true",
                   help="print only the ids of every matching article, ascending (fast; ignores --limit/--newest)")
    p.set_defaults(func=cmd_search)

    p = add_parser("concordance", help="every occurrence of a term with its context (KWIC)")
    p.add_argument("words", nargs="*", metavar="TERM", help="word or phrase")
    p.add_argument("--width", type=int, default=20, help="characters of context each side (default 20)")
    p.add_argument("--limit", type=int, default=None, help="at most N lines")
    p.add_argument("--topic", help="only articles with this topic")
    p.add_argument("--json", action="store_true", help="print a JSON list of lines")
    p.set_defaults(func=cmd_concordance)


def _open(args: argparse.Namespace):
    from reader.library import Library

    return Library(args.db)


def highlighted(text: str, spans: list[tuple[int, int]], style: str = "bold reverse") -> Text:
    """Plain text with spans styled; the text is never parsed as markup."""
    t = safe(text)
    for start, end in spans:
        t.stylize(style, start, end)
    return t


def _snippet_cell(h: SearchHit, query: str) -> Text:
    """The snippet, highlighted, and a line naming highlights written otherwise than typed (the other script, …)."""
    cell = highlighted(h.snippet, h.snippet_spans)
    found = hit_forms(h.snippet, h.snippet_spans, query)
    if found:
        cell.append("\n")
        cell.append_text(Text("匹配 " + " · ".join(f.describe() for f in found), style="dim"))
    return cell


def _hits_table(hits: list[SearchHit], query: str, labels: dict[str, str] | None = None) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("title", ratio=2, overflow="ellipsis", no_wrap=True)
    table.add_column("source", ratio=1, overflow="ellipsis", no_wrap=True)
    table.add_column("hits", justify="right", no_wrap=True)
    table.add_column("snippet", ratio=4, overflow="fold")
    for h in hits:
        source = (labels or {}).get(h.source) or h.source
        table.add_row(str(h.id), safe(h.title), safe(source), str(h.hits),
                      Folded(_snippet_cell(h, query)))
    return table


def cmd_search(args: argparse.Namespace) -> int:
    query = " ".join(args.words)
    if not query.strip():
        error('search needs words to find, e.g. ipreader search 知识产权 "质押融资" -商标')
        return 2
    limit = None if args.limit is not None and args.limit <= 0 else args.limit
    lib = _open(args)
    try:
        if args.ids:
            ids = search_ids(lib.db, query, topic=args.topic)
        else:
            hits = search(lib.db, query, limit=limit, topic=args.topic, order="newest" if args.newest else "rank")
            # The table names pages as the reading room does; --json keeps the file name (the documented contract).
            labels = lib.source_labels() if not args.json else {}
    except QueryError as exc:
        error(str(exc))
        return 2
    finally:
        lib.close()
    if args.ids:
        if args.json:
            print_json(ids)
        elif ids:  # plain lines, no table: meant for pipes (xargs, wc -l)
            out.print("\n".join(map(str, ids)), markup=False, highlight=False)
        return 0 if ids else NOTHING_FOUND
    if args.json:
        print_json([{"id": h.id, "title": h.title, "source": h.source, "hits": h.hits, "snippet": h.snippet,
                     "matched": [f.as_json() for f in hit_forms(h.snippet, h.snippet_spans, query)]}
                    for h in hits])
        return 0 if hits else NOTHING_FOUND
    if not hits:
        err.print(Text("No articles match ") + safe(query))
        return NOTHING_FOUND
    out.print(_hits_table(hits, query, labels))
    return 0


def cmd_concordance(args: argparse.Namespace) -> int:
    term = " ".join(args.words)
    lib = _open(args)
    try:
        lines = concordance(lib.db, term, width=args.width, limit=args.limit, topic=args.topic)
    except QueryError as exc:
        error(str(exc))
        return 2
    finally:
        lib.close()
    if args.json:
        print_json([asdict(k) for k in lines])
        return 0 if lines else NOTHING_FOUND
    if not lines:
        err.print(Text("No occurrences of ") + safe(term))
        return NOTHING_FOUND
    # The reference (#article·paragraph) leads each line so a narrow terminal crops context, never the address;
    # the left context is padded to one cell width so every match starts in the same column (CJK is two wide).
    refs = [f"#{k.article_id}·{k.paragraph}" for k in lines]
    ref_width = max(map(len, refs))
    pad = max(cell_width(one_line(k.left)) for k in lines)
    for ref, k in zip(refs, lines):
        left = one_line(k.left)
        row = Text(ref.ljust(ref_width) + "  ", style="dim") + Text(" " * (pad - cell_width(left))) + safe(left)
        row += Text(" ") + Text(one_line(k.match), style="bold reverse")
        row += Text(" ") + safe(one_line(k.right))
        out.print(row, no_wrap=True, overflow="ellipsis", crop=True)
    return 0
