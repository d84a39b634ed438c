"""Plain data passed along the pipeline: decode → split → segment/tag → store → search/annotate → view.

Nothing here touches a database or a terminal; every stage is a function over these dataclasses.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ParagraphKind(StrEnum):
    """What a stored paragraph is. Members equal their string values, which is what the store holds."""

    DATELINE = "dateline"  # the dateline a news item opens with: 本报北京3月5日电（记者 陈 静）, 新华社…电
    BODY = "body"
    HEADING = "heading"  # a section heading inside the body
    NOTE = "note"  # an end note or sign-off: 作者单位, 来源, funding, （完）, （记者 张晓）
    EDITOR = "editor"  # an editor's note (编者按) or a lead-in that belongs to the article but is not body text
    QUESTION = "question"  # a Q&A question line (主持人：…)


class Step(StrEnum):
    """What an import is doing to one big file: its progress within the file (reader.importer.OnStep)."""

    SPLITTING = "splitting"
    SEGMENTING = "segmenting"
    STORING = "storing"
    INDEXING = "indexing"


PARAGRAPH_KINDS = tuple(ParagraphKind)
# Articles whose boundaries the splitter was less sure of than this are "doubtful": listed by `doctor`, marked
# in the reader.
DOUBTFUL = 0.8
# The topic of an article that matches no topic of the taxonomy.
UNCLASSIFIED = "未分类"


@dataclass
class Paragraph:
    kind: str
    text: str
    line_start: int = 0  # 1-based line numbers in the source file, inclusive
    line_end: int = 0


@dataclass
class Furniture:
    """Page-level text that is not part of any article: banners, cover blocks, TOCs, captions, credits, e-mails."""

    kind: str  # banner | cover | toc | caption | credit | contact | other
    text: str
    line: int = 0


@dataclass
class ParsedArticle:
    title: str
    kicker: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    column: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    line_start: int = 0
    line_end: int = 0
    # How sure the splitter was of this article's boundaries (0.5 … 1.0): the weakest of the decisions that
    # opened it, closed it, or kept a header-shaped line inside it as a section heading.
    confidence: float = 1.0

    @property
    def sections(self) -> list[str]:
        return [p.text for p in self.paragraphs if p.kind == "heading"]

    @property
    def notes(self) -> list[str]:
        return [p.text for p in self.paragraphs if p.kind == "note"]

    @property
    def editor_note(self) -> str | None:
        notes = [p.text for p in self.paragraphs if p.kind == "editor"]
        return "\n".join(notes) if notes else None


@dataclass
class ParsedPage:
    articles: list[ParsedArticle] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)


# --- what the Library hands out (asdict() of these equals the CLI's --json) ---------------------------------


@dataclass
class ArticleSummary:
    id: int
    source: str
    ordinal: int
    title: str
    kicker: str | None
    subtitle: str | None
    authors: list[str]
    column: str | None
    topics: list[str]
    tags: list[str]
    chars: int
    # How sure the splitter was of where this article starts and ends (0.5 … 1.0); below DOUBTFUL it is worth a
    # look (`ipreader doctor` lists those, the reader marks them).
    confidence: float = 1.0

    @property
    def doubtful(self) -> bool:
        return self.confidence < DOUBTFUL


@dataclass
class ParagraphOut:
    kind: str
    text: str


@dataclass
class ArticleDetail(ArticleSummary):
    sections: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    paragraphs: list[ParagraphOut] = field(default_factory=list)
    editor_note: str | None = None
    line_start: int = 0
    line_end: int = 0
    topic_reasons: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class TopicCount:
    name: str
    count: int
    keywords: list[str] = field(default_factory=list)


@dataclass
class FileResult:
    path: str
    status: str  # imported | skipped | failed
    articles: int = 0
    chars: int = 0
    reason: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)

    @property
    def imported(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "imported"]

    @property
    def skipped(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "skipped"]

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed


def article_text(paragraphs: list[Paragraph] | list[ParagraphOut]) -> str:
    """The article's canonical text: every paragraph (all kinds, reading order) joined by one newline.

    Annotation offsets (code points) and the article fingerprint are defined over this string.
    """
    return "\n".join(p.text for p in paragraphs)


def paragraph_offsets(paragraphs: list[Paragraph] | list[ParagraphOut]) -> list[int]:
    """Start offset of each paragraph inside `article_text(paragraphs)`."""
    out, pos = [], 0
    for p in paragraphs:
        out.append(pos)
        pos += len(p.text) + 1
    return out
