"""Pilot tests of the concordance, related-articles and term-overview screens, their palette commands and help
entries, and literal (never markup) text in every discovery screen."""
from __future__ import annotations

import inspect
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text

from reader import search
from reader.library import Library
from reader.tui.app import ReaderApp
from reader.tui.screens import search as search_screen
from reader.tui.screens.concordance import MATCH_STYLE, ConcordanceScreen, crop_left, crop_right, kwic_row
from reader.tui.screens.overview import OverviewScreen, bar
from reader.tui.screens.related import RelatedScreen
from reader.tui.screens.search import SearchScreen

WIDE = (120, 40)


async def settle(app: ReaderApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Let timers fire and worker threads deliver their results to the UI thread."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def prompts(option_list) -> list[Text]:  # type: ignore[no-untyped-def]
    return [option_list.get_option_at_index(i).prompt for i in range(option_list.option_count)]


# --- concordance ----------------------------------------------------------------------------------------


def test_kwic_row_aligns_by_cell_width() -> None:
    from reader.search import KwicLine

    lines = [KwicLine(1, "t", "s", 0, 0, "ab中文", "专利", "xyz"), KwicLine(1, "t", "s", 0, 0, "中", "专利", "ＰＣＴ"),
             KwicLine(1, "t", "s", 0, 0, "", "专利", "")]
    for k in lines:
        row = kwic_row(k, 9, 10)
        match = next(s for s in row.spans if s.style == MATCH_STYLE)
        assert cell_len(row.plain[:match.start]) == 10  # 9 cells of context and a space, whatever their width
    assert crop_left("一二三", 5) == "\u00a0二三"  # a wide character never straddles the edge
    assert crop_right("一二三", 5) == "一二"


async def test_concordance_rows_align_and_enter_jumps_to_that_occurrence(lib: Library) -> None:
    term = "专利"
    expected = search.concordance(lib.db, term, width=60)
    assert len({k.article_id for k in expected}) >= 2
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("c", *term, "enter")  # Enter runs it at once
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ConcordanceScreen)
        assert [(k.article_id, k.paragraph, k.start) for k in screen.lines] == \
               [(k.article_id, k.paragraph, k.start) for k in expected]
        rows = prompts(screen.kwic_list)
        columns = set()
        for row, line in zip(rows, screen.rows):
            if line is None:  # an article header
                continue
            match = next(s for s in row.spans if s.style == MATCH_STYLE)
            assert row.plain[match.start:match.end] == line.match
            columns.add(cell_len(row.plain[:match.start]))
        assert len(columns) == 1  # every occurrence starts in the same terminal column
        headers = [i for i, line in enumerate(screen.rows) if line is None]
        assert len(headers) == len({k.article_id for k in expected})  # grouped by article
        # move to an occurrence in the second article and jump there
        target_row = headers[1] + 1
        seen = [screen.kwic_list.highlighted]
        while screen.kwic_list.highlighted < target_row:
            await pilot.press("down")  # from the input: moves the list's highlight, skipping headers
            seen.append(screen.kwic_list.highlighted)
        assert screen.kwic_list.highlighted == target_row
        assert headers[1] not in seen  # the header row is never highlighted
        assert app.focused is screen.query_one("#kwic-input")
        line = screen.rows[target_row]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        reader = app.reader
        assert app.article.id == line.article_id
        assert reader.hits[reader.hit_index] == (line.paragraph, line.start, line.start + len(line.match))
        assert len(reader.hits) == sum(1 for k in expected if k.article_id == line.article_id)


async def test_concordance_is_prefilled_with_the_find_term(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"知识产权", "enter")
        await pilot.pause()
        await pilot.press("c")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ConcordanceScreen)
        assert screen.query_one("#kwic-input").value == "知识产权"
        assert screen.lines and all(k.match == "知识产权" for k in screen.lines)


# --- related and overview -------------------------------------------------------------------------------


async def test_related_lists_shared_keywords_and_enter_opens(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        current = app.article.id
        await pilot.press("r")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RelatedScreen)
        expected = search.related(lib.db, current, limit=30)
        assert expected and screen.items == expected
        first = prompts(screen.query_one("#related-list"))[0]
        shared = expected[0].shared_tags or expected[0].shared_topics
        assert expected[0].title in first.plain and all(t in first.plain for t in shared)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.screen_stack[0] and app.article.id == expected[0].id


def test_bar_lengths_are_proportional() -> None:
    assert bar(10, 10, 8) == "█" * 8
    assert bar(5, 10, 8) == "█" * 4
    assert bar(1, 10, 8) == "▊"  # 0.8 cells: eighth blocks show small differences
    assert bar(1, 1000, 8) == "▏"  # a non-zero count always shows
    assert bar(0, 10, 8) == ""


