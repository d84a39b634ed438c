"""Start-up work: the reading-room path skips the command modules, the first frame is the whole reading room (a big
library's list as a page outline, its rows from a worker thread), and a long library list builds its page groups
folded, filling each when it is opened."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import _reading_room_db
from reader.library import Library
from reader.tui import app as app_module
from reader.tui.app import ReaderApp
from reader.tui.widgets import library_list

WIDE = (120, 40)


@pytest.mark.parametrize("argv, expected", [
    ([], (True, None)), (["--db", "x.db"], (True, "x.db")), (["--db=x.db"], (True, "x.db")),
    (["list"], (False, None)), (["--help"], (False, None)), (["page.txt"], (False, None)),
    (["--db", "x.db", "search", "专利"], (False, None)), (["--db"], (False, None)), (["--version"], (False, None)),
])
def test_only_a_plain_launch_takes_the_short_path(argv: list[str], expected: tuple[bool, str | None]) -> None:
    assert _reading_room_db(argv) == expected


def test_the_reading_room_path_imports_no_command_module_or_discovery_screen(db_path: Path) -> None:
    # A fresh interpreter: what the `ipreader` script loads before the first frame (the TUI itself is replaced).
    code = (
        "import sys, json\n"
        "import reader.tui.app as a\n"
        "a.run_app = lambda lib, open_article=None, **kw: None\n"
        "from reader.cli import main\n"
        "code = main([])\n"
        "print(json.dumps([code, sorted(m for m in sys.modules if m.startswith('reader.'))]))\n"
    )
    env = {**os.environ, "IPREADER_DB": str(db_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    code, modules = json.loads(out.stdout.strip().splitlines()[-1])
    assert code == 0
    for name in ("reader.cli.library_cmds", "reader.cli.search_cmds", "reader.cli.notes_cmds",
                 "reader.cli.doctor_cmds", "reader.importer", "reader.tui.screens.search",
                 "reader.tui.screens.concordance", "reader.tui.screens.related", "reader.tui.screens.overview",
                 # the notes pane, dialogs and palette come after the first frame; tags only with an import
                 "reader.tui.widgets.notes_list",
                 "reader.tui.screens.help", "reader.tui.screens.outline", "reader.tui.screens.reasons",
                 "reader.tui.commands", "reader.text.tags"):
        assert name not in modules


async def test_the_first_frame_is_the_whole_reading_room(lib: Library) -> None:
    class Probe(ReaderApp):
        at_mount: tuple[int, int, bool] = (-1, -1, True)

        def start(self) -> None:  # the reading screen is composed: what is in it before the first frame
            self.at_mount = (len(self.query("LibraryPane, TopicList")), len(self.query("NotesPane")), self.notes_ready)
            super().start()

    app = Probe(lib)
    async with app.run_test(size=WIDE) as pilot:
        # the topics and the library are laid out with the article; a hidden notes pane joins a frame later
        assert app.at_mount == (2, 0, False)
        assert app.lists_loaded and app.library.shown  # the titles are in before the first frame
        await pilot.pause()
        assert app.notes_ready and len(app.query("NotesPane")) == 1 and not app.base.notes_shown()
        assert app.library.tree.cursor_node is not None and app.article is not None
        assert app.library.tree.cursor_node.data == app.article.id  # the open article is marked
        await pilot.press("tab")
        assert app.base.current_pane() in ("topics", "library", "notes")


def test_a_command_still_gets_the_full_parser(db_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "reader", "--db", str(db_path), "topics"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "新质生产力" in out.stdout


async def test_a_big_library_shows_an_outline_then_fills_its_lists_from_a_worker(
        lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "LISTS_IN_THREAD_FROM", 1)
    summaries = lib.articles()
    current = summaries[-1]
    lib.set_position(current.id, 0, 0)
    calls: list[str] = []
    outlines: list[tuple[list[str], set[int], str]] = []
    original = ReaderApp.fetch_lists

    def spy(self: ReaderApp) -> object:
        # what the pane shows before the thread runs: the outline
        tree = self.library.tree
        outlines.append(([str(g.label).rsplit("  ", 1)[0] for g in tree.root.children],
                         {c.data for g in tree.root.children for c in g.children},
                         str(self.library.query_one("#library-count").render())))
        calls.append("thread")
        return original(self)

    monkeypatch.setattr(ReaderApp, "fetch_lists", spy)
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == ["thread"]
        labels, rows, count = outlines[0]
        pages = sorted({s.source for s in summaries})
        assert labels == [app.source_label(p) for p in pages]  # every page's group, in page order
        assert rows == {s.id for s in summaries if s.source == current.source}  # the open article's page filled
        assert count == f"{len(summaries)} 篇"
        assert app.lists_loaded and [s.id for s in app.all_summaries] == [s.id for s in summaries]
        assert app.article is not None and app.article.id == current.id
        assert [s.id for s in app.library.shown] == [s.id for s in summaries]
        assert app.library.tree.cursor_node is not None and app.library.tree.cursor_node.data == current.id


async def test_an_outline_waits_for_the_whole_list_before_filtering(lib: Library,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "LISTS_IN_THREAD_FROM", 1)
    monkeypatch.setattr(ReaderApp, "fetch_lists", lambda self: None)  # the thread never comes back
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        pane = app.library
        assert pane.partial and not app.lists_loaded
        groups = len(pane.tree.root.children)
        pane.query_one("#library-filter").value = "知识产权"
        await pilot.pause()
        assert len(pane.tree.root.children) == groups  # kept, not emptied by a filter over no rows
        pane.set_articles(lib.articles(), len(lib.articles()))
        await pilot.pause()
        assert not pane.partial and pane.shown == [s for s in pane.summaries if library_list.matches(s, "知识产权")]


async def test_long_lists_start_folded_and_fill_a_page_when_opened(lib: Library,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_list, "EAGER_UP_TO", 5)
    summaries = lib.articles()
    current = summaries[-1]
    lib.set_position(current.id, 0, 0)
    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.pause()
        tree = app.library.tree
        groups = list(tree.root.children)
        assert len(groups) == len({s.source for s in summaries})
        filled = [g for g in groups if g.children]
        assert len(filled) == 1 and filled[0].is_expanded  # only the open article's page
        assert {c.data for c in filled[0].children} == {s.id for s in summaries if s.source == current.source}
        assert tree.cursor_node is not None and tree.cursor_node.data == current.id
        # opening another page fills it
        other = groups[0]
        assert not other.children
        other.expand()
        await pilot.pause()
        assert {c.data for c in other.children} == {s.id for s in summaries if s.source == summaries[0].source}
        # moving to an article on a folded page opens that page at it
        target = next(s for s in summaries if s.source not in (current.source, summaries[0].source))
        app.open_article(target.id)
        await pilot.pause()
        assert tree.cursor_node is not None and tree.cursor_node.data == target.id


async def test_the_trees_cheap_label_width_is_the_rendered_width(lib: Library) -> None:
    from textual.widgets import Tree

    app = ReaderApp(lib)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        tree = app.library.tree
        nodes = [n for g in tree.root.children for n in (g, *g.children)]
        assert len(nodes) > len(tree.root.children)  # groups and rows, folded and open
        for node in nodes:
            assert tree.get_label_width(node) == Tree.get_label_width(tree, node), node.label
