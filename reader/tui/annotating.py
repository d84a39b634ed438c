"""The reading room's annotation side, mixed into ReaderApp: select → annotate or bookmark, the notes pane's
jump / edit / delete / undo, drawing highlights in their colours, and exporting notes to a file.

Kept apart from app.py so the app's layout and discovery code and this code can change independently. Every
database call that the user started is guarded: a refusal becomes a message on screen, never a traceback, and
text being typed stays in its editor until it is saved.
"""
from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.model import article_text, paragraph_offsets
from reader.tui.marks import annotation_marks
from reader.tui.screens.reading import Pane

if TYPE_CHECKING:  # the editor and export dialogs (TextArea, notes.export) and the notes pane load when first used
    from reader.tui.screens.annotate import Draft
    from reader.tui.screens.export_notes import ExportChoice
    from reader.library import Library
    from reader.model import ArticleDetail
    from reader.tui.widgets.notes_list import NotesPane
    from reader.tui.screens.reading import ReadingScreen
    from reader.tui.widgets.reader_view import ReaderView

SELECT_HINT = "h l 字 · w b 词 · ( ) 句 · { } 段 · j k 行 · a 批注 · m 书签 · Esc 取消"


class AnnotationActions:
    """Mixin for ReaderApp (which provides lib, article, reader, notes_pane, notify, push_screen…)."""

    if TYPE_CHECKING:
        lib: Library
        article: ArticleDetail | None
        reader: ReaderView
        notes_pane: NotesPane
        base: ReadingScreen

        def notify(self, message: str, **kwargs: Any) -> None: ...
        def push_screen(self, screen: Any, callback: Any = None) -> Any: ...
        def open_article(self, article_id: int, focus: bool = False) -> None: ...

    @property
    def deleted_ids(self) -> list[str]:
        """Ids deleted in this session, newest last: what `u` in the notes pane brings back."""
        stack = self.__dict__.get("_deleted_ids")
        if stack is None:
            stack = self.__dict__["_deleted_ids"] = []
        return stack

    def _warn(self, message: str, severity: str = "warning") -> None:
        self.notify(message, severity=severity, markup=False, timeout=6)

    # --- drawing ------------------------------------------------------------------------------------------

    def refresh_notes(self) -> None:
        if self.base.notes_shown():
            self.notes_pane.show(self.lib.annotations, self.article.id if self.article else None)
        if self.article is None:
            self.reader.set_annotations([], [])
            return
        notes = self.lib.annotations(self.article.id)
        marks, pins = annotation_marks([p.text for p in self.article.paragraphs], notes)
        self.reader.set_annotations(marks, pins)

    # --- selecting, annotating, bookmarking ---------------------------------------------------------------

    def action_select(self) -> None:
        reader = self.reader
        if self.base.narrow:
            self.base.show_pane(Pane.READER)
        reader.focus()
        if reader.selecting:
            reader.cancel_selection()
        else:
            reader.start_selection()
            self.notify(SELECT_HINT, timeout=5, markup=False)

    def action_annotate(self) -> None:
        reader, article = self.reader, self.article
        if article is None:
            return
        span = reader.selection_range() or reader.mouse_selection_range()
        if span is None:
            self._warn("先选择文字：v 或鼠标拖选 — select text first (v or mouse)")
            return
        offsets = paragraph_offsets(article.paragraphs)
        (p0, o0), (p1, o1) = span
        start, end = offsets[p0] + o0, offsets[p1] + o1
        quote = article_text(article.paragraphs)[start:end]
        lib = self.lib

        def save(draft: Draft) -> None:
            lib.add_annotation(article.id, start, end, note=draft.note, color=draft.color, tags=draft.tags)

        def saved(draft: Draft | None) -> None:
            if draft is None:
                return
            reader.cancel_selection()
            self.base.clear_selection()
            self.refresh_notes()
            self.notify("已保存批注 annotation saved", timeout=2, markup=False)

        from reader.tui.screens.annotate import AnnotateScreen

        self.push_screen(AnnotateScreen(quote, save=save), saved)

    def action_bookmark(self) -> None:
        """Bookmark the cursor (or the start of the selection): a position without a quote."""
        reader, article = self.reader, self.article
        if article is None or not article.paragraphs:
            return
        span = reader.selection_range()
        para, offset = span[0] if span else reader.cursor
        para = min(max(para, 0), len(article.paragraphs) - 1)
        start = paragraph_offsets(article.paragraphs)[para] + min(offset, len(article.paragraphs[para].text))
        try:
            self.lib.add_annotation(article.id, start, start, kind="bookmark")
        except Exception as exc:  # noqa: BLE001 — a full or read-only database is reported, not raised
            self._warn(f"书签没有保存 bookmark not saved: {exc}", "error")
            return
        if reader.selecting:
            reader.cancel_selection()
        self.refresh_notes()
        self.notify("已加书签 bookmarked (A 看批注 notes pane)", timeout=2, markup=False)

    # --- the notes pane -----------------------------------------------------------------------------------

    def on_notes_pane_note_chosen(self, event: NotesPane.NoteChosen) -> None:
        self.jump_to_note(event.note)

    def jump_to_note(self, note: Any) -> None:
        """Open the note's article at its passage, the reading cursor on it (from the notes pane or a search)."""
        if note.article_id is None:
            self._warn("这条批注的文章已不在 the article of this note is gone")
            return
        if self.article is None or note.article_id != self.article.id:
            self.open_article(note.article_id)
        if self.article is None or self.article.id != note.article_id or not self.article.paragraphs:
            return
        if note.anchor_state == "orphan":  # its offsets are stale: open the article, but point nowhere
            self._warn("这段文字在文章里已找不到 the quoted text is no longer in the article")
            self.base.show_pane(Pane.READER)
            return
        offsets = paragraph_offsets(self.article.paragraphs)
        p = max(0, bisect_right(offsets, note.start) - 1)
        offset = min(max(0, note.start - offsets[p]), len(self.article.paragraphs[p].text))
        self.reader.go_to(p, offset, center=True)
        self.reader.cursor = (p, offset)
        self.base.show_pane(Pane.READER)

    def on_notes_pane_edit_requested(self, event: NotesPane.EditRequested) -> None:
        note = event.note
        lib = self.lib

        def save(draft: Draft) -> None:
            lib.update_annotation(note.id, note=draft.note, color=draft.color, tags=draft.tags)

        def saved(draft: Draft | None) -> None:
            if draft is not None:
                self.refresh_notes()
                self.notify("已更新 note updated", timeout=2, markup=False)

        title = "编辑书签 Edit bookmark" if note.kind == "bookmark" else "编辑批注 Edit note"
        from reader.tui.screens.annotate import AnnotateScreen

        self.push_screen(AnnotateScreen(note.quote, save=save, color=note.color, note=note.note, tags=note.tags,
                                        title=title), saved)

    def on_notes_pane_delete_requested(self, event: NotesPane.DeleteRequested) -> None:
        try:
            self.lib.delete_annotation(event.note.id)
        except Exception as exc:  # noqa: BLE001
            self._warn(f"没有删除 not deleted: {exc}", "error")
            return
        self.deleted_ids.append(event.note.id)
        self.refresh_notes()
        self.notify("已删除 deleted — u 撤销 undo", timeout=4, markup=False)

    def on_notes_pane_undo_requested(self, event: NotesPane.UndoRequested) -> None:
        if not self.deleted_ids:
            self.notify("没有可撤销的删除 nothing to undo", timeout=2, markup=False)
            return
        annotation_id = self.deleted_ids[-1]
        try:
            self.lib.undelete_annotation(annotation_id)
        except Exception as exc:  # noqa: BLE001 — kept on the stack, so u can try again
            self._warn(f"没有恢复 not restored: {exc}", "error")
            return
        self.deleted_ids.pop()
        self.refresh_notes()
        self.notify("已恢复 restored", timeout=2, markup=False)

    # --- export -------------------------------------------------------------------------------------------

    def action_export_notes(self) -> None:
        article = self.article
        lib = self.lib

        def run(choice: ExportChoice) -> str:
            article_id = article.id if (choice.scope == "article" and article is not None) else None
            result = lib.export_notes(fmt=choice.fmt, out=choice.path, article_id=article_id, force=choice.force)
            paths = [*result.written, *result.unchanged]
            where = ", ".join(str(p) for p in paths) or str(choice.path)
            same = " (unchanged)" if result.unchanged and not result.written else ""
            return f"已导出 {result.annotations} 条 exported → {where}{same}"

        def done(message: str | None) -> None:
            if message:
                self.notify(message, timeout=8, markup=False)

        from reader.tui.screens.export_notes import ExportScreen

        self.push_screen(ExportScreen(article_title=article.title if article else None, run=run,
                                      folder=Path.cwd()), done)