async def test_overview_draws_keyword_and_topic_bars_per_source(lib: Library) -> None:
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("O")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        ov = screen.overview
        assert ov is not None and ov.articles == len(lib.articles())
        from rich.console import Console

        console = Console(width=120, record=True, file=open("/dev/null", "w"))
        console.print(screen.charts)
        text = console.export_text()
        assert ov.keywords[0].term in text and ov.topics[0].term in text and "█" in text
        for src in ov.by_source:
            assert src.source in text
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]


# --- palette, help, literal text ------------------------------------------------------------------------


async def test_palette_opens_each_discovery_screen(lib: Library) -> None:
    from reader.tui.commands import ActionCommands

    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        for words, screen_type in (("Concordance", ConcordanceScreen), ("Related articles", RelatedScreen),
                                   ("Term overview", OverviewScreen), ("Search", SearchScreen)):
            provider = ActionCommands(app.screen)
            hits = [hit async for hit in provider.search(words)]
            best = max(hits, key=lambda h: h.score)
            assert words in (best.text or "")
            result = best.command()
            if inspect.isawaitable(result):
                await result
            await settle(app, pilot)
            assert isinstance(app.screen, screen_type)
            app.screen.dismiss(None)
            await pilot.pause()
            assert app.screen is app.screen_stack[0]


async def test_help_lists_the_discovery_keys(lib: Library) -> None:
    from rich.console import Console

    from reader.tui.screens.help import binding_rows

    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        console = Console(width=120, record=True, file=open("/dev/null", "w"))
        console.print(binding_rows(app.screen.sections))
        text = console.export_text()
        for words in ("Concordance (KWIC)", "Related articles", "Term overview", "搜索 Search (s / Ctrl+F)",
                      "索引 Concordance (c)", "相关 Related (r)", "概览 Overview (O / %)", "Next result",
                      "To the topic chips", "Narrow to topic"):
            assert words in text


async def test_titles_and_text_with_markup_stay_literal(lib: Library, tmp_path: Path) -> None:
    page = tmp_path / "markup.txt"
    page.write_text("[bold]标记[/bold]测试文章\n\n□作者甲\n\n这一段里有[red]专利转化[/red]和[link=file:///etc]链接[/link]，"
                    "应当原样显示。专利转化很重要。\n", encoding="utf-8")
    lib.import_paths([page])
    article_id = lib.source_article_ids(page)[0]
    title = lib.article(article_id).title
    assert "[" in title or "[" in lib.article(article_id).paragraphs[0].text
    app = ReaderApp(lib, open_article=article_id)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("c", *"[red]专利转化", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ConcordanceScreen) and screen.lines
        plain = "\n".join(p.plain for p in prompts(screen.kwic_list))
        assert "[red]专利转化\u00a0[/red]和[link=file:///etc]链接[/link]" in plain and title in plain  # match, space, right
        await pilot.press("escape")
        await pilot.press("s")
        screen_s = app.screen
        assert isinstance(screen_s, SearchScreen)
        screen_s.search_now("[link=file:///etc]")
        await settle(app, pilot)
        labels = "\n".join(p.plain for p in prompts(screen_s.results) if p is not None)
        assert "[link=file:///etc]" in labels and title in labels
        await pilot.press("escape")
        await pilot.press("O")
        await settle(app, pilot)
        assert isinstance(app.screen, OverviewScreen)


def test_labels_and_charts_keep_markup_literal() -> None:
    from rich.console import Console

    from reader.search import Overview, Related, SearchHit, SourceOverview, TermCount
    from reader.tui.screens.overview import overview_renderable
    from reader.tui.screens.related import related_label

    title = "[bold red]标题[/] [link=file:///etc]x[/link]"
    hit = SearchHit(1, title, "[i]src[/i].txt", 2, "片段[b]专利[/b]", [(3, 5)])
    assert title in search_screen.hit_label(hit).plain and "片段[b]专利[/b]" in search_screen.hit_label(hit).plain
    rel = Related(2, title, "s.txt", 0.5, shared_tags=["[tag]"], shared_topics=["[topic]"])
    assert all(part in related_label(rel).plain for part in (title, "[tag]", "[topic]"))
    ov = Overview(1, [TermCount("[kw]", 1)], [TermCount("[tp]", 1)],
                  [SourceOverview("[s].txt", 1, [TermCount("[kw]", 1)], [TermCount("[tp]", 1)])])
    console = Console(width=120, record=True, file=open("/dev/null", "w"))
    console.print(overview_renderable(ov, 120))
    text = console.export_text()
    assert "[kw]" in text and "[tp]" in text and "[s].txt" in text
