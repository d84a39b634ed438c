"""Pure pieces behind the reader's annotation keys: motions, marks and the notes filter (no terminal)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.tui.marks import Mark, Pin, annotation_marks, note_matches, parse_filter
from reader.tui.motion import by_char, by_paragraph, by_sentence, by_word, move, sentence_ends
from reader.tui.screens.annotate import split_tags

TEXTS = ["他说：“好。”我们走吧！真的？", "第二段。", ""]


def test_sentence_ends_take_closing_quotes_and_runs_of_marks() -> None:
    assert sentence_ends("他说：“好。”我们走吧！真的？") == [7, 12, 15]
    assert sentence_ends("等等……然后呢?!好") == [4, 9, 10]
    assert sentence_ends("增长3.5%。Done. Next") == [7, 12, 17]  # 3.5 is a number, not a sentence end
    assert sentence_ends("没有句号") == [4]
    assert sentence_ends("") == [0]


def test_sentence_motion_crosses_paragraphs_both_ways() -> None:
    assert by_sentence(TEXTS, (0, 0), 1) == (0, 7)
    assert by_sentence(TEXTS, (0, 7), 1) == (0, 12)
    assert by_sentence(TEXTS, (0, 15), 1) == (1, 4)
    assert by_sentence(TEXTS, (0, 12), -1) == (0, 7)
    assert by_sentence(TEXTS, (0, 3), -1) == (0, 0)
    assert by_sentence(TEXTS, (1, 0), -1) == (0, 15)


def test_word_motion_uses_jieba_breaks_and_falls_back_to_characters() -> None:
    texts = ["知识产权保护", "abc"]
    breaks = [[4, 6], []]
    assert by_word(texts, breaks, (0, 0), 1) == (0, 4)
    assert by_word(texts, breaks, (0, 4), 1) == (0, 6)
    assert by_word(texts, breaks, (0, 6), 1) == (1, 1)  # no breaks stored: by character
    assert by_word(texts, breaks, (0, 6), -1) == (0, 4)
    assert by_word(texts, breaks, (0, 4), -1) == (0, 0)
    assert by_word(texts, None, (1, 1), -1) == (1, 0)


def test_char_and_paragraph_motion() -> None:
    assert by_char(TEXTS, (0, 0), 1) == (0, 1)
    assert by_char(TEXTS, (0, 0), -1) == (0, 0)  # nothing before the start
    assert by_char(TEXTS, (1, 4), 1) == (2, 0)  # an empty paragraph has no character to step onto
    assert by_paragraph(TEXTS, (0, 3), 1) == (0, 15)
    assert by_paragraph(TEXTS, (0, 15), 1) == (1, 4)
    assert by_paragraph(TEXTS, (1, 2), -1) == (1, 0)
    assert by_paragraph(TEXTS, (1, 0), -1) == (0, 15)
    with pytest.raises(ValueError):
        move(TEXTS, None, (0, 0), "page", 1)


@given(st.lists(st.text(alphabet="甲乙。！？”a. ", max_size=12), min_size=1, max_size=4),
       st.sampled_from(["char", "word", "sentence", "paragraph"]), st.data())
def test_motions_stay_in_range_and_go_the_right_way(texts: list[str], unit: str, data: st.DataObject) -> None:
    para = data.draw(st.integers(0, len(texts) - 1))
    pos = (para, data.draw(st.integers(0, len(texts[para]))))
    for step in (1, -1):
        p, o = move(texts, None, pos, unit, step)
        assert 0 <= p < len(texts) and 0 <= o <= len(texts[p])
        assert ((p, o) >= pos) if step > 0 else ((p, o) <= pos)


@dataclass
class Note:
    id: str
    start: int
    end: int
    kind: str = "highlight"
    color: str = "yellow"
    anchor_state: str = "anchored"
    quote: str = ""
    note: str = ""
    tags: list[str] = field(default_factory=list)
    deleted: str | None = None


def test_marks_split_at_paragraph_ends_and_skip_orphans() -> None:
    texts = ["abcd", "ef", "ghi"]  # joined: abcd\nef\nghi — offsets 0, 5, 8
    notes = [Note("x", 2, 10, color="blue"), Note("o", 0, 2, anchor_state="orphan"),
             Note("r", 5, 6, anchor_state="review"), Note("b", 8, 8, kind="bookmark", color="pink"),
             Note("d", 0, 1, deleted="2026")]
    marks, pins = annotation_marks(texts, notes)
    assert marks == [Mark(0, 2, 4, "blue", False, "x"), Mark(1, 0, 2, "blue", False, "x"),
                     Mark(2, 0, 2, "blue", False, "x"), Mark(1, 0, 1, "yellow", True, "r")]
    assert pins == [Pin(2, 0, "pink", "b")]
    assert annotation_marks([], notes) == ([], [])


def test_filter_by_tag_colour_kind_review_and_words() -> None:
    a = Note("a", 0, 1, color="green", quote="知识产权", note="重要", tags=["ip", "政策"])
    b = Note("b", 0, 0, kind="bookmark", color="pink")
    c = Note("c", 0, 1, anchor_state="review", quote="中小企业")
    flt = parse_filter("#ip 绿 重要")
    assert flt.tags == ["ip"] and flt.colors == ["green"] and flt.words == ["重要"]
    assert [n.id for n in (a, b, c) if note_matches(n, flt)] == ["a"]
    assert [n.id for n in (a, b, c) if note_matches(n, parse_filter("书签"))] == ["b"]
    assert [n.id for n in (a, b, c) if note_matches(n, parse_filter("?"))] == ["c"]
    assert [n.id for n in (a, b, c) if note_matches(n, parse_filter("green, pink"))] == ["a", "b"]
    assert [n.id for n in (a, b, c) if note_matches(n, parse_filter("tag:政策"))] == ["a"]
    assert [n.id for n in (a, b, c) if note_matches(n, parse_filter("#none"))] == []
    assert parse_filter("  ").empty


def test_split_tags_accepts_commas_spaces_and_chinese_separators() -> None:
    assert split_tags("ip, 政策，知识产权、#新质  x") == ["ip", "政策", "知识产权", "#新质", "x"]
    assert split_tags(" , ") == []
