"""Find an article by what a reader types into a filter, without switching the input method: characters in either
script (知识产权 finds 知識產權), pinyin initials (zscq) or full pinyin without tones (zhishichanquan), every reading
of a character counted (重庆: cq and zq both find it).

Readings come from pypinyin's character table (all of a character's readings, not the one a phrase picks), keys
are built once per title and cached; matching is a short walk over the title's characters, so filtering 10,000
titles per keystroke stays in milliseconds.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from reader.ingest.script import key as script_key
from reader.model import ArticleSummary

from .match import Span
from .why import Found, MatchKind, written_kinds


@cache
def _table() -> dict[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


# Full-width digits and Latin letters (ＰＣＴ２０２４) read as their ASCII forms, one character for one.
_WIDE_LATIN = {code: code - 0xFEE0 for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
               for code in range(lo, hi + 1)}


def _fold(text: str) -> str:
    """What a title and a query word are compared as: either script, either width, lower case; same length."""
    return script_key(text, traditional=True).translate(_WIDE_LATIN).lower()


@lru_cache(maxsize=65536)
def readings(ch: str) -> tuple[str, ...]:
    """A character's readings without tones (行: xing, hang, heng); a letter or digit reads as itself."""
    if ch.isascii():
        return (ch.lower(),) if ch.isalnum() else ()
    raw = _table().get(ord(ch))  # the table has traditional characters too (識: shi, zhi)
    if raw is None:
        return ()
    from pypinyin.contrib.tone_convert import to_normal

    return tuple(dict.fromkeys(to_normal(r).replace("ü", "v") for r in raw.split(",")))


@dataclass(frozen=True)
class TitleKeys:
    """A title as bit masks over its reading characters (bit i: the i-th character that has a reading), so a query
    is matched with a few big-integer ANDs, shift-and style, whatever the number of reading combinations."""

    folded: str  # _fold(title): lower case, simplified, half-width letters and digits; same length as the title
    by_initial: dict[str, int]  # letter → the characters one of whose readings starts with it
    by_syllable: dict[str, int]  # reading → the characters that can be read so


@lru_cache(maxsize=65536)
def keys(title: str) -> TitleKeys:
    by_initial: dict[str, int] = {}
    by_syllable: dict[str, int] = {}
    i = 0
    for ch in title:
        options = readings(ch)
        if not options:
            continue
        bit = 1 << i
        for r in options:
            by_syllable[r] = by_syllable.get(r, 0) | bit
            by_initial[r[0]] = by_initial.get(r[0], 0) | bit
        i += 1
    return TitleKeys(_fold(title), by_initial, by_syllable)


@cache
def _syllables() -> frozenset[str]:
    """Every toneless reading pypinyin knows (about 400): what a typed word of full pinyin is split into."""
    from pypinyin.contrib.tone_convert import to_normal

    return frozenset(to_normal(r).replace("ü", "v") for raw in _table().values() for r in raw.split(","))


@lru_cache(maxsize=1024)
def _spellings(word: str) -> tuple[tuple[str, ...], ...]:
    """The ways `word` splits into readings, the last one possibly cut short (the reader is still typing)."""
    known = _syllables()
    longest = max(map(len, known))
    out: list[tuple[str, ...]] = []

    def split(rest: str, done: tuple[str, ...]) -> None:
        if len(out) >= 8:
            return
        if any(s.startswith(rest) for s in known if len(s) >= len(rest)) and rest:
            out.append((*done, rest))  # rest is a whole reading or the start of one
        for n in range(min(longest, len(rest) - 1), 0, -1):  # longest readings first: the natural split comes first
            if rest[:n] in known:
                split(rest[n:], (*done, rest[:n]))

    split(word, ())
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class _Word:
    """One word of a query, with everything about it that does not depend on the title worked out once."""

    folded: str  # as characters: either script, lower case
    initials: str  # the word as pinyin initials ("" when it is not Latin letters)
    # the ways it reads as full pinyin: (whole readings, the readings the last, unfinished one may become)
    spellings: tuple[tuple[tuple[str, ...], frozenset[str]], ...]


