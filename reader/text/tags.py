"""Keywords (TF-IDF fitted to the library) and topics (keyword taxonomy) for articles.

A generic IDF ranks 知识产权 first in every article of an IP library and so separates nothing; fitting the IDF to
the library itself makes the keywords say what is particular about each article.
"""
from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reader import config
from reader.model import UNCLASSIFIED

_WORDLIKE = re.compile(r"^(?:[\u3400-\u9fff]{2,}|[A-Za-z][A-Za-z0-9&+.\-]{1,})$")


@lru_cache(maxsize=4)
def load_stopwords(path: Path | None = None) -> frozenset[str]:
    path = path or config.stopwords_path()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line)
    return frozenset(words)


def term_counts(tokens: Iterable[str], stopwords: frozenset[str]) -> Counter[str]:
    """Candidate keywords of one article: multi-character Chinese words and Latin terms, minus stop words."""
    # len() first: most tokens are single characters, and the regex is the expensive test.
    return Counter(t for t in tokens if len(t) > 1 and t not in stopwords and _WORDLIKE.match(t))


def idf_table(doc_terms: Iterable[Iterable[str]]) -> tuple[dict[str, float], int]:
    """Probabilistic (BM25-style) IDF from each document's set of terms.

    A term in more than half the library gets almost no weight: in an IP library 知识产权 says nothing about
    which article you are looking at. The floor keeps such terms usable when nothing better exists.
    """
    df: Counter[str] = Counter()
    n = 0
    for terms in doc_terms:
        n += 1
        df.update(set(terms))
    return {t: max(0.02, math.log((n - c + 0.5) / (c + 0.5) + 1.0) - math.log(2.0)) for t, c in df.items()}, n


def top_keywords(counts: dict[str, int], idf: dict[str, float], k: int = 8) -> list[tuple[str, float]]:
    if not counts:
        return []
    default = max(idf.values(), default=1.0)
    # Sublinear tf: the 100th mention of a word adds little; otherwise long articles' staple words always win.
    scored = [(t, (1.0 + math.log(c)) * idf.get(t, default)) for t, c in counts.items()]
    # Ties broken by the term itself so the result is deterministic.
    scored.sort(key=lambda x: (-x[1], x[0]))
    return [(t, round(s, 6)) for t, s in scored[:k]]


@dataclass
class Topic:
    name: str
    keywords: list[str]


@dataclass
class Taxonomy:
    topics: list[Topic]
    min_score: float = 3.0
    title_weight: float = 4.0
    max_topics: int = 4
    source: str = ""


class TaxonomyError(ValueError):
    pass


def load_taxonomy(path: Path) -> Taxonomy:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"{path}: cannot read the topic taxonomy: {exc}") from exc
    settings = raw.get("settings", {})
    topics = []
    for i, entry in enumerate(raw.get("topic", [])):
        name = str(entry.get("name", "")).strip()
        keywords = [str(k).strip() for k in entry.get("keywords", []) if str(k).strip()]
        if not name or not keywords:
            raise TaxonomyError(f"{path}: topic #{i + 1} needs a name and at least one keyword")
        if name == UNCLASSIFIED:
            raise TaxonomyError(f"{path}: {UNCLASSIFIED} is reserved for articles without a topic")
        topics.append(Topic(name, keywords))
    if not topics:
        raise TaxonomyError(f"{path}: no [[topic]] entries")
    return Taxonomy(
        topics=topics,
        min_score=float(settings.get("min_score", 3)),
        title_weight=float(settings.get("title_weight", 4)),
        max_topics=int(settings.get("max_topics", 4)),
        source=str(path),
    )


@dataclass
class TopicMatch:
    topic: str
    score: float
    matched: list[str] = field(default_factory=list)


def match_topics(title: str, body: str, taxonomy: Taxonomy) -> list[TopicMatch]:
    """Topics whose keywords occur often enough; strongest first; [未分类] when none does."""
    found = []
    for topic in taxonomy.topics:
        score, matched = 0.0, []
        for kw in topic.keywords:
            hits = body.count(kw) + taxonomy.title_weight * title.count(kw)
            if hits:
                score += hits
                matched.append(kw)
        if score >= taxonomy.min_score:
            found.append(TopicMatch(topic.name, score, matched))
    found.sort(key=lambda m: (-m.score, m.topic))
    return found[: taxonomy.max_topics] or [TopicMatch(UNCLASSIFIED, 0.0, [])]
