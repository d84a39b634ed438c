"""Text selectors and re-anchoring: pure functions over strings, no database.

A selector remembers a highlight three ways (position, exact quote, surrounding context), like the W3C/Hypothesis
model, so it can be found again after the article text changes:

1. same fingerprint → the text is identical, keep the offsets;
2. the exact quote occurs once → anchor there;
3. it occurs several times → rank the places by context (prefix/suffix similarity) and closeness to the old offset;
4. otherwise approximate search (bit-parallel edit distance, cost O(len(text) · len(quote) / word)) with a minimum
   score: close matches in a familiar context are `anchored`, weaker ones `review` ("needs review"), the rest
   `orphan`.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT = 32  # characters of prefix and suffix kept with each selector

ANCHORED = "anchored"
REVIEW = "review"
ORPHAN = "orphan"
ANCHOR_STATES = (ANCHORED, REVIEW, ORPHAN)

# Fuzzy thresholds on quote similarity (1 - edits / len(quote)). Below REVIEW_SCORE a match is more likely to be
# some other sentence than the edited highlight, so we refuse it rather than silently move the note.
ANCHOR_SCORE = 0.8
REVIEW_SCORE = 0.6
# Context similarity (0..1) a fuzzy match needs to be trusted; below it, only a near-identical quote is kept,
# and then only as `review`.
MIN_FUZZY_CONTEXT = 0.5
# With fewer characters than this, one edit already changes the meaning (and short strings match almost anywhere),
# so approximate matches are never accepted, and below FUZZY_ANCHOR_LEN they are at best `review`.
MIN_FUZZY_LEN = 4
FUZZY_ANCHOR_LEN = 8
# Bound on how many equally good places are ranked by context; each costs O(len(quote)) string work.
MAX_CANDIDATES = 50


@dataclass(frozen=True)
class Selector:
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class AnchorResult:
    state: str  # anchored | review | orphan
    start: int
    end: int
    score: float  # 1.0 for exact matches; quote similarity for fuzzy ones; 0.0 for orphans
    method: str  # fingerprint | exact | context | fuzzy | none


def make_selector(text: str, start: int, end: int) -> Selector:
    """The selector for text[start:end] (a bookmark when start == end)."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"offsets {start}..{end} are outside the text (length {len(text)})")
    return Selector(
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT):start],
        suffix=text[end:end + CONTEXT],
        start=start,
        end=end,
    )


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def context_score(text: str, sel: Selector, start: int, end: int) -> float:
    """How well the text around [start, end) matches the selector's prefix and suffix (0..1)."""
    before = text[max(0, start - len(sel.prefix)):start]
    after = text[end:end + len(sel.suffix)]
    return (_similarity(sel.prefix, before) + _similarity(sel.suffix, after)) / 2


def _rank(text: str, sel: Selector, spans: list[tuple[int, int]]) -> list[tuple[float, int, int]]:
    """Spans ordered best first by context, then closeness to the old position (earlier wins exact ties)."""
    scale = max(len(text), 1)
    ranked = []
    for s, e in spans:
        closeness = 1.0 - min(1.0, abs(s - sel.start) / scale)
        # Context dominates; position only separates places whose surroundings look alike.
        ranked.append((context_score(text, sel, s, e) * 2 + closeness, s, e))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    return ranked


