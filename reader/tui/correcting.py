"""The reading room's split corrections, mixed into ReaderApp: split here, merge into the previous article,
make this paragraph the title, title back to text, paragraph to page furniture, undo, next doubtful article.

Every correction goes through `Library.correct` (stored per page, re-applied at every import); this module only
picks the place (the reading cursor's paragraph), asks for a title when needed and shows the outcome. The keys
are the reader pane's (ReaderView.BINDINGS: S M R U F u D), so they act only where the reading cursor is.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.tui.messages import notify_error

if TYPE_CHECKING:
    from reader.library import Library
    from reader.model import ArticleDetail, ArticleSummary
    from reader.page_edit import EditReport
    from reader.tui.widgets.reader_view import ReaderView

DONE = {"split": "已拆分 split", "merge": "已合并 merged", "title": "已设为标题 retitled",
        "untitle": "标题已转为正文 title to text", "furniture": "已移出正文 moved to page furniture"}


class CorrectionActions:
    """Mixin for ReaderApp (which provides lib, article, reader, all_summaries, notify, open_article…)."""

    if TYPE_CHECKING:
        lib: Library
        article: ArticleDetail | None
        reader: ReaderView
        all_summaries: list[ArticleSummary]

        def notify(self, message: str, **kwargs: Any) -> None: ...
        def push_screen(self, screen: Any, callback: Any = None) -> Any: ...
        def open_article(self, article_id: int, focus: bool = False) -> None: ...
        def load_lists(self) -> None: ...

    def _cursor_paragraph(self) -> int:
        return self.reader.cursor[0] if self.article is not None else -1

    def _correct(self, action: str, paragraph: int = -1, **kwargs: Any) -> None:
        from reader.ingest.correct import CorrectionError

        if self.article is None:
            self.notify("没有打开的文章 no article open", severity="warning", markup=False)
            return
        try:
            report = self.lib.correct(action, self.article.id, paragraph, **kwargs)
        except CorrectionError as exc:
            notify_error(self, exc, "无法更正 cannot")
            return
        self._after(report, f"{DONE[action]} — u 撤销 undo")

    def _after(self, report: EditReport, message: str) -> None:
        self.load_lists()
        self.open_article(report.article_id, focus=True)
        self.notify(message, timeout=4, markup=False)

    def action_split_here(self) -> None:
        from reader.ingest.correct import first_words, title_shaped
        from reader.model import Paragraph

        p = self._cursor_paragraph()
        if self.article is None or not 0 < p < len(self.article.paragraphs):
            self._correct("split", p)  # says why it cannot
            return
        para = self.article.paragraphs[p]
        if title_shaped(Paragraph(para.kind, para.text)):
            self._correct("split", p)
            return
        from reader.tui.screens.title_prompt import TitlePrompt

        def done(title: str | None) -> None:
            if title:
                self._correct("split", p, title=title)

        self.push_screen(TitlePrompt("新文章的标题 Title of the new article", first_words(para.text)), done)

    def action_merge_previous(self) -> None:
        self._correct("merge")

    def action_title_here(self) -> None:
        self._correct("title", self._cursor_paragraph())

    def action_untitle(self) -> None:
        self._correct("untitle")

    def action_furniture_here(self) -> None:
        self._correct("furniture", self._cursor_paragraph())

    def action_undo_correction(self) -> None:
        from reader.ingest.correct import CorrectionError

        try:
            report = self.lib.undo_correction()
        except CorrectionError as exc:
            notify_error(self, exc, "无法撤销 cannot undo")
            return
        self._after(report, f"已撤销 undone: {report.action}")

    def action_next_doubtful(self) -> None:
        """Open the next article (in library order, wrapping) whose split the splitter was unsure of."""
        order = self.all_summaries
        current = next((i for i, s in enumerate(order) if self.article and s.id == self.article.id), -1)
        for s in order[current + 1:] + order[:current + 1]:
            if s.doubtful and (self.article is None or s.id != self.article.id):
                self.open_article(s.id, focus=True)
                return
        self.notify("没有存疑的分篇 no doubtful splits", timeout=3, markup=False)
