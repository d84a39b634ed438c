"""Your notes join the whole-library search (issue #16): a group below the articles; choosing one jumps there."""
from __future__ import annotations

from reader import Library
from reader.notes.annotations import add_by_quote


async def settle(pilot, app, screen=None) -> None:  # type: ignore[no-untyped-def]
    for _ in range(40):
        await pilot.pause(0.05)
        if screen is None or screen.searches:
            return


async def test_search_lists_matching_notes_and_jumps_to_the_passage(lib: Library) -> None:
    from reader.tui.app import ReaderApp
    from reader.tui.screens.search import SearchScreen

    second = lib.articles()[1]
    paragraph = lib.article(second.id).paragraphs[2].text
    note = add_by_quote(lib.db, second.id, paragraph[3:15], note="对照地方政策的要点", tags=["复核"])
    app = ReaderApp(lib, lib.articles()[0].id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("s")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.input.value = "地方政策"  # typed: the search runs after the debounce
        for _ in range(100):
            await pilot.pause(0.05)
            if screen.shown_query == "地方政策":
                break
        assert [n.id for n in screen.notes] == [note.id]
        header = screen.results.get_option_at_index(len(screen.hits))
        assert "批注 Notes" in str(header.prompt) and header.disabled
        screen.results.highlighted = len(screen.hits) + 1
        await pilot.press("enter")
        await settle(pilot, app)
        assert not screen.is_attached
        assert app.article.id == second.id and app.reader.cursor[0] == 2  # at the passage


def test_note_words_leave_the_search_syntax_out() -> None:
    from reader.search.page import note_words

    assert note_words('"知识 产权" -商标 topic:金融 质押') == "知识 产权 质押"
