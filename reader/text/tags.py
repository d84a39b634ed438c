"""Keywords (TF-IDF fitted to the library) and topics (keyword taxonomy) for articles.

A generic IDF ranks 知识产权 first in every article of an IP library and so separates nothing; fitting the IDF to
the library itself makes the keywords say what is particular about each article.
"""
from __future__ import annotations

import heapq
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reader import config
from reader.errors import ReaderError
from reader.model import UNCLASSIFIED
from reader.text.visible import clean

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


def idf_weight(df: int, n: int) -> float:
    """Probabilistic (BM25-style) IDF of a term in `df` of `n` articles: log((n - df + ½) / (df + ½) + 1) − log 2.

    A term in more than half the library gets almost no weight: in an IP library 知识产权 says nothing about
    which article you are looking at. The floor keeps such terms usable when nothing better exists.
    """
    return max(0.02, math.log((n - df + 0.5) / (df + 0.5) + 1.0) - _LOG2)


_LOG2 = math.log(2.0)


def idf_table(doc_terms: Iterable[Iterable[str]]) -> tuple[dict[str, float], int]:
    """The IDF of every term of a collection of documents (each given as its terms)."""
    df: Counter[str] = Counter()
    n = 0
    for terms in doc_terms:
        n += 1
        df.update(set(terms))
    return {t: idf_weight(c, n) for t, c in df.items()}, n


def top_keywords(counts: dict[str, int], idf: dict[str, float], k: int = 8) -> list[tuple[str, float]]:
    """The k best keywords of one article by sublinear tf × idf; a term the table lacks weighs as its rarest."""
    if not counts:
        return []
    default = max(idf.values(), default=1.0) if not idf.keys() >= counts.keys() else 0.0
    terms = list(counts)
    return best_keywords(terms, [counts[t] for t in terms], [idf.get(t, default) for t in terms], k)


_TF = [0.0] + [1.0 + math.log(c) for c in range(1, 4096)]  # the tf weight of the counts an article has


def best_keywords(terms: Sequence[str], counts: Sequence[int], idfs: Sequence[float],
                  k: int = 8) -> list[tuple[str, float]]:
    """The k best (term, weight) of one article from each term's count in it and idf. The one scoring rule.

    Sublinear tf: the 100th mention of a word adds little; otherwise long articles' staple words always win.
    Ties are broken by the term itself so the result is deterministic.
    """
    if counts and max(counts) < len(_TF):
        scores = list(map(float.__mul__, map(_TF.__getitem__, counts), idfs))
    else:
        scores = [(1.0 + math.log(c)) * w for c, w in zip(counts, idfs)]
    if len(scores) > k:  # only the terms at or above the k-th best score can be among the k (a refit does this a lot)
        floor = heapq.nlargest(k, scores)[-1]
        picked = [i for i, s in enumerate(scores) if s >= floor]
    else:
        picked = list(range(len(scores)))
    picked.sort(key=lambda i: (-scores[i], terms[i]))
    return [(terms[i], round(scores[i], 6)) for i in picked[:k]]


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


class TaxonomyError(ReaderError, ValueError):
    """topics.toml cannot be used as it is; the message names the file, line or field."""

    title = "主题表 topics.toml"


MAX_TOPICS = 1000  # topics in one taxonomy
MAX_KEYWORDS = 200_000  # keywords over all topics
MAX_NAME = 200  # characters of a topic name or keyword


