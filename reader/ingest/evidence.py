"""Does this header run open a new article, or is it a section heading of the one being read? Scored evidence.

Most boundaries are certain: a byline under the title, the top of the page, the line after a sign-off or an end note.
The rest is weighed here. Each *signal* looks at one kind of evidence about a candidate (a run of header-shaped
lines inside an article) against the profile of its own page, and returns a contribution in log-odds: positive
for "a new article starts here", negative for "a section heading (or a cut line) of the current one". The sum,
through a logistic, is the probability; the decision is p > 0.5 and the confidence max(p, 1 − p).

To add a signal: write a function `(Candidate, PageStats) -> float` below and add it to SIGNALS. Keep it general
(a convention of Chinese newspapers, or a property of this page), never keyed to one page's text; judge it with
`python bench/run.py segmentation` on the practice corpus and the seeds, before and after.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.ingest.lexical import Shift
from reader.ingest.lines import Kind, Line, is_open, looks_like_name, speaker_turn

# Openings of a news item's first paragraph besides datelines: a date, "近日", "记者从…获悉", "据…".
_NEWS_OPENING = re.compile(
    r"^(\d{4}年)?\d{1,2}月\d{1,2}日|^(近日|日前|近期|当天|今天|昨天|昨日|今年以来|近年来|本周|上周|记者|据)"
    r"|^\d{4}年\d{1,2}月|获悉"
)


@dataclass
class Candidate:
    """A run of header-shaped lines met inside an article, with what surrounds it."""

    run: list[Line]
    title: Line | None  # the run's title-shaped line (None: only kickers, columns…)
    nxt: Line | None  # the first content line after the run
    prev: Line | None  # the last content line before it (inside the current article)
    cur_has_body: bool  # the current article has body text already
    cur_has_title: bool
    above: range  # content lines of the current article above the run (indices into PageStats.shift)
    below: range  # content lines below it
    junction_cut: bool  # the title and the line below it read as one word cut in two ("负责人表" | "示，…")
    cur_is_interview: bool = False  # the current article has a host or question turns
    cur_is_roundup: bool = False  # the current article opened with a dateline on a line of its own
    headings: list[Line] = field(default_factory=list)  # lines of the run after the title that are headings


@dataclass
class PageStats:
    """What the page as a whole says about its titles and headings, gathered before the pass that decides."""

    title_styles: Counter[str] = field(default_factory=Counter)  # marker styles of certain titles
    heading_styles: Counter[str] = field(default_factory=Counter)  # marker styles of certain section headings
    repeated: frozenset[str] = frozenset()  # header texts printed more than once on the page (基本案情…)
    starts: int = 0  # certain article starts
    starts_with_byline: int = 0
    starts_opened: int = 0  # … with a byline or a dateline under the title
    later_starts: int = 0  # certain starts below the page's first article
    later_starts_closed: int = 0  # … of which the article above ended with a sign-off or an end note
    has_toc: bool = False  # the page prints a table of contents
    opening_headings: frozenset[str] = frozenset()  # headings seen right under certain titles (基本案情…)
    blank_separated: bool = False
    paragraph_gap: float = 0.0  # the usual number of blank lines between paragraphs
    gap_uniform: bool = False  # nearly all paragraphs are separated by exactly that many
    shift: Shift | None = None


@dataclass
class Decision:
    start: bool
    confidence: float  # 0.5 … 1.0
    signals: dict[str, float] = field(default_factory=dict)

    @classmethod
    def certain(cls, start: bool, why: str) -> Decision:
        return cls(start, 1.0, {why: math.inf if start else -math.inf})


# --- signals ------------------------------------------------------------------------------------------------


def dateline_below(c: Candidate, s: PageStats) -> float:
    """本报讯 / 新华社…电 / 据…报道 under the run: a news item begins."""
    return 4.0 if c.nxt is not None and c.nxt.kind == Kind.DATELINE else 0.0


def no_body_yet(c: Candidate, s: PageStats) -> float:
    """Right under a title and byline, before any body text, a headline is the first section heading."""
    return -4.0 if c.cur_has_title and not c.cur_has_body else 0.0


def marks(c: Candidate, s: PageStats) -> float:
    """A kicker, column label, 本期话题 or a brief's list mark belongs to a title, never to a heading."""
    kinds = [r.kind for r in c.run]
    if any(k in (Kind.COLUMN, Kind.TOPIC) for k in kinds):
        return 3.0
    if any(a.kind == Kind.KICKER and b.kind in TITLE_KINDS for a, b in zip(c.run, c.run[1:])):
        return 3.0
    if c.title is not None and c.title.kind == Kind.MARKED:
        return 2.0
    return 0.0


