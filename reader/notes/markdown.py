"""Markdown rendering of annotations: escaping article text, YAML front matter, Obsidian callouts.

Article text is escaped so that it renders literally in CommonMark and Obsidian; the user's note is their own
Markdown and is written as is.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.notes.annotations import Annotation
from reader.text.visible import one_line, visible

FORMATS = ("obsidian", "markdown")

# Characters that start inline syntax in CommonMark, GFM or Obsidian: emphasis, code, links, HTML, entities,
# tables, math ($), tags (#), block ids (^), strikethrough (~).
_INLINE = re.compile(r"([\\`*_\[\]<>|$#^~&])")
# Obsidian only: ==highlight== and %%comment%% need two in a row, so only a repeated one is escaped.
_PAIRS = re.compile(r"([=%])(?=\1)")
# Block starts a leading character can create: list items (-, +), ordered lists (1. or 1)).
_LIST = re.compile(r"^([-+])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")

BEGIN_RE = re.compile(r"^<!-- ipreader:begin id=([A-Za-z0-9_.:-]+) -->[ \t]*\r?\n?$")
END_RE = re.compile(r"^<!-- ipreader:end -->[ \t]*\r?\n?$")


def escape_line(line: str) -> str:
    """One line of article text as Markdown that renders as exactly that text (outer ASCII blanks dropped)."""
    line = line.strip(" \t")
    line = _INLINE.sub(r"\\\1", line)
    line = _PAIRS.sub(r"\\\1", line)
    line = _LIST.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def escape_lines(text: str) -> list[str]:
    """Article text (possibly several paragraphs) as escaped lines, empty lines dropped."""
    return [e for e in (escape_line(x) for x in text.split("\n")) if e]


def block_id(annotation_id: str) -> str:
    """A stable Obsidian block id: letters, digits and dashes only."""
    if re.fullmatch(r"[0-9a-f]{12,}", annotation_id):
        return "ip-" + annotation_id[:12]
    return "ip-" + hashlib.sha256(annotation_id.encode("utf-8")).hexdigest()[:12]


def tag_text(tag: str) -> str:
    return "#" + _INLINE.sub(r"\\\1", one_line(tag).replace("#", "").replace(" ", "-"))


# --- YAML front matter, written by hand so the runtime needs no YAML library ---------------------------------

_YAML_UNSAFE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def yaml_str(value: str) -> str:
    """A double-quoted YAML scalar: JSON escaping plus escapes for what YAML readers refuse to see raw."""
    out = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) <= 0xFFFF
                            else f"\\U{ord(m.group()):08x}", out)


def yaml_lines(key: str, value: object) -> list[str]:
    if isinstance(value, (list, tuple)):
        if not value:
            return [f"{key}: []"]
        return [f"{key}:"] + [f"  - {yaml_str(str(v))}" for v in value]
    if isinstance(value, bool) or value is None:
        return [f"{key}: {json.dumps(value)}"]
    if isinstance(value, int):
        return [f"{key}: {value}"]
    return [f"{key}: {yaml_str(str(value))}"]


def front_matter(fields: dict[str, object]) -> list[str]:
    lines: list[str] = []
    for key, value in fields.items():
        lines.extend(yaml_lines(key, value))
    return lines


# --- documents --------------------------------------------------------------------------------------------


@dataclass
class ArticleGroup:
    """One article's annotations for export (article_id None: orphans whose article is gone)."""

    key: str  # managed-block id: article-<id> or orphans
    title: str
    article_id: int | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)

    @property
    def tags(self) -> list[str]:
        return sorted({t for a in self.annotations for t in a.tags})

    @property
    def exported(self) -> str:
        # The newest edit, not the clock: the same library always renders to the same bytes.
        return max((a.updated for a in self.annotations), default="")


def _state_label(ann: Annotation) -> str:
    if ann.anchor_state == "review":
        return " · needs review"
    if ann.anchor_state == "orphan":
        return " · orphan: not found in the current text"
    return ""


def _note_lines(note: str) -> list[str]:
    """The note as written, except that a line looking like our markers is indented one space: it still renders
    the same (an HTML comment) but can no longer end the managed block early."""
    lines = visible(note).strip("\n").split("\n")
    return [(" " + x) if BEGIN_RE.match(x) or END_RE.match(x) else x for x in lines]


def render_annotation(ann: Annotation, fmt: str) -> list[str]:
    bid = block_id(ann.id)
    where = f"¶{ann.paragraph + 1}"
    if ann.kind == "bookmark":
        body = escape_lines(ann.suffix) or ["(end of article)"]
        body[-1] += "…"
        label = f"bookmark · {ann.color} · {where}{_state_label(ann)}"
    else:
        body = escape_lines(ann.quote) or ["(empty)"]
        label = f"{ann.color} · {where}{_state_label(ann)}"
    quoted: list[str] = []
    for i, line in enumerate(body):
        if i:
            quoted.append(">")
        quoted.append("> " + line)
    if fmt == "obsidian":
        callout = "note" if ann.kind == "bookmark" else "quote"
        # Obsidian wants the block id of a callout on its own line after it.
        out = [f"> [!{callout}] {label}", *quoted, "", f"^{bid}"]
    else:
        out = [*quoted, "", f"{label} ^{bid}"]
    if ann.note.strip():
        out += ["", *_note_lines(ann.note)]
    if ann.tags:
        out += ["", " ".join(tag_text(t) for t in ann.tags)]
    return out


LOST_HEADING = "Not found in the current text"


def _sort_key(ann: Annotation) -> tuple:
    return (ann.anchor_state == "orphan", ann.paragraph, ann.start, ann.end, ann.created, ann.id)


def render_body(group: ArticleGroup, fmt: str, *, level: int) -> list[str]:
    """The article's heading, optional metadata line, then its annotations grouped by section in reading order."""
    h = "#" * level
    out = [f"{h} {' '.join(escape_lines(visible(group.title))) or '(untitled)'}"]
    if level > 1:
        meta = [x for x in (" ".join(group.authors), group.source, " ".join(group.topics)) if x]
        if meta:
            out += ["", " · ".join(escape_line(one_line(x)) for x in meta)]  # a newline in a name stays on the line
    section: str | None = None
    for ann in sorted(group.annotations, key=_sort_key):
        # Orphans of a live article go last under one heading: their old section may no longer exist.
        lost = ann.anchor_state == "orphan" and group.article_id is not None
        heading = LOST_HEADING if lost else ann.section
        if heading is not None and heading != section:
            out += ["", f"{h}# {heading if lost else ' '.join(escape_lines(heading))}"]
            section = heading
        out += ["", *render_annotation(ann, fmt)]
    return out


def article_front_matter(group: ArticleGroup) -> list[str]:
    return front_matter({
        "title": group.title,
        "authors": group.authors,
        "source": group.source or "",
        "topics": group.topics,
        "keywords": group.keywords,
        "tags": group.tags,
        "ipreader_article": group.article_id,
        "exported": group.exported,
    })


def combined_front_matter(groups: Iterable[ArticleGroup]) -> list[str]:
    groups = list(groups)
    return front_matter({
        "title": "ipreader notes",
        "articles": [g.title for g in groups],
        "tags": sorted({t for g in groups for t in g.tags}),
        "exported": max((g.exported for g in groups), default=""),
    })


# Front-matter keys ipreader writes; on re-export these are replaced and every other key is kept.
MANAGED_KEYS = frozenset({"title", "authors", "source", "topics", "keywords", "tags", "ipreader_article",
                          "exported", "articles"})
