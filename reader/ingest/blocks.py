"""Physical lines → blocks, against a profile of the page's own layout.

A *block* is one logical line: a paragraph, a title, a byline, a caption. On most pages that is a physical line.
Text copied from a PDF e-paper is hard-wrapped at the column width (every 17–26 characters), so a paragraph is many
physical lines; there the wrapped lines are joined back first, and everything downstream sees whole blocks.

The profile says how this page lays out its prose, so that later decisions are relative to the page, not to fixed
numbers: whether paragraphs are separated by blank lines, whether they open with an indent (　　), the wrap width
if the page is hard-wrapped, and how long its prose blocks are.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from reader.ingest import script
from reader.ingest.lines import byline_names, case_name, looks_like_name

_TERMINAL = frozenset("。！？…”」』）】’.!?")
_INDENT = re.compile(r"^(\u3000|\s{2,}|\t)")
_CLAUSE_MARK = re.compile(r"[，。、；：！？,.;:!?]")
_PUNCT_ONLY = re.compile(r"^[—–\-。，、；：？！）」』”’…·]{1,3}$")
_LATIN_END = re.compile(r"[A-Za-z0-9]+$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
# A line that is furniture or a byline by its look, which a wrapped paragraph never swallows.
_NEVER_CONTINUES = re.compile(
    r"^[（(]?(下转|上接|转第|接第)|第\s*[\d一二三四五六七八九十]+\s*版|^(本报记者|本報記者|记者|記者|通讯员|通訊員|□|■"
    r"|责任编辑|責任編輯|编辑|編輯|校对|校對|收稿日期|修回日期|基金项目|作者简介|通讯作者|https?:)|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(星期|周)"
    r"|(供图|摄|攝|新华社发|新華社發|视觉中国|視覺中國|资料图片|資料圖片)[）)]?$|^[（(]?(图|圖)[为為片]"
    r"|^[\u4e00-\u9fff]{2,12}\s*[·•]\s*[A-Z]\d{1,2}$"  # a weekly's page footer: 创新周刊·A2
)


@dataclass
class Block:
    text: str  # the logical line, stripped; wrapped physical lines joined
    key: str  # the matching key of `text` (script.key): same length, full-width punctuation, simplified script
    line: int  # first physical line, 1-based
    end: int  # last physical line
    gap: int  # blank lines directly above
    indent: bool  # opened by an indent (full-width spaces, two spaces or a tab)


@dataclass
class Profile:
    blank_separated: bool  # prose blocks are separated by blank lines
    indented: bool  # prose blocks open with an indent
    wrap: float | None  # the hard-wrap width in characters (half-width counts half), None if not wrapped
    prose_len: int  # median length of the page's long blocks (its prose), in characters
    traditional: bool  # the page is in traditional script


def width(text: str) -> float:
    """Printed width in full-width cells: ASCII counts half (counted in C: the ASCII bytes of the text)."""
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))


def _wrap_width(lines: list[str]) -> float | None:
    """The column width of a hard-wrapped page: most lines end at (nearly) the same width, mid-sentence."""
    widths = [width(x.rstrip()) for x in lines if x.strip()]
    if len(widths) < 8:
        return None
    counts = Counter(round(w) for w in widths if 10 <= w <= 40)
    if not counts:
        return None
    mode, _ = counts.most_common(1)[0]
    band = [x for x in lines if x.strip() and mode - 1.5 <= width(x.rstrip()) <= mode + 1.0]
    open_band = [x for x in band if x.rstrip()[-1:] not in _TERMINAL]
    # A wrapped page: a good share of its lines sit in one narrow band of widths, most of those stop
    # mid-sentence, and they carry most of the page's text. Pages of whole paragraphs have widths spread over
    # hundreds of characters (their titles may share a width, but hold little of the text).
    band_cells = sum(width(x.rstrip()) for x in band)
    if (
        len(band) >= max(6, 0.3 * len(widths))
        and len(open_band) >= 0.6 * len(band)
        and band_cells >= 0.5 * sum(widths)
    ):
        return float(mode)
    return None


def _glue(left: str, right: str) -> str:
    """Join a wrapped line to the next: nothing between CJK characters, and a Latin word or number cut at the wrap
    ("PC" | "T", "2." | "5%") glued whole; two Latin words get their space back."""
    if left.endswith("-") and left[-2:-1].isalpha() and right[:1].isalpha():
        return left[:-1] + right  # "inno-" | "vation"
    a, b = _LATIN_END.search(left), _LATIN_START.match(right)
    if a and b:
        before = left[: a.start()]
        # a run bounded by Chinese on the left is one token cut by the wrap; inside English text it is two words
        if before and not before.endswith(" ") and (_HAN.match(before[-1]) or not before[-1].isalpha()):
            return left + right
        if a.group().isdigit() and b.group().isdigit():
            return left + right
        return left + " " + right
    return left + right


def profile_and_blocks(text: str) -> tuple[Profile, list[Block]]:
    """The page's profile and its blocks, in reading order."""
    raw = text.split("\n")
    traditional = script.is_traditional(text)
    wrap = _wrap_width(raw)
    blocks: list[Block] = []
    gap = 0
    indented_page = _indents_paragraphs(raw)
    prev_raw = ""
    for no, line in enumerate(raw, 1):
        stripped = line.strip()
        if not stripped:
            gap += 1
            prev_raw = ""
            continue
        indent = bool(_INDENT.match(line))
        after = raw[no] if no < len(raw) else ""
        if (wrap is not None and blocks and gap == 0 and prev_raw
                and not _head_line(blocks, stripped, after, traditional, indented_page)
                and _continues_wrap(prev_raw, line, wrap, indented_page, after)):
            last = blocks[-1]
            joined = _glue(last.text, stripped)
            blocks[-1] = Block(joined, script.key(joined, traditional=traditional), last.line, no, last.gap, last.indent)
        else:
            blocks.append(Block(stripped, script.key(stripped, traditional=traditional), no, no, gap, indent))
        gap = 0
        prev_raw = line
    long_blocks = [len(b.text) for b in blocks if len(b.text) > 40 or b.text[-1:] in _TERMINAL]
    prose_len = int(statistics.median(long_blocks)) if long_blocks else 0
    prose = [b for b in blocks if len(b.text) > 40 or (len(b.text) > 12 and b.text[-1:] in _TERMINAL)]
    if len(prose) < 3:
        prose = blocks  # too little prose to tell: judge from every block
    blank_separated = sum(1 for b in prose[1:] if b.gap) >= 0.5 * max(1, len(prose) - 1) if len(prose) > 1 else False
    indented = sum(1 for b in prose if b.indent) >= 0.5 * max(1, len(prose)) if prose else False
    return Profile(blank_separated, indented, wrap, prose_len, traditional), blocks


