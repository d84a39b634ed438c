"""Creating, listing, editing and (soft) deleting annotations."""
from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from reader.notes.annotations import (NoteError, add_annotation, add_by_quote, delete_annotation, get_annotation,
                                      list_annotations, undelete_annotation, update_annotation)

from .conftest import ARTICLE_A, Lib, text_of


def test_add_by_quote_records_every_selector_field(lib: Lib) -> None:
    quote = "中小企业是创新的重要力量"
    ann = add_by_quote(lib.db, 1, quote, note="**要点**", tags=["#中小企业", "  重点 标记 "], color="green")
    text = text_of(ARTICLE_A)
    assert ann.quote == quote and ann.start == text.index(quote) and ann.end == ann.start + len(quote)
    assert ann.prefix == text[ann.start - 32:ann.start] and ann.suffix == text[ann.end:ann.end + 32]
    assert ann.paragraph == 3 and ann.section == "一、加强知识产权保护"
    assert ann.fingerprint and ann.source == "page1.txt" and ann.article_title == "知识产权与高质量发展"
    assert ann.tags == ["中小企业", "重点-标记"] and ann.note == "**要点**" and ann.color == "green"
    assert ann.anchor_state == "anchored" and ann.deleted is None and ann.created == ann.updated
    assert ann.created.endswith("Z") and ann.occurrences == 1
    assert len(ann.id) == 32
    assert asdict(get_annotation(lib.db, ann.id)) == {**asdict(ann), "occurrences": None}
    json.dumps(asdict(ann), ensure_ascii=False)  # asdict is the JSON form


def test_quote_found_several_times_takes_the_first_and_says_so(lib: Lib) -> None:
    ann = add_by_quote(lib.db, 1, "中小企业")
    assert ann.occurrences == 3
    assert ann.start == text_of(ARTICLE_A).index("中小企业")


def test_missing_quote_and_bad_input_are_clear_errors(lib: Lib) -> None:
    with pytest.raises(NoteError, match="does not occur"):
        add_by_quote(lib.db, 1, "不存在的句子")
    with pytest.raises(NoteError, match="no article"):
        add_by_quote(lib.db, 99, "知识产权")
    with pytest.raises(NoteError, match="colour"):
        add_by_quote(lib.db, 1, "知识产权", color="red")
    with pytest.raises(NoteError, match="outside"):
        add_annotation(lib.db, 1, 5, 10_000)
    with pytest.raises(NoteError, match="at least one character"):
        add_annotation(lib.db, 1, 5, 5)
    assert list_annotations(lib.db) == []


def test_section_is_none_before_the_first_heading_and_heading_is_its_own_section(lib: Lib) -> None:
    first = add_annotation(lib.db, 1, 0, 4)
    assert (first.paragraph, first.section) == (0, None)
    head = add_by_quote(lib.db, 1, "二、发展新质生产力")
    assert (head.paragraph, head.section) == (4, "二、发展新质生产力")


def test_bookmark_is_a_position_without_a_quote(lib: Lib) -> None:
    bm = add_annotation(lib.db, 2, 10, 99, kind="bookmark")
    assert bm.kind == "bookmark" and bm.quote == "" and bm.start == bm.end == 10
    assert bm.suffix and bm.prefix


def test_list_filters_and_reading_order(lib: Lib) -> None:
    late = add_by_quote(lib.db, 1, "新质生产力以创新为主导", tags=["新质生产力"], color="blue")
    early = add_by_quote(lib.db, 1, "知识产权是国家发展", tags=["知识产权"])
    other = add_by_quote(lib.db, 2, "知识产权质押融资", tags=["知识产权"], color="blue")
    assert [a.id for a in list_annotations(lib.db)] == [early.id, late.id, other.id]
    assert [a.id for a in list_annotations(lib.db, article_id=2)] == [other.id]
    assert [a.id for a in list_annotations(lib.db, tag="知识产权")] == [early.id, other.id]
    assert [a.id for a in list_annotations(lib.db, tag="#知识产权", color="blue")] == [other.id]
    assert list_annotations(lib.db, state="orphan") == []


def test_update_delete_undelete(lib: Lib) -> None:
    ann = add_by_quote(lib.db, 1, "加强知识产权保护，是完善产权保护制度")
    edited = update_annotation(lib.db, ann.id, note="新的笔记\n\n- 一\n- 二", color="pink", tags=["a", "b"])
    assert (edited.note, edited.color, edited.tags) == ("新的笔记\n\n- 一\n- 二", "pink", ["a", "b"])
    assert edited.updated > ann.updated and edited.created == ann.created
    assert update_annotation(lib.db, ann.id[:6], note="x").note == "x"  # a unique prefix is enough

    gone = delete_annotation(lib.db, ann.id)
    assert gone.deleted is not None
    assert list_annotations(lib.db) == []
    assert [a.id for a in list_annotations(lib.db, include_deleted=True)] == [ann.id]
    back = undelete_annotation(lib.db, ann.id)
    assert back.deleted is None and back.updated > gone.updated
    assert [a.id for a in list_annotations(lib.db)] == [ann.id]
    with pytest.raises(NoteError, match="no annotation"):
        get_annotation(lib.db, "ffffffff")
