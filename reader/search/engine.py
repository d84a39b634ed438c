"""search() and search_ids(): the matching set straight from the FTS5 index; hit counts and snippets only for the
articles actually returned.

The index is exact, not a candidate filter: one token per normalised character, with barrier tokens for whitespace
and field boundaries, so an FTS5 phrase matches exactly where the normalised term is a substring of a normalised
field (see reader.search.normalize). The result set therefore needs no re-check in Python; Python only counts hits
and cuts snippets, and only for the rows it hands back.
"""
from __future__ import annotations

import heapq
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .halves import Half, run_in_halves
from .index import FTS_TABLE, has_stale_rows, require_index
from .match import NormText, spans_for_terms, term_pattern
from .normalize import normalize
from .query import Query, QueryError, fts_phrase, match_expression, parse_for_search
from .results import LazySearchHit, SearchHit
from .snippets import make_snippet

if TYPE_CHECKING:  # only a type here; sqlite-utils itself loads when a Library first needs it
    import sqlite_utils

TITLE_WEIGHT = 5.0  # bm25 weight of the title column relative to the body
ORDERS = ("rank", "newest")
_DETAIL_BATCH = 256  # articles whose texts are loaded per round trip when describing hits
_AUTHOR_BATCH = 512  # ranked ids whose author lists are checked per round trip


@dataclass
class _Doc:
    id: int
    title: str
    source: str
    score: float
    title_fields: list[str]
    paragraphs: list[str]


def topic_names(db: sqlite_utils.Database) -> list[str]:
    rows = db.execute("SELECT name FROM topics UNION SELECT DISTINCT topic FROM article_topics").fetchall()
    return sorted(r[0] for r in rows)


def resolve_topic(db: sqlite_utils.Database, value: str) -> list[str]:
    """Topic names a filter value means: an exact (normalised) name, else every name containing it."""
    wanted = normalize(value).strip()
    names = topic_names(db)
    exact = [n for n in names if normalize(n) == wanted]
    if exact:
        return exact
    partial = [n for n in names if wanted and wanted in normalize(n)]
    if partial:
        return partial
    known = "、".join(names[:20]) if names else "none yet"
    raise QueryError(f"no topic called {value!r} (topics: {known})")


def _authors_match(raw: str, wanted: list[str]) -> bool:
    try:
        authors = json.loads(raw) if raw else []
    except ValueError:
        authors = [raw]
    if not isinstance(authors, list):
        authors = [authors]
    names = [normalize(str(a)) for a in authors]
    return all(any(w in n for n in names) for w in wanted)


def _id_query(q: Query, topic_sets: list[list[str]], order: str, limit: int | None,
              join: bool = False, half: Half | None = None, within: str | None = None) -> tuple[str, list[object]]:
    """SQL returning (article id, score) of every match in `order` ("rank", "newest" or "id").

    bm25 and the ordering run inside SQLite over the FTS5 rows alone. The index is kept in step with `articles`
    (rows are indexed and unindexed in the same transaction, and ensure_index repairs drift when a library
    opens), so a match's rowid is an article id without a join; that join cost a b-tree probe per match, a
    sixth of the time of a common phrase. Only "newest" reads the article rows, for their import time, and
    `join` asks for them when articles were deleted behind the index's back (index.has_stale_rows). `half`
    restricts a term query to one rowid range (see reader.search.halves); `within`, a JSON array of ids, to
    those articles (bm25 is then computed for them alone, but with the statistics of the whole library).
    """
    params: list[object] = []
    if q.terms:
        score = f"-bm25({FTS_TABLE}, 1.0, {TITLE_WEIGHT})" if order != "id" else "0.0"  # columns: body, title
        join = join or order == "newest"
        key = "a.id" if join else f"{FTS_TABLE}.rowid"
        sql = f"SELECT {key} AS id, {score} AS score FROM {FTS_TABLE} "
        if join:
            sql += f"JOIN articles a ON a.id = {FTS_TABLE}.rowid "
        where = [f"{FTS_TABLE} MATCH ?"]
        params.append(match_expression(q.terms, q.excluded))
    else:
        sql = "SELECT a.id AS id, 0.0 AS score FROM articles a "
        key = "a.id"
        where = []
        if q.excluded:
            where.append(f"a.id NOT IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)")
            params.append(" OR ".join(fts_phrase(t) for t in q.excluded))
    for names in topic_sets:
        # One probe of the (article_id, topic) primary key per match; several filters must all hold.
        where.append(f"EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = {key} AND t.topic IN (%s))"
                     % ",".join("?" * len(names)))
        params.extend(names)
    if half is not None and q.terms:
        where.append(f"{FTS_TABLE}.rowid {half[0]} ?")  # FTS5 seeks to the range itself
        params.append(half[1])
    if within is not None:
        # "+" makes it a filter: as a constraint FTS5 would run the whole match once per listed id (seconds).
        where.append(f"+{key} IN (SELECT value FROM json_each(?))")
        params.append(within)
    if where:
        sql += "WHERE " + " AND ".join(where)
    if order == "rank":
        sql += f" ORDER BY 2 DESC, {key}"
    elif order == "newest":
        sql += " ORDER BY a.imported_at DESC, a.id DESC"
    # order "id": no ORDER BY, FTS5 already yields rowids ascending; asking would add a sorter (callers re-sort).
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params


