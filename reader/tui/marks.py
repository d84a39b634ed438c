"""What the reader draws for annotations, and how the notes pane filters them — pure, no Textual.

Annotations are stored as offsets into the article's joined text; the reader works per paragraph, so each
highlight is cut at paragraph ends into `Mark`s, and each bookmark becomes a `Pin` on one paragraph offset.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.model import paragraph_offsets

# Display colours for the named annotation colours (reader.notes.annotations.COLORS, keys 1–5). The reader
# blends them into the page background, so one table serves the dark and the light theme.
SWATCHES = {
    "yellow": "#e5c07b",
    "green": "#98c379",
    "blue": "#61afef",
    "pink": "#e88fb5",
    "purple": "#b48ead",
}
DEFAULT_SWATCH = "#e5c07b"


@dataclass(frozen=True)
class Mark:
    """A highlighted span inside one paragraph."""

    para: int
    start: int
    end: int
    color: str
    review: bool  # re-anchored with doubt: drawn differently until the user confirms it
    id: str


@dataclass(frozen=True)
class Pin:
    """A bookmark: one position, drawn as a marker in the gutter."""

    para: int
    offset: int
    color: str
    id: str


def annotation_marks(texts: Sequence[str], notes: Iterable[Any]) -> tuple[list[Mark], list[Pin]]:
    """Highlights cut into per-paragraph marks, and bookmarks as pins. Orphans are skipped: their offsets are
    stale, so drawing them would mark text they never quoted."""
    offsets = paragraph_offsets([_P(t) for t in texts])
    total = offsets[-1] + len(texts[-1]) if texts else 0
    marks: list[Mark] = []
    pins: list[Pin] = []
    for note in notes:
        state = getattr(note, "anchor_state", "anchored")
        if state == "orphan" or getattr(note, "deleted", None) or not texts:
            continue
        start, end = max(0, int(note.start)), min(total, int(note.end))
        color = str(getattr(note, "color", "yellow"))
        first = max(0, bisect_right(offsets, start) - 1)
        if getattr(note, "kind", "highlight") == "bookmark":
            if start <= total:
                pins.append(Pin(first, min(start - offsets[first], len(texts[first])), color, note.id))
            continue
        for p in range(first, len(offsets)):
            if offsets[p] >= end:
                break
            s = max(start, offsets[p]) - offsets[p]
            e = min(end, offsets[p] + len(texts[p])) - offsets[p]
            if s < e:
                marks.append(Mark(p, s, e, color, state == "review", note.id))
    return marks, pins


@dataclass(frozen=True)
class _P:
    text: str


@dataclass
class NoteFilter:
    """What the notes pane shows: every tag and every word must match; the colours (and kinds) listed are
    alternatives, since a note has only one."""

    tags: list[str] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    review: bool = False

    @property
    def empty(self) -> bool:
        return not (self.tags or self.colors or self.words or self.kinds or self.review)


KIND_WORDS = {"bookmark": "bookmark", "书签": "bookmark", "highlight": "highlight", "高亮": "highlight"}
COLOR_WORDS = {"黄": "yellow", "绿": "green", "蓝": "blue", "粉": "pink", "紫": "purple"}


def parse_filter(text: str, colors: Sequence[str] = tuple(SWATCHES)) -> NoteFilter:
    """`#tag` (or `tag:x`), a colour name (yellow… or 黄/绿/蓝/粉/紫), `bookmark`/`书签`, `?` for notes to review;
    any other word must occur in the quote, the note or a tag."""
    flt = NoteFilter()
    for word in text.replace("，", " ").replace(",", " ").split():
        low = word.casefold()
        if word.startswith("#") and len(word) > 1:
            flt.tags.append(word[1:])
        elif low.startswith("tag:") and len(word) > 4:
            flt.tags.append(word[4:])
        elif low in colors:
            flt.colors.append(low)
        elif word in COLOR_WORDS:
            flt.colors.append(COLOR_WORDS[word])
        elif low in KIND_WORDS:
            flt.kinds.append(KIND_WORDS[low])
        elif word in ("?", "？", "review"):
            flt.review = True
        else:
            flt.words.append(low)
    return flt


def note_matches(note: Any, flt: NoteFilter) -> bool:
    tags = [str(t).casefold() for t in (getattr(note, "tags", None) or [])]
    if any(t.casefold() not in tags for t in flt.tags):
        return False
    if flt.colors and getattr(note, "color", None) not in flt.colors:
        return False
    if flt.kinds and getattr(note, "kind", "highlight") not in flt.kinds:
        return False
    if flt.review and getattr(note, "anchor_state", "anchored") != "review":
        return False
    haystack = " ".join([str(getattr(note, "quote", "") or ""), str(getattr(note, "note", "") or ""), *tags])
    return all(w in haystack.casefold() for w in flt.words)
