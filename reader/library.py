"""`Library`: the one door the CLI, the TUI and scripts come through.

    from reader import Library
    lib = Library("library.db")
    lib.import_paths(["pages/"])
    for a in lib.articles(topic="知识产权金融"):
        print(a.id, a.title)
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from typing import TYPE_CHECKING

from reader import config, store
from reader.model import (
    DOUBTFUL,
    UNCLASSIFIED,
    ArticleDetail,
    ArticleSummary,
    ImportReport,
    ParagraphKind,
    ParagraphOut,
    TopicCount,
)

if TYPE_CHECKING:
    import sqlite_utils

    from reader.notes.annotations import Annotation
    from reader.notes.export import ExportResult
    from reader.removal import Removed
    from reader.search import KwicLine, Overview, Related
    from reader.search.page import SearchPage

    # the taxonomy (tomllib, keyword code) loads only for import and retag, never for opening the reader
    from reader.text.tags import Taxonomy

    # the import machinery (splitter, jieba glue, worker pool) loads only when something is imported
    from reader.corrections import CorrectionRow
    from reader.importer import OnFile, OnStep
    from reader.page_edit import EditReport

SAMPLES_SETTING = "library.samples"  # imported | declined | removed; unset: a new library, samples on first start

_SUMMARY_SQL = """
SELECT a.id, s.name, a.ordinal, a.title, a.kicker, a.subtitle, a.authors, a.column_label,
       (SELECT json_group_array(topic) FROM
            (SELECT topic FROM article_topics t WHERE t.article_id = a.id ORDER BY t.score DESC, t.topic)),
       (SELECT json_group_array(tag) FROM (SELECT tag FROM tags g WHERE g.article_id = a.id ORDER BY g.rank)),
       a.chars, a.confidence
