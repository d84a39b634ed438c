"""The reader's pre-wrapped layout: every line maps back to (paragraph, span) and nothing is lost or doubled."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.model import ArticleDetail, ParagraphOut
from reader.tui.layout import BLANK, build_layout, find_hits


def make_article(paragraphs: list[tuple[str, str]], **extra: object) -> ArticleDetail:
    fields: dict = dict(id=1, source="s.txt", ordinal=0, title="标题", kicker=None, subtitle=None, authors=[],
                        column=None, topics=[], tags=[], chars=0)
    fields.update(extra)
    return ArticleDetail(**fields, paragraphs=[ParagraphOut(k, t) for k, t in paragraphs])


ARTICLE = make_article(
    [("editor", "编者按：这是编者的话。" * 3), ("body", "知识产权是创新的保障，" * 20), ("heading", "一、加强保护"),
     ("body", "新质生产力" * 30), ("note", "（来源：求是）")],
    kicker="特别策划", subtitle="副题", authors=["张三", "李四"], column="理论版",
)


def paragraph_lines(layout, para: int) -> list[tuple[int, int]]:
    return [(ln.start, ln.end) for ln in layout.lines
            if ln.block >= 0 and layout.blocks[ln.block].para == para]


def test_lines_cover_each_paragraph_exactly_once() -> None:
    layout = build_layout(ARTICLE, 30)
    for i, p in enumerate(ARTICLE.paragraphs):
        spans = paragraph_lines(layout, i)
        assert "".join(p.text[s:e] for s, e in spans) == p.text
        assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))  # contiguous, in order


def test_no_line_is_wider_than_the_measure() -> None:
    layout = build_layout(ARTICLE, 30)
    for y in range(len(layout.lines)):
        assert cell_len(layout.line_text(y)) <= 30


def test_header_comes_first_and_paragraphs_are_separated() -> None:
    layout = build_layout(ARTICLE, 40)
    kinds = [layout.blocks[ln.block].kind if ln.block >= 0 else "blank" for ln in layout.lines]
    assert kinds[:4] == ["kicker", "title", "subtitle", "byline"]
    assert "理论版" in layout.line_text(3) and "张三" in layout.line_text(3)
    # a blank line before every paragraph except the first after the rule
    for para, first in enumerate(layout.para_first_line[1:], start=1):
        assert layout.lines[first - 1] == BLANK


def test_position_round_trip() -> None:
    layout = build_layout(ARTICLE, 24)
    for y, line in enumerate(layout.lines):
        if line.block >= 0 and layout.blocks[line.block].para >= 0:
            para, offset = layout.position_at(y)
            assert layout.line_of(para, offset) == y
    assert layout.position_at(0) == (0, 0)


def test_line_of_finds_the_line_holding_an_offset() -> None:
    layout = build_layout(ARTICLE, 24)
    text = ARTICLE.paragraphs[1].text
    for offset in range(0, len(text), 7):
        y = layout.line_of(1, offset)
        line = layout.lines[y]
        assert line.start <= offset < line.end


def test_headings_for_outline() -> None:
    assert build_layout(ARTICLE, 40).headings() == [(2, "一、加强保护")]


def test_find_hits_are_in_reading_order() -> None:
    hits = find_hits([p.text for p in ARTICLE.paragraphs], "知识产权")
    assert hits and hits == sorted(hits)
    for para, start, end in hits:
        assert ARTICLE.paragraphs[para].text[start:end] == "知识产权"
    assert find_hits(["abc"], "") == []


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="中文字，。、“”abc 123（）", min_size=0, max_size=120), min_size=1, max_size=6),
    width=st.integers(min_value=8, max_value=50),
)
def test_wrapping_never_loses_text(texts: list[str], width: int) -> None:
    article = make_article([("body", t) for t in texts])
    layout = build_layout(article, width)
    for i, t in enumerate(texts):
        assert "".join(t[s:e] for s, e in paragraph_lines(layout, i)) == t


def test_window_layout_starts_at_the_reading_position() -> None:
    article = make_article([("body", f"{i:03d}" + "知识产权保护。" * 20) for i in range(200)])
    window = build_layout(article, 30, start=120, min_lines=40)
    assert not window.complete
    assert window.first_para == 120 and window.has_paragraph(120) and not window.has_paragraph(119)
    assert 40 <= len(window.lines) < 60
    assert window.line_text(0).startswith("120")
    assert window.position_at(0) == (120, 0)
    full = build_layout(article, 30)
    assert full.complete
    # the same paragraph wraps identically in the window and in the full layout
    for para in range(window.first_para, window.end_para):
        a = [(ln.start, ln.end) for ln in window.lines[window.para_first_line[para]:] if ln.block >= 0][:3]
        b = [(ln.start, ln.end) for ln in full.lines[full.para_first_line[para]:] if ln.block >= 0][:3]
        assert a == b


def test_no_seed_line_starts_with_closing_punctuation(lib) -> None:  # type: ignore[no-untyped-def]
    """Every seed article, wrapped with its stored word breaks at several widths, obeys the line-start rule."""
    from reader.text.wrap import CLOSING

    for summary in lib.articles():
        article = lib.article(summary.id)
        breaks = lib.article_breaks(summary.id)
        for width in (72, 40, 23):
            layout = build_layout(article, width, breaks)
            for y, line in enumerate(layout.lines):
                text = layout.line_text(y)
                if text and line.start > 0:  # a paragraph's own first character may be anything
                    assert text[0] not in CLOSING, (summary.title, width, text)
