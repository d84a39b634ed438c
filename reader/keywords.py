"""The library's keywords, kept up to date by the work of each import, not by a refit of every article.

Each article stores its candidate keywords' counts packed (`articles.terms`, ids into the `terms` table); `terms.df`
is the number of articles each term occurs in, adjusted by every write (`forget` the articles a page replaces,
`learn` the new ones). A new article is tagged at once against the library as it is then (`tags` stays a
table: related articles and the lists read it). The older articles keep the keywords of the last full refit,
which `settle` runs after an import when the library has grown or shrunk by REFIT_DRIFT since then, or is small
enough for a refit to cost nothing; `retag` runs one always. Between refits the keywords agree with a full refit's
within the tolerance tests/test_keywords.py checks (mean top-8 overlap); a refit recounts `df` from the articles
too, so nothing drifts for good.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence

from reader.store import get_state, set_state, write_transaction
from reader.text.packed import pack_counts, unpack_columns, unpack_counts
from reader.text.tags import best_keywords, idf_weight

TAGS_PER_ARTICLE = 8
REFIT_DRIFT = 0.10  # a refit when the article count moved this much since the last one
SMALL_LIBRARY = 300  # articles: a refit costs less than a page's import, so always refit
FITTED_AT = "keywords_fitted_at"  # state: the article count at the last full refit
_CHUNK = 500


class Vocabulary:
    """term ↔ (id, df) for the terms met so far, so that an import of many pages asks SQLite only about the
    words it has not seen. Forgotten when another connection commits (PRAGMA data_version tells) and after a
    rolled-back write (`reset`); ids never change once given, df is kept in step with each write."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._ids: dict[str, int] = {}
        self._rows: dict[int, list] = {}  # id → [term, df]
        self._version: int | None = None

    def reset(self) -> None:
        self._ids.clear()
        self._rows.clear()
        self._version = None

    def _fresh(self) -> None:
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self.reset()
            self._version = version

    def ids(self, terms: Iterable[str]) -> dict[str, int]:
        """The ids of `terms`; terms new to the library are added (df 0 until `learn`)."""
        self._fresh()
        wanted = list(dict.fromkeys(terms))
        missing = [t for t in wanted if t not in self._ids]
        for i in range(0, len(missing), _CHUNK):
            chunk = missing[i:i + _CHUNK]
            for tid, term, df in self.conn.execute(
                    f"SELECT id, term, df FROM terms WHERE term IN ({','.join('?' * len(chunk))})", chunk):
                self._remember(tid, term, df)
        for term in missing:
            if term not in self._ids:
                self._remember(self.conn.execute("INSERT INTO terms(term, df) VALUES (?, 0)", [term]).lastrowid, term, 0)
        return {t: self._ids[t] for t in wanted}

    def _remember(self, tid: int, term: str, df: int) -> None:
        self._ids[term] = tid
        self._rows[tid] = [term, df]

    def rows(self, ids: Iterable[int]) -> dict[int, list]:
        """id → [term, df] for the given ids."""
        self._fresh()
        wanted = [tid for tid in set(ids) if tid not in self._rows]
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i:i + _CHUNK]
            for tid, term, df in self.conn.execute(
                    f"SELECT id, term, df FROM terms WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                self._remember(tid, term, df)
        return self._rows

    def adjust(self, df: Counter[int], sign: int) -> None:
        rows = self.rows(df)
        self.conn.executemany("UPDATE terms SET df = max(0, df + ?) WHERE id = ?",
                              [(sign * c, tid) for tid, c in df.items()])
        for tid, c in df.items():
            if tid in rows:
                rows[tid][1] = max(0, rows[tid][1] + sign * c)


def encode_terms(vocabulary: Vocabulary, counts: dict[str, int]) -> bytes:
    """An article's keyword counts in stored form."""
    ids = vocabulary.ids(counts)
    return pack_counts((ids[t], c) for t, c in counts.items())


def forget(vocabulary: Vocabulary, blobs: Iterable[bytes | None], *, tag: bool = True) -> None:
    """Take articles about to be deleted out of the document frequencies (their tags go with the rows). Without
    `tag` (an import that will refit, which recounts them) nothing is done."""
    if tag:
        vocabulary.adjust(_df(blobs), -1)


def learn(vocabulary: Vocabulary, articles: Sequence[tuple[int, bytes]], *, tag: bool = True) -> None:
    """Count new articles (id, stored terms) into the document frequencies and tag them against the library as
    it is now. Without `tag` both are left to the refit the import will end with: the untagged articles make
    sure it runs (`refit_due`), even after a crash."""
    if not tag:
        return
    unpacked = [(aid, unpack_counts(blob)) for aid, blob in articles]
    df: Counter[int] = Counter()
    for _, pairs in unpacked:
        df.update(tid for tid, _ in pairs)
    vocabulary.adjust(df, +1)
    conn = vocabulary.conn
    n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    rows = vocabulary.rows(df)
    weights = {tid: (rows[tid][0], idf_weight(rows[tid][1], n)) for tid in df if tid in rows}
    conn.executemany("INSERT INTO tags(article_id, rank, tag, weight) VALUES (?,?,?,?)",
                     [row for aid, pairs in unpacked for row in _tag_rows(aid, pairs, weights)])


def _df(blobs: Iterable[bytes | None]) -> Counter[int]:
    df: Counter[int] = Counter()
    for blob in blobs:
        df.update(tid for tid, _ in unpack_counts(blob))
    return df


def _tag_rows(article_id: int, pairs: list[tuple[int, int]],
              weights: dict[int, tuple[str, float]]) -> list[tuple[int, int, str, float]]:
    """An article's tag rows from its (term id, count) pairs and each term's (text, idf)."""
    known = [(weights[tid], count) for tid, count in pairs if tid in weights]
    best = best_keywords([w[0] for w, _ in known], [c for _, c in known], [w[1] for w, _ in known], TAGS_PER_ARTICLE)
    return [(article_id, rank, tag, weight) for rank, (tag, weight) in enumerate(best)]


def refit_due(conn: sqlite3.Connection, adding: int = 0) -> bool:
    """Whether the older articles' keywords may have moved from a full refit's by more than the tolerance (with
    `adding`: once that many more articles are in), or some article was left untagged (an interrupted import)."""
    n = conn.execute("SELECT count(*) FROM articles").fetchone()[0] + adding
    fitted = int(get_state(conn, FITTED_AT) or 0)
    return n <= SMALL_LIBRARY or abs(n - fitted) > REFIT_DRIFT * max(fitted, 1) or _untagged(conn)


def _untagged(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT EXISTS (SELECT 1 FROM articles a WHERE length(a.terms) > 0 AND NOT EXISTS "
                        "(SELECT 1 FROM tags t WHERE t.article_id = a.id))").fetchone()[0] == 1


def settle(conn: sqlite3.Connection) -> bool:
    """After an import: a full refit when one is due; True when it ran."""
    if not refit_due(conn):
        return False
    refit(conn)
    return True


def refit(conn: sqlite3.Connection) -> None:
    """Every article's keywords against the whole library, `df` recounted from the articles (one transaction)."""
    with write_transaction(conn):
        articles = [(aid, *unpack_columns(blob)) for aid, blob in conn.execute("SELECT id, terms FROM articles")]
        df: Counter[int] = Counter()
        for _, ids, _ in articles:
            df.update(ids)
        stored = conn.execute("SELECT id, term, df FROM terms").fetchall()
        conn.executemany("UPDATE terms SET df = ? WHERE id = ?", [(df[tid], tid) for tid, _, d in stored if d != df[tid]])
        # Lists indexed by term id: the scoring below reads them with C-level maps.
        top = max((tid for tid, _, _ in stored), default=0) + 1
        names, idfs = [""] * top, [0.0] * top
        n = len(articles)
        for tid, term, _ in stored:
            names[tid], idfs[tid] = term, idf_weight(df[tid], n)
        rows = []
        for aid, ids, counts in articles:
            if ids and ids[-1] >= top:  # ids the terms table lacks (a damaged library): leave them out
                counts = [c for i, c in zip(ids, counts) if i < top]
                ids = [i for i in ids if i < top]
            best = best_keywords(list(map(names.__getitem__, ids)), counts, list(map(idfs.__getitem__, ids)),
                                 TAGS_PER_ARTICLE)
            rows.extend((aid, rank, tag, weight) for rank, (tag, weight) in enumerate(best))
        conn.execute("DELETE FROM tags")
        conn.executemany("INSERT INTO tags(article_id, rank, tag, weight) VALUES (?,?,?,?)", rows)
        set_state(conn, FITTED_AT, str(n))


def article_terms(conn: sqlite3.Connection, blobs: Iterable[bytes | None]) -> list[list[str]]:
    """The candidate keywords of each stored article (for counts over the library, e.g. the overview)."""
    names = dict(conn.execute("SELECT id, term FROM terms"))
    return [[names[tid] for tid, _ in unpack_counts(blob) if tid in names] for blob in blobs]
