"""A doubtful split is marked where the reader looks: the article's header and its row in the library list."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from reader import Library

BODY = "今年以来，我省大力推进知识产权强省建设，专利转化运用成效明显，一批中小企业从中受益。"
PAGE = (f"专利转化提速\n\n本报记者 王浩\n\n{BODY}\n\n{BODY}\n\n\n夜市经济升温\n\n"
        "入夏以来，各大夜市人气旺盛，餐饮、文创等摊位前人头攒动，消费活力持续释放。\n\n"
        "有关部门表示，将进一步规范夜市经营秩序，提升消费体验。\n")


async def test_the_reader_and_the_library_mark_a_doubtful_article(tmp_path: Path) -> None:
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.library_list import row_label

    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    with Library(tmp_path / "lib.db") as lib:
        assert lib.import_paths([page]).ok
        doubtful = lib.doubtful_articles()[0]
        certain = dataclasses.replace(doubtful, confidence=1.0)
        assert str(row_label(doubtful)).startswith("？") and not str(row_label(certain)).startswith("？")
        app = ReaderApp(lib, doubtful.id)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            view = app.reader
            shown = "\n".join("".join(s.text for s in view.render_line(y)) for y in range(8))
            assert "分篇存疑" in shown
