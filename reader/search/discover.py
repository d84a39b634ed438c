"""Discovery from the tagging stage's output: related articles and keyword/topic frequency overviews."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from reader import keywords

from .results import Overview, Related, SourceOverview, TermCount

if TYPE_CHECKING:  # only a type here; sqlite-utils itself loads when a Library first needs it
    import sqlite_utils

TOPIC_WEIGHT = 0.5  # a shared topic counts half as much as the tag overlap (topics are coarse)


def _sets(db: sqlite_utils.Database, sql: str, params: list[int]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    for aid, term in db.execute(sql, params):
        out[aid].add(term)
    return out


def related(db: sqlite_utils.Database, article_id: int, limit: int = 10) -> list[Related]:
    """Articles sharing keywords (tags) or topics with `article_id`, best first, with what they share.

    Score = Jaccard overlap of tag sets + TOPIC_WEIGHT × Jaccard overlap of topic sets.
    """
    if limit is not None and limit <= 0:
        return []
    my_tags = {r[0] for r in db.execute("SELECT tag FROM tags WHERE article_id = ?", [article_id])}
    my_topics = {r[0] for r in db.execute("SELECT topic FROM article_topics WHERE article_id = ?", [article_id])}
    if not my_tags and not my_topics:
        return []
    tag_marks = ",".join("?" * len(my_tags)) or "NULL"
    topic_marks = ",".join("?" * len(my_topics)) or "NULL"
    others = [r[0] for r in db.execute(
        f"SELECT article_id FROM tags WHERE tag IN ({tag_marks}) AND article_id != ? "
        f"UNION SELECT article_id FROM article_topics WHERE topic IN ({topic_marks}) AND article_id != ?",
        [*my_tags, article_id, *my_topics, article_id])]
    if not others:
        return []
    marks = ",".join("?" * len(others))
    tags = _sets(db, f"SELECT article_id, tag FROM tags WHERE article_id IN ({marks})", others)
    topics = _sets(db, f"SELECT article_id, topic FROM article_topics WHERE article_id IN ({marks})", others)
    info = {r[0]: (r[1], r[2]) for r in db.execute(
        f"SELECT a.id, a.title, coalesce(s.name, '') FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
        f"WHERE a.id IN ({marks})", others)}
    out = []
    for aid in others:
        if aid not in info:
            continue
        shared_tags = my_tags & tags[aid]
        shared_topics = my_topics & topics[aid]
        score = 0.0
        if shared_tags:
            score += len(shared_tags) / len(my_tags | tags[aid])
        if shared_topics:
            score += TOPIC_WEIGHT * len(shared_topics) / len(my_topics | topics[aid])
        title, source = info[aid]
        out.append(Related(id=aid, title=title, source=source, score=round(score, 6),
                           shared_tags=sorted(shared_tags), shared_topics=sorted(shared_topics)))
    out.sort(key=lambda r: (-r.score, -len(r.shared_tags), r.id))
    return out[:limit] if limit is not None else out


def _top(counter: Counter[str], top: int) -> list[TermCount]:
    # Ties broken by the term so bar charts do not reshuffle between runs.
    return [TermCount(t, c) for t, c in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]


def term_overview(db: sqlite_utils.Database, *, top: int = 20) -> Overview:
    """In how many articles each keyword and topic occurs, overall and per source (top `top` of each)."""
    top = max(0, int(top))
    source_of = {}
    per_source_articles: Counter[str] = Counter()
    for aid, name in db.execute(
        "SELECT a.id, coalesce(s.name, '') FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
    ):
        source_of[aid] = name
        per_source_articles[name] += 1
    kw_all: Counter[str] = Counter()
    tp_all: Counter[str] = Counter()
    kw_src: dict[str, Counter[str]] = defaultdict(Counter)
    tp_src: dict[str, Counter[str]] = defaultdict(Counter)
    # Keyword frequency = in how many articles a candidate keyword occurs (from the stored term counts). The
    # per-article tags are chosen to be distinctive, so counting them would show only ones and twos.
    rows = db.execute("SELECT id, terms FROM articles").fetchall()
    for (aid, _), terms in zip(rows, keywords.article_terms(db.conn, (blob for _, blob in rows))):
        kw_all.update(terms)
        kw_src[source_of[aid]].update(terms)
    for aid, topic in db.execute("SELECT DISTINCT article_id, topic FROM article_topics"):
        if aid in source_of:
            tp_all[topic] += 1
            tp_src[source_of[aid]][topic] += 1
    by_source = [SourceOverview(source=name, articles=n, keywords=_top(kw_src[name], top),
                                topics=_top(tp_src[name], top))
                 for name, n in sorted(per_source_articles.items())]
    return Overview(articles=len(source_of), keywords=_top(kw_all, top), topics=_top(tp_all, top),
                    by_source=by_source)