def _number(settings: dict, key: str, default: float, low: float, high: float, where: str) -> float:
    value = settings.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise TaxonomyError(f"{where}: [settings] {key} must be a number from {low:g} to {high:g}, not {value!r}")
    return float(value)


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise TaxonomyError(f"{where} must be text, not {value!r}")
    text = clean(value, multiline=False).strip()
    if len(text) > MAX_NAME:
        raise TaxonomyError(f"{where} is longer than {MAX_NAME} characters")
    return text


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and check a topics.toml; TaxonomyError names the file, the entry and the field that is wrong."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # an editor's BOM is fine
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise TaxonomyError(f"{path}: cannot read the topic taxonomy: {exc}") from exc
    settings = raw.get("settings", {})
    entries = raw.get("topic", [])
    if not isinstance(settings, dict):
        raise TaxonomyError(f"{path}: [settings] must be a table")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise TaxonomyError(f"{path}: topics must be [[topic]] tables")
    if len(entries) > MAX_TOPICS:
        raise TaxonomyError(f"{path}: {len(entries)} topics; at most {MAX_TOPICS}")
    topics, total = [], 0
    for i, entry in enumerate(entries):
        where = f"{path}: topic #{i + 1}"
        name = _text(entry.get("name", ""), f"{where} name")
        words = entry.get("keywords", [])
        if not isinstance(words, list):
            raise TaxonomyError(f"{where} keywords must be a list of words, not {words!r}")
        keywords = [k for k in (_text(w, f"{where} keyword #{j + 1}") for j, w in enumerate(words)) if k]
        if not name or not keywords:
            raise TaxonomyError(f"{where} needs a name and at least one keyword")
        if name == UNCLASSIFIED:
            raise TaxonomyError(f"{path}: {UNCLASSIFIED} is reserved for articles without a topic")
        total += len(keywords)
        if total > MAX_KEYWORDS:
            raise TaxonomyError(f"{path}: more than {MAX_KEYWORDS:,} keywords")
        topics.append(Topic(name, list(dict.fromkeys(keywords))))
    if not topics:
        raise TaxonomyError(f"{path}: no [[topic]] entries")
    return Taxonomy(
        topics=topics,
        min_score=_number(settings, "min_score", 3, 0, 1e6, str(path)),
        title_weight=_number(settings, "title_weight", 4, 0, 1000, str(path)),
        max_topics=int(_number(settings, "max_topics", 4, 1, 100, str(path))),
        source=str(path),
    )


@dataclass
class TopicMatch:
    topic: str
    score: float
    matched: list[str] = field(default_factory=list)


# From this many keywords one pass over the text (every keyword length at every position) beats one str.count per
# keyword; below it, str.count's C loop is faster.
SCAN_FROM = 2000


def _keyword_index(taxonomy: Taxonomy) -> tuple[dict[str, list[tuple[int, int]]], tuple[int, ...]]:
    """keyword → [(topic index, position in the topic's list)], and the keyword lengths (cached per taxonomy)."""
    index = taxonomy.__dict__.get("_index")
    if index is None:
        where: dict[str, list[tuple[int, int]]] = {}
        for t, topic in enumerate(taxonomy.topics):
            for k, word in enumerate(topic.keywords):
                where.setdefault(word, []).append((t, k))
        index = taxonomy.__dict__["_index"] = (where, tuple(sorted({len(w) for w in where})))
    return index


def _scan(text: str, words: dict[str, list[tuple[int, int]]], lengths: tuple[int, ...]) -> Counter[str]:
    """Occurrences of every keyword, counted as str.count counts them (non-overlapping), in one pass."""
    counts: Counter[str] = Counter()
    free: dict[str, int] = {}  # where the next occurrence of a keyword may start
    for i in range(len(text)):
        for n in lengths:
            word = text[i:i + n]
            if word in words and i >= free.get(word, 0):
                counts[word] += 1
                free[word] = i + n
    return counts


def _hits(title: str, body: str, taxonomy: Taxonomy) -> dict[int, list[tuple[int, str, float]]]:
    """topic index → [(keyword position, keyword, hits)] for the keywords that occur."""
    words, lengths = _keyword_index(taxonomy)
    out: dict[int, list[tuple[int, str, float]]] = {}
    if len(words) < SCAN_FROM:
        for t, topic in enumerate(taxonomy.topics):
            for k, kw in enumerate(topic.keywords):
                hits = body.count(kw) + taxonomy.title_weight * title.count(kw)
                if hits:
                    out.setdefault(t, []).append((k, kw, hits))
        return out
    in_body, in_title = _scan(body, words, lengths), _scan(title, words, lengths)
    for kw in in_body.keys() | in_title.keys():
        hits = in_body[kw] + taxonomy.title_weight * in_title[kw]
        for t, k in words[kw]:
            out.setdefault(t, []).append((k, kw, hits))
    return out


def match_topics(title: str, body: str, taxonomy: Taxonomy) -> list[TopicMatch]:
    """Topics whose keywords occur often enough; strongest first; [未分类] when none does."""
    found = []
    for t, hits in sorted(_hits(title, body, taxonomy).items()):
        hits.sort()
        score = sum(h for _, _, h in hits)
        if score >= taxonomy.min_score:
            found.append(TopicMatch(taxonomy.topics[t].name, score, [kw for _, kw, _ in hits]))
    found.sort(key=lambda m: (-m.score, m.topic))
    return found[: taxonomy.max_topics] or [TopicMatch(UNCLASSIFIED, 0.0, [])]
