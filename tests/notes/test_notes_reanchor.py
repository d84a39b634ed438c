"""Re-import after the text was edited: every annotation is found again, flagged for review, or kept as an orphan."""
from __future__ import annotations

import json

from reader.notes.annotations import (add_annotation, add_by_quote, delete_annotation, get_annotation,
                                      list_annotations, orphans, undelete_annotation)
from reader.notes.reanchor import reanchor_all, reanchor_source

from .conftest import ARTICLE_A, ARTICLE_B, Lib, fingerprint, text_of

EDITED_A = [
    ("editor", "编者按：本文根据作者在研讨会上的发言整理。"),  # new paragraph in front: every offset moves
    ARTICLE_A[0],
    ARTICLE_A[1],
    ("body", "加强知识产权保护，是完善产权保护制度最重要的内容，也是提升我国经济竞争力最大的激励。"),  # 提高→提升
    ("body", "要支持中小企业用好知识产权，推动中小企业高质量发展。"),  # first sentence removed, one rewritten
    ARTICLE_A[4],
    ("body", "新型生产力以科技创新为主导，摆脱了传统增长方式。发展新质生产力是推动高质量发展的内在要求。"),
    ARTICLE_A[6],
]


def reimport(lib: Lib, articles: list[tuple[str, list[tuple[str, str]]]]) -> object:
    """What the importer does: snapshot, delete the source's articles, insert the new ones (reusing the id of an
    article whose fingerprint is unchanged), then call the hook inside the same transaction."""
    old = lib.snapshot()
    reuse = {a["fingerprint"]: a["id"] for a in old}
    lib.db.conn.execute("BEGIN")
    lib.drop_source_articles()
    for ordinal, (title, paras) in enumerate(articles, start=1):
        lib.add_article(title, paras, ordinal=ordinal, article_id=reuse.pop(fingerprint(paras), None))
    report = reanchor_source(lib.db, lib.source_id, old)
    lib.db.conn.execute("COMMIT")
    return report


def test_unchanged_article_keeps_its_id_and_annotations_untouched(lib: Lib) -> None:
    ann = add_by_quote(lib.db, 1, "中小企业是创新的重要力量", note="n")
    report = reimport(lib, [("知识产权与高质量发展", ARTICLE_A), ("金融支持专精特新", ARTICLE_B)])
    assert report.checked == 1 and report.unchanged == 1 and report.items == []
    assert get_annotation(lib.db, ann.id) == ann.__class__(**{**ann.__dict__, "occurrences": None})


def test_edited_article_every_path(lib: Lib) -> None:
    exact = add_by_quote(lib.db, 1, "知识产权是国家发展的战略性资源")
    small = add_by_quote(lib.db, 1, "也是提高我国经济竞争力最大的激励")
    heavy = add_by_quote(lib.db, 1, "新质生产力以创新为主导，摆脱传统经济增长方式")
    gone = add_by_quote(lib.db, 1, "中小企业是创新的重要力量", note="这条笔记不能丢")
    several = add_annotation(lib.db, 1, *_nth_span(text_of(ARTICLE_A), "新质生产力", 2))  # in 发展新质生产力是…
    two = add_by_quote(lib.db, 1, "内在")
    deleted = add_by_quote(lib.db, 1, "战略性资源")
    delete_annotation(lib.db, deleted.id)

    report = reimport(lib, [("知识产权与高质量发展", EDITED_A), ("金融支持专精特新", ARTICLE_B)])
    new_id = lib.db.execute("SELECT id FROM articles WHERE title = '知识产权与高质量发展'").fetchone()[0]
    text = text_of(EDITED_A)
    by_id = {i.id: i for i in report.items}
    assert report.checked == 6 and deleted.id not in by_id  # deleted annotations are left alone

    e = get_annotation(lib.db, exact.id)
    assert (e.anchor_state, e.article_id, by_id[exact.id].method) == ("anchored", new_id, "exact")
    assert text[e.start:e.end] == exact.quote and e.fingerprint == fingerprint(EDITED_A)
    assert e.paragraph == 1 and e.section is None

    s = get_annotation(lib.db, small.id)
    assert (s.anchor_state, by_id[small.id].method) == ("anchored", "fuzzy")
    assert text[s.start:s.end] == "也是提升我国经济竞争力最大的激励" == s.quote  # the quote follows the new text
    assert s.section == "一、加强知识产权保护"

    h = get_annotation(lib.db, heavy.id)
    assert h.anchor_state == "review" and 0.6 <= h.anchor_score < 0.8
    assert h.quote == heavy.quote  # kept as highlighted, to compare with the new text
    assert "摆脱了传统增长方式" in text[h.start:h.end] and h.section == "二、发展新质生产力"

    g = get_annotation(lib.db, gone.id)
    assert g.anchor_state == "orphan" and g.note == "这条笔记不能丢"
    assert (g.article_id, g.start, g.quote) == (gone.article_id, gone.start, gone.quote)  # kept as it was
    assert [o.id for o in orphans(lib.db)] == [gone.id]

    v = get_annotation(lib.db, several.id)
    assert v.anchor_state == "anchored" and by_id[several.id].method == "context"
    assert text[v.start:v.end] == "新质生产力" and text[v.end:v.end + 3] == "是推动" and v.paragraph == 6

    t = get_annotation(lib.db, two.id)
    assert t.anchor_state == "anchored" and text[t.start:t.end] == "内在"
    assert (report.anchored, report.review, report.orphaned) == (4, 1, 1)


def _nth_span(text: str, quote: str, n: int) -> tuple[int, int]:
    start = -1
    for _ in range(n + 1):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


