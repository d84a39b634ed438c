"""search(): candidates from the FTS5 index, confirmed and counted against the stored text, with snippets."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

import sqlite_utils

from .index import FTS_TABLE, require_index
from .match import NormText, spans_for_terms, term_pattern
from .normalize import normalize
from .query import Query, QueryError, fts_phrase, match_expression, parse_for_search
from .results import SearchHit
from .snippets import make_snippet

TITLE_WEIGHT = 5.0  # bm25 weight of the title column relative to the body
ORDERS = ("rank", "newest")
_CHUNK = 64  # candidates confirmed per round trip


@dataclass
class _Doc:
    id: int
    title: str
    source: str
    authors: str
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


def _candidates(db: sqlite_utils.Database, q: Query, topic_sets: list[list[str]], order: str,
                chunk: int) -> Iterator[list[tuple]]:
    params: list[object] = []
    if q.terms:
        select = (f"SELECT a.id, a.title, coalesce(s.name, ''), a.authors, -bm25({FTS_TABLE}, {TITLE_WEIGHT}, 1.0) "
                  f"FROM {FTS_TABLE} JOIN articles a ON a.id = {FTS_TABLE}.rowid ")
        where = [f"{FTS_TABLE} MATCH ?"]
        params.append(match_expression(q.terms, q.excluded))
    else:
        select = "SELECT a.id, a.title, coalesce(s.name, ''), a.authors, 0.0 FROM articles a "
        where = []
        if q.excluded:
            where.append(f"a.id NOT IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)")
            params.append(" OR ".join(fts_phrase(t) for t in q.excluded))
    select += "LEFT JOIN sources s ON s.id = a.source_id "
    for names in topic_sets:
        where.append("EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.id AND t.topic IN (%s))"
                     % ",".join("?" * len(names)))
        params.extend(names)
    sql = select + ("WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY 5 DESC, a.id" if order == "rank" else " ORDER BY a.imported_at DESC, a.id DESC"
    cursor = db.conn.execute(sql, params)
    try:
        while True:
            rows = cursor.fetchmany(chunk)
            if not rows:
                return
            yield rows
    finally:
        # Stopping early (limit reached) must not leave a statement running: it would block the next COMMIT.
        cursor.close()


def _load(db: sqlite_utils.Database, rows: list[tuple]) -> list[_Doc]:
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    extra = {r[0]: (r[1], r[2]) for r in db.conn.execute(
        f"SELECT id, kicker, subtitle FROM articles WHERE id IN ({marks})", ids)}
    paras: dict[int, list[str]] = {i: [] for i in ids}
    for aid, text in db.conn.execute(
        f"SELECT article_id, text FROM paragraphs WHERE article_id IN ({marks}) ORDER BY article_id, idx", ids
    ):
        paras[aid].append(text)
    docs = []
    for aid, title, source, authors, score in rows:
        kicker, subtitle = extra.get(aid, (None, None))
        fields = [f for f in (title, kicker, subtitle) if f]
        docs.append(_Doc(aid, title, source, authors or "[]", float(score), fields, paras[aid]))
    return docs


def _count(norm: str, term: str) -> int:
    # Non-overlapping occurrences, as str.count and regex finditer both define them.
    return norm.count(term) if " " not in term else sum(1 for _ in term_pattern(term).finditer(norm))


def _confirm(doc: _Doc, q: Query) -> SearchHit | None:
    """The hit for `doc` if its text really satisfies the query (the index is only a candidate filter).

    Works on normalised strings with C-speed counting; the character map back to the original text is built
    only for the one paragraph shown as the snippet.
    """
    fields = doc.title_fields + doc.paragraphs
    norms = [normalize(t) for t in fields]
    for ex in q.excluded:
        pattern = term_pattern(ex)
        if any(pattern.search(n) for n in norms):
            return None
    counts = [[_count(n, term) for term in q.terms] for n in norms]
    if not all(any(row[i] for row in counts) for i in range(len(q.terms))):
        return None
    hits = 0
    best: tuple[int, int, int] | None = None  # (distinct terms, occurrences, -position) of the best paragraph
    for pos, row in enumerate(counts):
        present = sum(1 for c in row if c)
        if present > 1:  # overlapping terms are one highlight, as find_in_text merges them
            occurrences = len(spans_for_terms(NormText(fields[pos]), q.terms))
        else:
            occurrences = sum(row)
        hits += occurrences
        if pos >= len(doc.title_fields) and occurrences:
            key = (present, occurrences, -pos)
            if best is None or key > best:
                best = key
    title_matches = [f for f, row in zip(doc.title_fields, counts) if any(row)]
    if best is not None:
        text = fields[-best[2]]
    elif title_matches:  # only the title, kicker or subtitle matched
        text = title_matches[0]
    else:  # a filter-only query: show the opening paragraph
        text = doc.paragraphs[0] if doc.paragraphs else ""
    spans = spans_for_terms(NormText(text), q.terms) if text else []
    snippet, snippet_spans = make_snippet(text, spans)
    return SearchHit(id=doc.id, title=doc.title, source=doc.source, hits=hits, snippet=snippet,
                     snippet_spans=snippet_spans, score=doc.score)


def search(db: sqlite_utils.Database, query: str, *, limit: int | None = 20, topic: str | None = None,
           order: str = "rank") -> list[SearchHit]:
    """Articles matching `query` (see reader.search.query for the syntax); raises only QueryError."""
    if order not in ORDERS:
        raise QueryError(f"unknown order {order!r}; use one of: {', '.join(ORDERS)}")
    if limit is not None and limit <= 0:
        return []
    if not isinstance(query, str):
        raise QueryError("the query must be text")
    q = parse_for_search(query)
    if q.empty and not topic:
        return []
    topic_values = q.topics + ([topic] if topic else [])
    try:
        require_index(db)
        topic_sets = [resolve_topic(db, v) for v in topic_values]
        out: list[SearchHit] = []
        # Confirmation almost never rejects, so for a top-N search fetch little more than N texts per round.
        chunk = _CHUNK if limit is None else max(8, min(_CHUNK, limit + 2))
        batches = _candidates(db, q, topic_sets, order, chunk)
        try:
            for rows in batches:
                for doc in _load(db, rows):
                    if q.authors and not _authors_match(doc.authors, q.authors):
                        continue
                    hit = _confirm(doc, q)
                    if hit is not None:
                        out.append(hit)
                        if limit is not None and len(out) >= limit:
                            return out
        finally:
            batches.close()
        return out
    except sqlite3.OperationalError as exc:
        # The MATCH text is built from hex tokens only, so this should not happen; if it does, the user gets a
        # message rather than a traceback. Errors sqlite reports lazily surface here, while iterating.
        if "fts5" in str(exc) or "syntax" in str(exc) or "MATCH" in str(exc):
            raise QueryError(f"the search could not run: {exc}") from exc
        raise
