"""Prepared files → the store, one transaction per file, each tagging its own articles (reader/keywords.py).

Decoding, splitting and segmenting run in worker processes for large batches (see `prepare.py`); this module
only writes, so a crash leaves whole files or nothing.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from reader import corrections, heap, keywords, removal, search
from reader.ingest.correct import Correction
from reader.ingest.prepare import (
    MAX_FILE_BYTES,
    STEPS_FROM_CHARS,
    PreparedFile,
    PrepareError,
    Tell,
    collect_files,
    decode_data,
    file_stamp,
    prepare_decoded,
    read_file,
    sha256_of,
    source_key,
)
from reader.model import FileResult, ImportReport, Step
from reader.notes.annotations import reanchor_source
from reader.store import write_transaction
from reader.text import segment
from reader.text.tags import Taxonomy
from reader.text.visible import (
    one_line,  # a file name is shown everywhere: stored safe to show
)
from reader.workers import Pool, interrupt_deferred

if TYPE_CHECKING:  # only a type here; sqlite-utils itself loads when a Library first needs it
    import sqlite_utils

OnFile = Callable[[FileResult, int, int], None]  # (result, files done, files total)
OnStep = Callable[[str, Step, float], None]  # (path, step, fraction of it done): a big file's steps, in process

PARALLEL_MIN_FILES = 4
PARALLEL_MIN_BYTES = 256 * 1024


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
    on_step: OnStep | None = None,
) -> ImportReport:
    """Import files and folders; `max_bytes` is the largest file read (a bigger one fails with the reason).
    `on_step` hears the steps of each big file prepared in this process (a batch that uses worker processes moves
    a file at a time anyway).

    Ctrl-C raises ImportInterrupted, which carries the report so far; the files written before it stay.
    """
    heap.fix_mmap_threshold()  # a huge page's freed buffers go back to the system (reader.heap)
    batch = _Batch(on_file)
    try:
        files, problems, not_text = collect_files(paths)
        batch.total = len(files) + len(problems) + len(not_text)
        for path, reason in problems:
            batch.record(FileResult(path, "failed", reason=reason))
        for path, reason in not_text:
            batch.record(FileResult(path, "skipped", reason=reason))
        todo = _changed_files(db, files, batch, force=force)
        _write_all(db, todo, taxonomy, batch, force=force, workers=workers, max_bytes=max_bytes, on_step=on_step)
        keywords.settle(db.conn)  # each write tagged its own articles (unless a refit was sure); refit when due
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


def _changed_files(db: sqlite_utils.Database, files: list[Path], batch: _Batch, *, force: bool) -> list[Path]:
    """The files to prepare. A file whose size and modification time are those of its last import is skipped
    without being read; the others are read once, by whoever prepares them (`_prepare_one` skips the ones whose
    bytes turn out to be in the library already)."""
    if force:
        return list(files)
    stamps = dict(db.execute("SELECT path, stamp FROM sources WHERE stamp IS NOT NULL"))
    todo: list[Path] = []
    for f in files:
        try:
            same = stamps.get(source_key(f)) == file_stamp(f.stat())
        except OSError:
            same = False  # the reader will say why
        if same:
            batch.record(FileResult(str(f), "skipped", reason=UNCHANGED))
        else:
            todo.append(f)
    return todo


UNCHANGED = "unchanged since the last import"


@dataclass
class _Skip:
    """A file whose bytes are already in the library, found by the process that read it."""

    reason: str
    stamp: str
    same_path: bool


def _known_contents(db: sqlite_utils.Database, force: bool) -> dict[str, list[tuple[str, str]]] | None:
    """sha256 → [(path, name)] of the library's pages: what a file read for import is checked against."""
    if force:
        return None
    known: dict[str, list[tuple[str, str]]] = {}
    for sha, path, name in db.execute("SELECT sha256, path, name FROM sources"):
        known.setdefault(sha, []).append((path, name))
    return known


def _write_all(db: sqlite_utils.Database, todo: list[Path], taxonomy: Taxonomy, batch: _Batch, *, force: bool,
               workers: int | None, max_bytes: int, on_step: OnStep | None = None) -> None:
    """Prepare and store the files in order."""
    # A batch that will refit anyway (each new file brings at least one article) leaves the tagging to that refit.
    new_files = len({source_key(f) for f in todo} - {r[0] for r in db.execute("SELECT path FROM sources")})
    words = _Words(keywords.Vocabulary(db.conn), tag=not keywords.refit_due(db.conn, adding=new_files))
    fixes = corrections.for_paths(db, [source_key(f) for f in todo])
    known = _known_contents(db, force) if todo else None
    # closing(): on Ctrl-C the generator is closed at once, which stops its worker processes.
    with closing(_prepare_all(todo, taxonomy, workers, fixes, max_bytes, known, on_step)) as prepared:
        for path, outcome in prepared:
            with interrupt_deferred():  # a file's transaction and its line in the report go together
                result = _store(db, path, outcome, force, words, on_step)
                batch.add(result)
            batch.tell(result)  # outside: a blocked stderr must not keep Ctrl-C waiting


