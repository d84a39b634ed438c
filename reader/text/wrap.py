"""Chinese-aware line breaking: fold one paragraph into display lines measured in terminal cells.

Rich and Textual break at spaces only and fold CJK runs at a cell boundary, so a line may start with "，" or
split "1867.4". This module breaks between CJK characters, keeps Latin words, numbers, URLs and e-mail addresses
whole, and applies the Chinese line-breaking rules (禁则): no line starts with closing punctuation, none ends
with opening punctuation. A terminal cannot hang punctuation into the margin, so a violation is fixed by
pushing characters down to the next line (追い出し), never by overfilling a line.

Spaces at a break stay at the END of the previous line: `spans` cover the text exactly, and those trailing
spaces are not counted against the width (`wrap_text` strips them for display). A line therefore never starts
with a space, except the paragraph's own leading indentation.

Speed: the reader pre-wraps whole articles, so the work per character is done in C (str.translate, regex,
itertools.accumulate, bytearray slices); Python code runs per line, not per character.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from rich.cells import cell_len, get_character_cell_size

__all__ = ["wrap_spans", "wrap_text", "fold_lines", "display_width", "CLOSING", "OPENING"]

# Never at the start of a line (行首禁则). The brief's list, plus the usual GB/T 15834 and JIS X 4051 extras
# (full-width variants, unit signs, iteration marks, small kana). "—" and "…" are here too, which also makes
# "——" and "……" unbreakable pairs: no break may fall before either half.
CLOSING = frozenset(
    "。，、；：？！）」』”’》〉】…—"
    ",.;:?!)]}"
    "．％‰℃°〕〗〙〛｝］＞｠›»〃〆〞﹚﹜﹞︶︸︺︼︾﹀﹂﹄‼⁇⁈⁉⋯―｡､｣"
    "%々〻ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
)
# Never at the end of a line (行尾禁则): opening brackets and quotes, and currency signs that lead a number.
OPENING = frozenset("（「『“‘《〈【([{" "〔〖〘〚｛［＜｟‹«﹙﹛﹝︵︷︹︻︽︿﹁﹃｢$¥£€￥＄￡₩")
# Glued on both sides: non-breaking spaces, word joiners, the middle dot of transliterated names (马克·吐温).
_GLUE = frozenset("\u00a0\u202f\u2060\ufeff\u2011·・‧")
_ZWJ = "\u200d"
_NO_BEFORE = CLOSING | _GLUE
_NO_AFTER = OPENING | _GLUE | {_ZWJ}
_QUOTES = frozenset("\"'")  # ASCII quotes are ambiguous (open or close): decided from their neighbours
_SPACE = " "
_SPACE_OR_OPEN = OPENING | {_SPACE}

# Latin-like word characters: letters and digits of any script that writes words with spaces, i.e. \w without
# "_" and without CJK ideographs, kana, bopomofo, hangul and CJK symbols (those break between any two).
_CJK_RANGES = (
    "\u1100-\u11ff\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u3190-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
)
# `re` compiles a class of these ranges in Python, one bit per code point (~3 ms per occurrence): so the class
# appears once, in the pattern that finds the runs of text between CJK characters, and the word pattern, run
# only inside those runs, can use the cheap \w without it (a word never spans a CJK character).
_NON_CJK_RUN = re.compile(rf"[^{_CJK_RANGES}]{{2,}}")  # a token needs two characters to glue anything
_L = r"[^\W_]"
# Combining marks stay with their letter (they are zero-width, but the word must not end before them).
_M = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_WORD = rf"{_L}(?:{_L}|{_M})*"
# Unbreakable tokens. Words and numbers with inner connectors: 2.5, R&D, e-mail, 1/3, 2021-02-01, 10:30, don't.
_WORD_TOKEN = re.compile(rf"{_WORD}(?:[.,:/&'’_\-]{_WORD})*")
# The rarer kinds get their own patterns, run only when their marker is in the text: one alternation costs
# the regex engine several times more per character of Chinese than the word pattern alone.
# A URL keeps ASCII punctuation inside but not at its end ("见http://a.b)." keeps ")." outside).
_URL_TOKEN = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)[!-~]*[A-Za-z0-9/#=&_~+\-]")
_EMAIL_TOKEN = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_SIGNED_NUMBER = re.compile(r"(?<![A-Za-z0-9])[+\-−±][0-9]")  # the sign stays with its number: -5%, +86


class _WidthTable(dict[int, int]):
    """code point → cell width, filled on first sight so str.translate can map a whole text in C."""

    def __missing__(self, code: int) -> int:
        width = get_character_cell_size(chr(code))
        self[code] = width
        if width == 0:
            _ZERO_WIDTH.add(chr(code))
        return width


_WIDTHS = _WidthTable()
# Characters of width 0 (combining marks, ZWJ, VS16, controls): never break before one.
_ZERO_WIDTH: set[str] = set()
_ONES = b"\x01" * 4096


def display_width(s: str) -> int:
    """Terminal cell width of `s` (East Asian wide = 2), exactly as Rich and Textual measure it."""
    return cell_len(s)


def _cumulative_widths(text: str) -> list[int]:
    """cum[i] = cell width of text[:i], consistent with rich.cells.cell_len on any line we may cut."""
    per_char = text.translate(_WIDTHS).encode("latin-1")  # one byte (0, 1 or 2) per code point
    if "\ufe0f" not in text:
        return list(accumulate(per_char, initial=0))
    # VS16 widens the character before it; cell_len measures that per grapheme cluster, and we never cut a
    # cluster, so give each cluster's extra width to its first VS16. Rare, so plain Python is fine here.
    widths = list(per_char)
    done = -1
    for m in re.finditer("\ufe0f", text):
        start = m.start()
        while start > 0 and text[start] in _ZERO_WIDTH:
            start -= 1
        if start == done:
            continue
        end = m.end()
        while end < len(text) and text[end] in _ZERO_WIDTH:
            end += 1
        widths[m.start()] += cell_len(text[start:end]) - sum(widths[start:end])
        done = start
    return list(accumulate(widths, initial=0))


def _glue(mask: bytearray, s: int, e: int) -> None:
    """Mark the breaks inside text[s:e] as forbidden."""
    if e - s > 1:
        mask[s + 1 : e] = _ONES[: e - s - 1] if e - s - 1 <= len(_ONES) else b"\x01" * (e - s - 1)


def _glue_mask(text: str) -> bytearray:
    """mask[b] == 1 when position b (between text[b-1] and text[b]) lies inside an unbreakable token."""
    mask = bytearray(len(text) + 1)
    for run in _NON_CJK_RUN.finditer(text):
        for m in _WORD_TOKEN.finditer(text, *run.span()):
            _glue(mask, *m.span())
    patterns = []
    if "://" in text or "www." in text:
        patterns.append(_URL_TOKEN)
    if "@" in text:
        patterns.append(_EMAIL_TOKEN)
    if "+" in text or "-" in text or "−" in text or "±" in text:
        patterns.append(_SIGNED_NUMBER)
    for pattern in patterns:
        for m in pattern.finditer(text):
            _glue(mask, *m.span())
    return mask


def _legal(text: str, p: int, b: int, glue: bytearray) -> bool:
    """May a line that starts at p end at b (p < b < len(text))? Applies every rule; spaces trail the line."""
    c = text[b]
    if c in _NO_BEFORE or c in _ZERO_WIDTH or c == _SPACE or glue[b]:
        return False
    if c in _QUOTES and text[b - 1] != _SPACE:
        return False  # a quote touching the previous character belongs to it
    bt = b
    while bt > p and text[bt - 1] == _SPACE:
        bt -= 1
    if bt == p:
        return True  # only the paragraph's leading indentation precedes b
    last = text[bt - 1]
    if last in _NO_AFTER:
        return False
    if last in _QUOTES and (bt == b or bt - 1 == 0 or text[bt - 2] in _SPACE_OR_OPEN):
        return False  # glued to the next character, or an opening quote
    return True


def _hard_split(text: str, p: int, q: int, e: int, glue: bytearray) -> int:
    """End a line at p when no legal break fits: the unbreakable run starting at p is wider than the line."""
    # 1. Keep words whole, give up a punctuation rule (e.g. "（PCT）" in 5 cells).
    for b in range(e, p, -1):
        c = text[b]
        if not glue[b] and c != _SPACE and c not in _ZERO_WIDTH:
            return b
    # 2. The token itself is too wide (a long URL): cut it, but not before "." or after "(" if avoidable.
    for b in range(q, p, -1):
        c = text[b]
        if c != _SPACE and c not in _NO_BEFORE and c not in _ZERO_WIDTH and text[b - 1] not in _NO_AFTER:
            return b
    # 3. Fold by cells, never inside a grapheme cluster (a ZWJ sequence may be cut: cell_len adds up there).
    b = q
    while b > p and text[b] in _ZERO_WIDTH:
        b -= 1
    if b == p:  # the first cluster alone is wider than the line: it gets a line of its own
        b = p + 1
        while b < len(text) and text[b] in _ZERO_WIDTH:
            b += 1
    while b < len(text) and text[b] == _SPACE:
        b += 1
    return b


def _prefer_word_end(
    text: str, p: int, b: int, cum: list[int], breaks: Sequence[int], slack: int, glue: bytearray
) -> int:
    """Move a legal break back to a word end if that leaves at most `slack` more cells empty."""
    if text[b - 1] == _SPACE:
        return b  # after a space is already a word boundary
    floor = cum[b] - slack
    i = bisect_right(breaks, b) - 1
    while i >= 0:
        k = breaks[i]
        if k <= p or cum[k] < floor:
            break
        if k == b or _legal(text, p, k, glue):
            return k
        i -= 1
    return b


def wrap_spans(
    text: str, width: int, breaks: Sequence[int] | None = None, *, slack: int = 2
) -> list[tuple[int, int]]:
    """Fold one paragraph (no newlines) into display lines of at most `width` cells.

    Returns (start, end) code-point spans that tile `text` exactly. Spaces at a break end the previous span and
    do not count against `width`. A line is wider than `width` only when one unbreakable cluster (a wide
    character in a 1-cell line) is. `breaks` are sorted word-end offsets (jieba): a break moves back to one
    when that costs at most `slack` cells and breaks no rule. An empty text is one empty line: [(0, 0)].
    """
    if width < 1:
        raise ValueError(f"width must be >= 1, got {width}")
    n = len(text)
    if n * 2 <= width:  # no character is wider than 2 cells
        return [(0, n)]
    cum = _cumulative_widths(text)
    n_visible = len(text.rstrip(_SPACE))
    if cum[n_visible] <= width:
        return [(0, n)]
    glue = _glue_mask(text)
    spans: list[tuple[int, int]] = []
    p = 0
    while True:
        limit = cum[p] + width
        if cum[n_visible] <= limit:
            spans.append((p, n))
            return spans
        q = bisect_right(cum, limit, p) - 1  # text[p:q] is the longest prefix that fits; q < n_visible
        e = q
        while text[e] == _SPACE:  # spaces past the edge still fit: they trail the line
            e += 1
        b = e
        while b > p and not _legal(text, p, b, glue):
            b -= 1
        if b == p:
            b = _hard_split(text, p, q, e, glue)
        elif breaks:
            b = _prefer_word_end(text, p, b, cum, breaks, slack, glue)
        if b >= n:
            spans.append((p, n))
            return spans
        spans.append((p, b))
        p = b


def wrap_text(text: str, width: int, breaks: Sequence[int] | None = None) -> list[str]:
    """The display lines of `wrap_spans`, with the spaces that trail each break removed."""
    return [text[s:e].rstrip(_SPACE) for s, e in wrap_spans(text, width, breaks)]


def fold_lines(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each display line of a text that may hold newlines: every line folded by `wrap_spans`,
    without the spaces at its breaks. For list items and table cells, whose renderers would fold CJK anywhere."""
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        for s, e in wrap_spans(line, max(width, 1)):
            out.append((start + s, start + s + len(line[s:e].rstrip(_SPACE))))
        start += len(line) + 1
    return out
