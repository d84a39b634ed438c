"""End to end with the real importer: annotate a seed page, edit the file, re-import, notes follow the text."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.notes.annotations import add_by_quote, get_annotation, list_annotations
from reader.notes.export import render

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    seed = sorted(SEEDS.glob("001_*.txt"))[0]
    target = tmp_path / "page.txt"
    shutil.copy(seed, target)
    return target


def test_reimport_of_an_edited_page_keeps_every_note(tmp_path: Path, page: Path) -> None:
    from reader.library import Library

    with Library(tmp_path / "lib.db") as lib:
        assert lib.import_paths([page]).ok
        article = max(lib.articles(), key=lambda a: a.chars)
        paras = [p.text for p in lib.article(article.id).paragraphs]
        body = [p for p in paras if len(p) > 60]
        kept = add_by_quote(lib.db, article.id, body[0][5:25], note="不变的句子")
        quote = body[1][10:40]
        edited = add_by_quote(lib.db, article.id, quote, note="会被改动的句子")
        doomed = add_by_quote(lib.db, article.id, body[2][:30], note="整段被删")

        raw = page.read_text(encoding="utf-8")
        assert body[2][:30] in raw and quote[12:14] in raw
        raw = raw.replace(body[2][:30], "", 1)  # the third paragraph's opening is cut
        raw = raw.replace(quote, quote[:12] + "进一步" + quote[14:], 1)  # two characters become three
        raw = raw.replace(body[0][:8], "【新增导语】" + body[0][:8], 1)  # text inserted before everything
        page.write_text(raw, encoding="utf-8")
        assert lib.import_paths([page]).ok

        k, e, d = (get_annotation(lib.db, a.id) for a in (kept, edited, doomed))
        text_of = lambda a: "\n".join(p.text for p in lib.article(a.article_id).paragraphs)  # noqa: E731
        assert k.anchor_state == "anchored" and text_of(k)[k.start:k.end] == kept.quote
        assert e.anchor_state == "anchored" and "进一步" in text_of(e)[e.start:e.end]
        assert d.anchor_state == "orphan" and d.note == "整段被删"
        assert len(list_annotations(lib.db)) == 3  # nothing dropped
        md = render(lib.db, "obsidian")
        assert md.count("^ip-") == 3 and "不变的句子" in md
