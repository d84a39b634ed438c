"""A reader's corrections to how a page was split, applied to the parsed page: split → **correct** → segment.

A correction is data about the page's text, never about article ids: it names the paragraph (or the title) it
touches by its opening characters and the characters just before it, so it finds its place again after a
re-import, `import --force` or a better splitter. One whose text is gone reports `stale` and is applied nowhere
else; one the splitter now agrees with reports `already`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from reader.errors import ReaderError
from reader.ingest.rejoin import continues
from reader.model import Furniture, Paragraph, ParagraphKind, ParsedArticle

HEAD = 32  # characters of the touched text that name it
BEFORE = 16  # characters of the text before it that tell two equal openings apart
FIRST_WORDS = 24  # a title made from a paragraph's first words
_SENTENCE_END = frozenset("。！？；…，、：:;!?,")


class Action(StrEnum):
    SPLIT = "split"  # this paragraph opens a new article
    MERGE = "merge"  # this article joins the one before it on its page
    TITLE = "title"  # this paragraph becomes the article's title; the old title goes into the body
    UNTITLE = "untitle"  # the title goes back into the body
    FURNITURE = "furniture"  # this paragraph is page furniture (a caption, credit, folio…), not article text


class Outcome(StrEnum):
    APPLIED = "applied"
    ALREADY = "already"  # the page already reads this way (the splitter now agrees)
    STALE = "stale"  # the text it names is no longer on the page: not applied


FURNITURE_KINDS = ("caption", "credit", "folio", "other")


class CorrectionError(ReaderError):
    """A correction that cannot be made as asked; str(exc) says why in one line."""

    title = "更正 correction"


@dataclass(frozen=True)
class Anchor:
    head: str  # the first HEAD characters of the paragraph (MERGE, UNTITLE: of the article's title)
    before: str = ""  # the last BEFORE characters of the page text just before it


@dataclass
class Correction:
    action: Action
    anchor: Anchor
    title: str | None = None  # SPLIT: the new article's title when its first paragraph is not a title
    kind: str | None = None  # FURNITURE: one of FURNITURE_KINDS
    id: int | None = None  # the store's id, once recorded


@dataclass
class Result:
    """A corrected page. `origin[i]` is the index of the input article whose identity (id, notes) article i keeps,
    None for an article the correction made."""

    articles: list[ParsedArticle]
    furniture: list[Furniture]
    origin: list[int | None]
    outcomes: list[Outcome] = field(default_factory=list)


# --- naming a place on the page ------------------------------------------------------------------------------


def _flat(articles: list[ParsedArticle]) -> list[tuple[int, int, str]]:
    """(article, paragraph, text) in page order; paragraph -1 is the article's title."""
    out = []
    for a, art in enumerate(articles):
        out.append((a, -1, art.title))
        out.extend((a, p, para.text) for p, para in enumerate(art.paragraphs))
    return out


def anchor_at(articles: list[ParsedArticle], article: int, paragraph: int) -> Anchor:
    """The anchor of a paragraph (-1: the title) of the page's `article`-th article."""
    flat = _flat(articles)
    i = next(n for n, (a, p, _) in enumerate(flat) if a == article and p == paragraph)
    before = "".join(t for _, _, t in flat[max(0, i - 3):i])
    return Anchor(flat[i][2][:HEAD], before[-BEFORE:])


def _find(articles: list[ParsedArticle], anchor: Anchor, titles: bool, paragraphs: bool) -> tuple[int, int] | None:
    """Where an anchor is: the one place whose text opens with its head, the text before it breaking ties."""
    flat = _flat(articles)
    hits = []
    for n, (a, p, text) in enumerate(flat):
        if (p < 0 and not titles) or (p >= 0 and not paragraphs) or not text.startswith(anchor.head):
            continue
        if len(anchor.head) < HEAD and text != anchor.head:
            continue  # a short head is a whole text: 要闻 must not match 要闻速递
        before = "".join(t for _, _, t in flat[max(0, n - 3):n])
        hits.append(((a, p), before.endswith(anchor.before)))
    if len(hits) > 1:
        hits = [h for h in hits if h[1]]
    return hits[0][0] if len(hits) == 1 else None


# --- helpers -------------------------------------------------------------------------------------------------


def title_shaped(para: Paragraph) -> bool:
    """A paragraph that can be a title as it stands: a heading, or a short line that does not end a sentence."""
    text = para.text.strip()
    return bool(text) and (para.kind == ParagraphKind.HEADING or (len(text) <= 40 and text[-1] not in _SENTENCE_END))


def first_words(text: str) -> str:
    """A title made from a paragraph's opening: its first clause, at most FIRST_WORDS characters."""
    text = text.strip()
    for i, ch in enumerate(text[:FIRST_WORDS + 1]):
        if ch in _SENTENCE_END and i >= 4:
            return text[:i]
    return text[:FIRST_WORDS] + ("…" if len(text) > FIRST_WORDS else "")


