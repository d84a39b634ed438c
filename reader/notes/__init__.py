"""Annotations (highlights, notes, bookmarks) that survive re-import, and their export and backup.

anchor.py holds the pure selector/re-anchoring logic; annotations.py the CRUD over the `annotations` table;
reanchor.py the import hook; markdown.py, managed.py and export.py the export; backup.py the JSON round trip.
"""
from reader.notes.anchor import ANCHOR_STATES, AnchorResult, Selector, anchor, make_selector
from reader.notes.annotations import (COLORS, KINDS, Annotation, NoteError, add_annotation, add_by_quote,
                                      delete_annotation, get_annotation, list_annotations, orphans,
                                      undelete_annotation, update_annotation)
from reader.notes.backup import RestoreReport, dumps_backup, restore
from reader.notes.export import EXPORT_FORMATS, ExportResult, export, render
from reader.notes.reanchor import ReanchorItem, ReanchorReport, reanchor_all, reanchor_ids, reanchor_source

__all__ = [
    "ANCHOR_STATES", "AnchorResult", "Selector", "anchor", "make_selector",
    "COLORS", "KINDS", "Annotation", "NoteError", "add_annotation", "add_by_quote", "delete_annotation",
    "get_annotation", "list_annotations", "orphans", "undelete_annotation", "update_annotation",
    "RestoreReport", "dumps_backup", "restore",
    "EXPORT_FORMATS", "ExportResult", "export", "render",
    "ReanchorItem", "ReanchorReport", "reanchor_all", "reanchor_ids", "reanchor_source",
]
