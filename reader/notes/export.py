"""`ipreader export`: choose annotations, render them (obsidian | markdown | json) and write them safely.

Output goes to stdout, to one file, or to one file per article in a directory. Writing into an existing file keeps
everything outside ipreader's managed blocks; a file without managed blocks is refused unless force=True, in which
case its text is kept and the blocks are added to it.
"""
from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader import corrections
from reader.notes.annotations import Annotation, NoteError, list_annotations
from reader.notes.articles import ArticleText, article_keywords, article_topics, load_article
from reader.notes.backup import dumps_backup, is_backup
from reader.notes.managed import is_ours, merge, write_atomic
from reader.notes.markdown import FORMATS, ArticleGroup, article_front_matter, combined_front_matter, render_body
from reader.text.visible import one_line

if TYPE_CHECKING:  # only a type here; sqlite-utils itself loads when a Library first needs it
    import sqlite_utils

EXPORT_FORMATS = (*FORMATS, "json")
BACKUP_NAME = "ipreader-notes.json"
ORPHANS_NAME = "ipreader-orphans"


def select(db: sqlite_utils.Database, *, article_id: int | None = None, topic: str | None = None,
           tag: str | None = None, include_deleted: bool = False) -> list[Annotation]:
    """Annotations to export; `topic` is an article topic, `tag` an annotation tag."""
    anns = list_annotations(db, article_id=article_id, tag=tag, include_deleted=include_deleted)
    if topic is not None:
        ids = {r[0] for r in db.execute("SELECT article_id FROM article_topics WHERE topic = ?", [topic])}
        anns = [a for a in anns if a.article_id in ids]
    return anns


def groups_for(db: sqlite_utils.Database, annotations: list[Annotation]) -> list[ArticleGroup]:
    """Annotations grouped by article in library order; those whose article is gone form one last group."""
    groups: dict[int, ArticleGroup] = {}
    order: dict[int, tuple] = {}
    lost = ArticleGroup(key="orphans", title="Notes whose article is gone")
    loaded: dict[int, ArticleText | None] = {}
    for ann in annotations:
        if ann.article_id is not None and ann.article_id not in loaded:
            loaded[ann.article_id] = load_article(db, ann.article_id)
        art = loaded.get(ann.article_id) if ann.article_id is not None else None
        if art is None:
            lost.annotations.append(ann)
            continue
        if art.id not in groups:
            groups[art.id] = ArticleGroup(
                key=f"article-{art.id}", title=art.title, article_id=art.id, source=art.source,
                authors=art.authors, topics=article_topics(db, art.id), keywords=article_keywords(db, art.id))
            order[art.id] = (art.source_id, art.ordinal, art.id)
        groups[art.id].annotations.append(ann)
    out = [groups[i] for i in sorted(groups, key=order.__getitem__)]
    if lost.annotations:
        for ann in lost.annotations:
            # Without an article there are no sections; show where the note came from instead.
            ann.section = " — ".join(x for x in (ann.source, ann.article_title) if x) or None
        out.append(lost)
    return out


def _document(groups: list[ArticleGroup], fmt: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """(front-matter lines, managed blocks) for one output file."""
    if len(groups) == 1 and groups[0].article_id is not None:
        return article_front_matter(groups[0]), [(groups[0].key, render_body(groups[0], fmt, level=1))]
    return combined_front_matter(groups), [(g.key, render_body(g, fmt, level=2)) for g in groups]


def safe_filename(title: str) -> str:
    """A file name from an article title: no path separators, wiki-link or shell-hostile characters."""
    name = re.sub(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f]', " ", title)
    name = re.sub(r"\s+", " ", name).strip(" .")
    return name[:80].strip(" .")


@dataclass
class ExportResult:
    annotations: int
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)  # already identical: not rewritten
    text: str | None = None  # what to print when there is no output path


@dataclass
class _Planned:
    path: Path  # as the user named it (reported)
    text: str
    target: Path  # where it is written: `path`, or the ipreader file a link at `path` points to
    before: str | None = None  # the target's text now (None: a new file)


def _is_dir_target(out: str) -> bool:
    return out.endswith(("/", os.sep)) or Path(out).is_dir()


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _shown(path: Path) -> str:
    return one_line(str(path))  # a path is the user's text: no raw control character reaches the terminal


def _refuse_unless_regular(path: Path, mode: int) -> None:
    """Only a regular file is read or replaced; a FIFO or a device is refused by its type, never opened."""
    if stat.S_ISDIR(mode):
        raise NoteError(f"{_shown(path)} is a directory")
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise NoteError(f"{_shown(path)} is {kind}, not a regular file; ipreader will not write to it")