_REFERENCE = re.compile(r"^[\[［]\d{1,3}[\]］]")
_AUTHOR_LINE = re.compile(r"^(文|作者)\s*[/／：:]")


def _ends_on_a_name(text: str) -> bool:
    names = byline_names(text, require_surname=False)
    key = script.key(text)
    return bool(names) and looks_like_name(script.key(names[-1])) and key.endswith(script.key(names[-1]))


def _head_line(blocks: list[Block], line: str, after: str, traditional: bool, indented_page: bool) -> bool:
    """A line of an article's head under a headline set at the column's width, its own block however wide the
    line above is: a case name ("张莉诉…纠纷案"), or a short unpunctuated label ("案情回顾") over an indented
    paragraph; also a label under a case name ("关键词")."""
    last = blocks[-1]
    label = len(line) <= 12 and not _CLAUSE_MARK.search(line)
    if case_name(last.key):
        return label  # (a case name may itself be set on two lines)
    if last.line != last.end:
        return False  # the line above is already part of a wrapped paragraph
    # On a page that indents its paragraphs, an unindented line after a finished block (a sentence's end, or a
    # line of its own such as a byline or a title's first line) opens no paragraph: it is a title.
    above = blocks[-2] if len(blocks) > 1 else None
    above_ends = above is None or above.text[-1:] in _TERMINAL or above.line == above.end
    if not (above_ends and indented_page and not last.indent and last.text[-1:] not in _TERMINAL):
        return False
    return case_name(script.key(line, traditional=traditional)) or (label and bool(_INDENT.match(after)))


def _title_tail(after: str, wrap: float) -> bool:
    """What follows a title set at the column's width: a new paragraph (indented), nothing, or the title's short
    last line with no punctuation."""
    text = after.strip()
    if not text or _INDENT.match(after):
        return True
    return width(text) < wrap - 1.5 and not _CLAUSE_MARK.search(text)


def _indents_paragraphs(raw: list[str]) -> bool:
    """Whether the page opens its paragraphs with an indent: most lines after a sentence's end are indented.

    (Counting all lines would miss it on a hard-wrapped page, where only a paragraph's first line is indented.)
    """
    after_end = indented = 0
    prev = ""
    for line in raw:
        if line.strip():
            if prev.rstrip()[-1:] in _TERMINAL:
                after_end += 1
                indented += bool(_INDENT.match(line))
            prev = line
    return after_end >= 3 and indented >= 0.5 * after_end


def _continues_wrap(prev: str, line: str, wrap: float, indented_page: bool, after: str = "") -> bool:
    """Whether physical `line` goes on the wrapped line `prev` (no blank line between them); `after` is the line
    below `line`."""
    prev_text = prev.strip()
    text = line.strip()
    if _PUNCT_ONLY.match(text):
        return True  # "——" or "。" pushed onto a line of its own by the wrap
    if _REFERENCE.match(prev_text) and prev_text[-1:] not in ".．。" and not _REFERENCE.match(text):
        return True  # a reference entry ends with its full stop: "[1]陈立峰.…[J].知识产权，" | "2023（6）：42-58."
    prev_width = width(prev.rstrip())
    if prev_width < wrap - 1.5:
        return False  # a short line ends its paragraph (or is a title, byline, folio)
    if prev_width > wrap + 1.0:
        return False  # wider than the column: a title or heading set across columns, not a wrapped line
    if _NEVER_CONTINUES.search(text) or _NEVER_CONTINUES.search(prev_text):
        return False
    if _AUTHOR_LINE.match(prev_text) and _ends_on_a_name(prev_text):
        return False  # "文/北京市通州区人民法院 法官助理 何娇" is whole; "文/…人民法院 法官" goes on with the name
    if len(text) <= 24 and byline_names(text) is not None and not _AUTHOR_LINE.match(prev_text):
        return False  # a line of names ("高原1，谢文2" under a paper's title) is a byline, never a wrapped tail
    if indented_page:
        if _INDENT.match(line):
            return False  # an indented line opens a new paragraph
    elif prev_text[-1:] in _TERMINAL:
        return False  # without indents, a full line that ends a sentence is taken as the paragraph's end
    if prev_text[-1:] in _TERMINAL and text[-1:] not in _TERMINAL and (
        abs(width(text) - wrap) > 1.5 or (not _CLAUSE_MARK.search(text) and _title_tail(after, wrap))
    ):
        # "…。" then a line that does not end a sentence and is not of the column's width, or one with no comma
        # in it whose rest is a short unpunctuated line or a new paragraph: a title below the paragraph
        return False
    return True
