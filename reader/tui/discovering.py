"""The reading room's discovery actions: search, concordance, related articles and the term overview.

A mixin for ReaderApp (kept apart so app.py stays about panes and reading). Each action opens a modal screen
that queries the library in worker threads through its own connection, and comes back with where to go. The
screens are imported when first opened, not at start-up: the first frame needs none of them.
"""
from __future__ import annotations

from bisect import bisect_left
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingType

from reader.tui.topic_filter import topic_matches

if TYPE_CHECKING:
    from reader.library import Library
    from reader.model import ArticleDetail, ArticleSummary
    from reader.tui.screens.concordance import Jump
    from reader.tui.widgets.reader_view import ReaderView

def phrase_query(term: str) -> str:
    """`term` as a query that finds exactly that phrase (quoted when it holds spaces or query syntax)."""
    term = term.strip().replace('"', " ").strip()
    if any(c.isspace() for c in term) or term.startswith(("-", "－")) or ":" in term or "：" in term:
        return f'"{term}"'
    return term


class DiscoveryActions:
    """Mixin for ReaderApp (which provides lib, article, reader, the topic selection, open_article, notify…)."""

    if TYPE_CHECKING:
        lib: Library
        article: ArticleDetail | None
        reader: ReaderView
        all_summaries: list[ArticleSummary]
        selected_topics: set[str]

        def notify(self, message: str, **kwargs: Any) -> None: ...
        def push_screen(self, screen: Any, callback: Any = None) -> Any: ...
        def open_article(self, article_id: int, focus: bool = False) -> None: ...
        def update_status(self) -> None: ...
        def jump_to_note(self, note: Any) -> None: ...

    def topic_allowed_ids(self) -> set[int] | None:
        """Ids the main screen's topic filter lets through, or None when no topic is selected."""
        if not self.selected_topics:
            return None
        return {s.id for s in self.all_summaries if topic_matches(s, self.selected_topics)}

    def selected_or_find_text(self) -> str:
        """The reader's selection (keyboard or mouse) if any, else the current find term."""
        reader, article = self.reader, self.article
        span = reader.selection_range() or reader.mouse_selection_range() if article is not None else None
        if span is not None and article is not None:
            (p0, o0), (p1, o1) = span
            if p0 == p1:
                return article.paragraphs[p0].text[o0:o1].strip()[:40]
        return reader.find_query

    def open_at_hit(self, article_id: int, query: str, paragraph: int | None = None, start: int | None = None) -> None:
        """Open an article with every hit of `query` highlighted, at the hit at (paragraph, start) if given, else
        at the article's first hit (not the first after the remembered reading position)."""
        self.open_article(article_id, focus=True)
        if self.article is None or self.article.id != article_id:
            return
        reader = self.reader
        reader.go_to(0, 0)
        if not reader.find(query):
            self.update_status()
            return
        if paragraph is not None and start is not None:
            # the hit covering that occurrence; else the next one after it (the text may have been re-imported)
            hits = reader.hits
            exact = [i for i, (p, s, e) in enumerate(hits) if p == paragraph and s <= start < e]
            index = exact[0] if exact else bisect_left([(p, s) for p, s, _ in hits], (paragraph, start)) % len(hits)
            reader.hit_index = (index - 1) % len(hits)  # next_hit(+1) then lands on `index`
            reader.next_hit(+1)
        self.update_status()

    def action_search(self) -> None:
        from reader.tui.screens.search import SearchScreen

        def chosen(result: tuple[Any, Any] | None) -> None:
            if result is not None and result[0] == "note":
                self.jump_to_note(result[1])
            elif result is not None:
                self.open_at_hit(*result)

        self.push_screen(SearchScreen(Path(self.lib.path), self.reader.find_query, self.selected_topics,
                                      self.topic_allowed_ids()), chosen)

    def action_concordance(self) -> None:
        from reader.tui.screens.concordance import ConcordanceScreen

        def chosen(jump: Jump | None) -> None:
            if jump is not None:
                self.open_at_hit(jump.article_id, phrase_query(jump.term), jump.paragraph, jump.start)

        self.push_screen(ConcordanceScreen(Path(self.lib.path), self.selected_or_find_text(), self.selected_topics,
                                           self.topic_allowed_ids()), chosen)

    def action_related(self) -> None:
        from reader.tui.screens.related import RelatedScreen

        if self.article is None:
            self.notify("先打开一篇文章 open an article first", severity="warning", markup=False)
            return

        def chosen(article_id: int | None) -> None:
            if article_id is not None:
                self.open_article(article_id, focus=True)

        self.push_screen(RelatedScreen(Path(self.lib.path), self.article.id, self.article.title), chosen)

    def action_overview(self) -> None:
        from reader.tui.screens.overview import OverviewScreen

        self.push_screen(OverviewScreen(Path(self.lib.path)))

    def discovery_help_sections(self) -> list[tuple[str, list[BindingType]]]:
        """Each discovery screen's keys, from its own bindings, headed by its name and the key that opens it."""
        from reader.tui.screens.concordance import ConcordanceScreen
        from reader.tui.screens.help import key_label
        from reader.tui.screens.overview import OverviewScreen
        from reader.tui.screens.reading import READING_KEYS, action_of
        from reader.tui.screens.related import RelatedScreen
        from reader.tui.screens.search import SearchScreen

        opened_by = {action_of(b): b.key for b in READING_KEYS if isinstance(b, Binding)}
        return [(f"{screen.HELP_TITLE} ({key_label(opened_by[action])})", screen.help_bindings())
                for screen, action in ((SearchScreen, "search"), (ConcordanceScreen, "concordance"),
                                       (RelatedScreen, "related"), (OverviewScreen, "overview"))]

