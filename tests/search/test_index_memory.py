"""The index's memory-saving paths (issue #17) give exactly what the plain ones gave: tokens built in pieces join to
the whole, documents and digests are those of the string tokens, a page that is one huge line is stored as
paragraphs of a readable size and found."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.long_paragraphs import MAX_PARAGRAPH_CHARS
from reader.library import Library
from reader.search import search
from reader.search.index import _digest, _documents
from reader.search.normalize import index_token_pieces, index_tokens, index_tokens_for_fields

# Characters that exercise the gap/break collapsing at piece boundaries: spaces, line breaks, controls, CJK, Latin.
TEXT = st.text(alphabet=st.sampled_from(list("知识产权 \u3000\n\r\t\x0bAb1，。") + ["\u2028"]), max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, step=st.integers(min_value=1, max_value=9))
def test_token_pieces_join_to_the_whole(text: str, step: int) -> None:
    assert "".join(index_token_pieces(text, step=step)) == index_tokens(text)


def test_documents_and_digests_are_those_of_the_string_tokens(fresh_db) -> None:
    rows = fresh_db.execute("SELECT id, title, kicker, subtitle FROM articles ORDER BY id LIMIT 5").fetchall()
    docs = _documents(fresh_db.conn, [r[0] for r in rows])
    for aid, title, kicker, subtitle in rows:
        body = [t for (t,) in fresh_db.execute("SELECT text FROM paragraphs WHERE article_id = ? ORDER BY idx", [aid])]
        head_tokens = index_tokens_for_fields([title or "", kicker or "", subtitle or ""])
        body_tokens = index_tokens_for_fields(body)
        assert docs[aid] == (head_tokens.encode(), body_tokens.encode())
        # what older indexes recorded: the digest of the strings
        assert _digest(*docs[aid]) == _digest(head_tokens.encode(), body_tokens.encode())


def test_a_huge_line_is_stored_as_paragraphs_cut_at_sentence_ends_and_found(tmp_path: Path) -> None:
    sentence = "知识产权保护与专利转化运用，中小企业创新发展。"
    body = sentence * 3000 + "独一无二的结尾词"  # 69,000 characters on one line
    page = tmp_path / "line.txt"
    page.write_text(f"一行的大页面\n\n{body}\n", encoding="utf-8")
    with Library(tmp_path / "lib.db") as lib:
        report = lib.import_paths([str(page)])
        assert [f.status for f in report.files] == ["imported"]
        texts = [t for (t,) in lib.db.execute("SELECT text FROM paragraphs ORDER BY article_id, idx")]
        assert len(texts) >= 4 and all(len(t) <= MAX_PARAGRAPH_CHARS for t in texts)
        assert all(t.endswith("。") for t in texts[:-1])  # cut after a sentence, never inside one
        assert "".join(texts) == body
        assert len(search(lib.db, "独一无二的结尾词", limit=None)) == 1
        # re-importing replays the 'delete' with the same tokens: the index stays consistent
        lib.import_paths([str(page)], force=True)
        assert len(search(lib.db, "独一无二的结尾词", limit=None)) == 1
        lib.db.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")


def test_indexing_while_a_cursor_of_the_connection_is_open(fresh_db) -> None:
    from reader.search import index_articles

    conn = fresh_db.conn
    ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    cursor = conn.execute("SELECT id FROM articles")  # still active while the index is written
    cursor.fetchone()
    conn.execute("BEGIN")
    index_articles(fresh_db, ids[:3])  # re-indexes: 'delete' then insert, both through ip_release_tokens
    index_articles(fresh_db, ids[:3])
    conn.execute("COMMIT")
    assert cursor.fetchone() is not None
    fresh_db.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
