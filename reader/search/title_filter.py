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


@cache
def _table() -> dict[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


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

    folded: str  # lower case, traditional folded to simplified, same length as the title
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
    return TitleKeys(script_key(title).lower(), by_initial, by_syllable)


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


def _shift_and(masks: list[int]) -> bool:
    """Some character i has masks[0], i+1 has masks[1], and so on."""
    hit = masks[0]
    for j, m in enumerate(masks[1:], start=1):
        hit &= m >> j
        if not hit:
            return False
    return bool(hit)


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
    for word in query.lower().split():
        latin = word.isascii() and word.isalpha()
        spellings = tuple((tuple(whole), frozenset(r for r in _syllables() if r.startswith(last)))
                          for *whole, last in _spellings(word)) if latin else ()
        words.append(_Word(script_key(word), word if latin else "", spellings))
    return tuple(words)


def _pinyin(k: TitleKeys, word: _Word) -> bool:
    initials = word.initials
    if all(c in k.by_initial for c in initials) and _shift_and([k.by_initial[c] for c in initials]):
        return True
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
        if tail and _shift_and([*(k.by_syllable[s] for s in whole), tail]):
            return True
    return False


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    return script_key(text).lower()


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


def summary_matches(summary: ArticleSummary, query: str) -> bool:
    """`matches` over what a reader recognises an article by: kicker, title and subtitle (characters or pinyin),
    column, authors and topics (characters)."""
    heading = " ".join(x for x in (summary.kicker, summary.title, summary.subtitle) if x)
    return matches(heading, query, also=" ".join([summary.column or "", *summary.authors, *summary.topics]))