@dataclass
class _Words:
    """How a batch keeps the keywords: its vocabulary cache, and whether each write tags its articles."""

    vocabulary: keywords.Vocabulary
    tag: bool = True


def _store(db: sqlite_utils.Database, path: Path, outcome: PreparedFile | _Skip | str, force: bool,
           words: _Words, on_step: OnStep | None = None) -> FileResult:
    if isinstance(outcome, str):
        return FileResult(str(path), "failed", reason=outcome)
    if isinstance(outcome, _Skip):
        if outcome.same_path:  # touched, not changed: next time its stamp says so without a read
            with write_transaction(db.conn):
                db.conn.execute("UPDATE sources SET stamp = ? WHERE path = ?", [outcome.stamp, source_key(path)])
        return FileResult(str(path), "skipped", reason=outcome.reason)
    try:
        tell = partial(on_step, str(path)) if on_step is not None and outcome.chars >= STEPS_FROM_CHARS else None
        return write_file(db, outcome, force=force, words=words, consume=True, tell=tell)
    except sqlite3.Error as exc:
        words.vocabulary.reset()  # it may hold ids the rolled-back transaction gave
        return FileResult(str(path), "failed", reason=f"database error: {exc}")


def _prepare_one(job: tuple[str, list[Correction]], *, taxonomy: Taxonomy, max_bytes: int,
                 known: dict[str, list[tuple[str, str]]] | None, on_step: OnStep | None = None,
                 ) -> PreparedFile | _Skip | str:
    """One file read once, then skipped when its bytes are `known`, else prepared; or the reason it cannot be: a
    failure of this file never stops the batch."""
    path, fixes = job
    try:
        data, stamp = read_file(Path(path), limit=max_bytes)
        digest = sha256_of(data)
        if known is not None and digest in known:
            return _skip(known[digest], source_key(Path(path)), stamp)
        decoded = decode_data(data)
        del data  # see decode_data
        tell = partial(on_step, path) if on_step is not None else None
        return prepare_decoded(path, decoded, digest, taxonomy, fixes, stamp=stamp, tell=tell)
    except PrepareError as exc:
        return str(exc)
    except RecursionError:
        return "the text is too deeply structured to split"
    except MemoryError:
        return "the file is too large to process in memory"


def _skip(sources: list[tuple[str, str]], key: str, stamp: str) -> _Skip:
    for path, _ in sources:
        if path == key:
            return _Skip(UNCHANGED, stamp, True)
    return _Skip(f"same content as {sources[0][1]}", stamp, False)


def _prepare_all(files: list[Path], taxonomy: Taxonomy, workers: int | None, fixes: dict[str, list[Correction]],
                 max_bytes: int, known: dict[str, list[tuple[str, str]]] | None, on_step: OnStep | None = None,
                 ) -> Iterator[tuple[Path, PreparedFile | _Skip | str]]:
    """Prepare files in order, each with its reader's corrections; large batches use worker processes."""
    if not files:
        return
    # The taxonomy and the limit go with the function, which forked workers inherit: a job is a path and its fixes.
    prepare = partial(_prepare_one, taxonomy=taxonomy, max_bytes=max_bytes, known=known)
    jobs = [(str(f), fixes.get(source_key(f), [])) for f in files]
    size = sum(_size(f) for f in files)
    n = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if n > 1 and len(files) >= PARALLEL_MIN_FILES and size >= PARALLEL_MIN_BYTES and "fork" in multiprocessing.get_all_start_methods():
        segment.preload()  # load the dictionary once; forked workers share it copy-on-write
        with Pool(prepare, n, lost=_worker_lost) as pool:
            yield from zip(files, pool.map(jobs))
    else:
        yield from zip(files, map(partial(prepare, on_step=on_step), jobs))


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


def write_file(db: sqlite_utils.Database, pf: PreparedFile, *, force: bool = False,
               words: _Words | None = None, consume: bool = False, tell: Tell | None = None) -> FileResult:
    """Store one prepared file in a single transaction, reusing article ids whose content is unchanged.

    `consume`: the caller is done with `pf`, whose paragraphs are dropped as soon as they are stored (see
    write_source)."""
    conn = db.conn
    with write_transaction(conn):
        # Checked again under the write lock: another process may have imported the same bytes meanwhile.
        if not force and conn.execute("SELECT 1 FROM sources WHERE sha256 = ? AND path = ?", [pf.sha256, pf.path]).fetchone():
            return FileResult(pf.path, "skipped", reason="unchanged since the last import")
        write_source(db, pf, words=words, consume=consume, tell=tell)
        if pf.corrections:
            corrections.record_outcomes(conn, pf.corrections)
    return FileResult(pf.path, "imported", articles=len(pf.articles), chars=pf.chars, warnings=pf.warnings)


