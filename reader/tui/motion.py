"""Cursor motions over an article's paragraphs: by character, jieba word, sentence and paragraph.

A position is (paragraph, offset) with 0 <= offset <= len(paragraph text). Pure functions (no Textual), so the
reader's cursor and selection keys are testable without a terminal.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

Pos = tuple[int, int]

# Full- and half-width sentence ends. 、，：are pauses inside a sentence, not ends.
SENTENCE_ENDS = frozenset("。！？；…!?;.")
# Closing quotes and brackets that belong to the sentence they close: 他说：“好。” ends after ”.
CLOSERS = frozenset("”’」』）)》〉】\"'")


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end in `text` (trailing closers included), always ending with len(text)."""
    out: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        # A half-width full stop between digits or letters is a decimal point or abbreviation (3.5%, e.g.).
        is_end = ch in SENTENCE_ENDS and not (ch == "." and 0 < i < n - 1 and text[i + 1].isalnum())
        if not is_end:
            i += 1
            continue
        j = i + 1
        while j < n and (text[j] in SENTENCE_ENDS or text[j] in CLOSERS):  # ？！ …… 。” count as one end
            j += 1
        out.append(j)
        i = j
    if not out or out[-1] != n:
        out.append(n)
    return out


def _move(texts: Sequence[str], pos: Pos, step: int, stops: Callable[[int], list[int]]) -> Pos:
    """Move to the next (step > 0) or previous stop; crossing a paragraph end goes on into the neighbour."""
    if not texts:
        return 0, 0
    para = min(max(pos[0], 0), len(texts) - 1)
    offset = min(max(pos[1], 0), len(texts[para]))
    if step > 0:
        for stop in stops(para):
            if stop > offset:
                return para, stop
        if para + 1 < len(texts):
            ahead = [s for s in stops(para + 1) if s > 0]
            return para + 1, ahead[0] if ahead else 0
        return para, len(texts[para])
    before = [s for s in stops(para) if s < offset]
    if before:
        return para, before[-1]
    if para > 0:
        return para - 1, len(texts[para - 1])
    return para, 0


def by_char(texts: Sequence[str], pos: Pos, step: int) -> Pos:
    return _move(texts, pos, step, lambda p: list(range(len(texts[p]) + 1)))


def by_word(texts: Sequence[str], breaks: Sequence[Sequence[int]] | None, pos: Pos, step: int) -> Pos:
    """Word ends come from jieba (`Library.article_breaks`); a paragraph without them moves by character."""

    def stops(p: int) -> list[int]:
        found = list(breaks[p]) if breaks is not None and p < len(breaks) else []
        if not found:
            return list(range(len(texts[p]) + 1))
        return sorted({0, *found, len(texts[p])})

    return _move(texts, pos, step, stops)


def by_sentence(texts: Sequence[str], pos: Pos, step: int) -> Pos:
    return _move(texts, pos, step, lambda p: [0, *sentence_ends(texts[p])])


def by_paragraph(texts: Sequence[str], pos: Pos, step: int) -> Pos:
    return _move(texts, pos, step, lambda p: sorted({0, len(texts[p])}))


def move(texts: Sequence[str], breaks: Sequence[Sequence[int]] | None, pos: Pos, unit: str, step: int) -> Pos:
    """One step of `unit` (char | word | sentence | paragraph) forward (+1) or back (-1)."""
    if unit == "char":
        return by_char(texts, pos, step)
    if unit == "word":
        return by_word(texts, breaks, pos, step)
    if unit == "sentence":
        return by_sentence(texts, pos, step)
    if unit == "paragraph":
        return by_paragraph(texts, pos, step)
    raise ValueError(f"unknown motion unit {unit!r}")
