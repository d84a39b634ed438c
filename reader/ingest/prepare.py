"""One file → everything the store needs, with no database: decode, split, segment, count terms, match topics.

This is the CPU-heavy part of an import, so it is a plain picklable function that worker processes can run.
"""
from __future__ import annotations

import hashlib
import os
import stat
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import ReaderError
from reader.ingest import correct
from reader.ingest.correct import Correction, Outcome
from reader.ingest.decode import DecodeError, Decoded, decode_bytes
from reader.ingest.long_paragraphs import cut_long_paragraphs
from reader.ingest.split import split_page
from reader.model import Furniture, ParsedArticle, Step, article_text
from reader.text import segment
from reader.text.packed import pack_breaks
from reader.text.tags import Taxonomy, TopicMatch, load_stopwords, match_topics, term_counts

MIB = 1024 * 1024
MAX_FILE_BYTES = 256 * MIB  # beyond this a "page" is surely not one; refuse rather than exhaust memory


class PrepareError(ReaderError):
    """The file cannot be imported; str(exc) is the reason."""

    title = "导入 import"


@dataclass
class PreparedArticle:
    parsed: ParsedArticle
    breaks: list[bytes]  # per paragraph, its word ends packed for the store (reader/text/packed.py)
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
    stamp: str = ""  # file_stamp() of the file as read; "" when not read from a file


_READ_STEP = 4 * MIB  # reads past the size the file claimed go in steps of this
# What `stat` says a path is when it is not a regular file: reading one could block (a FIFO, a socket) or never
# end (/dev/zero, /dev/urandom).
_NOT_REGULAR = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"))


def _refuse_unless_regular(st: os.stat_result) -> None:
    if stat.S_ISREG(st.st_mode):
        return
    if stat.S_ISDIR(st.st_mode):
        raise PrepareError("this is a folder, not a file")
    kind = next((name for test, name in _NOT_REGULAR if test(st.st_mode)), "an unknown kind of file")
    raise PrepareError(f"not a regular file: {kind}")


def _tenths_of_mb(size: int) -> int:
    return round(size * 10 / MIB)


def _mb(tenths: int) -> str:
    return f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths / 10:.1f}"


def _too_large(size: int, limit: int) -> PrepareError:
    limit_t = _tenths_of_mb(limit)
    size_t = max(_tenths_of_mb(size), limit_t + 1)  # a size just over the limit never shows as the limit itself
    return PrepareError(f"too large ({_mb(size_t)} MB > limit {_mb(limit_t)} MB); "
                        "`ipreader import --max-mb N` raises the limit")


