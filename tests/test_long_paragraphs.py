"""Paragraphs no page really has are cut at sentence ends (reader.ingest.long_paragraphs)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.long_paragraphs import cut_long_paragraphs, cut_paragraph
from reader.model import Paragraph, ParsedArticle


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("知识产权，。！？ab ")), max_size=400),
       limit=st.integers(min_value=2, max_value=60))
def test_pieces_join_to_the_paragraph_and_keep_the_limit(text: str, limit: int) -> None:
    pieces = cut_paragraph(Paragraph("body", text, 3, 3), limit)
    assert "".join(p.text for p in pieces) == text
    assert all(len(p.text) <= limit for p in pieces)
    assert all(p.kind == "body" and p.line_start == 3 for p in pieces)


def test_a_cut_falls_after_a_sentence_end_in_the_window_else_a_clause_end() -> None:
    text = "甲" * 12 + "。" + "乙" * 4 + "，" + "丙" * 10
    assert [p.text for p in cut_paragraph(Paragraph("body", text), 20)] == ["甲" * 12 + "。", "乙" * 4 + "，" + "丙" * 10]
    no_sentence = "甲" * 14 + "，" + "乙" * 10
    assert [p.text for p in cut_paragraph(Paragraph("body", no_sentence), 20)][0] == "甲" * 14 + "，"


def test_ordinary_articles_are_left_as_they_are() -> None:
    paras = [Paragraph("body", "知识产权。" * 10), Paragraph("heading", "小标题")]
    art = ParsedArticle(title="t", paragraphs=paras)
    cut_long_paragraphs([art], limit=100)
    assert art.paragraphs is paras
    cut_long_paragraphs([art], limit=20)
    assert len(art.paragraphs) == 4 and art.paragraphs[-1].kind == "heading"
