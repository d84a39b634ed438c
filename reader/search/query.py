"""Query parsing: the user's string → terms, exclusions and filters, and the FTS5 MATCH expression for them.

Syntax (after per-character NFKC, so full-width quotes, colons and minus signs work too):
    知识产权 专利          several terms: all must occur (AND)
    "PCT 申请"            a quoted phrase; whitespace inside matches any run of whitespace
    -商标  -"商标 注册"    exclude articles containing the term
    topic:名称 / 主题:名称  only articles with that topic (quotes allowed: topic:"a b")
    author:名字 / 作者:名字 only articles whose author list contains the name
Everything else is literal text: AND, OR, NEAR(, *, (, C++ are searched for as written, never as FTS5 syntax,
because the MATCH expression is built only from hex tokens that the user's text cannot inject into.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.errors import ReaderError
from .normalize import normalize_with_map, phrase_tokens


class QueryError(ReaderError, ValueError):
    """A query that cannot be run; the message is meant for the user."""

    title = "查询有误 invalid query"


_FILTERS = {"topic": "topic", "主题": "topic", "话题": "topic", "author": "author", "作者": "author"}


@dataclass
class Query:
    terms: list[str] = field(default_factory=list)  # normalised; may contain single spaces (quoted phrases)
    typed: list[str] = field(default_factory=list)  # each of `terms` as the user wrote it (for "why it matched")
    excluded: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.terms or self.excluded or self.topics or self.authors)


def _read_word(s: str, i: int) -> tuple[str, int, bool]:
    """Read one word starting at s[i]: a quoted phrase (closing quote optional) or a run of non-space characters."""
    if i < len(s) and s[i] == '"':
        end = s.find('"', i + 1)
        if end < 0:  # a lone quote: the phrase runs to the end rather than failing
            return s[i + 1 :], len(s), True
        return s[i + 1 : end], end + 1, True
    j = i
    while j < len(s) and not s[j].isspace():
        if s[j] == '"':
            break
        j += 1
    return s[i:j], j, False


def _clean(term: str) -> str:
    # Collapse inner whitespace of a phrase to single spaces; newlines in a typed query mean "whitespace" too.
    return " ".join(term.split())


def parse(query: str) -> Query:
    s, origin = normalize_with_map(query)
    q = Query()
    i = 0
    while i < len(s):
        if s[i].isspace():
            i += 1
            continue
        negate = False
        if s[i] == "-" and i + 1 < len(s) and not s[i + 1].isspace():
            negate, i = True, i + 1
        start = i + 1 if s[i] == '"' else i
        word, i, quoted = _read_word(s, i)
        if not quoted:
            m = re.match(r"([^:]+):(.*)$", word, re.S)
            kind = _FILTERS.get(m.group(1)) if m else None
            if kind and not negate:
                value = m.group(2)
                if not value and i < len(s) and s[i] == '"':
                    value, i, _ = _read_word(s, i)
                value = _clean(value)
                if not value:
                    raise QueryError(f"'{m.group(1)}:' needs a value, e.g. {m.group(1)}:知识产权")
                (q.topics if kind == "topic" else q.authors).append(value)
                continue
        term = _clean(word)
        if not term:
            continue
        if negate:
            q.excluded.append(term)
        else:
            q.terms.append(term)
            end = start + len(word)  # the word's characters in `s`; origin maps them back to the typed query
            q.typed.append(_clean(query[origin[start]:origin[end - 1] + 1]) if end > start else term)
    return q


def parse_for_search(query: str) -> Query:
    """Parse, rejecting queries that say nothing to search for (a blank string is fine: it finds nothing)."""
    q = parse(query)
    if q.empty and query.strip():
        raise QueryError(f"nothing to search for in {query.strip()!r}; type a word, or put a phrase in quotes")
    return q


def fts_phrase(term: str) -> str:
    return '"' + phrase_tokens(term) + '"'


def match_expression(terms: Sequence[str], excluded: Sequence[str] = ()) -> str:
    """FTS5 MATCH text: phrases ANDed, exclusions with NOT. Needs at least one positive term."""
    expr = " AND ".join(fts_phrase(t) for t in terms)
    for t in excluded:
        expr = f"({expr}) NOT {fts_phrase(t)}"
    return expr