def write_source(db: sqlite_utils.Database, pf: PreparedFile, keep: list[int | None] | None = None, *,
                 words: _Words | None = None, consume: bool = False, tell: Tell | None = None) -> list[int]:
    """Replace the source's articles by `pf`'s; returns the new article ids in page order.

    An article keeps the id of the old article with the same fingerprint; with `keep` (a correction's write)
    article i keeps the id keep[i] too, so the first half of a split stays the article it was. With `consume`
    each article's paragraphs and word ends are dropped from `pf` once written: indexing reads them back from the
    store, and for a page that is one huge line they would otherwise be alive through the index's peak.
    """
    conn = db.conn
    words = words or _Words(keywords.Vocabulary(conn))
    if tell is not None:
        tell(Step.STORING, 0.0)
    stamp = now()
    old = conn.execute("SELECT id FROM sources WHERE path = ?", [pf.path]).fetchone()
    old_articles: list[dict] = []
    if old:
        source_id = old[0]
        old_articles = _article_snapshots(conn, source_id)
        old_ids = [a["id"] for a in old_articles]
        search.unindex_articles(db, old_ids)
        keywords.forget(words.vocabulary, [r[0] for r in conn.execute("SELECT terms FROM articles WHERE source_id = ?",
                                                                   [source_id])], tag=words.tag)
        conn.execute("DELETE FROM articles WHERE source_id = ?", [source_id])
        conn.execute(
            "UPDATE sources SET name=?, sha256=?, encoding=?, chars=?, furniture=?, imported_at=?, warnings=?, "
            "stamp=coalesce(?, stamp) WHERE id=?",
            [one_line(pf.name), pf.sha256, pf.encoding, pf.chars, _furniture_json(pf), stamp, _warnings_json(pf),
             pf.stamp or None, source_id],
        )
    else:
        cur = conn.execute(
            "INSERT INTO sources(name, path, sha256, encoding, chars, furniture, imported_at, warnings, stamp) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            [one_line(pf.name), pf.path, pf.sha256, pf.encoding, pf.chars, _furniture_json(pf), stamp, _warnings_json(pf),
             pf.stamp or None],
        )
        source_id = cur.lastrowid
        old_articles = removal.removed_articles(conn, one_line(pf.name))  # a page taken out, coming back
    reuse = {a["fingerprint"]: a["id"] for a in old_articles}
    kept = {i: aid for i, aid in enumerate(keep or []) if aid is not None}
    taken = set(kept.values())
    reuse = {fp: aid for fp, aid in reuse.items() if aid not in taken}
    new_ids = []
    learned = []
    for ordinal, art in enumerate(pf.articles, start=1):
        p = art.parsed
        terms = keywords.encode_terms(words.vocabulary, art.terms)
        values = [source_id, ordinal, p.title, p.kicker, p.subtitle, json.dumps(p.authors, ensure_ascii=False),
                  p.column, p.line_start, p.line_end, art.chars, art.fingerprint, terms, stamp, p.confidence]
        cols = ("source_id, ordinal, title, kicker, subtitle, authors, column_label, line_start, line_end, chars, "
                "fingerprint, terms, imported_at, confidence")
        article_id = kept.get(ordinal - 1) or reuse.pop(art.fingerprint, None)
        if article_id is not None:
            conn.execute(f"INSERT INTO articles(id, {cols}) VALUES (?,{','.join('?' * len(values))})", [article_id, *values])
        else:
            article_id = conn.execute(f"INSERT INTO articles({cols}) VALUES ({','.join('?' * len(values))})", values).lastrowid
        new_ids.append(article_id)
        learned.append((article_id, terms))
        conn.executemany(
            "INSERT INTO paragraphs(article_id, idx, kind, text, line_start, line_end, breaks) VALUES (?,?,?,?,?,?,?)",
            [(article_id, i, para.kind, para.text, para.line_start, para.line_end, art.breaks[i])
             for i, para in enumerate(p.paragraphs)],
        )
        if consume:
            p.paragraphs, art.breaks = [], []
        conn.executemany(
            "INSERT INTO article_topics(article_id, topic, score, matched) VALUES (?,?,?,?)",
            [(article_id, m.topic, m.score, json.dumps(m.matched, ensure_ascii=False)) for m in art.topics],
        )
    keywords.learn(words.vocabulary, learned, tag=words.tag)
    if consume and pf.chars >= heap.BIG:
        heap.trim()  # the paragraphs just dropped, before the index makes its copies (reader.heap)
    if tell is not None:
        tell(Step.INDEXING, 0.0)
    search.index_articles(db, new_ids)
    if old_articles:
        reanchor_source(db, source_id, old_articles, related=[] if keep is None else new_ids)
    return new_ids


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


def refit_keywords(db: sqlite_utils.Database) -> None:
    """Every article's keywords against the whole library (`retag`; imports refit only when due)."""
    keywords.refit(db.conn)


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