def style(c: Candidate, s: PageStats) -> float:
    """The run is marked the way this page marks its titles (#, 【】, ▲, plain), or the way it marks headings."""
    if c.title is None:
        return 0.0
    st = c.title.style
    as_title, as_heading = s.title_styles[st], s.heading_styles[st]
    if st == "md1" and not as_heading:
        return 4.0
    if st == "plain":
        # Plain is every page's default: it tells only where the page marks the other kind some other way.
        marked_headings = any(n for k, n in s.heading_styles.items() if k != "plain")
        marked_titles = any(n for k, n in s.title_styles.items() if k != "plain")
        if as_title and not as_heading and marked_headings:
            return 1.5
        if as_heading and not as_title and marked_titles:
            return -1.5
        return 0.0
    if as_title and not as_heading:
        return 3.0
    if as_heading and not as_title:
        return -3.0
    if not as_title and not as_heading and st != "plain" and s.title_styles and not s.title_styles.get("plain"):
        return -1.0  # a marker no certain title uses, on a page whose titles are all marked otherwise
    return 0.0


def repeated_label(c: Candidate, s: PageStats) -> float:
    """基本案情, 裁判结果…: a text printed as a header more than once is a section label (but a daily item such
    as 国内联播快讯 with a dateline under it is a title each time)."""
    if c.nxt is not None and c.nxt.kind == Kind.DATELINE:
        return 0.0
    return -3.5 if c.title is not None and c.title.key in s.repeated else 0.0


def length(c: Candidate, s: PageStats) -> float:
    """Section labels are short; titles, and case titles most of all, are long."""
    if c.title is None:
        return 0.0
    n = len(c.title.text)
    if n <= 4:
        return -1.5
    if n <= 6:
        return -0.5
    if c.title.kind == Kind.LONG_HEADLINE:
        return 0.5
    return 0.5 if n >= 18 else 0.0


def unfinished_above(c: Candidate, s: PageStats) -> float:
    """The text above stops mid-sentence: the run interrupts a cut paragraph, so it is not a new article."""
    return -2.5 if c.prev is not None and c.prev.kind in (Kind.PROSE, Kind.DATELINE) and is_open(c.prev.text) else 0.0


def cut_word(c: Candidate, s: PageStats) -> float:
    """The run's last line and the line below form one word across the break: a cut paragraph, not a title."""
    return -5.0 if c.junction_cut else 0.0


def bylined_page(c: Candidate, s: PageStats) -> float:
    """On a page where (nearly) every certain title has a byline or a dateline under it, a headline with
    neither is more likely a heading."""
    if s.starts < 2:
        return 0.0
    share = (s.starts_opened if OPENED else s.starts_with_byline) / (s.starts + 1)  # one pseudo-count: two bylined titles of three prove little
    return -3.0 * share if share >= 0.55 else 0.0


def closed_page(c: Candidate, s: PageStats) -> float:
    """On a page where each article ends with a sign-off or end note, a headline after none is a heading."""
    if s.later_starts < 2:
        return 0.0
    share = s.later_starts_closed / s.later_starts
    return -2.5 * share if share >= 0.6 else 0.0


def not_in_contents(c: Candidate, s: PageStats) -> float:
    """The page's table of contents lists its articles; a headline it does not list is a section heading."""
    return -4.0 if s.has_toc else 0.0


