"""Why a text matched what the reader typed: the words as the text writes them, and how that differs from the query.

Search and the library filter find more than the typed characters: the other script (知识产权 finds 知識產權), the
other width (ＰＣＴ finds PCT), any case, and, in the filter, pinyin (zscq finds 知识产权). A reader who sees a hit
without the typed word in it deserves to be told why; `found_forms` and `Found.describe` say it, for the search
screen, the CLI's search table and its JSON.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

from reader.ingest.script import t2s_chars

from .match import Span
from .normalize import normalize
from .query import QueryError, parse


class MatchKind(Enum):
    """One way a match differs from what was typed; `value` is the JSON name, `label` what a reader is shown."""

    TRADITIONAL = ("traditional", "繁体")  # the text is in traditional script, the query was not
    SIMPLIFIED = ("simplified", "简体")  # the text is in simplified script, the query was traditional
    WIDTH = ("width", "全角/半角")  # full-width against half-width forms (ＰＣＴ, PCT; ２０２４, 2024)
    CASE = ("case", "大小写")
    INITIALS = ("initials", "拼音首字母")  # zscq → 知识产权 (library filter)
    PINYIN = ("pinyin", "全拼")  # zhishichanquan → 知识产权 (library filter)

    def __init__(self, key: str, label: str) -> None:
        self.key = key
        self.label = label


PINYIN_KINDS = frozenset({MatchKind.INITIALS, MatchKind.PINYIN})


@dataclass(frozen=True)
class Found:
    """A query word and the text it matched, when the two are written differently."""

    typed: str
    found: str
    kinds: tuple[MatchKind, ...]

    def because(self) -> str:
        """E.g. "← 知识产权（繁体）": what was typed and how the text differs from it."""
        return f"← {self.typed}（{'、'.join(k.label for k in self.kinds)}）"

    def describe(self) -> str:
        """E.g. "知識產權 ← 知识产权（繁体）": the text as written, what was typed, and how they differ."""
        return f"{self.found} {self.because()}"

    def as_json(self) -> dict[str, object]:
        return {"typed": self.typed, "found": self.found, "how": [k.key for k in self.kinds]}


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _nfkc(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", c) for c in text)


def written_kinds(typed: str, found: str) -> tuple[MatchKind, ...]:
    """How `found` differs from `typed` though both normalise alike: each folding the match could not do without
    (script, width, case), found by leaving that one folding out. Empty when they are written the same."""
    typed, found = _squeeze(typed), _squeeze(found)
    if typed == found:
        return ()
    t2s = t2s_chars()
    kinds: list[MatchKind] = []
    if _nfkc(typed).casefold() != _nfkc(found).casefold():
        kinds.append(MatchKind.TRADITIONAL if found.translate(t2s) != found else MatchKind.SIMPLIFIED)
    if typed.casefold().translate(t2s) != found.casefold().translate(t2s):
        kinds.append(MatchKind.WIDTH)
    if _nfkc(typed).translate(t2s) != _nfkc(found).translate(t2s):
        kinds.append(MatchKind.CASE)
    return tuple(kinds)


def found_forms(text: str, spans: list[Span], terms: list[str], typed: list[str]) -> list[Found]:
    """The highlighted spans of `text` that are not written as typed, each once, in order of appearance.

    `terms` are the query's normalised terms and `typed` the same terms as written (Query.terms, Query.typed); a
    span is paired with the term it normalises to (or, for spans merged from overlapping terms, the first term it
    holds)."""
    out: dict[tuple[str, str], Found] = {}
    for start, end in spans:
        found = text[start:end]
        norm = _squeeze(normalize(found))
        term = next((i for i, t in enumerate(terms) if t == norm), None)
        if term is None:
            term = next((i for i, t in enumerate(terms) if t in norm), None)
        if term is None or term >= len(typed):
            continue
        kinds = written_kinds(typed[term], found)
        if kinds and (typed[term], found) not in out:
            out[(typed[term], found)] = Found(typed[term], found, kinds)
    return list(out.values())


def hit_forms(snippet: str, spans: list[Span], query: str) -> list[Found]:
    """`found_forms` for a search hit's snippet and the query string it was found by (never raises)."""
    try:
        q = parse(query)
    except QueryError:
        return []
    return found_forms(snippet, spans, q.terms, q.typed)
