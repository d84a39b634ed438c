"""rejoin: cut paragraphs glued back, nothing lost, duplicated, reordered or wrongly glued."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.lines import is_open
from reader.ingest.rejoin import continues, rejoin
from reader.model import Paragraph


def P(kind: str, text: str, line: int = 1) -> Paragraph:
    return Paragraph(kind, text, line, line)


def test_cut_is_glued_without_spaces():
    out = rejoin([P("body", "无论是其创", 17), P("body", "造还是转化运用。", 21)])
    assert out == [Paragraph("body", "无论是其创造还是转化运用。", 17, 21)]


def test_three_way_cut():
    out = rejoin([P("body", "甲乙", 1), P("body", "丙丁", 3), P("body", "戊。", 5)])
    assert [(p.text, p.line_start, p.line_end) for p in out] == [("甲乙丙丁戊。", 1, 5)]


def test_real_paragraph_end_is_never_glued():
    for end in "。！？…”」』）】.!?)":
        out = rejoin([P("body", "完整的一段" + end), P("body", "下一段。")])
        assert len(out) == 2, end


def test_colon_and_semicolon_end_a_paragraph():
    assert len(rejoin([P("body", "主要表现在："), P("body", "第一。")])) == 2
    assert len(rejoin([P("body", "主要表现在:"), P("body", "第一。")])) == 2


def test_headings_are_never_glued():
    assert len(rejoin([P("body", "一段没有写完"), P("heading", "小标题")])) == 2
    assert len(rejoin([P("heading", "小标题"), P("body", "正文。")])) == 2


def test_new_speaker_is_not_a_continuation():
    assert len(rejoin([P("body", "李劲松:话没说完"), P("body", "庄勤勤:另一位嘉宾。")])) == 2
    assert len(rejoin([P("body", "李劲松:话没说完,把一些新"), P("body", "技术新产品落地。")])) == 1
    assert len(rejoin([P("question", "问：企业如何"), P("body", "答：先做好布局。")])) == 2
    assert len(rejoin([P("body", "他接着"), P("body", "说：“要坚持。”")])) == 1


def test_editor_and_question_keep_their_kind_when_continued():
    out = rejoin([P("editor", "编者按 一系列重"), P("body", "要论述。")])
    assert [(p.kind, p.text) for p in out] == [("editor", "编者按 一系列重要论述。")]
    out = rejoin([P("question", "主持人:企业如何"), P("body", "做?")])
    assert [(p.kind, p.text) for p in out] == [("question", "主持人:企业如何做?")]


def test_sealed_paragraphs_are_not_continued():
    paras = [P("editor", "陈雪莹 某协会副会长"), P("body", "正文。")]
    assert len(rejoin(paras, frozenset({0}))) == 2
    assert len(rejoin(paras)) == 1


def test_input_is_not_modified():
    paras = [P("body", "甲"), P("body", "乙。")]
    rejoin(paras)
    assert [p.text for p in paras] == ["甲", "乙。"]


def test_continues_predicate():
    assert continues(P("body", "甲"), P("body", "乙"))
    assert not continues(P("body", "甲。"), P("body", "乙"))
    assert not continues(P("heading", "甲"), P("body", "乙"))
    assert not continues(P("body", "甲"), P("note", "（来源：乙）"))


# --- properties --------------------------------------------------------------------------------------------

_TEXT = st.text(alphabet="知识产权创新。，：；？！”）abc .!", min_size=1, max_size=12).filter(lambda t: t.strip())
_PARA = st.builds(P, st.sampled_from(["body", "body", "body", "heading", "note", "editor", "question"]), _TEXT)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARA, max_size=20))
def test_nothing_lost_duplicated_or_reordered(paras):
    out = rejoin(paras)
    # Only neighbours are merged: the texts, concatenated, are unchanged (no inserted spaces or newlines).
    assert "".join(p.text for p in out) == "".join(p.text for p in paras)
    assert len(out) <= len(paras)
    # Every headed kind survives: headings are untouched and in order.
    assert [p.text for p in out if p.kind == "heading"] == [p.text for p in paras if p.kind == "heading"]


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARA, max_size=20))
def test_merges_only_at_open_ends(paras):
    out = rejoin(paras)
    # Rebuild which input paragraphs each output paragraph swallowed, and check every seam was an open end.
    i = 0
    for merged in out:
        text = paras[i].text
        i += 1
        while text != merged.text:
            assert is_open(text) and paras[i].kind == "body"
            assert not re.match(r"^([\u4e00-\u9fff]{2,4}|问|答)[:：]", paras[i].text)
            text += paras[i].text
            i += 1
    assert i == len(paras)
    # And no two neighbours in the result could still be joined.
    assert not any(continues(a, b) for a, b in zip(out, out[1:]))
