"""Plain result records handed to the Library, the CLI and the TUI (asdict() of each is its JSON form)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SearchHit:
    id: int
    title: str
    source: str
    hits: int  # occurrences of the query terms in the article (title fields and paragraphs)
    snippet: str  # plain text, never markup
    snippet_spans: list[tuple[int, int]] = field(default_factory=list)  # highlighted terms inside `snippet`
    score: float = 0.0  # higher is better (negated bm25, title hits weighted more)


@dataclass
class KwicLine:
    article_id: int
    title: str
    source: str
    paragraph: int  # paragraph idx within the article
    start: int  # offset of the match inside the paragraph text
    left: str
    match: str
    right: str


@dataclass
class Related:
    id: int
    title: str
    source: str
    score: float
    shared_tags: list[str] = field(default_factory=list)
    shared_topics: list[str] = field(default_factory=list)


@dataclass
class TermCount:
    term: str
    count: int  # number of articles carrying the keyword/topic


@dataclass
class SourceOverview:
    source: str
    articles: int
    keywords: list[TermCount] = field(default_factory=list)
    topics: list[TermCount] = field(default_factory=list)


@dataclass
class Overview:
    articles: int
    keywords: list[TermCount] = field(default_factory=list)
    topics: list[TermCount] = field(default_factory=list)
    by_source: list[SourceOverview] = field(default_factory=list)
