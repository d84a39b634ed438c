"""The search screen and the library pane say why a row matched (issue #16): the other script, width or case of the
highlighted text, and titles found by their pinyin (zscq → 知识产权…) as their own group."""
from __future__ import annotations

from reader import Library


async def searched(pilot, app, query: str):  # type: ignore[no-untyped-def]
    from reader.tui.screens.search import SearchScreen

    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    screen.input.value = query
    for _ in range(100):
        await pilot.pause(0.05)
        if screen.shown_query == query:
            break
    assert screen.shown_query == query
    return screen


def prompts(screen) -> list[str]:  # type: ignore[no-untyped-def]
    results = screen.results
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


async def test_a_traditional_query_names_the_simplified_text_it_found(lib: Library) -> None:
    from reader.tui.app import ReaderApp

    app = ReaderApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(pilot, app, "知識產權質押")
        assert screen.hits
        rows = prompts(screen)
        assert all("匹配 matched  知识产权质押 ← 知識產權質押（简体）" in row for row in rows[:len(screen.hits)])
        # written as typed: no line to explain
        screen.input.value = "知识产权质押"
        for _ in range(100):
            await pilot.pause(0.05)
            if screen.shown_query == "知识产权质押":
                break
        assert screen.hits and not any("匹配" in row for row in prompts(screen))


async def test_pinyin_initials_list_titles_and_enter_opens_one(lib: Library) -> None:
    from reader.tui.app import ReaderApp

    with_ip = [a for a in lib.articles() if "知识产权" in a.title]
    app = ReaderApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(pilot, app, "zscq")
        assert not screen.hits and {t.summary.id for t in screen.titles} == {a.id for a in with_ip}
        rows = prompts(screen)
        assert rows[0].startswith(f"标题（拼音）Titles by pinyin · {len(with_ip)}")
        assert screen.results.get_option_at_index(0).disabled
        assert "知识产权 ← zscq（拼音首字母）" in rows[1]
        assert screen.results.highlighted == 1  # the first title, not the header
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.is_attached and app.article.id == screen.titles[0].summary.id


async def test_the_library_filter_marks_what_it_matched_in_the_title(lib: Library) -> None:
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.library_list import LibraryPane, row_label

    target = next(a for a in lib.articles() if "知识产权" in a.title)
    label = row_label(target, "zscq")
    at = label.plain.index("知识产权")
    styled = {i for span in label.spans if "underline" in str(span.style) for i in range(span.start, span.end)}
    assert styled == set(range(at, at + 4))
    assert not any("underline" in str(s.style) for s in row_label(target).spans)
    app = ReaderApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one(LibraryPane)
        pane.query_one("#library-filter").value = "zscq"
        expected = {a.id for a in lib.articles(text="zscq")}
        for _ in range(40):
            await pilot.pause(0.05)
            if {s.id for s in pane.shown} == expected:
                break
        assert {s.id for s in pane.shown} == expected
        leaves = [n for group in pane.tree.root.children for n in group.children if n.data == target.id]
        assert leaves and any("underline" in str(span.style) for span in leaves[0].label.spans)
