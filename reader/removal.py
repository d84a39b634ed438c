"""`ipreader remove`: take pages out of the library; the reader's notes on them stay.

A page is named the way a reader knows it: its path, its file name, its label (what the library shows for a
machine-made file name) or, with `samples`, the bundled sample pages (by their content, wherever the package was
installed from). Its articles, paragraphs, topics, keyword counts and index entries go in one transaction; its
notes, quotes and tags are kept as orphans, with the article id, source name and fingerprint they had, so
importing the page again anchors them again (importer.write_source) and `notes --orphans` lists them meanwhile.
Split corrections are kept too: they are per page file and apply again when it comes back, and so is what its
articles were (id, title, fingerprint, under the state key `removed:NAME`), so each article whose text comes back
unchanged gets its old id again: reading positions and links to it hold.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader import keywords, search
from reader.ingest.prepare import sha256_of, source_key
from reader.store import StoreError, get_state, set_state, write_transaction

if TYPE_CHECKING:
    import sqlite_utils


REMOVED = "removed:"  # state key prefix: the articles a removed page had, by its file name


class RemoveError(StoreError):
    """A page to remove could not be named unambiguously (nothing was removed)."""

    title = "移除 remove"


@dataclass(frozen=True)
class Source:
    id: int
    name: str
    path: str


@dataclass
class Removed:
    """What one removal took out, and what it kept."""

    sources: list[Source] = field(default_factory=list)
    articles: int = 0
    notes_kept: int = 0  # live notes of those pages, now orphans waiting for the page to come back


def _all(conn: sqlite3.Connection) -> list[Source]:
    return [Source(int(i), n, p) for i, n, p in conn.execute("SELECT id, name, path FROM sources ORDER BY name, id")]


def find(conn: sqlite3.Connection, spec: str, labels: dict[str, str]) -> list[Source]:
    """The pages `spec` names: an exact path first, then a file name, then a label; [] when none."""
    sources = _all(conn)
    path = source_key(Path(spec).expanduser())
    for test in (lambda s: s.path == path or s.path == spec,
                 lambda s: s.name == spec,
                 lambda s: labels.get(s.name) == spec):
        found = [s for s in sources if test(s)]
        if found:
            return found
    return []


def samples(conn: sqlite3.Connection, files: list[Path]) -> list[Source]:
    """The bundled sample pages in the library, known by their bytes (the package may have moved since)."""
    shas = {sha256_of(f.read_bytes()) for f in files}
    rows = conn.execute("SELECT id, name, path, sha256 FROM sources ORDER BY name, id").fetchall()
    return [Source(int(i), n, p) for i, n, p, sha in rows if sha in shas]


def resolve(conn: sqlite3.Connection, specs: list[str], labels: dict[str, str]) -> list[Source]:
    """Every page the specs name, each once; raises RemoveError (naming the spec) for one that names none, or
    several pages by file name or label (the path tells them apart)."""
    out: dict[int, Source] = {}
    for spec in specs:
        found = find(conn, spec, labels)
        if not found:
            raise RemoveError(f"{spec}: no such page in the library (see `ipreader list`: its source column)")
        if len(found) > 1:
            paths = ", ".join(s.path for s in found[:4])
            raise RemoveError(f"{spec}: {len(found)} pages have that name ({paths}); give the path")
        out.setdefault(found[0].id, found[0])
    return list(out.values())


_LIVE_NOTES = "deleted IS NULL AND article_id IN (SELECT value FROM json_each(?))"  # of the article ids given


def preview(conn: sqlite3.Connection, sources: list[Source]) -> Removed:
    """What `remove` would take out and keep (`--dry-run`); changes nothing."""
    ids = [r[0] for r in conn.execute("SELECT id FROM articles WHERE source_id IN (SELECT value FROM json_each(?))",
                                      [json.dumps([s.id for s in sources])])]
    notes = conn.execute(f"SELECT count(*) FROM annotations WHERE {_LIVE_NOTES}", [json.dumps(ids)]).fetchone()[0]
    return Removed(list(sources), len(ids), int(notes))


def remove(db: sqlite_utils.Database, sources: list[Source]) -> Removed:
    """Take `sources` out in one transaction, their notes kept as orphans (see the module docstring)."""
    conn = db.conn
    report = Removed(sources=list(sources))
    if not sources:
        return report
    vocabulary = keywords.Vocabulary(conn)
    with write_transaction(conn):
        for source in sources:
            articles = conn.execute("SELECT id, title, fingerprint, terms FROM articles WHERE source_id = ? "
                                    "ORDER BY ordinal", [source.id]).fetchall()
            ids = [a[0] for a in articles]
            search.unindex_articles(db, ids)  # before the rows go: the postings are rebuilt from them
            keywords.forget(vocabulary, [a[3] for a in articles])
            report.notes_kept += conn.execute(
                f"UPDATE annotations SET anchor_state = 'orphan', anchor_score = 0.0, source = ? WHERE {_LIVE_NOTES}",
                [source.name, json.dumps(ids)]).rowcount
            report.articles += len(ids)
            _remember(conn, source.name, [(a[0], a[1], a[2]) for a in articles])
            conn.execute("DELETE FROM sources WHERE id = ?", [source.id])  # articles and their rows cascade
    return report


def _remember(conn: sqlite3.Connection, name: str, articles: list[tuple[int, str, str]]) -> None:
    """Add (id, title, fingerprint) of a removed page's articles to what `removed:NAME` remembers."""
    had = json.loads(get_state(conn, REMOVED + name) or "[]")
    known = {a["id"] for a in had}
    had += [{"id": i, "title": t, "fingerprint": fp} for i, t, fp in articles if i not in known]
    set_state(conn, REMOVED + name, json.dumps(had, ensure_ascii=False))


def removed_articles(conn: sqlite3.Connection, name: str) -> list[dict]:
    """The articles a removed page of this file name had, {"id", "title", "fingerprint", "text": ""}, as removal
    remembered them and as its orphaned notes do, minus ids in use again; forgotten once asked for (the page is
    being imported again, inside the import's transaction)."""
    remembered = json.loads(get_state(conn, REMOVED + name) or "[]")
    rows = conn.execute(
        "SELECT article_id, article_title, fingerprint FROM annotations WHERE deleted IS NULL AND "
        "anchor_state = 'orphan' AND source = ? AND article_id IS NOT NULL ORDER BY created, id", [name]).fetchall()
    out: dict[int, dict] = {}
    for a in [*remembered, *({"id": i, "title": t, "fingerprint": fp} for i, t, fp in rows)]:
        out.setdefault(int(a["id"]), {"id": int(a["id"]), "title": a["title"], "fingerprint": a["fingerprint"] or "",
                                      "text": ""})
    if remembered:
        conn.execute("DELETE FROM state WHERE key = ?", [REMOVED + name])
    used = {r[0] for r in conn.execute(
        f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(out))})", list(out))} if out else set()
    return [a for i, a in out.items() if i not in used]
