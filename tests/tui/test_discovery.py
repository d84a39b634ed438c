"""Pilot tests of the search screen: results as you type, Enter/Down from the input, opening at the first hit with
every hit highlighted and n/N, topic chips that count and narrow, and errors shown as messages."""
from __future__ import annotations

from collections import Counter

import pytest
from rich.text import Text

from reader import search
from reader.search.page import SearchPage
from reader.library import Library
from reader.tui.app import ReaderApp
from reader.tui.screens import search as search_screen
from reader.tui.screens.search import SearchScreen

WIDE = (120, 40)


async def settle(app: ReaderApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Let timers fire and worker threads deliver their results to the UI thread."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


async def until(app: ReaderApp, pilot, predicate, limit: int = 500) -> None:  # type: ignore[no-untyped-def]
    """Poll until `predicate()` holds (a debounce timer fired and its worker answered); the limit only bounds a hang."""
    for _ in range(limit):
        if predicate():
            return
        await pilot.pause(0.01)
        await app.workers.wait_for_complete()
    assert predicate()


def prompts(option_list) -> list[Text]:  # type: ignore[no-untyped-def]
    return [option_list.get_option_at_index(i).prompt for i in range(option_list.option_count)]


# --- search ---------------------------------------------------------------------------------------------


async def test_results_update_as_you_type(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_screen, "DEBOUNCE", 0.001)  # the timer still runs; it just hardly waits
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("s", *"专利")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await until(app, pilot, lambda: screen.shown_query == "专利")
        assert [h.id for h in screen.hits] == [h.id for h in lib.search("专利", limit=50)]
        await pilot.press(*"转化")
        await until(app, pilot, lambda: screen.shown_query == "专利转化")
        assert [h.id for h in screen.hits] == [h.id for h in lib.search("专利转化", limit=50)]
        assert app.focused is screen.input  # typing never lost the focus


async def test_down_then_enter_opens_that_result_at_its_first_hit(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bug found by hand: Down then Enter in the input must open the highlighted result."""
    monkeypatch.setattr(search_screen, "DEBOUNCE", 0.001)
    query = "知识产权"
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("s", *query)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await until(app, pilot, lambda: screen.shown_query == query)
        assert len(screen.hits) >= 2
        target = screen.hits[1].id
        lib.set_position(target, 5, 0)  # a remembered position deep in the article must not skip hits before it
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert app.article.id == target
        reader = app.reader
        texts = [p.text for p in app.article.paragraphs]
        expected = [(i, s, e) for i, t in enumerate(texts) for s, e in search.find_in_text(t, query)]
        assert reader.hits == expected and len(expected) >= 2  # every hit is highlighted
        assert reader.hit_index == 0  # at the first one
        first_para = expected[0][0]
        top, height = round(reader.scroll_y), reader.scrollable_content_region.height
        assert top <= reader.layout_.line_of(first_para, expected[0][1]) < top + height
        await pilot.press("n")
        assert reader.hit_index == 1
        await pilot.press("N")
        assert reader.hit_index == 0
        await pilot.press("N")
        assert reader.hit_index == len(expected) - 1  # wraps around


async def test_enter_before_results_arrive_searches_and_opens_the_first(lib: Library,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_screen, "DEBOUNCE", 3600.0)  # the debounce never fires: only Enter searches
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("s", *"质押融资", "enter")
        await settle(app, pilot)
        assert app.screen is app.screen_stack[0]
        assert app.article.id == lib.search("质押融资", limit=1)[0].id
        assert app.reader.find_query == "质押融资" and app.reader.hits


async def test_topic_chips_count_the_results_and_narrow_them(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.tui.screens.discovery import TopicChips

    monkeypatch.setattr(search_screen, "DEBOUNCE", 0.001)
    query = "企业"
    matching = set(lib.search_ids(query))
    expected = Counter(t for s in lib.articles() if s.id in matching for t in s.topics)
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("s", *query)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await until(app, pilot, lambda: screen.shown_query == query)
        assert dict(screen.counts) == dict(expected) and screen.total == len(matching)
        chips = screen.query_one(TopicChips)
        await pilot.press("tab")
        assert app.focused is chips
        await pilot.press("right", "enter")  # the first topic chip after 全部
        await settle(app, pilot)
        topic, count = screen.counts[0]
        assert chips.selected == topic and screen.topic == topic
        with_topic = {s.id for s in lib.articles(topic=topic)}
        assert {h.id for h in screen.hits} == matching & with_topic and len(screen.hits) == count
        await pilot.press("enter")  # picking it again widens back to every topic
        await settle(app, pilot)
        assert {h.id for h in screen.hits} == matching


async def test_invalid_query_shows_the_message_not_a_traceback(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        bad = "专利 topic:没有这个主题"
        with pytest.raises(search.QueryError) as exc:
            lib.search(bad)
        screen.search_now(bad)
        await settle(app, pilot)
        status = str(screen.query_one("#search-status").render())
        assert "没有这个主题" in status and str(exc.value) in status
        assert screen.hits == [] and app.screen is screen
        await pilot.press("enter")  # nothing to open: the screen stays, no crash
        await settle(app, pilot)
        assert app.screen is screen


async def test_a_database_error_is_a_message_and_closing_mid_search_is_safe(lib: Library,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3
    import threading

    def locked(db, query, allowed, topic):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("database is locked")

    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        monkeypatch.setattr(search_screen, "run_query", locked)
        screen.search_now("专利")
        await settle(app, pilot)
        assert "database is locked" in str(screen.query_one("#search-status").render())
        # close the screen while a query is still running in its worker: no crash, the connection is closed after
        release = threading.Event()

        def slow(db, query, allowed, topic):  # type: ignore[no-untyped-def]
            release.wait(10)
            return SearchPage(query, topic)

        monkeypatch.setattr(search_screen, "run_query", slow)
        screen.search_now("专利")
        await pilot.pause()
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0] and screen.worker_db.closed
        release.set()
        await settle(app, pilot)
        assert app.is_running and app.screen is app.screen_stack[0]
        assert screen.worker_db._lib is None  # the worker closed it when its query returned


def test_run_query_shows_what_filtering_the_full_ranking_shows(lib) -> None:  # type: ignore[no-untyped-def]
    # run_query ranks only the hits it shows; they must be the ones (and in the order) of the complete ranking
    # narrowed by the app's topic filter and the picked chip.
    from reader import search
    from reader.tui.screens.search import ALL, LIMIT, run_query

    db = lib.db
    topics = [t.name for t in lib.topics() if t.count]
    allowed_sets = [None, {r[0] for r in db.execute("SELECT article_id FROM article_topics WHERE topic = ?",
                                                     [topics[0]])}]
    for query in ["知识产权", "创新", "专利 -商标"]:
        ranked = search.search(db, query, limit=None)
        for allowed in allowed_sets:
            for chip in [ALL, topics[1]]:
                out = run_query(lib, query, allowed, chip)
                kept = [h for h in ranked if allowed is None or h.id in allowed]
                assert out.total == len(kept)
                if chip != ALL:
                    keep = {r[0] for r in db.execute("SELECT article_id FROM article_topics WHERE topic = ?",
                                                     [chip])}
                    kept = [h for h in kept if h.id in keep]
                assert out.shown_total == len(kept)
                assert [(h.id, h.score, h.hits, h.snippet) for h in out.hits] == \
                       [(h.id, h.score, h.hits, h.snippet) for h in kept[:LIMIT]]
    assert run_query(lib, 'topic:没有这个', None, ALL).message  # a bad query is a message, not a traceback


async def test_topic_chips_slide_so_the_cursor_chip_is_always_visible() -> None:
    """Issue #15: chips past the right edge could be moved to and picked while out of sight."""
    from textual.app import App, ComposeResult

    from reader.tui.screens.discovery import TopicChips

    class Chips(App[None]):
        def compose(self) -> ComposeResult:
            yield TopicChips(id="chips")

    counts = [(f"主题{i:02d}知识产权", 30 - i) for i in range(20)]
    app = Chips()
    async with app.run_test(size=(60, 5)) as pilot:
        chips = app.query_one(TopicChips)
        chips.set_counts(counts, 99)
        chips.focus()
        await pilot.pause()
        first = chips.render().plain
        assert "+" in first and "›" in first and "‹" not in first  # more to the right, said so
        for step in range(len(counts)):
            await pilot.press("right")
            text = chips.render().plain
            name = chips.chips[chips.cursor][0]
            assert name in text, (step, text)  # the cursor's chip is on screen
            assert cell_width(text) <= chips.size.width
        assert chips.cursor == len(counts) and "‹" in text and "+" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert chips.selected == counts[-1][0]  # what was picked is what the reader sees underlined


def cell_width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)
