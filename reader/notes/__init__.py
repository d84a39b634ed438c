"""Annotations (highlights, notes, bookmarks) that survive re-import, and their export and backup.

anchor.py holds the pure selector/re-anchoring logic; annotations.py the CRUD over the `annotations` table;
reanchor.py the import hook; markdown.py, managed.py and export.py the export; backup.py the JSON round trip.
The names below are loaded on first use, so reading one annotation does not import the exporters.

No `from __future__ import annotations` here: it would bind the name `annotations` in this package to a
__future__ feature, and `from reader.notes import annotations` would return that instead of the submodule until
something imported the submodule first (the CLI's `notes` commands crashed in a fresh process).
"""
import importlib
from typing import Any

_HOME = {
    **dict.fromkeys(("ANCHOR_STATES", "AnchorResult", "Selector", "anchor", "make_selector"), "anchor"),
    **dict.fromkeys(("COLORS", "KINDS", "Annotation", "NoteError", "add_annotation", "add_by_quote",
                     "delete_annotation", "get_annotation", "list_annotations", "orphans", "undelete_annotation",
                     "update_annotation"), "annotations"),
    **dict.fromkeys(("RestoreReport", "dumps_backup", "restore"), "backup"),
    **dict.fromkeys(("EXPORT_FORMATS", "ExportResult", "export", "render"), "export"),
    **dict.fromkeys(("ReanchorItem", "ReanchorReport", "reanchor_all", "reanchor_ids", "reanchor_source"), "reanchor"),
}
__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"reader.notes.{_HOME[name]}"), name)
    raise AttributeError(name)