@contextmanager
def _query_errors() -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as exc:
        # The MATCH text is built from hex tokens only, so this should not happen; if it does, the user gets a
        # message rather than a traceback.
        if "fts5" in str(exc) or "syntax" in str(exc) or "MATCH" in str(exc):
            raise QueryError(f"the search could not run: {exc}") from exc
        raise


def _plan(db: sqlite_utils.Database, query: str, topic: str | None) -> tuple[Query, list[list[str]]] | None:
    """Parsed query and resolved topic filters; None when there is nothing to search for."""
    if not isinstance(query, str):
        raise QueryError("the query must be text")
    q = parse_for_search(query)
    if q.empty and not topic:
        return None
    require_index(db)
    topic_sets = [resolve_topic(db, v) for v in q.topics + ([topic] if topic else [])]
    return q, topic_sets


def _by_author(db: sqlite_utils.Database, rows: list[tuple[int, float]], wanted: list[str]) -> list[tuple[int, float]]:
    marks = ",".join("?" * len(rows))
    authors = dict(db.conn.execute(f"SELECT id, authors FROM articles WHERE id IN ({marks})", [r[0] for r in rows]))
    return [r for r in rows if _authors_match(authors.get(r[0]) or "[]", wanted)]


def _rank_key(row: tuple[int, float]) -> tuple[float, int]:
    return -row[1], row[0]


def _run_id_query(db: sqlite_utils.Database, q: Query, topic_sets: list[list[str]], order: str,
                  limit: int | None, wrap: str = "{}", within: str | None = None) -> list[list[tuple]]:
    """Rows of the id query (its SQL put in `wrap`): one part, or, in a large library, two parts (the lower and
    the upper rowid half) read at the same time on two connections (see reader.search.halves)."""
    join = has_stale_rows(db.conn)

    def run(conn: sqlite3.Connection, half: Half | None) -> list[tuple]:
        sql, params = _id_query(q, topic_sets, order, limit, join, half, within)
        return conn.execute(wrap.format(sql), params).fetchall()

    if q.terms and order in ("rank", "id"):  # "newest" orders by a column of `articles`: left whole
        halves = run_in_halves(db, run)
        if halves is not None:
            return list(halves)
    return [run(db.conn, None)]


def _matches(db: sqlite_utils.Database, q: Query, topic_sets: list[list[str]], order: str,
             limit: int | None, within: str | None = None) -> list[tuple[int, float]]:
    """(id, score) of the matching articles in `order`, at most `limit` of them."""
    if not q.authors:  # everything is in SQL, LIMIT included
        parts = _run_id_query(db, q, topic_sets, order, limit, within=within)
        if len(parts) == 1:
            return parts[0]
        # Each half is already in the whole query's order (score descending, then id): merge, don't sort.
        rows = parts[0] + parts[1] if order == "id" else list(heapq.merge(*parts, key=_rank_key))
        return rows if limit is None else rows[:limit]
    join = has_stale_rows(db.conn)
    # The author filter needs JSON and normalisation: rank in SQL, then filter batches until `limit` are kept.
    sql, params = _id_query(q, topic_sets, order, None, join, within=within)
    out: list[tuple[int, float]] = []
    cursor = db.conn.execute(sql, params)
    try:
        while limit is None or len(out) < limit:
            rows = cursor.fetchmany(_AUTHOR_BATCH)
            if not rows:
                break
            out += _by_author(db, rows, q.authors)
    finally:
        # Stopping early must not leave a statement running: it would block the next COMMIT.
        cursor.close()
    return out if limit is None else out[:limit]


def search_ids(db: sqlite_utils.Database, query: str, *, topic: str | None = None) -> list[int]:
    """Ids (ascending) of every article matching `query`: the result set of search(limit=None), without
    hit counts, snippets or ranking. Raises only QueryError."""
    plan = _plan(db, query, topic)
    if plan is None:
        return []
    q, topic_sets = plan
    with _query_errors():
        if q.authors:
            return sorted(r[0] for r in _matches(db, q, topic_sets, "id", None))
        # One string per part instead of a row per match: thousands of row tuples cost more than parsing it.
        parts = _run_id_query(db, q, topic_sets, "id", None, wrap="SELECT group_concat(id) FROM ({})")
    joined = ",".join(part[0][0] for part in parts if part[0][0])
    return sorted(json.loads(f"[{joined}]"))


