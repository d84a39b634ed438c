"""Pilot tests for the reading room: topic and text filters, why-topics, palette, help, literal text."""
from __future__ import annotations

from pathlib import Path

from reader.library import Library
from reader.tui.app import ReaderApp
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.library_list import LibraryPane

WIDE = (120, 40)


def reader_text(app: ReaderApp) -> str:
    layout = app.reader.layout_
    assert layout is not None
    return "\n".join(layout.line_text(y) for y in range(len(layout.lines)))


async def test_topic_filter_selects_or_and_x_clears(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        assert app.focused is app.topics
        first_topic = app.topics.highlighted_topic
        await pilot.press("space")
        await pilot.pause()
        assert app.selected_topics == {first_topic}
        shown = app.library.shown
        assert shown and all(first_topic in s.topics for s in shown)
        assert {s.id for s in shown} == {s.id for s in lib.articles(topic=first_topic)}
        await pilot.press("down", "space")
        await pilot.pause()
        second = app.topics.highlighted_topic
        union = {s.id for s in lib.articles(topic=[first_topic, second])}
        assert {s.id for s in app.library.shown} == union  # OR-ed
        await pilot.press("x")
        await pilot.pause()
        assert app.selected_topics == set()
        assert len(app.library.shown) == len(app.all_summaries)
        assert app.topics.selected == []


async def test_type_to_filter_narrows_list_and_topic_counts(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        app.library.tree.focus()
        await pilot.press("/")
        assert app.focused is not None and app.focused.id == "library-filter"
        await pilot.press(*"知识产权")
        await pilot.pause()
        shown = app.library.shown
        assert 0 < len(shown) < len(app.all_summaries)
        assert all("知识产权" in (s.title + " ".join(s.topics) + (s.subtitle or "")) for s in shown)
        # topic counts follow the text filter
        total = dict(app.topic_counts)
        assert sum(total.values()) <= sum(len(s.topics) or 1 for s in shown)
        await pilot.press("escape")
        assert app.focused is app.library.tree


async def test_type_ahead_from_the_list_goes_to_filter(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        app.library.tree.focus()
        await pilot.press("新")
        await pilot.pause()
        assert app.library.filter_text == "新"
        assert all(s in app.all_summaries for s in app.library.shown)


async def test_help_lists_every_binding(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from rich.console import Console

        from reader.tui.screens.concordance import ConcordanceScreen
        from reader.tui.screens.discovery import TopicChips
        from reader.tui.screens.help import binding_rows
        from reader.tui.screens.overview import OverviewScreen
        from reader.tui.screens.reading import ReadingScreen
        from reader.tui.screens.related import RelatedScreen
        from reader.tui.screens.search import SearchScreen
        from reader.tui.widgets.library_list import ArticleTree
        from reader.tui.widgets.notes_list import NotesList, NotesPane
        from reader.tui.widgets.reader_view import ReaderView
        from reader.tui.widgets.topic_list import TopicList

        assert app.screen.sections == app.binding_sections()
        console = Console(width=160, record=True, file=open("/dev/null", "w"))
        console.print(binding_rows(app.screen.sections))
        text = console.export_text()
        # built from the real bindings: every one of ours is there, with its description
        for owner in (ReadingScreen, LibraryPane, ArticleTree, ReaderView, TopicList, NotesPane, NotesList,
                      SearchScreen, TopicChips, ConcordanceScreen, RelatedScreen, OverviewScreen):
            for binding in owner.BINDINGS:
                assert binding.description and binding.description in text, (owner.__name__, binding)
        for screen in (SearchScreen, ConcordanceScreen, RelatedScreen):
            assert screen.ENTER_HELP in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_why_shows_matched_keywords(lib: Library) -> None:
    from reader.tui.screens.reasons import ReasonsScreen

    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ReasonsScreen)
        assert app.screen.reasons == lib.topic_reasons(app.article.id)


async def test_command_palette_opens_an_article_by_title(lib: Library) -> None:
    from reader.tui.commands import ArticleCommands

    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        target = app.all_summaries[5]
        provider = ArticleCommands(app.screen)
        hits = [hit async for hit in provider.search(target.title)]
        best = max(hits, key=lambda h: h.score)
        assert target.title in (best.text or "")
        best.command()
        await pilot.pause()
        assert app.article.id == target.id


async def test_article_text_with_markup_is_literal(lib: Library, tmp_path: Path) -> None:
    page = tmp_path / "markup.txt"
    page.write_text("标记测试文章\n\n□作者甲\n\n这一段里有[bold red]x[/]和[link=file:///etc]链接[/link]两处方括号文字，应当原样显示。\n",
                    encoding="utf-8")
    lib.import_paths([page])
    article_id = lib.source_article_ids(page)[0]
    app = ReaderApp(lib, open_article=article_id)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = reader_text(app).replace("\n", "")
        assert "[bold red]x[/]" in text and "[link=file:///etc]链接[/link]" in text
        assert app.reader._border_title is not None and app.reader._border_title.plain == app.article.title
        # the find status in the border shows the query literally too
        await pilot.press("slash", *"[b]x", "enter")
        await pilot.pause()
        assert app.reader._border_subtitle is not None and "[b]x" in app.reader._border_subtitle.plain


async def test_search_screen_finds_and_opens_with_hits_highlighted(lib: Library) -> None:
    from reader.tui.screens.search import SearchScreen

    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.search_now("知识产权金融")  # what the debounce timer does after typing stops
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.hits, "the seeds mention 知识产权金融"
        expected = [h.id for h in lib.search("知识产权金融", limit=50)]
        assert [h.id for h in screen.hits] == expected
        assert app.focused is screen.input
        screen.input.value = "知识产权金融"  # as typed; the results are already for it
        await pilot.press("enter")  # Enter in the input opens the highlighted (first) result
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert app.article.id == expected[0]
        assert app.reader.find_query == "知识产权金融" and app.reader.hits


async def test_search_respects_the_topic_filter(lib: Library) -> None:
    from reader.tui.screens.search import SearchScreen

    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        topic = "知识产权金融"
        app.set_topic_filter([topic])
        await pilot.press("ctrl+f")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.search_now("企业")
        await app.workers.wait_for_complete()
        await pilot.pause()
        allowed = {s.id for s in lib.articles(topic=topic)}
        assert screen.hits and all(h.id in allowed for h in screen.hits)
        assert {h.id for h in screen.hits} == set(lib.search_ids("企业")) & allowed
        await pilot.press("escape")
        assert not isinstance(app.screen, SearchScreen)


async def test_main_keys_stand_aside_under_a_modal(lib: Library) -> None:
    from reader.tui.screens.search import SearchScreen

    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.search_now("专利")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.hits
        await pilot.press("tab")  # moves focus inside the modal, not between the panes behind it
        assert app.screen is screen and app.focused is not None and app.focused.screen is screen
        await pilot.press("q", "o", "x")  # no quitting, no outline on top, no filter change behind
        assert app.screen is screen and app.is_running
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]


def test_the_palette_offers_every_app_action_bound_in_a_pane(lib: Library) -> None:
    from reader.tui.widgets.notes_list import NotesPane
    from reader.tui.widgets.reader_view import ReaderView

    app = ReaderApp(lib)
    actions = dict((action, label) for label, action in app.palette_actions())
    for owner in (ReaderView, LibraryPane, NotesPane):
        for binding in owner.BINDINGS:
            if binding.action.startswith("app."):
                name = binding.action.removeprefix("app.")
                assert name in actions and binding.description in actions[name]
                assert hasattr(app, f"action_{name}")  # and the app can run it
    assert {"sort_library", "group_library", "notes_scope"} <= set(actions)
    assert "quit" not in actions
