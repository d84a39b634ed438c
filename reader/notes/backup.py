"""JSON backup and restore of annotations (`ipreader export --format json`, `ipreader import-notes`).

The backup holds every column of every annotation, deleted and orphaned ones included, so a round trip is
lossless, and the reader's split corrections (version 2). Restoring matches annotations on id and lets the newer
`updated` win, and adds the corrections the library lacks, so importing twice changes nothing.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from reader import corrections
from reader.corrections import CorrectionRow
from reader.notes.anchor import ANCHOR_STATES
from reader.text.visible import json_safe
from reader.notes.annotations import COLORS, COLUMNS, KINDS, Annotation, NoteError, atomic, from_row, save

if TYPE_CHECKING:  # only a type here; sqlite-utils itself loads when a Library first needs it
    import sqlite_utils

BACKUP_FORMAT = "ipreader-notes"
BACKUP_VERSION = 2  # 2: with "corrections"
MAX_INT = 2**63 - 1  # SQLite's largest integer


def backup_dict(annotations: list[Annotation], fixes: list[CorrectionRow] | None = None) -> dict[str, Any]:
    items = sorted(annotations, key=lambda a: a.id)
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        # The newest edit rather than the clock, so the same library gives byte-identical backups.
        "exported": max((a.updated for a in items), default=""),
        "count": len(items),
        "annotations": [asdict(a) for a in items],
        "corrections": [corrections.to_backup(c) for c in fixes or []],
    }


def dumps_backup(annotations: list[Annotation], fixes: list[CorrectionRow] | None = None) -> str:
    return json_safe(json.dumps(backup_dict(annotations, fixes), ensure_ascii=False, indent=2)) + "\n"


def is_backup(text: str) -> bool:
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("format") == BACKUP_FORMAT


@dataclass
class RestoreReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # the backup's copy was newer
    unchanged: list[str] = field(default_factory=list)  # the library's copy was as new or newer
    corrections: int = 0  # split corrections added
    pages: list[str] = field(default_factory=list)  # page files they belong to: import them again to apply them


_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,), "article_id": (int, type(None)), "source": (str, type(None)),
    "article_title": (str, type(None)), "fingerprint": (str, type(None)), "kind": (str,), "quote": (str,),
    "prefix": (str,), "suffix": (str,), "start": (int,), "end": (int,), "paragraph": (int,),
    "section": (str, type(None)), "color": (str,), "note": (str,), "tags": (list,), "anchor_state": (str,),
    "anchor_score": (float, int, type(None)), "created": (str,), "updated": (str,), "deleted": (str, type(None)),
}


def _annotation(item: object, n: int) -> Annotation:
    where = f"annotation #{n + 1}"
    if not isinstance(item, dict):
        raise NoteError(f"{where} in the backup is not an object")
    missing = [c for c in COLUMNS if c not in item]
    if missing:
        raise NoteError(f"{where} in the backup lacks {', '.join(missing)}")
    for col in COLUMNS:
        value = item[col]
        if not isinstance(value, _TYPES[col]) or (isinstance(value, bool) and col != "anchor_score"):
            raise NoteError(f"{where} in the backup has a bad {col}: {value!r}")
    if not item["id"] or not all(isinstance(t, str) for t in item["tags"]):
        raise NoteError(f"{where} in the backup has an empty id or non-text tags")
    for col in ("article_id", "start", "end", "paragraph"):
        value = item[col]
        if value is not None and not 0 <= value <= MAX_INT:
            raise NoteError(f"{where} in the backup has {col} {value} out of range (0 to {MAX_INT})")
    if item["start"] > item["end"]:
        raise NoteError(f"{where} in the backup has start {item['start']} after end {item['end']}")
    if len(item["id"]) > 64 or len(item["tags"]) > 1000:
        raise NoteError(f"{where} in the backup has an id longer than 64 characters or over 1000 tags")
    for col, allowed in (("kind", KINDS), ("color", COLORS), ("anchor_state", ANCHOR_STATES)):
        if item[col] not in allowed:
            raise NoteError(f"{where} in the backup has an unknown {col} {item[col]!r}")
    return Annotation(**{c: item[c] for c in COLUMNS})


def parse_backup(text: str) -> list[Annotation]:
    """Validate a whole backup before anything is written; raise NoteError saying what is wrong."""
    return _parse(text)[0]


def _parse(text: str) -> tuple[list[Annotation], list[dict[str, Any]]]:
    try:
        data = json.loads(text.removeprefix("\ufeff"))  # an editor's BOM is fine
    except ValueError as exc:
        raise NoteError(f"not a JSON file: {exc}") from exc
    except RecursionError:
        raise NoteError("not an ipreader notes backup: nested too deeply") from None
    if not isinstance(data, dict) or data.get("format") != BACKUP_FORMAT:
        raise NoteError("not an ipreader notes backup (expected \"format\": \"ipreader-notes\")")
    if not isinstance(data.get("version"), int) or data["version"] > BACKUP_VERSION:
        raise NoteError(f"backup version {data.get('version')!r} is newer than this ipreader understands")
    items = data.get("annotations")
    if not isinstance(items, list):
        raise NoteError("the backup has no \"annotations\" list")
    fixes = data.get("corrections", [])
    if not isinstance(fixes, list):
        raise NoteError("the backup's \"corrections\" is not a list")
    try:
        parsed = [corrections.from_backup(item, n) for n, item in enumerate(fixes)]
    except corrections.BadCorrection as exc:
        raise NoteError(str(exc)) from None
    return [_annotation(item, n) for n, item in enumerate(items)], parsed


def restore(db: sqlite_utils.Database, text: str) -> RestoreReport:
    """Merge a backup into the library in one transaction: new ids are added, newer copies replace older ones."""
    incoming, fixes = _parse(text)
    report = RestoreReport()
    cols = ", ".join(f'"{c}"' for c in COLUMNS)
    with atomic(db):
        for ann in incoming:
            row = db.execute(f"SELECT {cols} FROM annotations WHERE id = ?", [ann.id]).fetchone()
            if row is None:
                save(db, ann)
                report.added.append(ann.id)
            elif ann.updated > from_row(row).updated:
                save(db, ann)
                report.updated.append(ann.id)
            else:
                report.unchanged.append(ann.id)
        added = corrections.restore(db.conn, fixes)
        report.corrections, report.pages = len(added), list(dict.fromkeys(added))
    return report