def synthetic_title(art: ParsedArticle) -> bool:
    """A title the importer made up from the first paragraph (the splitter found none)."""
    if art.title in ("", "（无题）"):
        return True
    first = next((p.text for p in art.paragraphs if p.text.strip()), "")
    return art.title == first or (art.title.endswith("…") and first.startswith(art.title[:-1]))


def _span(art: ParsedArticle) -> ParsedArticle:
    lines = [n for p in art.paragraphs for n in (p.line_start, p.line_end) if n]
    if lines:
        art.line_start, art.line_end = min([art.line_start or lines[0], *lines]), max(lines)
    return art


def _glued(paragraphs: list[Paragraph], at: int) -> list[Paragraph]:
    """Paragraphs with the two neighbours of a removed one glued back when print had cut one paragraph in two."""
    if 0 < at < len(paragraphs) and continues(paragraphs[at - 1], paragraphs[at]):
        prev, nxt = paragraphs[at - 1], paragraphs[at]
        joined = Paragraph(prev.kind, prev.text + nxt.text, prev.line_start, nxt.line_end)
        return [*paragraphs[:at - 1], joined, *paragraphs[at + 1:]]
    return paragraphs


# --- the five corrections ------------------------------------------------------------------------------------


def _split(arts: list[ParsedArticle], a: int, p: int, title: str | None) -> list[ParsedArticle]:
    art = arts[a]
    if p <= 0:
        raise CorrectionError("that paragraph already opens the article: split at a later one")
    if p >= len(art.paragraphs):
        raise CorrectionError(f"the article has {len(art.paragraphs)} paragraphs (0–{len(art.paragraphs) - 1})")
    opening = art.paragraphs[p]
    rest = art.paragraphs[p:]
    if title is None and title_shaped(opening):
        title, rest = opening.text.strip(), art.paragraphs[p + 1:]
        if not rest:
            raise CorrectionError("nothing would follow the new title: split at a paragraph with text after it")
    elif title is None:
        title = first_words(opening.text)
    first = replace(art, paragraphs=art.paragraphs[:p], line_end=0, confidence=1.0)
    new = ParsedArticle(title=title, paragraphs=rest, line_start=opening.line_start, confidence=1.0)
    return [*arts[:a], _span(first), _span(new), *arts[a + 1:]]


def _header_paragraphs(art: ParsedArticle) -> list[Paragraph]:
    """An article's own header as body paragraphs, for when it turns out to be a section of the one before."""
    if synthetic_title(art):
        return []
    line = art.line_start
    return [Paragraph(ParagraphKind.HEADING, t, line, line) for t in (art.kicker, art.title, art.subtitle) if t]


def _merge(arts: list[ParsedArticle], a: int) -> list[ParsedArticle]:
    if a == 0:
        raise CorrectionError("the first article of its page has none before it to merge into")
    prev, art = arts[a - 1], arts[a]
    authors = list(dict.fromkeys([*prev.authors, *art.authors]))
    merged = replace(prev, paragraphs=[*prev.paragraphs, *_header_paragraphs(art), *art.paragraphs],
                     authors=authors, line_end=max(prev.line_end, art.line_end), confidence=1.0)
    return [*arts[:a - 1], _span(merged), *arts[a + 1:]]


def _retitle(arts: list[ParsedArticle], a: int, p: int) -> ParsedArticle:
    art = arts[a]
    if not 0 <= p < len(art.paragraphs):
        raise CorrectionError(f"the article has {len(art.paragraphs)} paragraphs (0–{len(art.paragraphs) - 1})")
    if len(art.paragraphs) == 1:
        raise CorrectionError("the article's only paragraph cannot become its title")
    body = list(art.paragraphs)
    new_title = body.pop(p).text.strip()
    if not synthetic_title(art):
        body.insert(0, Paragraph(ParagraphKind.BODY, art.title, art.line_start, art.line_start))
    return replace(art, title=new_title, paragraphs=body, confidence=1.0)


def _untitle(arts: list[ParsedArticle], a: int) -> ParsedArticle:
    art = arts[a]
    if synthetic_title(art):
        raise CorrectionError("the article has no title of its own to turn into text")
    body = [Paragraph(ParagraphKind.BODY, art.title, art.line_start, art.line_start), *art.paragraphs]
    return replace(art, title=art.subtitle or "", subtitle=None, paragraphs=body, confidence=1.0)


def _furniture(arts: list[ParsedArticle], a: int, p: int, kind: str) -> tuple[ParsedArticle, Furniture]:
    art = arts[a]
    if not 0 <= p < len(art.paragraphs):
        raise CorrectionError(f"the article has {len(art.paragraphs)} paragraphs (0–{len(art.paragraphs) - 1})")
    if len(art.paragraphs) == 1:
        raise CorrectionError("the article's only paragraph cannot be page furniture")
    para = art.paragraphs[p]
    body = _glued([*art.paragraphs[:p], *art.paragraphs[p + 1:]], p)
    return replace(art, paragraphs=body), Furniture(kind, para.text, para.line_start)


