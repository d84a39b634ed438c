"""One page of search results as a reading room shows it: the complete result set, topic counts over it, the
narrowing by one topic, the ranked hits listed and the user's notes that match.

The TUI's search screen runs this in a worker thread through `Library.search_page`; every hit listed is filled
here, so the UI thread never touches the database.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .engine import search, search_ids
from .match import Span
from .query import QueryError
from .why import PINYIN_KINDS, Found

if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils

    from reader.model import ArticleSummary

ALL_TOPICS = ""  # no narrowing by topic


@dataclass
class SearchPage:
    """What one search hands to a screen."""

    query: str
    topic: str = ALL_TOPICS
    hits: list[Any] = field(default_factory=list)  # at most `limit`, ranked, details filled
    total: int = 0  # matches after the caller's allowed set, before narrowing by topic
    shown_total: int = 0  # matches after narrowing by topic
    counts: list[tuple[str, int]] = field(default_factory=list)  # (topic, matches), most first
    message: str = ""  # why there are no results (an invalid query), else ""
    notes: list[Any] = field(default_factory=list)  # notes whose text, quote, tags or article title match
    titles: list[TitleHit] = field(default_factory=list)  # titles a Latin word of the query reads as, in pinyin


@dataclass(frozen=True)
class TitleHit:
    """An article whose title reads as a pinyin word of the query (zscq → 知识产权…), with where and how."""

    summary: ArticleSummary
    places: list[tuple[Span, Found | None]]  # title_filter.title_matches


def topic_counts(conn: sqlite3.Connection, ids: list[int]) -> list[tuple[str, int]]:
    """How many of the articles `ids` carry each topic, most first (ties by name, so chips do not reshuffle)."""
    if not ids:
        return []
    rows = conn.execute(
        "SELECT topic, count(DISTINCT article_id) FROM article_topics "
        "WHERE article_id IN (SELECT value FROM json_each(?)) GROUP BY topic", [json.dumps(ids)]).fetchall()
    return sorted(((t, int(n)) for t, n in rows), key=lambda r: (-r[1], r[0]))


def ids_with_topic(conn: sqlite3.Connection, ids: list[int], topic: str) -> set[int]:
    """Those of `ids` that carry `topic`."""
    if not ids:
        return set()
    return {r[0] for r in conn.execute(
        "SELECT article_id FROM article_topics WHERE topic = ? AND article_id IN (SELECT value FROM json_each(?))",
        [topic, json.dumps(ids)])}


def note_words(query: str) -> str:
    """The words of a search query a note is matched by: quotes dropped, exclusions and field filters left out."""
    words = [w.strip('"') for w in query.split()]
    return " ".join(w for w in words if w and not w.startswith("-") and ":" not in w)


def matching_notes(db: sqlite_utils.Database, query: str, limit: int) -> list[Any]:
    from reader.notes.annotations import list_annotations, note_has

    words = note_words(query)
    if not words:
        return []
    return [a for a in list_annotations(db, article_id=None) if note_has(a, words)][:limit]


def pinyin_words(query: str) -> str:
    """The words of a query that could be pinyin (Latin letters only), "" when there are none."""
    return " ".join(w for w in note_words(query).split() if w.isascii() and w.isalpha())


def pinyin_titles(summaries: Iterable[ArticleSummary], query: str, *, skip: set[int], limit: int) -> list[TitleHit]:
    """Articles the library filter finds for the query's pinyin words whose title holds a pinyin reading of one
    (zscq, zhishichanquan → 知识产权…), leaving out `skip` (already among the text hits); at most `limit`."""
    from .title_filter import summary_matches, title_matches

    words = pinyin_words(query)
    out: list[TitleHit] = []
    if not words:
        return out
    for s in summaries:
        if len(out) >= limit:
            break
        if s.id in skip or not summary_matches(s, words):
            continue
        places = title_matches(s.title, words)
        if any(f is not None and set(f.kinds) & PINYIN_KINDS for _, f in places):
            out.append(TitleHit(s, places))
    return out


def search_page(db: sqlite_utils.Database, query: str, *, allowed: set[int] | None = None,
                topic: str = ALL_TOPICS, limit: int = 50, notes_limit: int = 20,
                summaries: Iterable[ArticleSummary] = (), titles_limit: int = 20) -> SearchPage:
    """The whole search for one query. Only the hits listed are ranked and described (search(within=...)):
    ranking every match of a common term and filtering afterwards cost two to three times as much on a large
    library, for the same hits and order."""
    page = SearchPage(query, topic)
    try:
        ids = search_ids(db, query)
        if allowed is not None:
            ids = [i for i in ids if i in allowed]
        page.total = len(ids)
        page.counts = topic_counts(db.conn, ids)
        shown = ids if topic == ALL_TOPICS else sorted(ids_with_topic(db.conn, ids, topic))
        page.shown_total = len(shown)
        narrowed = allowed is not None or topic != ALL_TOPICS
        page.hits = search(db, query, limit=limit, within=shown if narrowed else None) if shown else []
    except QueryError as exc:
        page.message = f"查询有误 invalid query: {exc}"
    page.notes = matching_notes(db, query, notes_limit)
    if summaries and not page.message:
        if allowed is not None:
            summaries = [s for s in summaries if s.id in allowed]
        if topic != ALL_TOPICS:
            summaries = [s for s in summaries if topic in s.topics]
        page.titles = pinyin_titles(summaries, query, skip={h.id for h in page.hits}, limit=titles_limit)
    return page