FROM articles a JOIN sources s ON s.id = a.source_id
"""


def _summary(row: tuple) -> ArticleSummary:
    return ArticleSummary(
        id=row[0], source=row[1], ordinal=row[2], title=row[3], kicker=row[4], subtitle=row[5],
        authors=json.loads(row[6]), column=row[7], topics=json.loads(row[8]), tags=json.loads(row[9]), chars=row[10],
        confidence=row[11],
    )


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Library:
    def __init__(self, path: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> None:
        """Open (creating or upgrading) the library; `migrate=False` for a second connection of a process that
        already opened it (a screen's worker thread), which must not upgrade it a second time."""
        self.path = config.resolve_db_path(path)
        # The Library's own reads go through the plain connection; the sqlite-utils wrapper that the search,
        # notes and import modules take is made on first use, so opening the reader does not pay for it.
        self.conn = store.open_connection(self.path, migrate=migrate)
        self._db: sqlite_utils.Database | None = None
        self._search_ready = False

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    def close(self) -> None:
        # A large library's search keeps two read-only helper connections (reader.search.halves); if that module
        # never loaded there are none, and closing need not import the search package to find out.
        halves = sys.modules.get("reader.search.halves")
        if halves is not None and self._db is not None:
            halves.release(self._db)
        self.conn.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- taxonomy -----------------------------------------------------------------------------------------------

    def taxonomy_path(self) -> Path:
        """A topics.toml beside the database (the user's own copy) wins over the bundled taxonomy."""
        local = self.path.parent / "topics.toml"
        return local if local.exists() and "IPREADER_TOPICS" not in os.environ else config.taxonomy_path()

    def taxonomy(self) -> Taxonomy:
        from reader.text.tags import load_taxonomy

        return load_taxonomy(self.taxonomy_path())

    # --- import -------------------------------------------------------------------------------------------------

    def _ensure_search(self) -> None:
        if not self._search_ready:
            from reader import search

            search.ensure_index(self.db)
            self._search_ready = True

    def import_paths(self, paths: list[str | os.PathLike[str]], *, force: bool = False,
                     on_file: OnFile | None = None, workers: int | None = None,
                     max_bytes: int | None = None, on_step: OnStep | None = None) -> ImportReport:
        """Import files and folders; `max_bytes` raises (or lowers) the largest file read, None: the default."""
        from reader import importer

        taxonomy = self.taxonomy()
        self._ensure_search()
        if not self.conn.execute("SELECT 1 FROM topics LIMIT 1").fetchone():
            importer.retopic(self.db, taxonomy)  # first import: record the taxonomy the topics come from
        limit = importer.MAX_FILE_BYTES if max_bytes is None else max_bytes  # the default lives with the importer
        return importer.import_paths(self.db, list(paths), taxonomy, force=force, on_file=on_file, workers=workers,
                                     max_bytes=limit, on_step=on_step)

    def is_empty(self) -> bool:
        return self.conn.execute("SELECT 1 FROM sources LIMIT 1").fetchone() is None

    def seed_files(self) -> list[Path]:
        return sorted(config.seeds_dir().glob("*.txt"))

    def wants_samples(self) -> bool:
        """True for a new, empty library that has not had (or declined) the bundled sample pages: a library the
        reader emptied with `remove`, or started with `--empty`, stays empty."""
        return self.is_empty() and self.get_setting(SAMPLES_SETTING) is None

    def decline_samples(self) -> None:
        """Never fill this library with the sample pages (`ipreader --empty`)."""
        self.set_setting(SAMPLES_SETTING, "declined")

    def ensure_seeded(self, on_file: OnFile | None = None) -> ImportReport | None:
        """Import the bundled sample pages into an empty library (first run)."""
        if not self.is_empty():
            return None
        report = self.import_paths(self.seed_files(), on_file=on_file)
        self.set_setting(SAMPLES_SETTING, "imported")
        return report

    def remove_sources(self, specs: Iterable[str] = (), *, samples: bool = False, dry_run: bool = False) -> Removed:
        """Take pages out: each spec a page's path, file name or label; with `samples` the bundled sample pages.
        Their notes stay, as orphans that anchor again when the page is imported again (reader.removal). Raises
        RemoveError, removing nothing, when a spec names no page or several."""
        from reader import removal

        found = removal.resolve(self.conn, list(specs), self.source_labels())
        if samples:
            known = {s.id for s in found}
            found += [s for s in removal.samples(self.conn, self.seed_files()) if s.id not in known]
        if dry_run:
            return removal.preview(self.conn, found)
        self._ensure_search()
        report = removal.remove(self.db, found)
        if found:
            self.set_setting(SAMPLES_SETTING, "removed")  # emptied by hand: the samples do not come back by themselves
        return report

    def retag(self) -> int:
        """Re-apply the (possibly edited) taxonomy and refit keywords; returns the number of articles."""
        from reader import importer

        n = importer.retopic(self.db, self.taxonomy())
        importer.refit_keywords(self.db)
        return n

    # --- corrections to how pages were split ----------------------------------------------------------------------

    def correct(self, action: str, article_id: int, paragraph: int = -1, *, title: str | None = None,
                kind: str | None = None) -> EditReport:
        """Correct the split of article `article_id`'s page at its paragraph `paragraph` (0-based, as in
        `article().paragraphs`): split | merge | title | untitle | furniture (see reader.ingest.correct).
        Raises CorrectionError, changing nothing, when it cannot be done. Notes follow their text."""
        from reader import page_edit
        from reader.ingest.correct import Action, CorrectionError

        try:
            act = Action(action)
        except ValueError:
            raise CorrectionError(f"unknown correction {action!r} (one of {', '.join(Action)})") from None
        self._ensure_search()
        return page_edit.apply(self.db, self.taxonomy(), act, article_id, paragraph, title=title, kind=kind,
                               now=_now())

    def undo_correction(self) -> EditReport:
        """Take back the newest correction (the page as it was before it)."""
        from reader import page_edit

        self._ensure_search()
        return page_edit.undo(self.db, self.taxonomy())

    def corrections(self) -> list[CorrectionRow]:
        """Every correction, oldest first, with whether it applied at its page's last import."""
        from reader import corrections

        return corrections.rows(self.conn)

    # --- reading ------------------------------------------------------------------------------------------------

    def articles(self, topic: str | list[str] | None = None, text: str | None = None, *,
                 source: str | None = None) -> list[ArticleSummary]:
        """All articles in source order; with `topic` (one name or several, OR-ed) only those carrying it; with
        `text` only those it finds (title by characters in either script or by pinyin, authors, column, topics:
        see reader.search.title_filter); with `source` only the pages of that name (ArticleSummary.source)."""
        found = self._articles(topic, source)
        if not text or not text.strip():
            return found
        from reader.search.title_filter import summary_matches

        return [a for a in found if summary_matches(a, text)]

    def _articles(self, topic: str | list[str] | None, source: str | None = None) -> list[ArticleSummary]:
        sql, where, params = _SUMMARY_SQL, [], []
        topics = [topic] if isinstance(topic, str) else list(topic or [])
        if topics:
            where.append(f"a.id IN (SELECT article_id FROM article_topics WHERE topic IN ({','.join('?' * len(topics))}))")
            params += topics
        if source is not None:
            where.append("s.name = ?")
            params.append(source)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY s.name, s.id, a.ordinal"
        return [_summary(r) for r in self.conn.execute(sql, params)]

    def page_counts(self) -> list[tuple[str, int]]:
        """(source name, its article count) in source order: a big library's outline, read in a few ms where
        every summary takes half a second (the library pane shows it folded until the full list is in)."""
        return [(name, n) for name, n in self.conn.execute(
            "SELECT s.name, count(*) FROM articles a JOIN sources s ON s.id = a.source_id GROUP BY s.name ORDER BY s.name")]

    def article(self, article_id: int) -> ArticleDetail:
        row = self.conn.execute(_SUMMARY_SQL + " WHERE a.id = ?", [article_id]).fetchone()
        if row is None:
            raise KeyError(f"no article with id {article_id}")
        s = _summary(row)
        paras = self.conn.execute("SELECT kind, text FROM paragraphs WHERE article_id = ? ORDER BY idx", [article_id]).fetchall()
        span = self.conn.execute("SELECT line_start, line_end FROM articles WHERE id = ?", [article_id]).fetchone()
        paragraphs = [ParagraphOut(kind, text) for kind, text in paras]
        editor = [p.text for p in paragraphs if p.kind == ParagraphKind.EDITOR]
        return ArticleDetail(
            **s.__dict__,
            sections=[p.text for p in paragraphs if p.kind == ParagraphKind.HEADING],
            notes=[p.text for p in paragraphs if p.kind == ParagraphKind.NOTE],
            paragraphs=paragraphs,
            editor_note="\n".join(editor) if editor else None,
            line_start=span[0], line_end=span[1],
            topic_reasons=self.topic_reasons(article_id),
        )

    def doubtful_articles(self) -> list[ArticleSummary]:
        """Articles whose boundaries the splitter was unsure of (confidence below model.DOUBTFUL), weakest first."""
        rows = self.conn.execute(_SUMMARY_SQL + " WHERE a.confidence < ? ORDER BY a.confidence, a.id", [DOUBTFUL])
        return [_summary(r) for r in rows]

    def first_article_id(self) -> int | None:
        """The first article in library order: what a first start opens (cheap: one indexed row)."""
        row = self.conn.execute("SELECT a.id FROM articles a JOIN sources s ON s.id = a.source_id "
                              "ORDER BY s.name, s.id, a.ordinal LIMIT 1").fetchone()
        return row[0] if row else None

    def source_labels(self) -> dict[str, str]:
        """Display label per source name (ArticleSummary.source): the file name when it means something,
        else what the page says about itself (banner, cover lines, lead title); see reader.page_labels."""
        from reader.page_labels import file_label, looks_machine_named, page_label

        labels: dict[str, str] = {}
        machine: dict[int, str] = {}  # source id → name, for the names that say nothing
        for source_id, name in self.conn.execute("SELECT id, name FROM sources ORDER BY id"):
            if name in labels:
                continue  # the first page of a name labels it
            labels[name] = file_label(name)  # what the name says, unless it says nothing (below)
            if looks_machine_named(name):
                machine[source_id] = name
        # Only those pages' furniture and lead titles are read: for a library of meaningful names (the usual
        # case) this is one narrow scan, not a JSON column and a title lookup per page at every start.
        ids = list(machine)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for source_id, furniture, lead in self.conn.execute(
                "SELECT s.id, s.furniture, (SELECT a.title FROM articles a WHERE a.source_id = s.id "
                f"ORDER BY a.ordinal LIMIT 1) FROM sources s WHERE s.id IN ({','.join('?' * len(chunk))})", chunk):
                try:
                    items = json.loads(furniture) if furniture else []
                except ValueError:
                    items = []
                name = machine[source_id]
                labels[name] = page_label(name, items if isinstance(items, list) else [], [lead or ""])
        return labels

    def article_breaks(self, article_id: int) -> list[list[int]]:
        """Word end offsets per paragraph (the reader's word motions and line breaking)."""
        from reader.text.packed import unpack_breaks

        return [unpack_breaks(b) for (b,) in self.conn.execute(
            "SELECT breaks FROM paragraphs WHERE article_id = ? ORDER BY idx", [article_id])]

    def topic_reasons(self, article_id: int) -> dict[str, list[str]]:
        return {t: json.loads(m) for t, m in self.conn.execute(
            "SELECT topic, matched FROM article_topics WHERE article_id = ? ORDER BY score DESC, topic", [article_id])}

    def topics(self) -> list[TopicCount]:
        """Taxonomy topics in taxonomy order with article counts, then 未分类."""
        counts = dict(self.conn.execute("SELECT topic, count(*) FROM article_topics GROUP BY topic").fetchall())
        out = [TopicCount(name, counts.get(name, 0), json.loads(kw))
               for name, kw in self.conn.execute("SELECT name, keywords FROM topics ORDER BY ordinal")]
        known = {t.name for t in out}
        # Topics that articles carry but the current taxonomy lost (edited without retag) stay visible.
        out += [TopicCount(name, n, []) for name, n in sorted(counts.items()) if name not in known and name != UNCLASSIFIED]
        out.append(TopicCount(UNCLASSIFIED, counts.get(UNCLASSIFIED, 0), []))
        return out

    def sources(self) -> list[dict]:
        cur = self.conn.execute(
            "SELECT s.id, s.name, s.path, s.encoding, s.chars, s.imported_at, count(a.id) AS articles, s.furniture, s.warnings "
            "FROM sources s LEFT JOIN articles a ON a.source_id = s.id GROUP BY s.id ORDER BY s.name, s.id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur]

    def source_article_ids(self, path: str | os.PathLike[str]) -> list[int]:
        """Article ids of the file at `path`, or of an identical file imported from elsewhere."""
        sql = "SELECT a.id FROM articles a JOIN sources s ON s.id = a.source_id WHERE {} ORDER BY s.id, a.ordinal"
        from reader.ingest.prepare import PrepareError, read_bytes, sha256_of, source_key

        ids = [r[0] for r in self.conn.execute(sql.format("s.path = ?"), [source_key(Path(path))])]
        if ids:
            return ids

        try:
            digest = sha256_of(read_bytes(Path(path)))
        except PrepareError:
            return []
        return [r[0] for r in self.conn.execute(sql.format("s.sha256 = ?"), [digest])]

    def article_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def change_token(self) -> int:
        """Changes whenever articles are added or replaced (by this or another process); cheap to poll."""
        row = self.conn.execute("SELECT count(*), coalesce(max(id), 0), (SELECT coalesce(max(imported_at), '') FROM sources) FROM articles").fetchone()
        return hash(tuple(row))

    # --- search -------------------------------------------------------------------------------------------------

    def search(self, query: str, limit: int | None = 20, topic: str | None = None, order: str = "rank") -> list:
        from reader import search

        self._ensure_search()
        return search.search(self.db, query, limit=limit, topic=topic, order=order)

    def search_ids(self, query: str, topic: str | None = None) -> list[int]:
        """Every matching article id (ascending): the complete result set, without ranking or snippets."""
        from reader import search

        self._ensure_search()
        return search.search_ids(self.db, query, topic=topic)

    def search_page(self, query: str, *, allowed: set[int] | None = None, topic: str = "", limit: int = 50,
                    notes_limit: int = 20) -> SearchPage:
        """A screen's worth of results: totals, topic counts, the hits narrowed to `topic` ("" for all) and
        restricted to `allowed` ids, the notes matching the query, and titles its Latin words read as in pinyin (see
        reader.search.page)."""
        from reader.search.page import pinyin_words, search_page

        self._ensure_search()
        summaries = self._articles(None) if pinyin_words(query) else ()  # titles by pinyin only for Latin words
        return search_page(self.db, query, allowed=allowed, topic=topic, limit=limit, notes_limit=notes_limit,
                           summaries=summaries)

    def concordance(self, term: str, *, width: int = 20, limit: int | None = None,
                    topic: str | None = None) -> list[KwicLine]:
        from reader import search

        return search.concordance(self.db, term, width=width, limit=limit, topic=topic)

    def related(self, article_id: int, limit: int = 10) -> list[Related]:
        from reader import search

        return search.related(self.db, article_id, limit=limit)

    def term_overview(self, top: int = 20) -> Overview:
        from reader import search

        return search.term_overview(self.db, top=top)

    # --- annotations --------------------------------------------------------------------------------------------

    def annotations(self, article_id: int | None = None) -> list[Annotation]:
        """Live annotations of one article, or of the whole library with None, in reading order."""
        from reader.notes.annotations import list_annotations

        # the plain connection: reading notes must not load sqlite-utils right after the reader's first frame
        return list_annotations(self.conn, article_id=article_id)  # type: ignore[arg-type]

    def add_annotation(self, article_id: int, start: int, end: int, *, note: str = "", color: str = "yellow",
                       tags: Iterable[str] = (), kind: str = "highlight") -> Annotation:
        from reader.notes.annotations import add_annotation

        return add_annotation(self.db, article_id, start, end, note=note, color=color, tags=tags, kind=kind)

    def update_annotation(self, annotation_id: str, *, note: str | None = None, color: str | None = None,
                          tags: Iterable[str] | None = None) -> Annotation:
        from reader.notes.annotations import update_annotation

        return update_annotation(self.db, annotation_id, note=note, color=color, tags=tags)

    def delete_annotation(self, annotation_id: str) -> Annotation:
        from reader.notes.annotations import delete_annotation

        return delete_annotation(self.db, annotation_id)

    def undelete_annotation(self, annotation_id: str) -> Annotation:
        from reader.notes.annotations import undelete_annotation

        return undelete_annotation(self.db, annotation_id)

    def export_notes(self, *, fmt: str = "obsidian", out: str | Path | None = None, article_id: int | None = None,
                     topic: str | None = None, tag: str | None = None, force: bool = False) -> ExportResult:
        from reader.notes.export import export

        return export(self.db, fmt=fmt, out=out, article_id=article_id, topic=topic, tag=tag, force=force)

    # --- reading state and settings -----------------------------------------------------------------------------

    def get_position(self, article_id: int) -> tuple[int, int] | None:
        row = self.conn.execute("SELECT paragraph, offset FROM reading_positions WHERE article_id = ?", [article_id]).fetchone()
        return (row[0], row[1]) if row else None

    def set_position(self, article_id: int, paragraph: int, offset: int) -> None:
        stamp = _now()
        self.conn.execute(
            "INSERT INTO reading_positions(article_id, paragraph, offset, updated) VALUES (?,?,?,?) "
            "ON CONFLICT(article_id) DO UPDATE SET paragraph=excluded.paragraph, offset=excluded.offset, updated=excluded.updated",
            [article_id, paragraph, offset, stamp],
        )
        store.set_state(self.conn, "last_article", str(article_id))

    def last_article(self) -> int | None:
        value = store.get_state(self.conn, "last_article")
        if value is None:
            return None
        article_id = int(value)
        exists = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return article_id if exists else None

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        return store.get_state(self.conn, "setting:" + key, default)

    def set_setting(self, key: str, value: str) -> None:
        store.set_state(self.conn, "setting:" + key, value)