def _read(path: Path) -> str | None:
    """The text of the regular file at `path` (links followed), None when nothing is there."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    _refuse_unless_regular(path, mode)
    try:
        # Bytes, not read_text(): universal newlines would silently turn the user's CRLF lines into LF.
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise NoteError(f"{_shown(path)} exists and is not UTF-8 text; ipreader will not overwrite it") from None


def _through_link(path: Path, ours: Callable[[str], bool]) -> tuple[Path, str | None]:
    """(where to write, its text now) for `path`; a symbolic link is written through only to an ipreader file.

    Replacing the link itself would break the user's link; writing through one to any file would let a link
    (planted, or forgotten) turn an export into an overwrite of the file it points to.
    """
    if not path.is_symlink():
        return path, _read(path)
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise NoteError(f"{_shown(path)} is a symbolic link to a missing file (or a link loop); "
                        "ipreader will not write through it") from None
    existing = _read(target)
    if existing is None or not ours(existing.removeprefix("\ufeff")):
        raise NoteError(f"{_shown(path)} is a symbolic link to {_shown(target)}, which ipreader did not write; "
                        "ipreader writes through a link only to its own files")
    return target, existing


def _plan_markdown(path: Path, groups: list[ArticleGroup], fmt: str, force: bool) -> _Planned:
    target, existing = _through_link(path, is_ours)
    before = existing
    bom = ""
    if existing is not None and existing.startswith("\ufeff"):
        bom, existing = "\ufeff", existing[1:]  # some editors add one; keep it, but look past it
    if existing is not None and existing.strip() and not is_ours(existing) and not force:
        raise NoteError(f"{_shown(path)} exists and was not written by ipreader (it has no ipreader blocks); "
                        "choose another file or pass --force to add the notes to it")
    front, blocks = _document(groups, fmt)
    return _Planned(path, bom + merge(existing, front, blocks), target, before)


def _plan_json(db: sqlite_utils.Database, path: Path, anns: list[Annotation], force: bool) -> _Planned:
    target, existing = _through_link(path, is_backup)
    if existing is not None and existing.strip() and not is_backup(existing) and not force:
        raise NoteError(f"{_shown(path)} exists and is not an ipreader notes backup; "
                        "choose another file or pass --force")
    return _Planned(path, dumps_backup(anns, corrections.rows(db.conn)), target, existing)


def render(db: sqlite_utils.Database, fmt: str, *, article_id: int | None = None, topic: str | None = None,
           tag: str | None = None) -> str:
    """The export as one string, as printed to stdout (no file merging)."""
    return export(db, fmt=fmt, out=None, article_id=article_id, topic=topic, tag=tag).text or ""


def export(db: sqlite_utils.Database, *, fmt: str = "obsidian", out: str | Path | None = None,
           article_id: int | None = None, topic: str | None = None, tag: str | None = None,
           force: bool = False) -> ExportResult:
    """Export annotations. Nothing is written unless every target file may be written (all-or-nothing refusal)."""
    if fmt not in EXPORT_FORMATS:
        raise NoteError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if out is not None and str(out) == "":  # Path("") would be ".": the notes would land in the working folder
        raise NoteError("an empty output path; give a file or a folder, or leave out -o to print the notes")
    anns = select(db, article_id=article_id, topic=topic, tag=tag, include_deleted=fmt == "json")
    if not anns:
        raise NoteError("no annotations match; nothing was exported")
    result = ExportResult(annotations=len(anns))
    if out is None:
        if fmt == "json":
            result.text = dumps_backup(anns, corrections.rows(db.conn))
        else:
            front, blocks = _document(groups_for(db, anns), fmt)
            result.text = merge(None, front, blocks)
        return result
    out_s = str(out)
    planned: list[_Planned] = []
    if _is_dir_target(out_s):
        folder = Path(out_s)
        if fmt == "json":
            planned.append(_plan_json(db, folder / BACKUP_NAME, anns, force))
        else:
            used: set[str] = set()
            for group in groups_for(db, anns):
                stem = ORPHANS_NAME if group.article_id is None else (safe_filename(group.title) or group.key)
                if stem.casefold() in used:  # two articles with one title: the later one gets its id
                    stem = f"{stem} ({group.article_id})"
                used.add(stem.casefold())
                planned.append(_plan_markdown(folder / f"{stem}.md", [group], fmt, force))
    else:
        path = Path(out_s)
        if fmt == "json":
            planned.append(_plan_json(db, path, anns, force))
        else:
            planned.append(_plan_markdown(path, groups_for(db, anns), fmt, force))
    for item in planned:
        if item.before == item.text:
            result.unchanged.append(item.path)
            continue  # unchanged: leave the file (and its modification time) alone
        item.target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(item.target, item.text)
        result.written.append(item.path)
    return result