def test_quote_moved_to_another_article_of_the_source(lib: Lib) -> None:
    ann = add_by_quote(lib.db, 2, "知识产权质押融资规模持续扩大")
    # The page is re-split: article B's last paragraph now ends article A, and B got a new title.
    a2 = [*ARTICLE_A, ARTICLE_B[1]]
    reimport(lib, [("知识产权与高质量发展", a2), ("金融支持专精特新中小企业", ARTICLE_B[:1])])
    got = get_annotation(lib.db, ann.id)
    new_a = lib.db.execute("SELECT id FROM articles WHERE title = '知识产权与高质量发展'").fetchone()[0]
    assert (got.anchor_state, got.article_id, got.article_title) == ("anchored", new_a, "知识产权与高质量发展")
    assert text_of(a2)[got.start:got.end] == ann.quote and got.paragraph == len(a2) - 1


def test_same_title_is_searched_before_other_articles(lib: Lib) -> None:
    # The quote occurs in both new articles; the one with the annotation's old title wins.
    ann = add_by_quote(lib.db, 2, "惠及更多中小企业")
    new_b = [("body", "开篇新加一段。"), *ARTICLE_B]
    reimport(lib, [("知识产权与高质量发展", [*ARTICLE_A, ("body", "惠及更多中小企业")]), ("金融支持专精特新", new_b)])
    got = get_annotation(lib.db, ann.id)
    assert got.article_title == "金融支持专精特新" and got.anchor_state == "anchored"


def test_orphan_comes_back_when_the_text_returns(lib: Lib) -> None:
    ann = add_by_quote(lib.db, 2, "专精特新中小企业是强链补链的重要力量")
    reimport(lib, [("知识产权与高质量发展", ARTICLE_A), ("金融支持专精特新", [("body", "全部改写的内容，毫无关系。")])])
    assert get_annotation(lib.db, ann.id).anchor_state == "orphan"
    reimport(lib, [("知识产权与高质量发展", ARTICLE_A), ("金融支持专精特新", ARTICLE_B)])
    back = get_annotation(lib.db, ann.id)
    assert back.anchor_state == "anchored" and text_of(ARTICLE_B)[back.start:back.end] == ann.quote


def test_resegmented_paragraphs_rewritten_in_place(lib: Lib) -> None:
    """Re-segmentation: same article id, paragraphs rewritten (one split in two), fingerprint updated."""
    ann = add_by_quote(lib.db, 1, "新质生产力以创新为主导")
    old = lib.snapshot()
    first, second = ARTICLE_A[5][1].split("。", 1)
    paras = [*ARTICLE_A[:5], ("body", first + "。"), ("body", second), ARTICLE_A[6]]
    lib.db.execute("DELETE FROM paragraphs WHERE article_id = 1")
    lib.db.conn.executemany("INSERT INTO paragraphs(article_id, idx, kind, text) VALUES (1,?,?,?)",
                            [(i, k, t) for i, (k, t) in enumerate(paras)])
    lib.db.execute("UPDATE articles SET fingerprint = ? WHERE id = 1", [fingerprint(paras)])
    report = reanchor_source(lib.db, lib.source_id, old)
    got = get_annotation(lib.db, ann.id)
    assert report.items[0].method == "exact" and got.article_id == 1 and got.fingerprint == fingerprint(paras)
    assert text_of(paras)[got.start:got.end] == ann.quote and got.paragraph == 5


def test_reanchor_all_finds_notes_whose_article_was_replaced(lib: Lib) -> None:
    ann = add_by_quote(lib.db, 2, "加大知识产权金融支持力度")
    bm = add_annotation(lib.db, 2, 5, 5, kind="bookmark")
    lib.db.execute("DELETE FROM articles WHERE id = 2")
    new_b = [("body", "导语。"), *ARTICLE_B]
    new_id = lib.add_article("金融支持专精特新", new_b)
    report = reanchor_all(lib.db)
    assert report.checked == 2 and report.anchored == 2
    got, mark = get_annotation(lib.db, ann.id), get_annotation(lib.db, bm.id)
    assert got.article_id == new_id and text_of(new_b)[got.start:got.end] == ann.quote
    assert mark.article_id == new_id and mark.start == 5 + len("导语。\n")
    # Nothing changed since: a second run has nothing to do.
    again = reanchor_all(lib.db)
    assert again.unchanged == 2 and again.items == []
    assert len(list_annotations(lib.db)) == 2


def test_two_character_quote_in_another_article_is_only_a_review_place(lib: Lib) -> None:
    ann = add_by_quote(lib.db, 2, "惠及")
    a2 = [*ARTICLE_A, ("body", "政策红利惠及千家万户。")]  # "惠及" now only here, in another article and context
    report = reimport(lib, [("知识产权与高质量发展", a2), ("金融支持专精特新", ARTICLE_B[:1])])
    got = get_annotation(lib.db, ann.id)
    assert got.anchor_state == "review" and text_of(a2)[got.start:got.end] == "惠及"
    json.dumps(report.as_dict(), ensure_ascii=False)  # what `ipreader doctor --json` prints
    assert report.as_dict()["review"] == 1


def test_undelete_finds_the_text_again_after_a_reimport_it_missed(lib: Lib) -> None:
    ann = add_by_quote(lib.db, 2, "知识产权质押融资规模持续扩大")
    delete_annotation(lib.db, ann.id)
    new_b = [("body", "导语。"), *ARTICLE_B]
    report = reimport(lib, [("知识产权与高质量发展", ARTICLE_A), ("金融支持专精特新", new_b)])
    assert report.checked == 0  # deleted: left alone by the import
    back = undelete_annotation(lib.db, ann.id)
    assert back.anchor_state == "anchored" and back.start == ann.start + len("导语。\n")
    assert text_of(new_b)[back.start:back.end] == ann.quote and back.deleted is None
