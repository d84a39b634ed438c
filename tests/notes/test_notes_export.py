"""Markdown / Obsidian export: structure and escaping (parsed back), determinism, managed blocks, safe writes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.notes.annotations import (NoteError, add_annotation, add_by_quote, delete_annotation,
                                      update_annotation)
from reader.notes.export import export, render
from reader.notes.managed import parse, Block
from reader.notes.markdown import block_id, escape_line

from reader.model import ParagraphOut, paragraph_offsets

from .conftest import ARTICLE_B, Lib

HOSTILE = ["# x", "> y", "1. z", "*a*", "[l](u)", "<b>", "|", "$x$", "text ^abc", "#tag", "- item", "+ plus",
           "2) two", "==mark==", "%%hidden%%", "`code`", "a\\b", "&amp;", "~~del~~", "___", "---", "![i](p)",
           "<!-- ipreader:end -->", "_em_"]


@pytest.fixture()
def hostile(lib: Lib) -> int:
    """An article whose every paragraph is Markdown syntax, each highlighted whole."""
    paras = [("heading", "## 第一部分 #tag"), *(("body", h) for h in HOSTILE)]
    article = lib.add_article("标题: \"引号\" #1 [x]", paras, authors=["李四: 作者", "O'Brien"])
    starts = paragraph_offsets([ParagraphOut(k, t) for k, t in paras])
    for i, h in enumerate(HOSTILE, start=1):
        add_annotation(lib.db, article, starts[i], starts[i] + len(h))
    return article


def split_doc(md: str) -> tuple[dict, str]:
    assert md.startswith("---\n")
    head, body = md[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def quoted_paragraphs(md: str, *, obsidian: bool) -> list[list[str]]:
    """Per blockquote, the plain text of each paragraph; fails if any inline syntax (emphasis, link, HTML, code)
    was recognised inside."""
    tokens = MarkdownIt("commonmark").parse(md)
    quotes: list[list[str]] = []
    depth = 0
    for tok in tokens:
        if tok.type == "blockquote_open":
            depth += 1
            quotes.append([])
        elif tok.type == "blockquote_close":
            depth -= 1
        elif depth and tok.type == "inline":
            kinds = {c.type for c in tok.children or []}
            assert kinds <= {"text", "softbreak"}, (tok.content, kinds)
            text = "".join("\n" if c.type == "softbreak" else c.content for c in tok.children or [])
            quotes[-1].append(text)
        elif depth and tok.type not in ("paragraph_open", "paragraph_close"):
            raise AssertionError(f"unexpected block {tok.type} inside a quote")
    if obsidian:
        for q in quotes:
            title, _, rest = q[0].partition("\n")
            assert title.startswith("[!")
            q[0] = rest
    return quotes


@pytest.mark.parametrize("fmt", ["markdown", "obsidian"])
def test_hostile_quotes_render_literally(lib: Lib, hostile: int, fmt: str) -> None:
    md = render(lib.db, fmt, article_id=hostile)
    front, body = split_doc(md)
    assert front["title"] == "标题: \"引号\" #1 [x]" and front["authors"] == ["李四: 作者", "O'Brien"]
    quotes = quoted_paragraphs(body, obsidian=fmt == "obsidian")
    assert [q[0] for q in quotes] == HOSTILE
    # Obsidian-only syntax is neutralised too: no bare tag, block id, highlight, comment or math left.
    for line in body.splitlines():
        if line.startswith("> ") and not line.startswith("> [!"):
            assert not re.search(r"(?<!\\)[#^$]|(?<!\\)==|(?<!\\)%%", line), line
    # The section heading is escaped and still a heading.
    tokens = MarkdownIt("commonmark").parse(body)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == '标题: "引号" \\#1 \\[x\\]' and "## 第一部分 #tag" in MarkdownIt("commonmark").render(
        body).replace("&quot;", '"')


def test_escape_line_examples() -> None:
    assert escape_line("1. z") == "1\\. z"
    assert escape_line("text ^abc") == "text \\^abc"
    assert escape_line("#tag") == "\\#tag"
    assert escape_line("增长30%，占比=40%") == "增长30%，占比=40%"  # lone % and = stay readable
    assert escape_line("  - x  ") == "\\- x"


def test_structure_sections_notes_tags_and_block_ids(lib: Lib) -> None:
    first = add_by_quote(lib.db, 1, "中小企业是创新的重要力量", note="我的**看法**\n\n- 一点\n- 两点",
                         tags=["重点", "中小企业"])
    second = add_by_quote(lib.db, 1, "新质生产力以创新为主导", color="purple")
    lead = add_by_quote(lib.db, 1, "知识产权是国家发展的战略性资源")
    mark = add_annotation(lib.db, 1, 3, 3, kind="bookmark")
    md = render(lib.db, "obsidian", article_id=1)
    front, body = split_doc(md)
    assert front == {"title": "知识产权与高质量发展", "authors": ["张三"], "source": "page1.txt",
                     "topics": ["知识产权"],
                     "keywords": ["知识产权"], "tags": ["中小企业", "重点"], "ipreader_article": 1,
                     "exported": max(a.updated for a in (first, second, lead, mark))}
    # Reading order, grouped under the section headings that precede them.
    order = [body.index(x) for x in ("知识产权是国家发展", "bookmark", "## 一、加强知识产权保护", "中小企业是创新",
                                     "我的**看法**", "#重点 #中小企业", "## 二、发展新质生产力", "新质生产力以创新")]
    assert order == sorted(order)
    assert "> [!quote] purple · ¶6" in body and "- 一点\n- 两点" in body  # the note is kept as written
    for ann in (first, second, lead, mark):
        bid = block_id(ann.id)
        assert re.fullmatch(r"ip-[A-Za-z0-9-]+", bid) and body.count(f"^{bid}") == 1
    html = MarkdownIt("commonmark").render(body)
    assert "<strong>看法</strong>" in html and "<li>一点</li>" in html
    assert block_id("not hex!") == block_id("not hex!") and re.fullmatch(r"ip-[0-9a-f]{12}", block_id("not hex!"))


def test_review_and_orphan_are_marked_and_deleted_left_out(lib: Lib) -> None:
    a = add_by_quote(lib.db, 1, "中小企业是创新的重要力量")
    b = add_by_quote(lib.db, 1, "新质生产力以创新为主导")
    c = add_by_quote(lib.db, 1, "知识产权是国家发展")
    lib.db.execute("UPDATE annotations SET anchor_state = 'review' WHERE id = ?", [a.id])
    lib.db.execute("UPDATE annotations SET anchor_state = 'orphan' WHERE id = ?", [b.id])
    delete_annotation(lib.db, c.id)
    md = render(lib.db, "markdown")
    assert "needs review" in md and "orphan: not found" in md and "知识产权是国家发展" not in md
    assert md.index("Not found in the current text") > md.index("中小企业是创新")


def test_export_is_deterministic_and_idempotent(lib: Lib, tmp_path: Path) -> None:
    add_by_quote(lib.db, 1, "中小企业是创新的重要力量", note="n1")
    add_by_quote(lib.db, 2, "知识产权质押融资", tags=["金融"])
    assert render(lib.db, "obsidian") == render(lib.db, "obsidian")
    target = tmp_path / "out" / "notes.md"
    first = export(lib.db, fmt="obsidian", out=target)
    data = target.read_bytes()
    second = export(lib.db, fmt="obsidian", out=target)
    assert first.written == [target] and second.written == [] and second.unchanged == [target]
    assert target.read_bytes() == data
    assert target.read_text(encoding="utf-8") == render(lib.db, "obsidian")
    assert not [p for p in target.parent.iterdir() if p.name != "notes.md"]  # no temp files left behind


def test_reexport_keeps_user_text_and_does_not_duplicate(lib: Lib, tmp_path: Path) -> None:
    ann = add_by_quote(lib.db, 1, "中小企业是创新的重要力量", note="旧笔记")
    target = tmp_path / "notes.md"
    export(lib.db, fmt="obsidian", out=target)
    text = target.read_text(encoding="utf-8")
    text = text.replace("---\n\n", "---\n\n我的开头文字。\n\n", 1)
    text = text.replace('title: "知识产权与高质量发展"\n',
                        'title: "知识产权与高质量发展"\naliases:\n  - 我的别名\ncssclass: wide\n')
    text += "\n## 我自己的总结\n\n不要删掉这一段。\n"
    target.write_text(text, encoding="utf-8")

    update_annotation(lib.db, ann.id, note="新笔记")
    add_by_quote(lib.db, 2, "知识产权质押融资")  # a second article: the file becomes a combined one
    export(lib.db, fmt="obsidian", out=target)
    new = target.read_text(encoding="utf-8")
    front, body = split_doc(new)
    assert front["aliases"] == ["我的别名"] and front["cssclass"] == "wide" and front["title"] == "ipreader notes"
    assert "我的开头文字。" in body and body.rstrip().endswith("不要删掉这一段。")
    assert "新笔记" in new and "旧笔记" not in new
    assert new.count(f"^{block_id(ann.id)}") == 1 and new.count("<!-- ipreader:begin id=article-1 -->") == 1
    assert "<!-- ipreader:begin id=article-2 -->" in new
    assert new.index("article-2") < new.index("我自己的总结")  # new block goes after the last managed block
    export(lib.db, fmt="obsidian", out=target)
    assert target.read_text(encoding="utf-8") == new


def test_stale_block_is_replaced_in_place(lib: Lib, tmp_path: Path) -> None:
    add_by_quote(lib.db, 2, "知识产权质押融资")
    target = tmp_path / "notes.md"
    export(lib.db, fmt="markdown", out=target)
    target.write_text(target.read_text(encoding="utf-8") + "\n用户的尾注。\n", encoding="utf-8")
    # The article gets a new id (as after a re-import of edited text).
    new_id = lib.add_article("金融支持专精特新", ARTICLE_B)
    lib.db.execute("DELETE FROM articles WHERE id = 2")
    lib.db.execute("UPDATE annotations SET article_id = ?", [new_id])
    export(lib.db, fmt="markdown", out=target)
    blocks = [p.key for p in parse(target.read_text(encoding="utf-8")) if isinstance(p, Block)]
    assert blocks == [f"article-{new_id}"] and target.read_text(encoding="utf-8").endswith("用户的尾注。\n")


def test_note_that_looks_like_a_marker_cannot_break_the_block(lib: Lib, tmp_path: Path) -> None:
    add_by_quote(lib.db, 1, "中小企业", note="a\n<!-- ipreader:end -->\nb")
    target = tmp_path / "n.md"
    export(lib.db, fmt="obsidian", out=target)
    export(lib.db, fmt="obsidian", out=target)
    parts = parse(target.read_text(encoding="utf-8").split("\n---\n", 1)[1])
    assert [p.key for p in parts if isinstance(p, Block)] == ["article-1"]
    assert [p for p in parts if not isinstance(p, Block)] == ["\n"]


def test_foreign_file_is_refused_unless_forced(lib: Lib, tmp_path: Path) -> None:
    add_by_quote(lib.db, 1, "中小企业是创新的重要力量")
    target = tmp_path / "mine.md"
    target.write_text("# 我的文件\n\n重要内容。\n", encoding="utf-8")
    with pytest.raises(NoteError, match="not written by ipreader"):
        export(lib.db, fmt="obsidian", out=target)
    assert target.read_text(encoding="utf-8") == "# 我的文件\n\n重要内容。\n"
    export(lib.db, fmt="obsidian", out=target, force=True)
    forced = target.read_text(encoding="utf-8")
    assert "重要内容。" in forced and "中小企业是创新的重要力量" in forced
    export(lib.db, fmt="obsidian", out=target)  # now it is ours: no --force needed, nothing duplicated
    assert target.read_text(encoding="utf-8") == forced


def test_directory_export_one_file_per_article(lib: Lib, tmp_path: Path) -> None:
    add_by_quote(lib.db, 1, "中小企业是创新的重要力量")
    add_by_quote(lib.db, 2, "知识产权质押融资")
    same_title = lib.add_article("知识产权与高质量发展", [("body", "同名文章的正文。")])
    add_by_quote(lib.db, same_title, "同名文章")
    lib.db.execute("UPDATE annotations SET article_id = 99, anchor_state = 'orphan' WHERE quote = '知识产权质押融资'")
    folder = tmp_path / "vault"
    result = export(lib.db, fmt="obsidian", out=str(folder) + "/")
    names = sorted(p.name for p in folder.iterdir())
    expected = ["知识产权与高质量发展.md", f"知识产权与高质量发展 ({same_title}).md", "ipreader-orphans.md"]
    assert names == sorted(expected)
    assert len(result.written) == 3
    front, _ = split_doc((folder / "知识产权与高质量发展.md").read_text(encoding="utf-8"))
    assert front["ipreader_article"] == 1
    orphan_doc = (folder / "ipreader-orphans.md").read_text(encoding="utf-8")
    assert "知识产权质押融资" in orphan_doc and "page1.txt — 金融支持专精特新" in orphan_doc
    assert export(lib.db, fmt="obsidian", out=folder).written == []  # existing directory, nothing changed


def test_filters_and_empty_selection(lib: Lib) -> None:
    add_by_quote(lib.db, 1, "中小企业是创新的重要力量", tags=["甲"])
    add_by_quote(lib.db, 2, "知识产权质押融资", tags=["乙"])
    assert "知识产权质押融资" not in render(lib.db, "markdown", tag="甲")
    assert "中小企业是创新" not in render(lib.db, "markdown", topic="中小企业")
    with pytest.raises(NoteError, match="no annotations match"):
        render(lib.db, "markdown", tag="丙")
    with pytest.raises(NoteError, match="unknown format"):
        render(lib.db, "html")


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(list("#>-+*_`[]()<>|$\\^~=%&!:.1) \t知识a/\"'{}")), min_size=1, max_size=20))
def test_any_line_of_article_text_renders_literally(line: str) -> None:
    escaped = escape_line(line)
    expected = line.strip(" \t")
    if not expected:
        assert escaped == ""
        return
    tokens = MarkdownIt("commonmark").enable(["strikethrough", "table"]).parse("> " + escaped + "\n")
    inline = [t for t in tokens if t.type == "inline"]
    assert [t.type for t in tokens] == ["blockquote_open", "paragraph_open", "inline", "paragraph_close",
                                        "blockquote_close"], escaped
    assert {c.type for c in inline[0].children or []} <= {"text"}, escaped
    assert "".join(c.content for c in inline[0].children or []) == expected


def test_crlf_file_from_a_windows_editor_is_merged_cleanly(lib: Lib, tmp_path: Path) -> None:
    add_by_quote(lib.db, 1, "中小企业是创新的重要力量")
    target = tmp_path / "n.md"
    export(lib.db, fmt="markdown", out=target)
    crlf = "\ufeff" + target.read_text(encoding="utf-8").replace("\n", "\r\n") + "用户\r\n第二行\r\n"
    target.write_bytes(crlf.encode("utf-8"))
    add_by_quote(lib.db, 1, "新质生产力以创新为主导")  # the block changes, so the file is rewritten
    export(lib.db, fmt="markdown", out=target)
    once = target.read_bytes()
    export(lib.db, fmt="markdown", out=target)
    assert target.read_bytes() == once and once.endswith("用户\r\n第二行\r\n".encode())
    assert once.startswith("\ufeff---".encode()) and once.count(b"ipreader:begin") == 1
    assert "新质生产力以创新为主导".encode() in once
    assert yaml.safe_load(once.decode("utf-8-sig").split("---", 2)[1])["title"] == "知识产权与高质量发展"


def test_new_export_file_gets_ordinary_permissions(tmp_path) -> None:
    import os

    from reader.notes.managed import write_atomic

    target = tmp_path / "notes.md"
    write_atomic(target, "# x\n")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
