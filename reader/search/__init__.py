"""Full-text search, concordance and discovery over the library database.

Recall equals a substring scan over the normalised text (NFKC per character, casefolded): the index has one
token per normalised character plus barrier tokens for whitespace and field boundaries, so its phrase matches are
exactly the substring matches and the result set comes straight from FTS5.
"""
from __future__ import annotations

from .concordance import concordance, format_kwic
from .discover import related, term_overview
from .engine import search, search_ids
from .index import ensure_index, index_articles, index_stats, rebuild_index, unindex_articles
from .match import find_in_text
from .normalize import normalize
from .query import QueryError
from .results import KwicLine, LazySearchHit, Overview, Related, SearchHit, SourceOverview, TermCount

__all__ = [
    "KwicLine", "LazySearchHit", "Overview", "QueryError", "Related", "SearchHit", "SourceOverview", "TermCount",
    "concordance", "ensure_index", "find_in_text", "format_kwic", "index_articles", "index_stats", "normalize",
    "rebuild_index", "related", "search", "search_ids", "term_overview", "unindex_articles",
]
