"""Find annotations again after their article's text changed (re-import, re-segmentation, `ipreader doctor`).

Where to look, in order: the article with the annotation's id (if it still exists), an article with the same title
from the same source, then any article of that source. The first place where the selector anchors cleanly wins;
otherwise the best "needs review" place; otherwise the annotation becomes an orphan — kept, listed, never dropped.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from reader.notes.anchor import (
    ANCHORED,
    FUZZY_ANCHOR_LEN,
    MIN_FUZZY_CONTEXT,
    ORPHAN,
    REVIEW,
    AnchorResult,
    Selector,
    anchor,
    context_score,
    make_selector,
)
from reader.notes.annotations import SELECT_ANNOTATIONS, Annotation, atomic, from_row, list_annotations, save
from reader.notes.articles import ArticleText, article_fingerprint, load_article, source_articles

if TYPE_CHECKING:  # only a type here; sqlite-utils itself loads when a Library first needs it
    import sqlite_utils


@dataclass
class ReanchorItem:
    id: str
    quote: str
    old_article_id: int | None
    article_id: int | None
    old_state: str
    state: str
    method: str  # fingerprint | exact | context | fuzzy | none
    score: float


@dataclass
class ReanchorReport:
    checked: int = 0  # annotations considered
    unchanged: int = 0  # their article text had not changed: nothing to do
    items: list[ReanchorItem] = field(default_factory=list)  # the ones that were looked for again

    def _count(self, state: str) -> int:
        return sum(1 for i in self.items if i.state == state)

    @property
    def anchored(self) -> int:
        return self._count(ANCHORED)

    @property
    def review(self) -> int:
        return self._count(REVIEW)

    @property
    def orphaned(self) -> int:
        return self._count(ORPHAN)

    def as_dict(self) -> dict:
        """Counts plus items, JSON-ready (for `ipreader doctor --json`)."""
        return {"checked": self.checked, "unchanged": self.unchanged, "anchored": self.anchored,
                "review": self.review, "orphaned": self.orphaned, "items": [asdict(i) for i in self.items]}

    def merge(self, other: ReanchorReport) -> None:
        self.checked += other.checked
        self.unchanged += other.unchanged
        self.items.extend(other.items)


class _Articles:
    """Loads each candidate article once per re-anchoring run."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._cache: dict[int, ArticleText | None] = {}

    def get(self, article_id: int) -> ArticleText | None:
        if article_id not in self._cache:
            self._cache[article_id] = load_article(self.db, article_id)
        return self._cache[article_id]


def _selector(ann: Annotation) -> Selector:
    return Selector(ann.quote, ann.prefix, ann.suffix, ann.start, ann.end)


def _search(ann: Annotation, candidates: list[int], articles: _Articles,
            primary: set[int]) -> tuple[ArticleText | None, AnchorResult]:
    """The first candidate where the selector anchors, else the best "review" place, else an orphan result.

    `primary` are the articles the annotation most likely still belongs to (same id, same title); in any other
    article a short quote proves little by itself, so without matching context it is only a "review" place.
    """
    sel = _selector(ann)
    best: tuple[ArticleText | None, AnchorResult] = (None, AnchorResult(ORPHAN, ann.start, ann.end, 0.0, "none"))
    for article_id in dict.fromkeys(candidates):  # ordered, without repeats
        art = articles.get(article_id)
        if art is None:
            continue
        # Offsets of a "review" anchor were never confirmed, so an unchanged text does not vouch for them.
        same = art.fingerprint == ann.fingerprint and ann.anchor_state != REVIEW
        found = anchor(art.text, sel, same_fingerprint=same)
        if (found.state == ANCHORED and article_id not in primary and found.method != "fingerprint"
                and len(sel.quote or sel.prefix + sel.suffix) < FUZZY_ANCHOR_LEN
                and context_score(art.text, sel, found.start, found.end) < MIN_FUZZY_CONTEXT):
            found = AnchorResult(REVIEW, found.start, found.end, found.score, found.method)
        if found.state == ANCHORED:
            return art, found
        if found.state == REVIEW and (best[1].state != REVIEW or found.score > best[1].score):
            best = (art, found)
    return best


def _apply(ann: Annotation, art: ArticleText | None, found: AnchorResult) -> bool:
    """Write the outcome into `ann`; True when anything changed. `updated` stays: it records user edits only."""
    before = (ann.article_id, ann.fingerprint, ann.start, ann.end, ann.quote, ann.anchor_state, ann.anchor_score)
    if art is not None and found.state != ORPHAN:
        text = art.text
        ann.article_id, ann.fingerprint = art.id, art.fingerprint
        ann.source, ann.article_title = art.source, art.title
        ann.start, ann.end = found.start, found.end
        ann.paragraph, ann.section = art.locate(found.start)
        if found.state == ANCHORED:
            # The selector now describes the current text; a "review" keeps the old quote to compare against.
            sel = make_selector(text, found.start, found.end)
            ann.quote, ann.prefix, ann.suffix = sel.quote, sel.prefix, sel.suffix
    # An orphan keeps its old article, offsets and fingerprint: if that text ever comes back, it anchors again.
    ann.anchor_state = found.state
    ann.anchor_score = found.score
    after = (ann.article_id, ann.fingerprint, ann.start, ann.end, ann.quote, ann.anchor_state, ann.anchor_score)
    return before != after


