"""A human label for a source page, for lists that group articles by page.

Files often arrive with machine names (`000_332f26e4ca40b5f6.txt`, `scan-0042.txt`) that say nothing about the
page. The page says it itself: a banner over the page (促进中小微企业高质量发展), the cover lines of a journal issue
(杭州电子科技大学 理论学习参考 2024 年 第 24 期), or failing those its lead article's title. Meaningful file names
(人民日报-2024-03-01.txt) are kept as they are.
"""
from __future__ import annotations

import os.path
import re
from collections.abc import Sequence

MAX_CHARS = 40  # a label longer than this is cut with an ellipsis
_COVER_LINES = 3  # cover furniture lines joined into the label (name, title, issue)

# A stem made only of digits, hex runs, separators and a few generic words carries no meaning for a reader.
_MACHINE = re.compile(r"(?i)^(?:[0-9a-f]{6,}|\d+|page|scan|img|file|doc|text|untitled|[-_. ]+)+$")


def looks_machine_named(name: str) -> bool:
    """Whether a file name says nothing about its page (hash-like, numbered, generic)."""
    stem = os.path.splitext(os.path.basename(name))[0]  # os.path, not PurePath: a few µs for each of 10,000 pages
    return not stem or bool(_MACHINE.match(stem))


def file_label(name: str) -> str:
    """A page's label when its file name means something: the name without its folder."""
    return os.path.basename(name) or name


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"


def page_label(name: str, furniture: Sequence[dict[str, object]], titles: Sequence[str]) -> str:
    """The label for a page: its file name when meaningful, else its banner, cover lines or lead title.

    `furniture` is the page furniture the splitter set aside (dicts with "kind" and "text", in page order);
    `titles` are the page's article titles in page order.
    """
    file_name = file_label(name)
    if not looks_machine_named(file_name):
        return file_name
    by_kind: dict[str, list[str]] = {}
    for item in furniture:
        text = str(item.get("text") or "").strip()
        if text:
            by_kind.setdefault(str(item.get("kind")), []).append(text)
    if by_kind.get("banner"):
        return _clip(by_kind["banner"][0])
    if by_kind.get("cover"):
        return _clip(" ".join(by_kind["cover"][:_COVER_LINES]))
    lead = next((t for t in titles if t and t.strip()), None)
    return _clip(lead) if lead else file_name
