"""One file → everything the store needs, with no database: decode, split, segment, count terms, match topics.

This is the CPU-heavy part of an import, so it is a plain picklable function that worker processes can run.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from itertools import accumulate
from dataclasses import dataclass, field
from pathlib import Path

from reader.ingest import correct
from reader.ingest.correct import Correction, Outcome
from reader.ingest.decode import DecodeError, decode_bytes
from reader.ingest.split import split_page
from reader.model import Furniture, ParsedArticle, article_text
from reader.text import segment
from reader.text.tags import Taxonomy, TopicMatch, load_stopwords, match_topics, term_counts

MAX_FILE_BYTES = 256 * 1024 * 1024  # beyond this a "page" is surely not one; refuse rather than exhaust memory


class PrepareError(Exception):
    """The file cannot be imported; str(exc) is the reason."""


@dataclass
class PreparedArticle:
    parsed: ParsedArticle
    breaks: list[list[int]]
    fingerprint: str
    terms: dict[str, int]
    topics: list[TopicMatch]
    chars: int


@dataclass
class PreparedFile:
    path: str
    name: str
    sha256: str
    encoding: str
    chars: int
    articles: list[PreparedArticle] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    corrections: list[tuple[int | None, Outcome]] = field(default_factory=list)  # (correction id, outcome)


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PrepareError(f"the file is {size // (1024 * 1024)} MB; the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return path.read_bytes()
    except PermissionError as exc:
        raise PrepareError("permission denied: the file cannot be read") from exc
    except IsADirectoryError as exc:
        raise PrepareError("this is a folder, not a file") from exc
    except FileNotFoundError as exc:
        raise PrepareError("no such file (or a broken link)") from exc
    except OSError as exc:
        raise PrepareError(f"cannot read the file: {exc.strerror or exc}") from exc


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fingerprint(article: ParsedArticle) -> str:
    """Identity of an article's content: its title and its canonical text."""
    return hashlib.sha256((article.title + "\x00" + article_text(article.paragraphs)).encode("utf-8")).hexdigest()


def name_untitled(articles: list[ParsedArticle]) -> None:
    """An article the splitter found no title for is named by its first words (correct.synthetic_title knows)."""
    for art in articles:
        if not art.title.strip():
            first = next((p.text for p in art.paragraphs if p.text.strip()), "")
            art.title = (first[:24] + "…") if len(first) > 24 else (first or "（无题）")


def prepare_articles(articles: list[ParsedArticle], taxonomy: Taxonomy) -> list[PreparedArticle]:
    """Segment, count terms and match topics for articles already split (and corrected)."""
    stopwords = load_stopwords()
    prepared = []
    for art in articles:
        breaks: list[list[int]] = []
        tokens: list[str] = []
        for para in art.paragraphs:
            words = list(segment.cut(para.text))
            breaks.append(list(accumulate(map(len, words))))
            tokens.extend(words)
        title_tokens = list(segment.cut(art.title))
        counts = term_counts(tokens, stopwords)
        counts.update({t: 2 for t in term_counts(title_tokens, stopwords)})  # a title word weighs two mentions
        body = article_text(art.paragraphs)
        prepared.append(
            PreparedArticle(
                parsed=art,
                breaks=breaks,
                fingerprint=fingerprint(art),
                terms=dict(counts),
                topics=match_topics(" ".join(filter(None, [art.kicker, art.title, art.subtitle])), body, taxonomy),
                chars=sum(len(p.text) for p in art.paragraphs),
            )
        )
    return prepared


def prepare_text(text: str, taxonomy: Taxonomy,
                 corrections: Sequence[Correction] = ()) -> tuple[list[PreparedArticle], list[Furniture], list[Outcome]]:
    """Split a page, apply the reader's corrections to it (their outcomes in order), then segment and tag."""
    page = split_page(text)
    name_untitled(page.articles)
    fixed = correct.apply_all(page.articles, page.furniture, corrections)
    name_untitled(fixed.articles)
    return prepare_articles(fixed.articles, taxonomy), fixed.furniture, fixed.outcomes


def prepare_file(path: str, taxonomy: Taxonomy, corrections: Sequence[Correction] = ()) -> PreparedFile:
    """Read, decode and analyse one file. Raises PrepareError with the reason on any failure."""
    p = Path(path)
    data = read_bytes(p)
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        raise PrepareError(str(exc)) from exc
    articles, furniture, outcomes = prepare_text(decoded.text, taxonomy, corrections)
    if not articles:
        raise PrepareError("no article text found in the file")
    return PreparedFile(
        path=str(p.absolute()),
        name=p.name,
        sha256=sha256_of(data),
        encoding=decoded.encoding,
        chars=len(decoded.text),
        articles=articles,
        furniture=furniture,
        warnings=list(decoded.warnings),
        corrections=[(c.id, o) for c, o in zip(corrections, outcomes)],
    )


def collect_files(paths: list[str | os.PathLike[str]]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand folders (recursively, text files only, no hidden ones) into files.

    Returns the files in a stable order and the (path, reason) pairs that could not even be listed: broken links,
    link loops, unreadable folders.
    """
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        p = Path(raw).expanduser()
        if p.is_symlink() and not p.exists():
            problems.append((str(p), "broken symbolic link (or a link loop)"))
        elif p.is_dir():
            _walk(p, files, problems, seen_dirs)
        elif p.exists():
            files.append(p)
        else:
            problems.append((str(p), "no such file or folder"))
    return files, problems


_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}


def _walk(folder: Path, files: list[Path], problems: list[tuple[str, str]], seen: set[tuple[int, int]]) -> None:
    try:
        st = folder.stat()
    except OSError as exc:
        problems.append((str(folder), f"cannot open the folder: {exc.strerror or exc}"))
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        problems.append((str(folder), "symbolic link loop (folder already visited)"))
        return
    seen.add(key)
    try:
        entries = sorted(folder.iterdir(), key=lambda e: e.name)
    except OSError as exc:
        problems.append((str(folder), f"cannot list the folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() and not entry.exists():
            problems.append((str(entry), "broken symbolic link (or a link loop)"))
        elif entry.is_dir():
            _walk(entry, files, problems, seen)
        elif entry.suffix.lower() in _TEXT_SUFFIXES:
            files.append(entry)