def find_all(text: str, quote: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of quote in text."""
    out, i = [], text.find(quote)
    while i != -1:
        out.append(i)
        i = text.find(quote, i + 1)
    return out


def edit_distances(pattern: str, text: str, *, free_start: bool = True) -> list[int]:
    """For each j in 1..len(text), the edit distance between pattern and the best substring ending at text[j-1].

    Myers' bit-vector algorithm (Hyyrö's formulation) with Python integers as bit vectors, so the cost is
    len(text) steps of a few big-integer operations whatever the pattern length. With free_start=False the
    substring must start at text[0] (plain prefix edit distance).
    """
    m = len(pattern)
    if m == 0:
        return [0 if free_start else j + 1 for j in range(len(text))]
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    carry = 0 if free_start else 1
    pv, mv, score = mask, 0, m
    out = []
    for ch in text:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & mask
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry) & mask
        mh = (mh << 1) & mask
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
        out.append(score)
    return out


def _fuzzy_spans(text: str, quote: str) -> tuple[int, list[tuple[int, int]]]:
    """The smallest edit distance of quote against any substring of text, and the spans reaching it."""
    m = len(quote)
    dist = edit_distances(quote, text)
    if not dist:
        return m, []
    best = min(dist)
    ends: list[int] = []
    for j, d in enumerate(dist, start=1):
        # Neighbouring end positions with the same distance describe the same place; keep the first of each run.
        if d == best and (j == 1 or dist[j - 2] != best):
            ends.append(j)
    spans = []
    for end in ends[:MAX_CANDIDATES]:
        # Find the start: edit distance of the reversed quote against the reversed text ending at `end`.
        lo = max(0, end - m - best)
        back = edit_distances(quote[::-1], text[lo:end][::-1], free_start=False)
        length = min(range(1, len(back) + 1), key=lambda k: (back[k - 1], abs(k - m)))
        spans.append((end - length, end))
    return best, spans


def anchor(text: str, sel: Selector, *, same_fingerprint: bool = False) -> AnchorResult:
    """Find the selector's highlight in `text` (see the module docstring for the order of attempts)."""
    if same_fingerprint and sel.end <= len(text):
        return AnchorResult(ANCHORED, sel.start, sel.end, 1.0, "fingerprint")
    if not sel.quote:
        return _anchor_point(text, sel)
    hits = find_all(text, sel.quote)
    n = len(sel.quote)
    if len(hits) == 1:
        return AnchorResult(ANCHORED, hits[0], hits[0] + n, 1.0, "exact")
    if hits:
        ranked = _rank(text, sel, [(h, h + n) for h in hits[:MAX_CANDIDATES * 20]])
        _, s, e = ranked[0]
        # When no place's surroundings resemble the old ones, the choice is a guess: let the user confirm it.
        sure = context_score(text, sel, s, e) >= MIN_FUZZY_CONTEXT
        return AnchorResult(ANCHORED if sure else REVIEW, s, e, 1.0, "context")
    if n < MIN_FUZZY_LEN:
        return AnchorResult(ORPHAN, sel.start, sel.end, 0.0, "none")
    dist, spans = _fuzzy_spans(text, sel.quote)
    score = 1.0 - dist / n
    if not spans or score < REVIEW_SCORE:
        return AnchorResult(ORPHAN, sel.start, sel.end, round(max(score, 0.0), 4), "none")
    _, s, e = _rank(text, sel, spans)[0]
    ctx = context_score(text, sel, s, e)
    # A merely similar sentence somewhere else is not the edited highlight: unless the quote itself is very
    # close, the surroundings must agree too.
    if ctx < MIN_FUZZY_CONTEXT and score < ANCHOR_SCORE:
        return AnchorResult(ORPHAN, sel.start, sel.end, round(score, 4), "none")
    good = score >= ANCHOR_SCORE and n >= FUZZY_ANCHOR_LEN and ctx >= MIN_FUZZY_CONTEXT
    return AnchorResult(ANCHORED if good else REVIEW, s, e, round(score, 4), "fuzzy")


def _anchor_point(text: str, sel: Selector) -> AnchorResult:
    """A bookmark has no quote: find its surrounding context instead and return the point between."""
    probe = sel.prefix + sel.suffix
    if not probe:
        # Nothing to search for (bookmark in an empty article): keep the position, clamped, and ask the user.
        pos = min(sel.start, len(text))
        return AnchorResult(REVIEW, pos, pos, 0.0, "none")
    inner = Selector(probe, "", "", sel.start - len(sel.prefix), sel.start + len(sel.suffix))
    found = anchor(text, inner)
    if found.state == ORPHAN:
        return AnchorResult(ORPHAN, sel.start, sel.start, found.score, "none")
    # Place the point where the prefix ends, scaled if the fuzzy match changed the span's length.
    span = found.end - found.start
    pos = found.start + round(len(sel.prefix) * span / len(probe))
    return AnchorResult(found.state, pos, pos, found.score, found.method)