# --- applying ------------------------------------------------------------------------------------------------


def apply(articles: list[ParsedArticle], furniture: list[Furniture], correction: Correction) -> Result:
    """The page with one correction applied, or unchanged with outcome ALREADY / STALE. Inputs are not modified."""
    arts, furn = list(articles), list(furniture)
    same = Result(arts, furn, list(range(len(arts))))
    act, anchor = correction.action, correction.anchor

    def done(outcome: Outcome) -> Result:
        same.outcomes.append(outcome)
        return same

    if act in (Action.MERGE, Action.UNTITLE):
        where = _find(arts, anchor, titles=True, paragraphs=False)
        if where is None:
            # MERGE: the title is a heading inside an article now; UNTITLE: it is a paragraph again.
            inside = _find(arts, anchor, titles=False, paragraphs=True)
            return done(Outcome.ALREADY if inside is not None else Outcome.STALE)
        a = where[0]
        if act is Action.MERGE:
            if a == 0:
                return done(Outcome.STALE)
            new = _merge(arts, a)
            origin = [*range(a - 1), a - 1, *range(a + 1, len(arts))]
            return Result(new, furn, origin, [Outcome.APPLIED])
        arts[a] = _untitle(arts, a)
        return Result(arts, furn, same.origin, [Outcome.APPLIED])

    where = _find(arts, anchor, titles=False, paragraphs=True)
    if where is None:
        if act in (Action.SPLIT, Action.TITLE) and _find(arts, anchor, titles=True, paragraphs=False) is not None:
            return done(Outcome.ALREADY)
        if act is Action.FURNITURE and any(f.text.startswith(anchor.head) for f in furn):
            return done(Outcome.ALREADY)
        return done(Outcome.STALE)
    a, p = where
    if act is Action.SPLIT:
        if p == 0:
            return done(Outcome.ALREADY)  # an article opens there now
        new = _split(arts, a, p, correction.title)
        origin = [*range(a + 1), None, *range(a + 1, len(arts))]
        return Result(new, furn, origin, [Outcome.APPLIED])
    if act is Action.TITLE:
        arts[a] = _retitle(arts, a, p)
        return Result(arts, furn, same.origin, [Outcome.APPLIED])
    arts[a], item = _furniture(arts, a, p, correction.kind or "other")
    return Result(arts, [*furn, item], same.origin, [Outcome.APPLIED])


def apply_all(articles: list[ParsedArticle], furniture: list[Furniture], corrections: Iterable[Correction]) -> Result:
    """Apply corrections in the order they were made; one that cannot apply is skipped and reported."""
    result = Result(list(articles), list(furniture), list(range(len(articles))))
    for corr in corrections:
        try:
            step = apply(result.articles, result.furniture, corr)
        except CorrectionError:
            step = Result(result.articles, result.furniture, list(range(len(result.articles))), [Outcome.STALE])
        result = Result(step.articles, step.furniture, [None if o is None else result.origin[o] for o in step.origin],
                        [*result.outcomes, *step.outcomes])
    return result


def make(articles: list[ParsedArticle], furniture: list[Furniture], action: Action, article: int, paragraph: int = -1,
         *, title: str | None = None, kind: str | None = None) -> tuple[Correction, Result]:
    """A new correction at a place the reader pointed at (the page's `article`-th article, its `paragraph`-th
    paragraph), checked and applied; raises CorrectionError when it cannot be made."""
    if not 0 <= article < len(articles):
        raise CorrectionError(f"the page has no article {article}")
    art = articles[article]
    if action in (Action.MERGE, Action.UNTITLE):
        paragraph = -1
        if action is Action.MERGE and article == 0:
            raise CorrectionError("the first article of its page has none before it to merge into")
        if action is Action.UNTITLE:
            _untitle(articles, article)  # raises when there is no title of its own
    elif not 0 <= paragraph < len(art.paragraphs):
        last = len(art.paragraphs) - 1
        raise CorrectionError(f"no paragraph {paragraph}: the article's paragraphs are 0–{last}")
    if action is Action.SPLIT:
        _split(articles, article, paragraph, title)  # raises with the reason when it cannot split there
    if action is Action.TITLE:
        _retitle(articles, article, paragraph)
    if action is Action.FURNITURE:
        kind = kind or "other"
        if kind not in FURNITURE_KINDS:
            raise CorrectionError(f"unknown furniture kind {kind!r} (one of {', '.join(FURNITURE_KINDS)})")
        _furniture(articles, article, paragraph, kind)
    correction = Correction(action, anchor_at(articles, article, paragraph), title=title, kind=kind)
    titles = paragraph < 0
    if _find(articles, correction.anchor, titles=titles, paragraphs=not titles) != (article, paragraph):
        raise CorrectionError("that text repeats on the page, so a correction could not find it again")
    result = apply(articles, furniture, correction)
    if result.outcomes != [Outcome.APPLIED]:
        raise CorrectionError("the correction would change nothing")
    return correction, result