def _load(db: sqlite_utils.Database, rows: list[tuple[int, float]]) -> list[_Doc]:
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    info = {r[0]: r[1:] for r in db.conn.execute(
        f"SELECT a.id, a.title, coalesce(s.name, ''), a.kicker, a.subtitle FROM articles a "
        f"LEFT JOIN sources s ON s.id = a.source_id WHERE a.id IN ({marks})", ids)}
    paras: dict[int, list[str]] = {i: [] for i in ids}
    for aid, text in db.conn.execute(
        f"SELECT article_id, text FROM paragraphs WHERE article_id IN ({marks}) ORDER BY article_id, idx", ids
    ):
        paras[aid].append(text)
    docs = []
    for aid, score in rows:
        if aid not in info:  # deleted between the two statements
            continue
        title, source, kicker, subtitle = info[aid]
        fields = [f for f in (title, kicker, subtitle) if f]
        docs.append(_Doc(aid, title, source, float(score), fields, paras[aid]))
    return docs


def _count(norm: str, term: str) -> int:
    # Non-overlapping occurrences, as str.count and regex finditer both define them.
    return norm.count(term) if " " not in term else sum(1 for _ in term_pattern(term).finditer(norm))


def _describe(doc: _Doc, q: Query) -> SearchHit:
    """Hit count and snippet of a matching article.

    Works on normalised strings with C-speed counting; the character map back to the original text is built
    only for the one paragraph shown as the snippet.
    """
    fields = doc.title_fields + doc.paragraphs
    hits = 0
    best: tuple[int, int, int] | None = None  # (distinct terms, occurrences, -position) of the best paragraph
    first_title: str | None = None
    if q.terms:
        for pos, text in enumerate(fields):
            norm = normalize(text)
            row = [_count(norm, term) for term in q.terms]
            present = sum(1 for c in row if c)
            if not present:
                continue
            if present > 1:  # overlapping terms are one highlight, as find_in_text merges them
                occurrences = len(spans_for_terms(NormText(text), q.terms))
            else:
                occurrences = sum(row)
            hits += occurrences
            if pos < len(doc.title_fields):
                first_title = first_title or text
            else:
                key = (present, occurrences, -pos)
                if best is None or key > best:
                    best = key
    if best is not None:
        text = fields[-best[2]]
    elif first_title is not None:  # only the title, kicker or subtitle matched
        text = first_title
    else:  # a filter-only query: show the opening paragraph
        text = doc.paragraphs[0] if doc.paragraphs else ""
    spans = spans_for_terms(NormText(text), q.terms) if text and q.terms else []
    snippet, snippet_spans = make_snippet(text, spans)
    return SearchHit(id=doc.id, title=doc.title, source=doc.source, hits=hits, snippet=snippet,
                     snippet_spans=snippet_spans, score=doc.score)


class _LazyFill:
    """Fills the LazySearchHits of one search, a batch of neighbours at a time, on first access to any of them."""

    def __init__(self, db: sqlite_utils.Database, q: Query) -> None:
        self.db = db
        self.q = q
        self.hits: list[LazySearchHit] = []
        self.position: dict[int, int] = {}
        self.lock = threading.Lock()  # a TUI worker and the UI thread may read the same list

    def make(self, rows: list[tuple[int, float]]) -> list[SearchHit]:
        self.hits = [LazySearchHit(aid, float(score), self) for aid, score in rows]
        self.position = {h.id: i for i, h in enumerate(self.hits)}
        return list(self.hits)

    def __call__(self, hit: LazySearchHit) -> None:
        with self.lock:
            if hit.filled:
                return
            start = self.position[hit.id]
            batch = [h for h in self.hits[start:start + _DETAIL_BATCH] if not h.filled]
            with _query_errors():
                docs = {d.id: d for d in _load(self.db, [(h.id, h.score) for h in batch])}
            for h in batch:
                doc = docs.get(h.id)
                if doc is None:  # the article was deleted after the search ran
                    h.set_values("", "", 0, "", [])
                    continue
                full = _describe(doc, self.q)
                h.set_values(full.title, full.source, full.hits, full.snippet, full.snippet_spans)


def search(db: sqlite_utils.Database, query: str, *, limit: int | None = 20, topic: str | None = None,
           order: str = "rank", lazy: bool = False, within: Iterable[int] | None = None) -> list[SearchHit]:
    """Articles matching `query` (see reader.search.query for the syntax); raises only QueryError.

    lazy=True returns LazySearchHits: the same hits in the same order, but title, source, hit count and snippet
    are computed when first read, so listing every match of a common term costs one index query. Read them
    while `db` is still open. `within` keeps only those article ids: the same hits, in the same order and with
    the same scores, as filtering the complete ranking, but only they are ranked.
    """
    if order not in ORDERS:
        raise QueryError(f"unknown order {order!r}; use one of: {', '.join(ORDERS)}")
    if limit is not None and limit <= 0:
        return []
    plan = _plan(db, query, topic)
    if plan is None:
        return []
    q = plan[0]
    ids = None if within is None else json.dumps(sorted({int(i) for i in within}))
    with _query_errors():
        rows = _matches(db, *plan, order, limit, ids)
        if lazy:
            return _LazyFill(db, q).make(rows)
        out: list[SearchHit] = []
        for i in range(0, len(rows), _DETAIL_BATCH):
            out += [_describe(doc, q) for doc in _load(db, rows[i:i + _DETAIL_BATCH])]
        return out