def _reanchor(db: sqlite_utils.Database, ann: Annotation, primary: list[int], others: list[int],
              articles: _Articles, report: ReanchorReport) -> None:
    old_article, old_state = ann.article_id, ann.anchor_state
    art, found = _search(ann, primary + others, articles, set(primary))
    if _apply(ann, art, found):
        save(db, ann)
    report.items.append(ReanchorItem(ann.id, ann.quote, old_article, ann.article_id, old_state, found.state,
                                     found.method, found.score))


def _unchanged(db: sqlite_utils.Database, ann: Annotation) -> bool:
    if ann.article_id is None or ann.anchor_state == ORPHAN:
        return False
    return article_fingerprint(db, ann.article_id) == ann.fingerprint


def reanchor_source(db: sqlite_utils.Database, source_id: int, old_articles: list[dict],
                    related: list[int] | None = None) -> ReanchorReport:
    """Re-anchor the annotations of a re-imported source; call inside the import transaction, after the new
    articles are written. `old_articles` are {"id", "title", "fingerprint", "text"} of the source's old articles.
    `related` are articles every annotation of the page may now belong to as much as to its own (after a
    reader's split or merge, the page's articles), so a short quote that moved there is anchored, not "review".
    """
    report = ReanchorReport()
    old_titles = {int(a["id"]): a.get("title") for a in old_articles}
    if not old_titles:
        return report
    new = source_articles(db, source_id)
    new_ids = {i for i, _, _ in new}
    articles = _Articles(db)
    marks = ", ".join("?" for _ in old_titles)
    # Orphans of this source are looked for again too: a re-import may bring their text back.
    rows = db.execute(
        f"{SELECT_ANNOTATIONS} WHERE deleted IS NULL AND (article_id IN ({marks}) OR "
        "(anchor_state = 'orphan' AND source = (SELECT name FROM sources WHERE id = ?))) ORDER BY start, id",
        [*old_titles, source_id]).fetchall()
    with atomic(db):
        for ann in map(from_row, rows):
            report.checked += 1
            if _unchanged(db, ann):
                report.unchanged += 1
                continue
            titles = {old_titles.get(ann.article_id), ann.article_title} - {None}
            # The annotation's own id counts only if it is (still) an article of this source.
            primary = [ann.article_id] if ann.article_id in new_ids else []
            primary += [i for i, title, _ in new if title in titles]
            primary += [i for i in related or [] if i in new_ids]
            _reanchor(db, ann, primary, [i for i, _, _ in new], articles, report)
    return report


def _check(db: sqlite_utils.Database, anns: list[Annotation]) -> ReanchorReport:
    """Re-anchor these annotations wherever their article went, searching the whole library by source and title."""
    report = ReanchorReport()
    articles = _Articles(db)
    with atomic(db):
        for ann in anns:
            report.checked += 1
            if _unchanged(db, ann):
                report.unchanged += 1
                continue
            # Primary: the same id (unless it now names an unrelated article), then the same title.
            primary = [r[0] for r in db.execute(
                "SELECT a.id FROM articles a JOIN sources s ON s.id = a.source_id "
                "WHERE a.id = ? AND (s.name = ? OR a.title = ?)", [ann.article_id, ann.source, ann.article_title])]
            primary += [r[0] for r in db.execute(
                "SELECT a.id FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.title = ? "
                "ORDER BY (s.name = ?) DESC, a.source_id, a.ordinal, a.id", [ann.article_title, ann.source])]
            others = [r[0] for r in db.execute(
                "SELECT a.id FROM articles a JOIN sources s ON s.id = a.source_id WHERE s.name = ? "
                "ORDER BY a.source_id, a.ordinal, a.id", [ann.source])]
            _reanchor(db, ann, primary, others, articles, report)
    return report


def reanchor_all(db: sqlite_utils.Database) -> ReanchorReport:
    """Check every live annotation against the current library (for `ipreader doctor`)."""
    return _check(db, list_annotations(db))


def reanchor_ids(db: sqlite_utils.Database, ids: list[str]) -> ReanchorReport:
    """Check just these annotations (after a restore or an undelete: their article may have changed meanwhile)."""
    wanted = set(ids)
    return _check(db, [a for a in list_annotations(db) if a.id in wanted])