@lru_cache(maxsize=256)
def _compile(query: str) -> tuple[_Word, ...]:
    words = []
    for word in _fold(query).split():
        latin = word.isascii() and word.isalpha()
        spellings = tuple((tuple(whole), frozenset(r for r in _syllables() if r.startswith(last)))
                          for *whole, last in _spellings(word)) if latin else ()
        words.append(_Word(word, word if latin else "", spellings))
    return tuple(words)


def _shift_and_hits(masks: list[int]) -> int:
    """The characters i where a run of masks[0], masks[1], … starts (bit i set); 0 for none."""
    hit = masks[0]
    for j, m in enumerate(masks[1:], start=1):
        hit &= m >> j
        if not hit:
            return 0
    return hit


def _pinyin(k: TitleKeys, word: _Word) -> tuple[int, int, MatchKind] | None:
    """Where `word` reads as the title's pinyin: (start bits, length in characters, initials or full pinyin)."""
    initials = word.initials
    if all(c in k.by_initial for c in initials):
        hit = _shift_and_hits([k.by_initial[c] for c in initials])
        if hit:
            return hit, len(initials), MatchKind.INITIALS
    for whole, endings in word.spellings:
        if not all(s in k.by_syllable for s in whole):
            continue
        tail = 0
        if len(endings) < len(k.by_syllable):
            for syllable in endings:
                tail |= k.by_syllable.get(syllable, 0)
        else:
            for syllable, mask in k.by_syllable.items():
                if syllable in endings:
                    tail |= mask
        if tail:
            hit = _shift_and_hits([*(k.by_syllable[s] for s in whole), tail])
            if hit:
                return hit, len(whole) + 1, MatchKind.PINYIN
    return None


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    return _fold(text)


def matches(title: str, query: str, *, also: str = "") -> bool:
    """Every word of `query` is found: as characters (either script, any case) in the title or in `also` (other
    fields: authors, column, topics), or, for a word of Latin letters, as the title's pinyin initials or full
    pinyin."""
    k = keys(title)
    other = _folded(also) if also else ""
    for word in _compile(query):
        if word.folded in k.folded or (other and word.folded in other):
            continue
        if not (word.initials and _pinyin(k, word)):
            return False
    return True


def title_matches(title: str, query: str) -> list[tuple[Span, Found | None]]:
    """Where each word of `query` matches in `title` (its first place), with how it differs from what was typed
    (None when written alike): the library pane highlights these and the search screen names them. Words found
    only in other fields (authors, column, topics) have no place in the title and are left out."""
    k = keys(title)
    places: list[tuple[Span, Found | None]] = []
    reading_at: list[int] | None = None  # title index of the i-th character with a reading
    for typed, word in zip(query.split(), _compile(query)):
        at = k.folded.find(word.folded) if word.folded else -1
        if at >= 0:
            found = title[at:at + len(word.folded)]
            kinds = written_kinds(typed, found)
            places.append(((at, at + len(word.folded)), Found(typed, found, kinds) if kinds else None))
            continue
        hit = _pinyin(k, word) if word.initials else None
        if hit is None:
            continue
        starts, length, kind = hit
        if reading_at is None:
            reading_at = [i for i, ch in enumerate(title) if readings(ch)]
        first = (starts & -starts).bit_length() - 1
        span = (reading_at[first], reading_at[first + length - 1] + 1)
        places.append((span, Found(typed, title[span[0]:span[1]], (kind,))))
    return places


def summary_matches(summary: ArticleSummary, query: str) -> bool:
    """`matches` over what a reader recognises an article by: kicker, title and subtitle (characters or pinyin),
    column, authors and topics (characters)."""
    heading = " ".join(x for x in (summary.kicker, summary.title, summary.subtitle) if x)
    return matches(heading, query, also=" ".join([summary.column or "", *summary.authors, *summary.topics]))
