"""Pre-wrapped article layout for the reader view: every screen line maps back to (paragraph, character span).

Pure functions over model dataclasses (no Textual), so the mapping that scrolling, find, position memory and
annotations rely on is testable without a terminal.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from rich.cells import cell_len

from reader.model import ArticleDetail, ParagraphKind
from reader.text.wrap import wrap_spans

# Header blocks come before the paragraphs and have no paragraph index.
HEADER_KINDS = ("kicker", "title", "subtitle", "byline", "doubt")
# Editor's notes get a left bar so they read as set apart from the body; the bar eats this many cells.
PREFIX = {ParagraphKind.EDITOR: "▎ "}


class Block(NamedTuple):
    kind: str  # a header kind, "rule", or a ParagraphKind
    text: str
    para: int  # index into ArticleDetail.paragraphs, -1 for header blocks and rules


class Line(NamedTuple):
    block: int  # index into Layout.blocks, -1 for a blank spacer line
    start: int  # code-point span of the block's text shown on this line
    end: int


BLANK = Line(-1, 0, 0)


@dataclass
class Layout:
    blocks: list[Block]
    lines: list[Line]
    width: int
    # first line of each paragraph, indexed by paragraph number (for jumps and position restore); only entries
    # in [first_para, end_para) are meaningful when the layout is partial
    para_first_line: list[int] = field(default_factory=list)
    first_para: int = 0
    end_para: int = 0

    @property
    def complete(self) -> bool:
        return self.first_para == 0 and self.end_para == len(self.para_first_line)

    def has_paragraph(self, para: int) -> bool:
        return self.first_para <= para < self.end_para

    def line_text(self, y: int) -> str:
        line = self.lines[y]
        if line.block < 0:
            return ""
        return self.blocks[line.block].text[line.start:line.end]

    def position_at(self, y: int) -> tuple[int, int]:
        """(paragraph, offset) of the first paragraph text at or after line `y`; (0, 0) above the body."""
        n = len(self.lines)
        for i in range(max(0, y), n):
            line = self.lines[i]
            if line.block >= 0 and self.blocks[line.block].para >= 0:
                return self.blocks[line.block].para, line.start
        # past the last paragraph: stay at the end of the article
        if self.end_para > self.first_para:
            last = self.end_para - 1
            last_block = self.blocks[self.lines[self.para_first_line[last]].block]
            return last, len(last_block.text)
        return 0, 0

    def line_of(self, para: int, offset: int = 0) -> int:
        """The line showing character `offset` of paragraph `para` (clamped into range)."""
        if self.end_para <= self.first_para:
            return 0
        para = min(max(para, self.first_para), self.end_para - 1)
        first = self.para_first_line[para]
        block = self.lines[first].block
        # lines of one paragraph are consecutive; find the last one starting at or before offset
        last = first
        while last + 1 < len(self.lines) and self.lines[last + 1].block == block:
            last += 1
        starts = [self.lines[i].start for i in range(first, last + 1)]
        return first + max(0, bisect_right(starts, offset) - 1)

    def headings(self) -> list[tuple[int, str]]:
        """(paragraph index, text) of every section heading, for the outline."""
        return [(b.para, b.text) for b in self.blocks if b.kind == ParagraphKind.HEADING]


def header_blocks(article: ArticleDetail) -> list[Block]:
    out: list[Block] = []
    if article.kicker:
        out.append(Block("kicker", article.kicker, -1))
    out.append(Block("title", article.title, -1))
    if article.subtitle:
        out.append(Block("subtitle", article.subtitle, -1))
    byline = "　".join(a for a in article.authors if a)
    if article.column:
        byline = f"{byline} · {article.column}" if byline else article.column
    if byline:
        out.append(Block("byline", byline, -1))
    if article.doubtful:
        # The splitter was unsure where this article starts or ends: say so, so the reader knows to check.
        out.append(Block("doubt", f"【分篇存疑】把握 {article.confidence:.0%}：本文的起止可能有误，请核对", -1))
    return out


def build_layout(article: ArticleDetail, width: int, breaks: list[list[int]] | None = None, *,
                 start: int = 0, min_lines: int | None = None) -> Layout:
    """Wrap the article to `width` cells. `breaks` are jieba word ends per paragraph (may be None).

    With `start`/`min_lines` only a window is wrapped — paragraphs from `start` until at least `min_lines`
    lines exist — so a long article can be shown at once while the full layout is made in the background.
    """
    width = max(8, width)
    start = min(max(start, 0), max(len(article.paragraphs) - 1, 0))
    blocks = header_blocks(article) if start == 0 else []
    if start == 0:
        blocks.append(Block("rule", "─" * width, -1))
    for i in range(start, len(article.paragraphs)):
        p = article.paragraphs[i]
        blocks.append(Block(p.kind, p.text, i))

    lines: list[Line] = []
    para_first: list[int] = [0] * len(article.paragraphs)
    prev_kind = ""
    end = start
    for bi, block in enumerate(blocks):
        if min_lines is not None and len(lines) >= min_lines:
            break
        if block.kind == "rule":
            lines.append(Line(bi, 0, len(block.text)))
            lines.append(BLANK)
            prev_kind = "rule"
            continue
        if block.para >= 0 and prev_kind not in ("", "rule"):
            lines.append(BLANK)  # paragraphs are separated by a blank line; header lines sit together
            if block.kind == ParagraphKind.HEADING:
                lines.append(BLANK)  # and a heading gets extra air above it
        avail = width - cell_len(PREFIX.get(block.kind, ""))
        para_breaks = breaks[block.para] if (breaks is not None and 0 <= block.para < len(breaks)) else None
        spans = wrap_spans(block.text, avail, para_breaks) if block.text else [(0, 0)]
        if not spans:
            spans = [(0, 0)]
        if block.para >= 0:
            para_first[block.para] = len(lines)
            end = block.para + 1
        lines.extend(Line(bi, s, e) for s, e in spans)
        prev_kind = block.kind
    return Layout(blocks=blocks, lines=lines, width=width, para_first_line=para_first, first_para=start,
                  end_para=end if article.paragraphs else 0)


def find_hits(paragraphs: list[str], query: str) -> list[tuple[int, int, int]]:
    """Every (paragraph, start, end) match of `query`, in reading order.

    Uses the search module's matcher when it exists (it knows about width/punctuation variants); plain
    case-insensitive substring otherwise.
    """
    if not query:
        return []
    find_in_text = _matcher()
    hits: list[tuple[int, int, int]] = []
    for i, text in enumerate(paragraphs):
        if find_in_text is not None:
            for span in find_in_text(text, query):
                start, end = _span(span)
                hits.append((i, start, end))
            continue
        low, q = text.lower(), query.lower()
        pos = low.find(q)
        while pos >= 0:
            hits.append((i, pos, pos + len(q)))
            pos = low.find(q, pos + max(1, len(q)))
    return hits


def _matcher():  # type: ignore[no-untyped-def]
    try:
        from reader.search.match import find_in_text
    except ImportError:
        return None
    return find_in_text


def _span(span: object) -> tuple[int, int]:
    # find_in_text may hand back (start, end) tuples or objects with .start/.end
    if isinstance(span, tuple):
        return int(span[0]), int(span[1])
    return int(getattr(span, "start")), int(getattr(span, "end"))
