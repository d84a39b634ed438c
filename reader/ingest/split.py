"""Page → articles and page furniture.

`lines.py` says what each line looks like; this module decides what it is from its neighbours:

* A run of header-like lines (short headlines, kickers ending in —— or ：, 本期话题, column labels, ——subtitles)
  directly above a byline is an article header: its last headline is the title, the line above that the kicker,
  anything higher up at the top of the page a banner.
* Without a byline, a run still starts an article at the top of the page, after an end note (which closes the
  previous article), when it carries a `#` marker, a column label or a kicker, when the table of contents lists
  it, or when the next paragraph opens like a news item (据新华社电, 本报讯). Otherwise it is a section heading.
* A `#` title followed by another title, or by text that finishes a cut paragraph, or by nothing, was printed
  out of place: it names the current (untitled) article.
* Captions, credits, contacts, data boxes, cover blocks and tables of contents go to the furniture list and
  never into an article, so a paragraph cut around them is rejoined by `rejoin.py`.
* An article left with no body, heading, question or author (a page banner with the page's 编者按) is dissolved
  into furniture.

Lines starting ——“…” inside a body (quoted key points) are kept as body paragraphs: they are whole sentences
quoted from a speech, not headings of the article's own structure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.ingest import lines as L
from reader.ingest.lines import Line, classify_lines, is_open, opens_mid_word
from reader.ingest.rejoin import continues, rejoin
from reader.model import Furniture, Paragraph, ParsedArticle, ParsedPage

_HEADERISH = frozenset((L.HEADLINE, L.MD_TITLE, L.SUBTITLE, L.KICKER, L.TOPIC, L.COLUMN))
_TITLE_KINDS = frozenset((L.HEADLINE, L.MD_TITLE))
_BYLINES = frozenset((L.BYLINE, L.NAMES))
COVER = "cover"  # unit kind for the lines above a table of contents
# Furniture that print puts in the middle of an article; its kind is the Furniture kind.
_INLINE_FURNITURE = {
    L.CAPTION: "caption", L.CREDIT: "credit", L.CONTACT: "contact", L.DATA: "other", L.FOLIO: "banner",
    L.STAFF: "other",
}
_FURNITURE = {**_INLINE_FURNITURE, COVER: "cover", L.TOC: "toc", L.TOC_HEAD: "toc"}
_PARAGRAPH_KIND = {L.QUESTION: "question", L.MD_HEADING: "heading", L.NUMBERED: "heading"}
# Units whose text is running prose: an open one is continued by the next prose block.
_PROSE_UNITS = frozenset((L.PROSE, L.DATELINE, L.QUESTION, L.EDITOR, L.HEADLINE, L.NUMBERED, L.KICKER))
_SIGN_OFF = re.compile(r"[。！？”!?]\s*[（(]([\u3400-\u9fff]{2,4})[）)]$")
_NOT_SIGN_OFF = frozenset(("待续", "未完", "续完", "全文完", "下转", "上接", "有删节", "节选", "摘编", "图片"))
_END_MARK = re.compile(r"[（(]完[）)]$")
_TRAILING_NOTE = re.compile(r"(?<=[。！？”!?])[（(](来源|作者单位|作者系|作者为|原载)[：:][^（）()]{1,80}[）)]$")
_DATELINE_BYLINE = re.compile(r"^本报讯\s*[（(]([^）)]{2,40})[）)]")


@dataclass
class _Draft:
    art: ParsedArticle
    host_line: int | None = None  # 本期主持 line: the paragraphs above it are the feature's lead-in
    last_unit: str | None = None  # kind of the last unit added, to tell prose continuations from headings
    sealed: set[int] = field(default_factory=set)  # paragraphs complete without a full stop (guest lines)


@dataclass
class _Page:
    units: list[Line]
    furniture: list[Furniture] = field(default_factory=list)
    drafts: list[_Draft] = field(default_factory=list)
    toc_keys: set[str] = field(default_factory=set)


def split_page(text: str) -> ParsedPage:
    """Split one decoded page into articles (in reading order) and page furniture."""
    units = classify_lines(text)
    page = _Page(units=units)
    _resolve_context(page)
    _front_matter(page)
    _Builder(page).run()
    articles: list[ParsedArticle] = []
    for draft in page.drafts:
        art = _finish(draft)
        if _is_furniture_only(art):
            page.furniture.extend(_dissolve(art))
        else:
            articles.append(art)
    page.furniture.sort(key=lambda f: f.line)
    return ParsedPage(articles=articles, furniture=page.furniture)


# --- context ----------------------------------------------------------------------------------------------


def _resolve_context(page: _Page) -> None:
    """Settle kinds that depend on neighbours, and merge two-line titles."""
    units = page.units
    for i, u in enumerate(units):
        prev = units[i - 1].kind if i else None
        if u.kind == L.GUEST and prev not in (L.GUESTS, L.GUEST):
            u.kind = L.HEADLINE if L.headline_shaped(u.text) else L.PROSE
        elif u.kind == L.NAMES and prev not in _HEADERISH | _BYLINES:
            u.kind = L.HEADLINE if L.headline_shaped(u.text) else L.PROSE
    # A long title is still a title when a byline stands right under it.
    for i, u in enumerate(units[:-1]):
        if (
            u.kind == L.PROSE
            and units[i + 1].kind == L.BYLINE
            and len(u.text) <= 45
            and not re.search(r"[。！!]", u.text)
            and not u.text.endswith(("，", ",", "、"))
        ):
            u.kind = L.HEADLINE
    # Two headlines on consecutive lines are one title broken over two lines, but only on a page that separates
    # its blocks with blank lines; on a page without them every line is its own block.
    blank_separated = sum(u.gap for u in units[1:]) >= 0.5 * max(1, len(units) - 1)
    if blank_separated:
        merged: list[Line] = []
        for u in units:
            if merged and u.gap == 0 and u.kind == L.HEADLINE and merged[-1].kind == L.HEADLINE:
                last = merged[-1]
                merged[-1] = Line(L.HEADLINE, f"{last.text} {u.text}", last.line, u.end, last.gap)
            else:
                merged.append(u)
        page.units[:] = merged


def _front_matter(page: _Page) -> None:
    """A table of contents, and the cover block above it, are furniture; TOC titles mark article starts."""
    units = page.units
    toc_at = [i for i, u in enumerate(units) if u.kind in (L.TOC, L.TOC_HEAD)]
    if not toc_at:
        return
    first = toc_at[0]
    if not any(u.kind in (L.PROSE, L.DATELINE, L.BYLINE) for u in units[:first]):
        for u in units[:first]:
            u.kind = COVER
    for i in toc_at:
        if units[i].kind == L.TOC:
            key = L.title_key(L.toc_title(units[i].text))
            if key:
                page.toc_keys.add(key)
    for u in units:
        if u.kind in (L.PROSE, L.KICKER, L.NAMES, L.GUEST) and L.title_key(u.text) in page.toc_keys:
            u.kind = L.HEADLINE


# --- building ---------------------------------------------------------------------------------------------


def _next_content(units: list[Line], i: int) -> int | None:
    """Index of the first unit after i that is not inline furniture."""
    for j in range(i + 1, len(units)):
        if units[j].kind not in _INLINE_FURNITURE:
            return j
    return None


def _prev_content(units: list[Line], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if units[j].kind not in _INLINE_FURNITURE:
            return j
    return None


def _displaced_titles(units: list[Line]) -> set[int]:
    """`#` titles printed away from their article: followed by another title, by nothing, or by the rest of a
    paragraph that the title interrupted."""
    out: set[int] = set()
    for i, u in enumerate(units):
        if u.kind != L.MD_TITLE:
            continue
        j = _next_content(units, i)
        k = _prev_content(units, i)
        if j is None and k is not None:
            out.add(i)
        elif j is not None and units[j].kind == L.MD_TITLE:
            out.add(i)
        elif (
            j is not None
            and k is not None
            and units[j].kind in (L.PROSE, L.HEADLINE)
            and units[k].kind in _PROSE_UNITS
            and is_open(units[k].text)
        ):
            out.add(i)
    return out


class _Builder:
    """One pass over the classified lines, keeping the article being filled and whether it has ended."""

    def __init__(self, page: _Page) -> None:
        self.page = page
        self.units = page.units
        self.displaced = _displaced_titles(page.units)
        self.cur: _Draft | None = None
        # At the top of the page, or after an end note or sign-off: the next headline run starts an article.
        self.closed = True

    def run(self) -> None:
        i = 0
        while i < len(self.units):
            i = self._step(i)

    def _article(self) -> _Draft:
        if self.cur is None:
            self.cur = _start(self.page, [], [])
        return self.cur

    def _step(self, i: int) -> int:
        """Handle the unit at i (and any units it pulls along); return the index of the next unit."""
        u, kind = self.units[i], self.units[i].kind
        if kind in _FURNITURE:
            self.page.furniture.append(Furniture(_FURNITURE[kind], u.text, u.line))
        elif i in self.displaced:
            self._displaced(u)
        elif kind in _HEADERISH:
            return self._header_run(i)
        elif kind == L.BYLINE:
            return self._byline(i)
        elif kind == L.HOST:
            cur = self._article()
            cur.art.authors.append(L.host_name(u.text) or "")
            cur.host_line = u.line
            cur.art.line_end = max(cur.art.line_end, u.end)
        elif kind == L.NOTE:
            if self.cur is None:
                self.page.furniture.append(Furniture("other", u.text, u.line))
            else:
                _add(self.cur, Paragraph("note", u.text, u.line, u.end), kind)
            self.closed = True
        elif kind == L.EDITOR:
            if self.cur is None or _has_body(self.cur.art):
                # A 编者按 after a finished body belongs to the page or to what follows: start a holder that is
                # dissolved into furniture unless a body follows it.
                self.cur = _start(self.page, [], [])
            _add(self.cur, Paragraph("editor", u.text, u.line, u.end), kind)
        elif kind in (L.GUESTS, L.GUEST):
            cur = self._article()
            cur.sealed.add(len(cur.art.paragraphs))
            _add(cur, Paragraph("editor", u.text, u.line, u.end), kind)
        else:
            para_kind = _PARAGRAPH_KIND.get(kind, "body")  # prose, datelines and anything unplaced are body
            _add(self._article(), Paragraph(para_kind, u.text, u.line, u.end), kind)
            # A sign-off such as "…。（剑平）" or "（完）" ends a news item as an end note does.
            self.closed = para_kind == "body" and _ends_item(u.text)
        return i + 1

    def _displaced(self, u: Line) -> None:
        """A `#` title printed away from its article names the current untitled one."""
        if self.cur is None:
            self.cur = _start(self.page, [u], [])
        elif not self.cur.art.title:
            self.cur.art.title = u.text
            self.cur.art.line_end = max(self.cur.art.line_end, u.end)
        else:
            _add(self.cur, Paragraph("heading", u.text, u.line, u.end), u.kind)

    def _header_run(self, i: int) -> int:
        units = self.units
        j = i
        while j < len(units) and units[j].kind in _HEADERISH and j not in self.displaced:
            j += 1
        by = j
        while by < len(units) and units[by].kind in _BYLINES:
            by += 1
        run, nxt = units[i:j], (units[j] if j < len(units) else None)
        if by > j:
            self.cur = _start(self.page, run, units[j:by])
            self.closed = False
            return by
        if nxt is not None and nxt.kind == L.DATA:
            # The heading of a weather box or similar table goes with the table.
            self.page.furniture.extend(Furniture("other", r.text, r.line) for r in run)
        elif self._starts_article(run, nxt):
            self.cur = _start(self.page, run, [])
            self.closed = False
        else:
            for k in range(i, j):
                self._inline(units[k], k + 1)
        return j

    def _byline(self, i: int) -> int:
        units = self.units
        by = i
        while by < len(units) and units[by].kind in _BYLINES:
            by += 1
        cur = self.cur
        if cur is not None and not cur.art.paragraphs and not cur.art.authors:
            for b in units[i:by]:  # a byline under a header that something else already started
                cur.art.authors.extend(L.byline_names(b.text, require_surname=False) or [])
                cur.art.line_end = max(cur.art.line_end, b.end)
        else:
            self.cur = _start(self.page, [], units[i:by])  # □name after an end note: an article titled later
        self.closed = False
        return by

    def _starts_article(self, run: list[Line], nxt: Line | None) -> bool:
        cur = self.cur
        if cur is None or self.closed:
            return True
        if not cur.art.title and not cur.art.authors and not _has_body(cur.art):
            return True  # the current "article" only holds a page-level 编者按
        if any(r.kind in (L.MD_TITLE, L.COLUMN, L.TOPIC) for r in run):
            return True
        if any(a.kind == L.KICKER and b.kind in _TITLE_KINDS for a, b in zip(run, run[1:])):
            return True
        if any(L.title_key(r.text) in self.page.toc_keys for r in run if r.kind in _TITLE_KINDS):
            return True
        return nxt is not None and nxt.kind == L.DATELINE

    def _inline(self, u: Line, after: int) -> None:
        """A header-like line inside an article: a section heading, unless it is part of a cut paragraph."""
        cur = self._article()
        paras = cur.art.paragraphs
        candidate = Paragraph("body", u.text, u.line, u.end)
        nxt = self.units[after] if after < len(self.units) else None
        if paras and cur.last_unit in _PROSE_UNITS and continues(paras[-1], candidate):
            _add(cur, candidate, L.PROSE)  # the tail of a cut paragraph that happens to be short
        elif u.kind == L.HEADLINE and (
            after in self.displaced  # a displaced title interrupts it: it is the head of a cut paragraph
            or (nxt is not None and nxt.kind == L.PROSE and opens_mid_word(nxt.text))  # "…负责人表" | "示，…"
        ):
            _add(cur, candidate, L.PROSE)
        elif u.kind == L.HEADLINE:
            _add(cur, Paragraph("heading", u.text, u.line, u.end), u.kind)
            self.closed = False
        else:
            _add(cur, candidate, L.PROSE)  # a kicker- or subtitle-shaped line inside a body is body text


def _add(cur: _Draft, para: Paragraph, unit_kind: str) -> None:
    cur.art.paragraphs.append(para)
    cur.art.line_end = max(cur.art.line_end, para.line_end)
    cur.last_unit = unit_kind


def _has_body(art: ParsedArticle) -> bool:
    return any(p.kind in ("body", "heading", "question") for p in art.paragraphs)


def _start(page: _Page, run: list[Line], bylines: list[Line]) -> _Draft:
    """A new article from its header run (title, kicker, subtitle, column) and byline lines."""
    art = ParsedArticle(title="")
    first_article = not page.drafts
    title_at = None
    for idx, r in enumerate(run):
        if r.kind in _TITLE_KINDS:
            title_at = idx
            if L.title_key(r.text) in page.toc_keys:
                break
    subtitles: list[str] = []
    kickers: list[str] = []
    if title_at is not None:
        art.title = run[title_at].text
        after = run[title_at + 1:]
        before = run[:title_at]
    else:
        after, before = run, []
    for r in after:
        if r.kind == L.COLUMN:
            art.column = r.text
        elif r.kind == L.TOPIC or (r.kind == L.KICKER and title_at is None):
            kickers.append(r.text)
        else:
            subtitles.append(r.text)
    nearest = True
    banners: list[Line] = []
    for r in reversed(before):
        if r.kind == L.COLUMN:
            art.column = r.text
        elif nearest:
            kickers.insert(0, r.text)
            nearest = False
        elif first_article:
            banners.append(r)  # a page banner above the first article's kicker
            page.furniture.append(Furniture("banner", r.text, r.line))
        else:
            kickers.insert(0, r.text)
    art.kicker = " ".join(kickers) or None
    art.subtitle = " ".join(subtitles) or None
    for b in bylines:
        art.authors.extend(L.byline_names(b.text, require_surname=False) or [])
    spans = [r for r in run if r not in banners] + bylines
    if spans:
        art.line_start = min(r.line for r in spans)
        art.line_end = max(r.end for r in spans)
    draft = _Draft(art)
    page.drafts.append(draft)
    return draft


# --- finishing --------------------------------------------------------------------------------------------


def _finish(draft: _Draft) -> ParsedArticle:
    art = draft.art
    art.paragraphs = rejoin(art.paragraphs, frozenset(draft.sealed))
    _split_trailing_note(art)
    if draft.host_line is not None:
        # In a hosted feature the prose above 本期主持 introduces the talk: it is a lead-in, not body.
        for p in art.paragraphs:
            if p.kind == "body" and p.line_end < draft.host_line:
                p.kind = "editor"
    if not art.authors:
        art.authors = _implicit_authors(art.paragraphs)
    art.authors = [a for a in dict.fromkeys(art.authors) if a]
    if art.paragraphs:
        if not art.line_start:
            art.line_start = art.paragraphs[0].line_start
        art.line_start = min(art.line_start, art.paragraphs[0].line_start)
        art.line_end = max(art.line_end, max(p.line_end for p in art.paragraphs))
    return art


def _split_trailing_note(art: ParsedArticle) -> None:
    """"…的贡献。（来源：求是，2021-02-08）" on one line: the source note becomes its own paragraph."""
    tail = [i for i, p in enumerate(art.paragraphs) if p.kind != "note"]
    if not tail or art.paragraphs[tail[-1]].kind != "body":
        return
    i = tail[-1]
    para = art.paragraphs[i]
    m = _TRAILING_NOTE.search(para.text)
    if not m or m.start() == 0:
        return
    head, note = para.text[: m.start()], para.text[m.start():]
    art.paragraphs[i: i + 1] = [
        Paragraph("body", head, para.line_start, para.line_end),
        Paragraph("note", note, para.line_end, para.line_end),
    ]


def _ends_item(text: str) -> bool:
    m = _SIGN_OFF.search(text)
    return bool(m and m.group(1) not in _NOT_SIGN_OFF) or bool(_END_MARK.search(text))


def _implicit_authors(paragraphs: list[Paragraph]) -> list[str]:
    """A sign-off "…。（剑平）" after the last paragraph, or 本报讯（记者 X）at the start."""
    body = [p for p in paragraphs if p.kind == "body"]
    if not body:
        return []
    m = _DATELINE_BYLINE.match(L.fold(body[0].text))
    if m:
        names = L.byline_names(m.group(1), require_surname=False)
        if names:
            return names
    m = _SIGN_OFF.search(body[-1].text)
    return [m.group(1)] if m and m.group(1) not in _NOT_SIGN_OFF else []


def _is_furniture_only(art: ParsedArticle) -> bool:
    return not _has_body(art) and not art.authors


def _dissolve(art: ParsedArticle) -> list[Furniture]:
    """What a body-less "article" really was: a banner, a page-level 编者按, stray notes."""
    out: list[Furniture] = []
    line = art.line_start
    for text in (art.column, art.kicker, art.title):
        if text:
            out.append(Furniture("banner", text, line))
    if art.subtitle:
        out.append(Furniture("other", art.subtitle, line))
    for p in art.paragraphs:
        out.append(Furniture("editor" if p.kind == "editor" else "other", p.text, p.line_start))
    return out
