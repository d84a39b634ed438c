"""Plain result records handed to the Library, the CLI and the TUI (asdict() of each is its JSON form)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields


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


# Fields a LazySearchHit fills on first access; id and score are known from the index query alone.
LAZY_FIELDS = ("title", "source", "hits", "snippet", "snippet_spans")


class LazySearchHit(SearchHit):
    """A SearchHit whose title, source, hit count and snippet are computed on first access.

    search(..., lazy=True) returns these so that listing every match costs one index query; reading any field
    but `id` and `score` loads that hit and a batch of its neighbours through `fill` (which needs the database
    connection still open). It compares equal to the eager SearchHit with the same values.
    """

    def __init__(self, id: int, score: float, fill: Callable[[LazySearchHit], None]) -> None:
        self.id = id
        self.score = score
        self._fill = fill

    @property
    def filled(self) -> bool:
        return "_values" in self.__dict__

    def set_values(self, title: str, source: str, hits: int, snippet: str,
                   snippet_spans: list[tuple[int, int]]) -> None:
        self.__dict__["_values"] = (title, source, hits, snippet, snippet_spans)

    def _get(self, i: int) -> object:
        if "_values" not in self.__dict__:
            self._fill(self)
        return self.__dict__["_values"][i]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SearchHit):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(SearchHit))

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it extends


def _lazy_property(i: int, name: str) -> property:
    def get(self: LazySearchHit) -> object:
        return self._get(i)

    def put(self: LazySearchHit, value: object) -> None:
        if "_values" not in self.__dict__:
            self._fill(self)  # so the other fields keep their computed values
        values = list(self.__dict__["_values"])
        values[i] = value
        self.__dict__["_values"] = tuple(values)

    return property(get, put, doc=f"{name}, computed on first access")


for _i, _name in enumerate(LAZY_FIELDS):
    setattr(LazySearchHit, _name, _lazy_property(_i, _name))
