"""Prepared files → the store, one transaction per file; then refit the library's keywords.

Decoding, splitting and segmenting run in worker processes for large batches (see `prepare.py`); this module
only writes, so a crash leaves whole files or nothing.
"""
from __future__ import annotations

import io
import json
import multiprocessing
import os
import signal
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from reader import corrections, search
from reader.ingest.correct import Correction
from reader.ingest.prepare import (MAX_FILE_BYTES, PreparedFile, PrepareError, collect_files, prepare_file,
                                   read_bytes, sha256_of, source_key)
from reader.model import FileResult, ImportReport
from reader.notes.annotations import reanchor_source
from reader.store import write_transaction
from reader.text import segment
from reader.text.visible import one_line  # a file name is shown everywhere: stored safe to show
from reader.text.tags import Taxonomy, idf_table, top_keywords
from reader.workers import Pool, interrupt_deferred

if TYPE_CHECKING:  # only a type here; sqlite-utils itself loads when a Library first needs it
    import sqlite_utils

OnFile = Callable[[FileResult, int, int], None]  # (result, files done, files total)

PARALLEL_MIN_FILES = 4
PARALLEL_MIN_BYTES = 256 * 1024
TAGS_PER_ARTICLE = 8


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def import_paths(
    db: sqlite_utils.Database,
    paths: list[str | os.PathLike[str]],
    taxonomy: Taxonomy,
    *,
    force: bool = False,
    on_file: OnFile | None = None,
    workers: int | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> ImportReport:
    """Import files and folders; `max_bytes` is the largest file read (a bigger one fails with the reason).

    Ctrl-C raises ImportInterrupted, which carries the report so far; the files written before it stay.
    """
    batch = _Batch(on_file)
    try:
        files, problems, not_text = collect_files(paths)
        batch.total = len(files) + len(problems) + len(not_text)
        for path, reason in problems:
            batch.record(FileResult(path, "failed", reason=reason))
        for path, reason in not_text:
            batch.record(FileResult(path, "skipped", reason=reason))
        todo = _changed_files(db, files, batch, force=force, max_bytes=max_bytes)
        if _write_all(db, todo, taxonomy, batch, force=force, workers=workers, max_bytes=max_bytes) or _untagged(db):
            refit_keywords(db)
    except KeyboardInterrupt:
        raise ImportInterrupted(batch.report, batch.total) from None
    return batch.report


class ImportInterrupted(KeyboardInterrupt):
    """Ctrl-C during an import. The files written before it stay: each was its own transaction."""

    def __init__(self, report: ImportReport, total: int) -> None:
        super().__init__()
        self.report = report
        self.total = total  # files in the batch; 0 when stopped before they were listed

    @property
    def settled(self) -> int:
        """Files a second run will not redo: imported now, or skipped (already in the library, or not text)."""
        return len(self.report.imported) + len(self.report.skipped)


@dataclass
class _Batch:
    """The report being built and the progress callback it feeds."""

    on_file: OnFile | None
    report: ImportReport = field(default_factory=ImportReport)
    total: int = 0

    def record(self, result: FileResult) -> None:
        self.add(result)
        self.tell(result)

    def add(self, result: FileResult) -> None:
        self.report.files.append(result)

    def tell(self, result: FileResult) -> None:
        if self.on_file:
            self.on_file(result, len(self.report.files), self.total)


def _changed_files(db: sqlite_utils.Database, files: list[Path], batch: _Batch, *, force: bool,
                   max_bytes: int) -> list[Path]:
    """The files to prepare; the others go into the report as skipped (or failed, when unreadable)."""
    todo: list[Path] = []
    for f in files:
        skip = _unchanged(db, f, force, max_bytes)
        if skip:
            batch.record(skip)
        else:
            todo.append(f)
    return todo


def _write_all(db: sqlite_utils.Database, todo: list[Path], taxonomy: Taxonomy, batch: _Batch, *, force: bool,
               workers: int | None, max_bytes: int) -> bool:
    """Prepare and store the files in order; True when one was imported."""
    changed = False
    fixes = corrections.for_paths(db, [source_key(f) for f in todo])
    # closing(): on Ctrl-C the generator is closed at once, which stops its worker processes.
    with closing(_prepare_all(todo, taxonomy, workers, fixes, max_bytes)) as prepared:
        for path, outcome in prepared:
            with interrupt_deferred():  # a file's transaction and its line in the report go together
                result = _store(db, path, outcome, force)
                batch.add(result)
            batch.tell(result)  # outside: a blocked stderr must not keep Ctrl-C waiting
            changed |= result.status == "imported"
    return changed


def _store(db: sqlite_utils.Database, path: Path, outcome: PreparedFile | str, force: bool) -> FileResult:
    if isinstance(outcome, str):
        return FileResult(str(path), "failed", reason=outcome)
    try:
        return write_file(db, outcome, force=force)
    except sqlite3.Error as exc:
        return FileResult(str(path), "failed", reason=f"database error: {exc}")


def _unchanged(db: sqlite_utils.Database, path: Path, force: bool, max_bytes: int) -> FileResult | None:
    """A skip result when the file's bytes are already in the library (cheap: no decoding)."""
    if force:
        return None
    try:
        digest = sha256_of(read_bytes(path, limit=max_bytes))
    except PrepareError as exc:
        return FileResult(str(path), "failed", reason=str(exc))
    row = db.execute("SELECT path, name FROM sources WHERE sha256 = ? ORDER BY path = ? DESC LIMIT 1",
                     [digest, source_key(path)]).fetchone()
    if row is None:
        return None
    reason = "unchanged since the last import" if row[0] == source_key(path) else f"same content as {row[1]}"
    return FileResult(str(path), "skipped", reason=reason)


def _prepare_one(job: tuple[str, list[Correction]], *, taxonomy: Taxonomy, max_bytes: int) -> PreparedFile | str:
    """One file prepared, or the reason it cannot be: a failure of this file never stops the batch."""
    path, fixes = job
    try:
        return prepare_file(path, taxonomy, fixes, max_bytes=max_bytes)
    except PrepareError as exc:
        return str(exc)
    except RecursionError:
        return "the text is too deeply structured to split"
    except MemoryError:
        return "the file is too large to process in memory"


def _prepare_all(files: list[Path], taxonomy: Taxonomy, workers: int | None,
                 fixes: dict[str, list[Correction]], max_bytes: int) -> Iterator[tuple[Path, PreparedFile | str]]:
    """Prepare files in order, each with its reader's corrections; large batches use worker processes."""
    if not files:
        return
    # The taxonomy and the limit go with the function, which forked workers inherit: a job is a path and its fixes.
    prepare = partial(_prepare_one, taxonomy=taxonomy, max_bytes=max_bytes)
    jobs = [(str(f), fixes.get(source_key(f), [])) for f in files]
    size = sum(_size(f) for f in files)
    n = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if n > 1 and len(files) >= PARALLEL_MIN_FILES and size >= PARALLEL_MIN_BYTES and "fork" in multiprocessing.get_all_start_methods():
        segment.preload()  # load the dictionary once; forked workers share it copy-on-write
        with Pool(prepare, n, lost=_worker_lost) as pool:
            yield from zip(files, pool.map(jobs))
    else:
        yield from zip(files, map(prepare, jobs))


def _worker_lost(exitcode: int | None) -> str:
    """The failure reason of a file whose worker process died preparing it (the batch goes on)."""
    if exitcode == -signal.SIGKILL:
        how = "killed, perhaps for want of memory"
    elif exitcode is not None and exitcode < 0:
        how = f"signal {-exitcode}"
    else:
        how = f"exit code {exitcode}"
    return f"the process preparing it stopped ({how})"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def write_file(db: sqlite_utils.Database, pf: PreparedFile, *, force: bool = False) -> FileResult:
    """Store one prepared file in a single transaction, reusing article ids whose content is unchanged."""
    conn = db.conn
    with write_transaction(conn):
        # Checked again under the write lock: another process may have imported the same bytes meanwhile.
        if not force and conn.execute("SELECT 1 FROM sources WHERE sha256 = ? AND path = ?", [pf.sha256, pf.path]).fetchone():
            return FileResult(pf.path, "skipped", reason="unchanged since the last import")
        write_source(db, pf)
        if pf.corrections:
            corrections.record_outcomes(conn, pf.corrections)
    return FileResult(pf.path, "imported", articles=len(pf.articles), chars=pf.chars, warnings=pf.warnings)


def write_source(db: sqlite_utils.Database, pf: PreparedFile, keep: list[int | None] | None = None) -> list[int]:
    """Replace the source's articles by `pf`'s; returns the new article ids in page order.

    An article keeps the id of the old article with the same fingerprint; with `keep` (a correction's write)
    article i keeps the id keep[i] too, so the first half of a split stays the article it was.
    """
    conn = db.conn
    stamp = now()
    old = conn.execute("SELECT id FROM sources WHERE path = ?", [pf.path]).fetchone()
    old_articles: list[dict] = []
    if old:
        source_id = old[0]
        old_articles = _article_snapshots(conn, source_id)
        old_ids = [a["id"] for a in old_articles]
        search.unindex_articles(db, old_ids)
        conn.execute("DELETE FROM articles WHERE source_id = ?", [source_id])
        conn.execute(
            "UPDATE sources SET name=?, sha256=?, encoding=?, chars=?, furniture=?, imported_at=?, warnings=? WHERE id=?",
            [one_line(pf.name), pf.sha256, pf.encoding, pf.chars, _furniture_json(pf), stamp, _warnings_json(pf), source_id],
        )
    else:
        cur = conn.execute(
            "INSERT INTO sources(name, path, sha256, encoding, chars, furniture, imported_at, warnings) VALUES (?,?,?,?,?,?,?,?)",
            [one_line(pf.name), pf.path, pf.sha256, pf.encoding, pf.chars, _furniture_json(pf), stamp, _warnings_json(pf)],
        )
        source_id = cur.lastrowid
    reuse = {a["fingerprint"]: a["id"] for a in old_articles}
    kept = {i: aid for i, aid in enumerate(keep or []) if aid is not None}
    taken = set(kept.values())
    reuse = {fp: aid for fp, aid in reuse.items() if aid not in taken}
    new_ids = []
    for ordinal, art in enumerate(pf.articles, start=1):
        p = art.parsed
        values = [source_id, ordinal, p.title, p.kicker, p.subtitle, json.dumps(p.authors, ensure_ascii=False),
                  p.column, p.line_start, p.line_end, art.chars, art.fingerprint,
                  json.dumps(art.terms, ensure_ascii=False, sort_keys=True), stamp, p.confidence]
        cols = ("source_id, ordinal, title, kicker, subtitle, authors, column_label, line_start, line_end, chars, "
                "fingerprint, terms, imported_at, confidence")
        article_id = kept.get(ordinal - 1) or reuse.pop(art.fingerprint, None)
        if article_id is not None:
            conn.execute(f"INSERT INTO articles(id, {cols}) VALUES (?,{','.join('?' * len(values))})", [article_id, *values])
        else:
            article_id = conn.execute(f"INSERT INTO articles({cols}) VALUES ({','.join('?' * len(values))})", values).lastrowid
        new_ids.append(article_id)
        conn.executemany(
            "INSERT INTO paragraphs(article_id, idx, kind, text, line_start, line_end, breaks) VALUES (?,?,?,?,?,?,?)",
            [(article_id, i, para.kind, para.text, para.line_start, para.line_end, breaks_json(art.breaks[i]))
             for i, para in enumerate(p.paragraphs)],
        )
        conn.executemany(
            "INSERT INTO article_topics(article_id, topic, score, matched) VALUES (?,?,?,?)",
            [(article_id, m.topic, m.score, json.dumps(m.matched, ensure_ascii=False)) for m in art.topics],
        )
    search.index_articles(db, new_ids)
    if old_articles:
        reanchor_source(db, source_id, old_articles, related=[] if keep is None else new_ids)
    return new_ids


def breaks_json(ends: Sequence[int]) -> str:
    """Word ends as the JSON list the store keeps, written slice by slice: a paragraph of millions of words never
    holds a str per number at once."""
    if len(ends) <= _SLICE:
        return json.dumps(list(ends))
    out = io.StringIO()
    for i in range(0, len(ends), _SLICE):
        out.write(", " if i else "[")
        out.write(", ".join(map(str, ends[i:i + _SLICE])))
    out.write("]")
    return out.getvalue()


_SLICE = 4096


def _article_snapshots(conn: sqlite3.Connection, source_id: int) -> list[dict]:
    """What re-anchoring needs to know about the articles a source had before it is re-imported."""
    out = []
    for aid, title, fp in conn.execute("SELECT id, title, fingerprint FROM articles WHERE source_id = ? ORDER BY ordinal", [source_id]):
        paras = [r[0] for r in conn.execute("SELECT text FROM paragraphs WHERE article_id = ? ORDER BY idx", [aid])]
        out.append({"id": aid, "title": title, "fingerprint": fp, "text": "\n".join(paras)})
    return out


def _furniture_json(pf: PreparedFile) -> str:
    return json.dumps([{"kind": f.kind, "text": f.text, "line": f.line} for f in pf.furniture], ensure_ascii=False)


def _warnings_json(pf: PreparedFile) -> str:
    return json.dumps(pf.warnings, ensure_ascii=False)


def _untagged(db: sqlite_utils.Database) -> bool:
    return db.execute("SELECT 1 FROM articles a WHERE NOT EXISTS (SELECT 1 FROM tags t WHERE t.article_id = a.id) LIMIT 1").fetchone() is not None


def refit_keywords(db: sqlite_utils.Database) -> None:
    """Refit the IDF to the whole library and rewrite every article's keywords (one transaction)."""
    rows = [(aid, json.loads(terms)) for aid, terms in db.execute("SELECT id, terms FROM articles")]
    idf, _ = idf_table(terms.keys() for _, terms in rows)
    conn = db.conn
    with write_transaction(conn):
        conn.execute("DELETE FROM tags")
        conn.executemany(
            "INSERT INTO tags(article_id, rank, tag, weight) VALUES (?,?,?,?)",
            [(aid, rank, tag, weight) for aid, terms in rows
             for rank, (tag, weight) in enumerate(top_keywords(terms, idf, TAGS_PER_ARTICLE))],
        )


def retopic(db: sqlite_utils.Database, taxonomy: Taxonomy) -> int:
    """Re-apply an edited taxonomy to every article; returns the number of articles."""
    from reader.text.tags import match_topics

    conn = db.conn
    articles = db.execute("SELECT id, coalesce(kicker,''), title, coalesce(subtitle,'') FROM articles").fetchall()
    with write_transaction(conn):
        conn.execute("DELETE FROM article_topics")
        conn.execute("DELETE FROM topics")
        conn.executemany("INSERT INTO topics(name, ordinal, keywords) VALUES (?,?,?)",
                         [(t.name, i, json.dumps(t.keywords, ensure_ascii=False)) for i, t in enumerate(taxonomy.topics)])
        for aid, kicker, title, subtitle in articles:
            paras = [r[0] for r in conn.execute("SELECT text FROM paragraphs WHERE article_id = ? ORDER BY idx", [aid])]
            heading = " ".join(x for x in (kicker, title, subtitle) if x)
            matches = match_topics(heading, "\n".join(paras), taxonomy)
            conn.executemany("INSERT INTO article_topics(article_id, topic, score, matched) VALUES (?,?,?,?)",
                             [(aid, m.topic, m.score, json.dumps(m.matched, ensure_ascii=False)) for m in matches])
    return len(articles)

