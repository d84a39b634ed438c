"""Command-palette providers: open an article by title, filter by topic, and every app action.

Titles are shown as Text built here: Textual's Matcher.highlight() parses its input as markup, which an
article title must never be.
"""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from rich.text import Text
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.events import Click

if TYPE_CHECKING:
    from reader.model import ArticleSummary


class Palette(CommandPalette):
    """Textual's palette without a crash found by real double-clicks: both clicks of a double-click on the dimmed
    background reach the palette, the first dismisses it and the second dismissed it again, from a screen stack
    it had already left (ScreenStackError)."""

    def _on_click(self, event: Click) -> None:  # type: ignore[override]
        # Textual calls every class's handler down the MRO; prevent_default stops it before CommandPalette's.
        if not self.is_current:
            event.prevent_default()


class PaletteHost(Protocol):
    """What the palette's providers use of the reading room (ReaderApp), without importing it."""

    all_summaries: list[ArticleSummary]
    topic_counts: list[tuple[str, int]]

    def open_article(self, article_id: int, focus: bool = False) -> None: ...
    def action_clear_topics(self) -> None: ...
    def set_topic_filter(self, names: list[str]) -> None: ...
    def palette_actions(self) -> list[tuple[str, str]]: ...
    def run_action(self, action: str) -> Any: ...


def highlight(matcher: Matcher, candidate: str) -> Text:
    text = Text(candidate, no_wrap=True, end="")
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            text.stylize("reverse", offset, offset + 1)
    return text


class ArticleCommands(Provider):
    """"Open: <title>" for every article in the library."""

    async def search(self, query: str) -> Hits:
        app: PaletteHost = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        pinyin = query.strip().isascii() and query.strip().replace(" ", "").isalpha()
        if pinyin:
            from reader.search.title_filter import summary_matches
        for summary in app.all_summaries:
            candidate = f"打开 Open: {summary.title}"
            score = matcher.match(candidate)
            if score <= 0 and pinyin and summary_matches(summary, query):
                score = 0.5  # typed as pinyin (zscq, zhishichanquan): below a match of the characters themselves
                yield Hit(score, Text(candidate, no_wrap=True, end=""), partial(app.open_article, summary.id),
                          text=candidate)
            elif score > 0:
                yield Hit(score, highlight(matcher, candidate), partial(app.open_article, summary.id),
                          text=candidate)

    async def discover(self) -> Hits:
        app: PaletteHost = self.app  # type: ignore[assignment]
        for summary in app.all_summaries[:20]:
            candidate = f"打开 Open: {summary.title}"
            yield DiscoveryHit(Text(candidate, no_wrap=True), partial(app.open_article, summary.id), text=candidate)


class TopicCommands(Provider):
    """"Topic: <name>" sets the topic filter to that one topic; plus clearing it."""

    def _candidates(self) -> list[tuple[str, object]]:
        app: PaletteHost = self.app  # type: ignore[assignment]
        out: list[tuple[str, object]] = [("主题 Clear topic filter", app.action_clear_topics)]
        for name, count in app.topic_counts:
            out.append((f"主题 Topic: {name} ({count})", partial(app.set_topic_filter, [name])))
        return out

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for candidate, callback in self._candidates():
            score = matcher.match(candidate)
            if score > 0:
                yield Hit(score, highlight(matcher, candidate), callback, text=candidate)  # type: ignore[arg-type]

    async def discover(self) -> Hits:
        for candidate, callback in self._candidates():
            yield DiscoveryHit(Text(candidate), callback, text=candidate)  # type: ignore[arg-type]


class ActionCommands(Provider):
    """Every key binding of the app, so nothing is reachable only by a key."""

    def _candidates(self) -> list[tuple[str, str]]:
        app: PaletteHost = self.app  # type: ignore[assignment]
        return [(f"{description}", action) for description, action in app.palette_actions()]

    async def search(self, query: str) -> Hits:
        app: PaletteHost = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        for candidate, action in self._candidates():
            score = matcher.match(candidate)
            if score > 0:
                yield Hit(score, highlight(matcher, candidate), partial(app.run_action, action), text=candidate)

    async def discover(self) -> Hits:
        app: PaletteHost = self.app  # type: ignore[assignment]
        for candidate, action in self._candidates():
            yield DiscoveryHit(Text(candidate), partial(app.run_action, action), text=candidate)
