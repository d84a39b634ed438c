"""Split corrections in the reading room (Pilot): S M R U F u D at the reading cursor; the library list and the
notes pane follow at once; the split survives a re-import; help and the palette list the keys."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader import Library
from reader.notes import annotations as notes

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
LEAD = "知识产权与产业协同激发新质生产力潜能"
SECTION = "知识产权激发新质生产力潜能释放的路径选择"


@pytest.fixture()
def lib(tmp_path: Path) -> Library:
    pages = tmp_path / "pages"
    shutil.copytree(SEEDS, pages)
    library = Library(tmp_path / "lib.db")
    assert library.import_paths([pages]).ok
    yield library
    library.close()


def lead(lib: Library) -> tuple[int, int]:
    aid = next(a.id for a in lib.articles() if a.title == LEAD)
    return aid, next(i for i, p in enumerate(lib.article(aid).paragraphs) if p.text == SECTION)


def library_titles(app) -> list[str]:
    from reader.tui.widgets.library_list import ArticleTree

    tree = app.query_one(ArticleTree)
    out = []

    def walk(node) -> None:
        for child in node.children:
            if child.data is not None:
                out.append(lib_title(app, child.data))
            walk(child)

    walk(tree.root)
    return out


def lib_title(app, article_id: int) -> str:
    return next(s.title for s in app.all_summaries if s.id == article_id)


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


async def test_split_here_merge_back_undo_with_notes_following(lib: Library, tmp_path: Path) -> None:
    from reader.tui.app import ReaderApp

    aid, at = lead(lib)
    late = lib.article(aid).paragraphs[at + 2].text[10:30]
    note = notes.add_by_quote(lib.db, aid, late, note="后半的批注")
    count = len(lib.articles())
    lib.set_setting("tui.notes", "1")  # the notes pane open beside the text
    app = ReaderApp(lib, aid)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.reader.focus()
        app.reader.move_cursor((at, 0))
        await pilot.press("S")
        await settle(pilot)
        new_id = app.article.id
        assert new_id != aid and app.article.title == SECTION  # the new article is open
        assert len(lib.articles()) == count + 1 and SECTION in library_titles(app)  # the list followed
        assert [n.id for n in app.notes_pane.all_notes] == [note.id]  # and the notes pane
        assert app.reader._notes_by_para  # and the highlight is drawn in the new article
        assert notes.get_annotation(lib.db, note.id).article_id == new_id

        lib.import_paths([tmp_path / "pages"], force=True)  # the split stands after a re-import
        assert lib.article(new_id).title == SECTION

        await pilot.press("M")
        await settle(pilot)
        assert app.article.id == aid and len(lib.articles()) == count
        assert SECTION not in library_titles(app)
        kept = notes.get_annotation(lib.db, note.id)
        assert (kept.article_id, kept.anchor_state) == (aid, "anchored")

        await pilot.press("u")  # undo the merge: the split is back
        await settle(pilot)
        assert len(lib.articles()) == count + 1 and app.article.title == SECTION


async def test_split_at_body_text_asks_for_a_title_prefilled_with_its_first_words(lib: Library) -> None:
    from textual.widgets import Input

    from reader.tui.app import ReaderApp
    from reader.tui.screens.title_prompt import TitlePrompt

    aid, at = lead(lib)
    first = lib.article(aid).paragraphs[at + 1].text
    app = ReaderApp(lib, aid)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.reader.focus()
        app.reader.move_cursor((at + 1, 0))
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, TitlePrompt)
        box = app.screen.query_one(Input)
        assert box.value and first.startswith(box.value.rstrip("…"))
        await pilot.press("escape")  # cancelled: nothing changes
        await settle(pilot)
        assert app.article.id == aid and len(lib.corrections()) == 0

        await pilot.press("S")
        await settle(pilot)
        app.screen.query_one(Input).value = "我的标题"
        await pilot.press("enter")
        await settle(pilot)
        assert app.article.title == "我的标题" and app.article.paragraphs[0].text == first


async def test_title_furniture_and_refusals_at_the_cursor(lib: Library) -> None:
    from reader.tui.app import ReaderApp

    aid, at = lead(lib)
    paras = lib.article(aid).paragraphs
    app = ReaderApp(lib, aid)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.reader.focus()
        app.reader.move_cursor((0, 0))
        await pilot.press("S")  # the first paragraph already opens the article
        await settle(pilot)
        assert "already opens" in list(app._notifications)[-1].message and len(lib.corrections()) == 0
        await pilot.press("M")  # the page's first article has none before it
        await settle(pilot)
        assert "none before it" in list(app._notifications)[-1].message

        app.reader.move_cursor((at, 0))
        await pilot.press("R")
        await settle(pilot)
        assert app.article.title == SECTION and app.article.paragraphs[0].text == LEAD
        await pilot.press("U")
        await settle(pilot)
        assert app.article.paragraphs[0].text == SECTION
        await pilot.press("u")
        await pilot.press("u")
        await settle(pilot)
        assert app.article.title == LEAD and [p.text for p in app.article.paragraphs] == [p.text for p in paras]

        app.reader.move_cursor((2, 0))
        await pilot.press("F")
        await settle(pilot)
        assert paras[2].text not in [p.text for p in app.article.paragraphs]
        assert lib.corrections()[-1].action == "furniture"


async def test_next_doubtful_jumps_to_the_articles_worth_a_look(lib: Library) -> None:
    from reader.tui.app import ReaderApp

    ids = [a.id for a in lib.articles()]
    lib.conn.execute("UPDATE articles SET confidence = 0.6 WHERE id IN (?, ?)", [ids[3], ids[7]])
    app = ReaderApp(lib, ids[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.reader.focus()
        await pilot.press("D")
        await settle(pilot)
        assert app.article.id == ids[3]
        await pilot.press("D")
        await settle(pilot)
        assert app.article.id == ids[7]
        await pilot.press("D")  # wraps around
        await settle(pilot)
        assert app.article.id == ids[3]


async def test_help_and_palette_list_the_correction_keys(lib: Library) -> None:
    from reader.tui.app import ReaderApp

    app = ReaderApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader_keys = dict((b.key, b.description) for b in dict(app.binding_sections())["阅读 Reader"])
        for key in "SMRUFuD":
            assert key in reader_keys
        actions = {a for _, a in app.palette_actions()}
        assert {"split_here", "merge_previous", "title_here", "untitle", "furniture_here", "undo_correction",
                "next_doubtful"} <= actions


async def test_help_does_not_claim_w_and_b_for_the_reader_outside_a_selection(lib: Library) -> None:
    from reader.tui.app import ReaderApp

    app = ReaderApp(lib)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sections = dict(app.binding_sections())
        reader_keys = {k for b in sections["阅读 Reader"] for k in b.key.split(",")}
        assert not {"w", "b"} & reader_keys  # w: why these topics, b: the library (global keys)
        selecting = next(v for k, v in sections.items() if k.startswith("光标与选择"))
        assert any("w" in b.key.split(",") for b in selecting)
        global_keys = {b.key: b.description for b in sections["全局 Global"]}
        assert global_keys["w"] == "Why topics" and global_keys["b"] == "Library"
