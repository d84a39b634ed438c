"""The pure anchoring paths: fingerprint, unique exact, several ranked by context, fuzzy, review, orphan."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.notes.anchor import (ANCHORED, ORPHAN, REVIEW, Selector, anchor, context_score, edit_distances,
                                 find_all, make_selector)

TEXT = ("新质生产力是当前世界经济发展的制高点和社会发展的强劲动力，发展新质生产力是未来国际政治经济竞争胜败的关键，"
        "也是我国建设现代化强国的必然要求。\n以创新发展为根本理念\n新质生产力由技术革命性突破、生产要素创新性配置、"
        "产业深度转型升级而催生。")


def sel_for(text: str, quote: str, nth: int = 0) -> Selector:
    start = find_all(text, quote)[nth]
    return make_selector(text, start, start + len(quote))


def test_make_selector_keeps_32_characters_of_context() -> None:
    sel = sel_for(TEXT, "以创新发展为根本理念")
    assert sel.quote == "以创新发展为根本理念"
    assert len(sel.prefix) == 32 and len(sel.suffix) == 32
    assert TEXT[sel.start - 32:sel.start] == sel.prefix and TEXT[sel.end:sel.end + 32] == sel.suffix


def test_same_fingerprint_keeps_offsets_without_searching() -> None:
    sel = Selector("anything", "", "", 3, 11)
    got = anchor(TEXT, sel, same_fingerprint=True)
    assert (got.state, got.start, got.end, got.method) == (ANCHORED, 3, 11, "fingerprint")


def test_unique_exact_quote_moves_with_inserted_text() -> None:
    sel = sel_for(TEXT, "技术革命性突破")
    edited = "【编者按】本文有删改。\n" + TEXT
    got = anchor(edited, sel)
    assert (got.state, got.method) == (ANCHORED, "exact")
    assert edited[got.start:got.end] == "技术革命性突破"
    assert got.start == sel.start + len("【编者按】本文有删改。\n")


def test_several_exact_matches_are_ranked_by_context() -> None:
    # "新质生产力" occurs three times; pick the second by its surroundings even after the text shifts.
    sel = sel_for(TEXT, "新质生产力", nth=1)
    edited = "新质生产力新质生产力。" + TEXT  # two more occurrences in front, each with the wrong context
    got = anchor(edited, sel)
    assert (got.state, got.method) == (ANCHORED, "context")
    assert got.start == sel.start + len("新质生产力新质生产力。")


def test_context_beats_old_position() -> None:
    text = "甲说：发展是第一要务。乙说：发展是硬道理。"
    sel = sel_for(text, "发展", nth=1)  # the one after 乙说：
    # The text is reordered so the old offset now points at the other occurrence.
    moved = "乙说：发展是硬道理。甲说：发展是第一要务。"
    got = anchor(moved, sel)
    assert got.start == moved.index("乙说：发展") + 3
    other = moved.index("甲说：发展") + 3
    assert abs(other - sel.start) < abs(got.start - sel.start)  # position alone would pick the other one
    assert context_score(moved, sel, got.start, got.end) > context_score(moved, sel, other, other + 2)


def test_two_character_quote_paths() -> None:
    text = "要发展，更要发展好；创新是第一动力。"
    sel = sel_for(text, "发展", nth=1)
    # Several places: context decides.
    edited = "前言。" + text
    got = anchor(edited, sel)
    assert (got.state, got.method, got.start) == (ANCHORED, "context", sel.start + 3)
    # Unique: exact.
    sel2 = sel_for(text, "创新")
    got2 = anchor("创新驱动" , sel2)
    assert (got2.state, got2.method, got2.start) == (ANCHORED, "exact", 0)
    # Gone: a two-character quote is never fuzzy-matched onto something else.
    got3 = anchor(text.replace("创新", "改革"), sel2)
    assert (got3.state, got3.method) == (ORPHAN, "none")


def test_several_matches_without_familiar_context_need_review() -> None:
    sel = sel_for("旧文：我们要发展经济。", "发展")
    got = anchor("新文完全不同：发展，再发展。", sel)
    assert (got.state, got.method) == (REVIEW, "context")


def test_fuzzy_match_with_small_edit_is_anchored() -> None:
    quote = "发展新质生产力是未来国际政治经济竞争胜败的关键"
    sel = sel_for(TEXT, quote)
    edited = TEXT.replace("竞争胜败的关键", "竞争成败的关键")  # one character changed
    got = anchor(edited, sel)
    assert (got.state, got.method) == (ANCHORED, "fuzzy")
    assert got.score >= 0.9
    assert edited[got.start:got.end] == "发展新质生产力是未来国际政治经济竞争成败的关键"


def test_fuzzy_match_with_heavy_edit_needs_review() -> None:
    quote = "新质生产力由技术革命性突破"
    sel = sel_for(TEXT, quote)
    edited = TEXT.replace("新质生产力由技术革命性突破", "新型生产力源于技术性突破")
    got = anchor(edited, sel)
    assert got.state == REVIEW and got.method == "fuzzy"
    assert 0.6 <= got.score < 0.8
    assert "技术性突破" in edited[got.start:got.end]


def test_similar_sentence_in_another_context_is_not_taken() -> None:
    text = "导语。\n中小企业是创新的重要力量。要支持中小企业运用知识产权。"
    sel = sel_for(text, "中小企业是创新的重要力量")
    other = "专精特新中小企业是强链补链的重要力量，要加大知识产权金融支持力度。"
    got = anchor(other, sel)
    assert got.state == ORPHAN and 0.6 <= got.score < 0.8  # similar enough by letters, wrong by context


def test_rewritten_text_leaves_an_orphan() -> None:
    sel = sel_for(TEXT, "产业深度转型升级而催生")
    got = anchor("完全不同的一篇文章，讲的是农业和粮食安全。", sel)
    assert got.state == ORPHAN and got.method == "none"
    assert (got.start, got.end) == (sel.start, sel.end)  # the old position is kept for the record


def test_bookmark_follows_its_context() -> None:
    pos = TEXT.index("以创新发展")
    sel = make_selector(TEXT, pos, pos)
    edited = "新增的第一段。\n" + TEXT
    got = anchor(edited, sel)
    assert got.state == ANCHORED and got.start == got.end == pos + len("新增的第一段。\n")


def naive_distances(p: str, t: str, free_start: bool) -> list[int]:
    prev, out = list(range(len(p) + 1)), []
    for j, c in enumerate(t, 1):
        cur = [0 if free_start else j]
        for i in range(1, len(p) + 1):
            cur.append(min(prev[i] + 1, cur[i - 1] + 1, prev[i - 1] + (p[i - 1] != c)))
        out.append(cur[-1])
        prev = cur
    return out


@settings(max_examples=300, deadline=None)
@given(st.text("abc知识", min_size=1, max_size=12), st.text("abcd知识产", max_size=25), st.booleans())
def test_bit_parallel_distances_match_the_textbook_table(p: str, t: str, free: bool) -> None:
    assert edit_distances(p, t, free_start=free) == naive_distances(p, t, free)


@settings(max_examples=150, deadline=None)
@given(st.text("知识产权保护中小企业", min_size=20, max_size=80), st.data())
def test_any_span_of_an_unchanged_text_anchors_back_exactly(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    sel = make_selector(text, start, end)
    got = anchor(text, sel)
    assert got.state == ANCHORED
    assert text[got.start:got.end] == sel.quote