def read_bytes(path: Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; only a regular file of at most `limit` bytes, else PrepareError with the reason."""
    return read_file(path, limit=limit)[0]


def file_stamp(st: os.stat_result) -> str:
    """Size and modification time: a file whose stamp matches its import's is not read again (as make does)."""
    return f"{st.st_size}:{st.st_mtime_ns}"


def read_file(path: Path, *, limit: int = MAX_FILE_BYTES) -> tuple[bytes, str]:
    """The file's bytes and its stamp, taken before reading (a change while reading shows at the next import).

    The type is checked on `stat` before opening (opening a FIFO blocks until a writer comes); the size is counted
    while reading, at most limit + 1 bytes, because st_size can lie (/proc) or the file can grow meanwhile.
    """
    try:
        st = path.stat()
        _refuse_unless_regular(st)
        if st.st_size > limit:
            raise _too_large(st.st_size, limit)
        return _read_regular(path, st.st_size, limit), file_stamp(st)
    except PermissionError as exc:
        raise PrepareError("permission denied: the file cannot be read") from exc
    except IsADirectoryError as exc:
        raise PrepareError("this is a folder, not a file") from exc
    except FileNotFoundError as exc:
        raise PrepareError("no such file (or a broken link)") from exc
    except MemoryError as exc:
        raise PrepareError("the file is too large to read into memory") from exc
    except OSError as exc:
        raise PrepareError(f"cannot read the file: {exc.strerror or exc}") from exc


def _read_regular(path: Path, expected: int, limit: int) -> bytes:
    # O_NONBLOCK: should the path have been swapped for a FIFO since the stat, opening it cannot hang either.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        _refuse_unless_regular(st)
        data = _read_at_most(fd, expected, limit)
        if len(data) > limit:
            raise _too_large(max(len(data), os.fstat(fd).st_size), limit)
        return data
    finally:
        os.close(fd)


def _read_at_most(fd: int, expected: int, limit: int) -> bytes:
    """Up to limit + 1 bytes: the size the file claimed (plus one byte, to see it grew) in one read, the rest in
    steps, so a short file never costs a buffer of the limit's size."""
    parts: list[bytes] = []
    total = 0
    step = expected + 1
    while total <= limit:
        chunk = os.read(fd, min(step, limit + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        step = _READ_STEP
    return b"".join(parts)


def source_key(path: Path) -> str:
    """How the library names a page file: its absolute path, with bytes that are not UTF-8 (a name from another
    system, kept by os.fsdecode as surrogates SQLite cannot store) written as \\xNN."""
    return str(path.absolute()).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fingerprint(article: ParsedArticle) -> str:
    """Identity of an article's content: its title and its canonical text (article_text), hashed a paragraph at a
    time: the same digest without the joined text and its UTF-8 copy, which for a one-line page is twice the file."""
    h = hashlib.sha256((article.title + "\x00").encode("utf-8"))
    for i, para in enumerate(article.paragraphs):
        if i:
            h.update(b"\n")
        h.update(para.text.encode("utf-8"))
    return h.hexdigest()


def name_untitled(articles: list[ParsedArticle]) -> None:
    """An article the splitter found no title for is named by its first words (correct.synthetic_title knows)."""
    for art in articles:
        if not art.title.strip():
            first = next((p.text for p in art.paragraphs if p.text.strip()), "")
            art.title = (first[:24] + "…") if len(first) > 24 else (first or "（无题）")


def _segment(text: str, stopwords: frozenset[str], counts: Counter[str]) -> array[int]:
    """The word ends of `text` as a compact array, its candidate keywords counted into `counts` on the way: a page
    that is one huge line never holds a Python object per word (segment.cut_pieces, term_counts over a stream)."""
    ends: array[int] = array("I")
    pos = 0

    def words() -> Iterator[str]:
        nonlocal pos
        for word in segment.cut_pieces(text):
            pos += len(word)
            ends.append(pos)
            yield word

    counts.update(term_counts(words(), stopwords))
    return ends


# Text from which a file reports its steps: below it a file takes well under a second.
STEPS_FROM_CHARS = 2_000_000
Tell = Callable[[Step, float], None]  # (step, fraction of it done)


def prepare_articles(articles: list[ParsedArticle], taxonomy: Taxonomy, tell: Tell | None = None,
                     ) -> list[PreparedArticle]:
    """Segment, count terms and match topics for articles already split (and corrected); `tell` hears how far
    the segmenting is, by characters, a percent at a time."""
    stopwords = load_stopwords()
    prepared = []
    total = sum(len(p.text) for art in articles for p in art.paragraphs) or 1
    done = told = 0
    for art in articles:
        counts: Counter[str] = Counter()
        breaks = []
        for para in art.paragraphs:
            breaks.append(pack_breaks(_segment(para.text, stopwords, counts)))
            done += len(para.text)
            if tell is not None and done - told >= total // 100:
                told = done
                tell(Step.SEGMENTING, done / total)
        title_terms = term_counts(segment.cut(art.title), stopwords)
        counts.update({t: 2 for t in title_terms})  # a title word weighs two mentions
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


def prepare_text(text: str, taxonomy: Taxonomy, corrections: Sequence[Correction] = (), tell: Tell | None = None,
                 ) -> tuple[list[PreparedArticle], list[Furniture], list[Outcome]]:
    """Split a page, apply the reader's corrections to it (their outcomes in order), then segment and tag."""
    if tell is not None:
        tell(Step.SPLITTING, 0.0)
    page = split_page(text)
    name_untitled(page.articles)
    fixed = correct.apply_all(page.articles, page.furniture, corrections)
    name_untitled(fixed.articles)
    cut_long_paragraphs(fixed.articles)  # after the corrections, which know the page as the splitter left it
    return prepare_articles(fixed.articles, taxonomy, tell), fixed.furniture, fixed.outcomes


def prepare_file(path: str, taxonomy: Taxonomy, corrections: Sequence[Correction] = (), *,
                 max_bytes: int = MAX_FILE_BYTES) -> PreparedFile:
    """Read, decode and analyse one file. Raises PrepareError with the reason on any failure."""
    data, stamp = read_file(Path(path), limit=max_bytes)
    digest = sha256_of(data)
    decoded = decode_data(data)
    del data  # a big file's bytes need not outlive their decoding
    return prepare_decoded(path, decoded, digest, taxonomy, corrections, stamp=stamp)


def decode_data(data: bytes) -> Decoded:
    """The text of a file's bytes, or PrepareError with the reason. A caller drops its bytes after this: held on
    to, a one-line page's bytes would still be alive at the import's peak."""
    try:
        return decode_bytes(data)
    except DecodeError as exc:
        raise PrepareError(str(exc)) from exc


def prepare_decoded(path: str, decoded: Decoded, digest: str, taxonomy: Taxonomy,
                    corrections: Sequence[Correction] = (), *, stamp: str = "", tell: Tell | None = None,
                    ) -> PreparedFile:
    """Analyse the decoded text of `path` (whose bytes' sha256 is `digest`); `tell` hears its steps if it is big."""
    p = Path(path)
    if len(decoded.text) < STEPS_FROM_CHARS:
        tell = None
    articles, furniture, outcomes = prepare_text(decoded.text, taxonomy, corrections, tell)
    if not articles:
        raise PrepareError("no article text found in the file")
    return PreparedFile(
        path=source_key(p),
        name=p.name,
        sha256=digest,
        encoding=decoded.encoding,
        chars=len(decoded.text),
        articles=articles,
        furniture=furniture,
        warnings=list(decoded.warnings),
        corrections=[(c.id, o) for c, o in zip(corrections, outcomes)],
        stamp=stamp,
    )


Listed = list[tuple[str, str]]  # (path, reason)


def collect_files(paths: list[str | os.PathLike[str]]) -> tuple[list[Path], Listed, Listed]:
    """Expand folders (recursively, text files only, no hidden ones: those of text are named) into files.

    Returns the files in a stable order, the (path, reason) pairs that could not even be listed (broken links,
    link loops, unreadable folders) and those a folder held but that are not text files by their extension
    (named, so that an import never leaves files out silently).
    """
    files: list[Path] = []
    problems: Listed = []
    skipped: Listed = []
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        p = Path(raw).expanduser()
        if p.is_symlink() and not p.exists():
            problems.append((str(p), "broken symbolic link (or a link loop)"))
        elif p.is_dir():
            _walk(p, files, problems, skipped, seen_dirs)
        elif p.exists():
            files.append(p)
        else:
            problems.append((str(p), "no such file or folder"))
    return files, problems, skipped


_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}


def _not_text_reason(entry: Path) -> str:
    suffix = entry.suffix
    if not suffix:
        return "not a text file (no extension)"
    # The name is shown elsewhere; a reason never carries a control character of its own.
    return f"not a text file ({suffix})" if suffix.isprintable() else "not a text file"


def _walk(folder: Path, files: list[Path], problems: Listed, skipped: Listed, seen: set[tuple[int, int]]) -> None:
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
            # Hidden: not searched, but a page or a folder left out is named (an editor's .swp, .DS_Store are not).
            if entry.is_dir() and not entry.is_symlink():
                skipped.append((str(entry), "a hidden folder, not searched"))
            elif entry.suffix.lower() in _TEXT_SUFFIXES:
                skipped.append((str(entry), "a hidden file: its name starts with a dot"))
            continue
        if entry.is_symlink() and not entry.exists():
            problems.append((str(entry), "broken symbolic link (or a link loop)"))
        elif entry.is_dir():
            _walk(entry, files, problems, skipped, seen)
        elif entry.suffix.lower() in _TEXT_SUFFIXES:
            files.append(entry)
        else:
            skipped.append((str(entry), _not_text_reason(entry)))
