"""related() and term_overview() over the tags and topics tables."""
from __future__ import annotations

from collections import Counter

from reader.search import related, term_overview
from reader.text.packed import unpack_counts


def test_related_shares_terms(seed_db) -> None:
    tags = {}
    for aid, tag in seed_db.execute("SELECT article_id, tag FROM tags"):
        tags.setdefault(aid, set()).add(tag)
    topics = {}
    for aid, topic in seed_db.execute("SELECT article_id, topic FROM article_topics"):
        topics.setdefault(aid, set()).add(topic)
    me = 1
    result = related(seed_db, me, limit=5)
    assert 0 < len(result) <= 5
    assert all(r.id != me for r in result)
    for r in result:
        assert set(r.shared_tags) == tags[me] & tags.get(r.id, set())
        assert set(r.shared_topics) == topics.get(me, set()) & topics.get(r.id, set())
        assert r.shared_tags or r.shared_topics
    assert [r.score for r in result] == sorted((r.score for r in result), reverse=True)
    # The best match is at least as good as any article left out.
    everyone = related(seed_db, me, limit=None)
    assert result[0].score == max(r.score for r in everyone)


def test_related_of_unknown_article_is_empty(seed_db) -> None:
    assert related(seed_db, 10**9) == []


def test_overview_counts(seed_db) -> None:
    ov = term_overview(seed_db, top=5)
    assert ov.articles == seed_db.execute("SELECT count(*) FROM articles").fetchone()[0]
    names = dict(seed_db.execute("SELECT id, term FROM terms"))
    expected = Counter(names[tid] for (terms,) in seed_db.execute("SELECT terms FROM articles")
                       for tid, _ in unpack_counts(terms))
    assert [(t.term, t.count) for t in ov.keywords] == sorted(expected.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    topics = Counter(t for (t,) in seed_db.execute("SELECT topic FROM article_topics"))
    assert {t.term: t.count for t in ov.topics} == dict(topics)
    assert len(ov.by_source) == 5
    assert sum(s.articles for s in ov.by_source) == ov.articles
    for kw in ov.keywords:
        assert sum(next((k.count for k in s.keywords if k.term == kw.term), 0) for s in ov.by_source) <= kw.count