def lexical_shift(c: Candidate, s: PageStats) -> float:
    """The vocabulary below differs from the article above more than at this page's ordinary breaks."""
    if s.shift is None or not len(c.above) or not len(c.below):
        return 0.0
    z = s.shift.z(c.above, c.below)
    return 1.2 * max(-2.0, min(2.5, z))


def spacing(c: Candidate, s: PageStats) -> float:
    """More blank lines above the run than between this page's paragraphs."""
    gap = c.run[0].gap
    if not s.blank_separated:
        return 1.5 if gap >= 1 else 0.0
    if gap > s.paragraph_gap + 0.5:
        return 1.5 if s.gap_uniform else 0.75  # clearer on a page whose paragraphs are evenly spaced
    return 0.0


def opens_with_heading(c: Candidate, s: PageStats) -> float:
    """The run is a title followed by the article's first section heading ("标题 / 基本案情"); more so when
    that heading is one this page's certain articles open with."""
    if not c.headings:
        return 0.0
    return 2.5 if any(h.key in s.opening_headings for h in c.headings) else 1.0


def opens_talk(line: Line | None) -> bool:
    """The line is a question turn (主持人：…？, 李劲松：…): under a run, the run heads an interview or a part of one."""
    return line is not None and (line.kind == Kind.QUESTION or named_turn(line.key))


def named_turn(key: str) -> bool:
    """"李劲松：…" (a person speaks), not "发文字号：…" (a field of a document)."""
    label = key.split("：", 1)[0]
    return speaker_turn(key) and (looks_like_name(label) or label in ("主持人", "记者", "问", "答"))


def interview(c: Candidate, s: PageStats) -> float:
    """A question turn (主持人：…？) under the run, or an interview being read: the run heads a part of the talk,
    unless the run announces a talk of its own (本期话题：…)."""
    if any(r.kind == Kind.TOPIC for r in c.run):
        return 0.0
    if opens_talk(c.nxt):
        return -3.0
    return -2.0 if c.cur_is_interview else 0.0


def roundup(c: Candidate, s: PageStats) -> float:
    """Under "国内联播快讯 / 央视网消息（新闻联播）：" the short titled items are parts of the roundup, until an
    item with a dateline of its own."""
    if not c.cur_is_roundup or (c.nxt is not None and c.nxt.kind == Kind.DATELINE):
        return 0.0
    return -3.0 if len(c.below) <= 2 else 0.0  # a roundup's items are a paragraph or two each


def news_opening(c: Candidate, s: PageStats) -> float:
    """The paragraph below opens like a news item ("3月5日，…", "近日，…", "记者从…获悉")."""
    return 0.7 if c.nxt is not None and _NEWS_OPENING.search(c.nxt.key[:24]) else 0.0


Signal = Callable[[Candidate, PageStats], float]
SIGNALS: dict[str, Signal] = {
    f.__name__: f
    for f in (dateline_below, no_body_yet, marks, style, repeated_label, length, unfinished_above, cut_word,
              bylined_page, closed_page, not_in_contents, lexical_shift, spacing, opens_with_heading, interview, roundup, news_opening)
}
PRIOR = -1.0
TITLE_KINDS = frozenset((Kind.HEADLINE, Kind.LONG_HEADLINE, Kind.MD_TITLE, Kind.MD_HEADING, Kind.MARKED))


# The lexical shift is the costliest signal and the weakest (a tie-breaker): it is only computed when it could
# change the decision, i.e. when the other signals leave the sum within its reach.
_LEXICAL_REACH = 3.0


def decide(c: Candidate, s: PageStats) -> Decision:
    signals = {name: f(c, s) for name, f in SIGNALS.items() if f is not lexical_shift}
    if abs(PRIOR + sum(signals.values())) < _LEXICAL_REACH:
        signals["lexical_shift"] = lexical_shift(c, s)
    total = PRIOR + sum(signals.values())
    p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))
    return Decision(p > 0.5, max(p, 1.0 - p), {k: v for k, v in signals.items() if v})
OPENED = False
