"""Page → articles and page furniture.

`blocks.py` turns the physical lines into blocks against the page's profile, `lines.py` says what each block looks
like, `context.py` settles what its neighbours decide (a name under a title, a related-titles list, a title set on
two lines); this module finds the articles among them:

* A run of header-like lines (headlines, kickers ending in —— or ：, 本期话题, column labels, ——subtitles) directly
  above a byline is an article header: its last headline is the title, the line above that the kicker, anything
  higher up at the top of the page a banner.
* Without a byline, a run starts an article for certain at the top of the page, after an end note or sign-off
  (which closes the previous article), or when the table of contents lists it. Anywhere else it is a candidate,
  and `evidence.py` weighs whether it opens a new article or is a section heading of the current one; the
  decision's confidence is kept with the article.
* A `#` title followed by another title, or by text that finishes a cut paragraph, or by nothing, was printed
  out of place: it names the current (untitled) article.
* Captions, credits, jump lines, folios, contacts, data boxes, cover blocks and tables of contents go to the
  furniture list and never into an article, so a paragraph cut around them is rejoined by `rejoin.py`.
* A dateline that opens the first paragraph (本报北京3月5日电（记者 陈 静）) becomes its own paragraph and gives the
  authors; a sign-off glued to the last paragraph (…。（记者 张晓）) becomes an end note.
* An article left with no body, heading, question or author (a page banner with the page's 编者按) is dissolved
  into furniture.

Lines starting ——“…” inside a body (quoted key points) are kept as body paragraphs: they are whole sentences
quoted from a speech, not headings of the article's own structure.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from reader.ingest import context, evidence
from reader.ingest import lines as L
from reader.ingest.blocks import Profile, profile_and_blocks
from reader.ingest.evidence import Candidate, Decision, PageStats
from reader.ingest.lexical import Shift
from reader.ingest.lines import Kind, Line, is_open, opens_mid_word
from reader.ingest.rejoin import continues, rejoin
from reader.model import Furniture, Paragraph, ParagraphKind, ParsedArticle, ParsedPage

K = Kind
P = ParagraphKind
_TITLE_KINDS = evidence.TITLE_KINDS
COVER = "cover"  # unit kind for the lines above a table of contents
# Furniture that print puts in the middle of an article; its kind is the Furniture kind.
_INLINE_FURNITURE = {
    K.CAPTION: "caption", K.CREDIT: "credit", K.CONTACT: "contact", K.DATA: "other", K.FOLIO: "banner",
    K.STAFF: "other", K.JUMP: "jump", K.CHROME: "other", K.RELATED: "other", K.CATALOG: "other",
}
_FURNITURE = {**_INLINE_FURNITURE, COVER: "cover", K.TOC: "toc", K.TOC_HEAD: "toc"}
_PARAGRAPH_KIND = {K.QUESTION: P.QUESTION, K.MD_HEADING: P.HEADING, K.NUMBERED: P.HEADING}
# Units whose text is running prose: an open one is continued by the next prose block.
_PROSE_UNITS = frozenset((K.PROSE, K.DATELINE, K.QUESTION, K.EDITOR, K.HEADLINE, K.LONG_HEADLINE, K.NUMBERED,
                          K.KICKER))
_SIGN_OFF = re.compile(r"[。！？”!?]\s*[（(]([\u3400-\u9fff]{2,4})[）)]$")
_NOT_SIGN_OFF = frozenset(("待续", "未完", "续完", "全文完", "下转", "上接", "有删节", "节选", "摘编", "图片"))
_END_MARK = re.compile(r"[（(]完[）)]$")
# A sign-off or end note printed at the end of the last paragraph: split off as the article's end note.
_TRAILING_NOTE = re.compile(
    r"(?<=[。！？”!?])\s*([（(](来源|作者单位|作者系|作者为|本文作者单位|本文作者系|原载|完|全文完|(本报)?记者|通讯员)"
    r"[：:\s]?[^（）()]{0,80}[）)]|【(责任)?编辑\s*[：:][^】]{1,12}】)$"
)
# A heading of the article's own structure does not end like a title does: a 2–6 character label or a numbered one.
_CLOSING = frozenset("。，、；：？！）」』”…")  # no paragraph starts with these: the block goes on a cut sentence
_NUMBERED_HEAD = re.compile(r"^(第[一二三四五六七八九十百零〇\d]+[章节编篇部分卷]|[一二三四五六七八九十]{1,3}、)")


@dataclass
class _Draft:
    art: ParsedArticle
    host_line: int | None = None  # 本期主持 line: the paragraphs above it are the feature's lead-in
    last_unit: str | None = None  # kind of the last unit added, to tell prose continuations from headings
    sealed: set[int] = field(default_factory=set)  # paragraphs complete without a full stop (guest lines)
    footnotes: list[Paragraph] = field(default_factory=list)  # notes printed inside a cut paragraph: go to the end
    first_unit: int = 0  # index of the unit that opened the article (for the lexical window)
    start_confidence: float = 1.0
    kept_confidence: float = 1.0  # the weakest "this is a section heading, not a new article" decision inside


@dataclass
class _Page:
    units: list[Line]
    profile: Profile
    furniture: list[Furniture] = field(default_factory=list)
    drafts: list[_Draft] = field(default_factory=list)
    toc_keys: set[str] = field(default_factory=set)
    stats: PageStats = field(default_factory=PageStats)
    content_index: dict[int, int] = field(default_factory=dict)  # unit index → index among content units


def split_page(text: str) -> ParsedPage:
    """Split one decoded page into articles (in reading order) and page furniture."""
    profile, blocks = profile_and_blocks(text)
    page = _Page(units=_units(profile, blocks), profile=profile)
    context.resolve(page.units, blank_separated=page.profile.blank_separated)
    _front_matter(page)
    page.stats = _page_stats(page)
    _Builder(page).run()
    articles: list[ParsedArticle] = []
    kept: list[_Draft] = []
    for draft in page.drafts:
        art = _finish(draft)
        if _is_furniture_only(art):
            page.furniture.extend(_dissolve(art))
        else:
            articles.append(art)
            kept.append(draft)
    for k, draft in enumerate(kept):
        ends = kept[k + 1].start_confidence if k + 1 < len(kept) else 1.0
        draft.art.confidence = round(min(draft.start_confidence, draft.kept_confidence, ends), 3)
    page.furniture.sort(key=lambda f: f.line)
    return ParsedPage(articles=articles, furniture=page.furniture)


# --- units --------------------------------------------------------------------------------------------------


def _units(profile: Profile, blocks: list) -> list[Line]:  # type: ignore[type-arg]
    """Classify every block; a brief printed as 【标题】正文 becomes a title unit and a prose unit."""
    out: list[Line] = []
    for b in blocks:
        tags = _HASHTAG.findall(b.text) if "#" in b.text else []
        text = _HASHTAG.sub("", b.text).strip() if tags else ""
        if text:
            # "#知识产权# 【…】…": a post's hashtags are its chrome, wherever in the line; the text goes on without them
            out.append(Line(K.CHROME, " ".join(t.strip() for t in tags), b.line, b.line, 0))
            b = type(b)(text, _key(text, profile), b.line, b.end, b.gap, b.indent)
        inline = L.inline_title(b.text)
        if inline is not None:
            title, body = inline
            out.append(Line(K.MARKED, title, b.line, b.line, b.gap, b.indent, _key(title, profile), "bracket"))
            out.append(Line(K.PROSE, body, b.line, b.end, 0, False, _key(body, profile)))
            continue
        kind, stored = L.classify(b.text, b.key, indent=b.indent)
        style, _ = L.marker_style(b.text)
        if kind in (K.HEADLINE, K.LONG_HEADLINE) and profile.indented and b.indent:
            kind = K.PROSE  # on a page that indents its paragraphs, an indented short line is a short paragraph
        out.append(Line(kind, stored, b.line, b.end, b.gap, b.indent, _key(stored, profile), style))
    return out


_HASHTAG = re.compile(r"\s*#[^#\s]{1,20}#\s*")


def _key(text: str, profile: Profile) -> str:
    from reader.ingest import script

    return script.key(text, traditional=profile.traditional)


def _front_matter(page: _Page) -> None:
    """A table of contents, and the cover block above it, are furniture; TOC titles mark article starts."""
    units = page.units
    toc_at = [i for i, u in enumerate(units) if u.kind in (K.TOC, K.TOC_HEAD)]
    if not toc_at:
        return
    first = toc_at[0]
    if not any(u.kind in (K.PROSE, K.DATELINE, K.BYLINE) for u in units[:first]):
        for u in units[:first]:
            u.kind = COVER  # type: ignore[assignment]
    for i in toc_at:
        if units[i].kind == K.TOC:
            key = L.title_key(L.toc_title(units[i].text))
            if key:
                page.toc_keys.add(key)
    for u in units:
        if u.kind in (K.PROSE, K.KICKER, K.NAMES, K.GUEST, K.LONG_HEADLINE) and L.title_key(u.text) in page.toc_keys:
            u.kind = K.HEADLINE


def _page_stats(page: _Page) -> PageStats:
    """What the page says about itself before any decision: how its certain titles and headings are marked,
    which header texts repeat, how often a title has a byline, its paragraph spacing, its vocabulary."""
    units = page.units
    stats = PageStats(blank_separated=page.profile.blank_separated)
    content = [i for i, u in enumerate(units) if u.kind not in _FURNITURE]
    page.content_index = {i: n for n, i in enumerate(content)}
    stats.shift = Shift([units[i].key for i in content])
    header_keys = Counter(u.key for u in units if u.kind in (K.HEADLINE, K.MD_HEADING, K.MD_TITLE, K.MARKED))
    stats.repeated = frozenset(k for k, n in header_keys.items() if n >= 2 and len(k) <= 20)
    has_md1 = any(u.kind == K.MD_TITLE for u in units)
    stats.has_toc = bool(page.toc_keys)
    gaps = [u.gap for u in units if u.kind == K.PROSE]
    stats.paragraph_gap = statistics.median(gaps) if gaps else 0.0
    stats.gap_uniform = bool(gaps) and sum(g == stats.paragraph_gap for g in gaps) >= 0.85 * len(gaps)
    i, n = 0, len(units)
    closed = True
    opening: set[str] = set()
    while i < n:
        u = units[i]
        if u.kind in _FURNITURE:
            i += 1
            continue
        if u.kind in L.HEADERISH:
            j = i
            while j < n and units[j].kind in L.HEADERISH:
                j += 1
            k = j
            while k < n and units[k].kind in _FURNITURE:
                k += 1
            nxt = units[k] if k < n else None
            titles = [r for r in units[i:j] if r.kind in _TITLE_KINDS]
            if titles:
                bylined = nxt is not None and nxt.kind in L.BYLINES
                certain = (
                    bylined or closed or (nxt is not None and nxt.kind == K.DATELINE)
                    or any(r.kind in (K.COLUMN, K.TOPIC) for r in units[i:j])
                    or any(L.title_key(r.text) in page.toc_keys for r in titles)
                )
                if certain:
                    if stats.starts:
                        stats.later_starts += 1
                        stats.later_starts_closed += closed
                    stats.starts += 1
                    stats.starts_with_byline += bylined
                    stats.starts_opened += bylined or (nxt is not None and nxt.kind == K.DATELINE)
                    title = titles[-1] if bylined or len(titles) == 1 else titles[0]
                    stats.title_styles[title.style] += 1
                    # headers right under a certain title (and its byline) are the article's first headings
                    after = k + (1 if bylined else 0)
                    while after < n and units[after].kind in L.BYLINES:
                        after += 1
                    while after < n and units[after].kind in (K.HEADLINE, K.MD_HEADING) and units[after].style != "md1":
                        stats.heading_styles[units[after].style] += 1
                        opening.add(units[after].key)
                        after += 1
            closed = False
            i = j
            continue
        if u.kind == K.NUMBERED or (u.kind == K.MD_HEADING and has_md1):
            stats.heading_styles[u.style] += 1
        if u.key in stats.repeated and u.kind in (K.HEADLINE, K.MD_HEADING):
            stats.heading_styles[u.style] += 1
        closed = u.kind in (K.NOTE, K.SIGNOFF) or (u.kind == K.PROSE and _ends_item(u.text))
        i += 1
    stats.opening_headings = frozenset(opening & stats.repeated)
    return stats


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
        if u.kind != K.MD_TITLE:
            continue
        j = _next_content(units, i)
        k = _prev_content(units, i)
        if j is None and k is not None:
            out.add(i)
        elif j is not None and units[j].kind == K.MD_TITLE:
            out.add(i)
        elif (
            j is not None
            and k is not None
            and units[j].kind in (K.PROSE, K.HEADLINE)
            and units[k].kind in _PROSE_UNITS - {K.KICKER}  # a kicker above is the title's own
            and is_open(units[k].text)
        ):
            out.add(i)
    return out


def _cut_between(left: str, right: str) -> bool:
    """The end of `left` and the start of `right` form one dictionary word: a paragraph cut mid-word."""
    from reader.ingest import junction

    return junction.splits_word(left, right)


class _Builder:
    """One pass over the classified lines, keeping the article being filled and whether it has ended."""

    def __init__(self, page: _Page) -> None:
        self.page = page
        self.units = page.units
        self.displaced = _displaced_titles(page.units)
        self.cur: _Draft | None = None
        # At the top of the page, or after an end note or sign-off: the next headline run starts an article.
        self.closed = True
        # Articles whose text stopped at a 下转 line, oldest first: the page may print the rest further down,
        # after other articles, behind a 上接 line.
        self.jumped: list[_Draft] = []

    def run(self) -> None:
        i = 0
        while i < len(self.units):
            i = self._step(i)

    def _article(self, at: int) -> _Draft:
        if self.cur is None:
            self.cur = _start(self.page, [], [], at)
        return self.cur

    def _step(self, i: int) -> int:
        """Handle the unit at i (and any units it pulls along); return the index of the next unit."""
        u, kind = self.units[i], self.units[i].kind
        if kind == K.JUMP:
            self._jump(u, i)
        if kind in _FURNITURE:
            self.page.furniture.append(Furniture(_FURNITURE[kind], u.text, u.line))
        elif i in self.displaced:
            self._displaced(u, i)
        elif kind in L.HEADERISH:
            return self._header_run(i)
        elif kind in (K.BYLINE, K.META):  # (a publishing line after chrome under the title comes here alone)
            return self._byline(i)
        elif kind == K.HOST:
            cur = self._article(i)
            cur.art.authors.append(L.host_name(u.text) or "")
            cur.host_line = u.line
            cur.art.line_end = max(cur.art.line_end, u.end)
        elif kind == K.RULE:
            # "---", "* * *": the article above ends here
            self.page.furniture.append(Furniture("other", u.text, u.line))
            self.closed = self.closed or (self.cur is not None and _has_body(self.cur.art))
        elif kind == K.NOTE and self.cur is not None and L.footnote(u.key) and _open_body(self.cur.art):
            # a paper's first-page footnote between the two halves of a paragraph: it goes to the article's end,
            # and the article goes on
            self.cur.footnotes.append(Paragraph(P.NOTE, u.text, u.line, u.end))
        elif kind in (K.NOTE, K.SIGNOFF):
            if self.cur is None:
                self.page.furniture.append(Furniture("other", u.text, u.line))
            else:
                if not _has_body(self.cur.art):
                    self.cur.sealed.add(len(self.cur.art.paragraphs))  # complete as it stands: no text glued to it
                _add(self.cur, Paragraph(P.NOTE, u.text, u.line, u.end), kind)
            # an end note closes an article; one right under a title (来源：…) does not, the text is still to come
            self.closed = self.cur is None or _has_body(self.cur.art)
        elif kind == K.EDITOR:
            if self.cur is not None and L.keywords_line(u.key):
                _abstract_goes_on(self.cur.art)
            if self.cur is None or _has_body(self.cur.art):
                # A 编者按 after a finished body belongs to the page or to what follows: start a holder that is
                # dissolved into furniture unless a body follows it.
                self.cur = _start(self.page, [], [], i)
            _add(self.cur, Paragraph(P.EDITOR, u.text, u.line, u.end), kind)
        elif kind in (K.GUESTS, K.GUEST):
            cur = self._article(i)
            cur.sealed.add(len(cur.art.paragraphs))
            _add(cur, Paragraph(P.EDITOR, u.text, u.line, u.end), kind)
        else:
            para_kind = _PARAGRAPH_KIND.get(kind, P.BODY)  # prose, datelines and anything unplaced are body
            if kind == K.DATELINE and L.bare_dateline(u.text):
                para_kind = P.DATELINE
            text = _bare(u) if para_kind == P.HEADING else u.text
            head = _JUMP_HEAD.match(text) if para_kind == P.BODY else None
            if head:  # "（上接第3版）并通过…": the marker is furniture, the rest goes back to its article
                self.page.furniture.append(Furniture("jump", head.group().strip(), u.line))
                text = text[head.end():]
                self._resume()
            tail = _JUMP_TAIL.search(text) if para_kind == P.BODY else None
            if tail:  # "…数十万件，（下转第4版）"
                self.page.furniture.append(Furniture("jump", tail.group().strip(), u.line))
                text = text[: tail.start()]
            _add(self._article(i), Paragraph(para_kind, text, u.line, u.end), kind)
            if tail:
                self._park()
            # A sign-off such as "…。（剑平）" or "（完）" ends a news item as an end note does.
            self.closed = para_kind == P.BODY and _ends_item(text)
        return i + 1

    def _jump(self, u: Line, i: int) -> None:
        """下转第11版 under an unfinished paragraph: the article goes on elsewhere. 上接第10版 over prose that goes
        on a sentence: the rest of the oldest such article, which becomes the current one again."""
        if re.search(_JUMP_OUT, u.key):
            self._park()
        elif re.search(_JUMP_IN, u.key) and self.jumped:
            nxt_at = _next_content(self.units, i)
            nxt = self.units[nxt_at] if nxt_at is not None else None
            if self.jumped[0] is self.cur:
                self.jumped.pop(0)  # the rest follows right after its first half: nothing to go back to
            elif nxt is not None and nxt.kind in (K.PROSE, K.HEADLINE, K.LONG_HEADLINE):
                self._resume()

    def _park(self) -> None:
        """The current article stopped at a 下转 mid-sentence: keep it for the 上接 that brings its rest."""
        cur = self.cur
        if cur is not None and _open_body(cur.art) and cur not in self.jumped:
            self.jumped.append(cur)

    def _resume(self) -> None:
        """At a 上接: the oldest parked article becomes the current one again."""
        if self.jumped and self.jumped[0] is not self.cur:
            self.cur, self.closed = self.jumped.pop(0), False

    def _displaced(self, u: Line, i: int) -> None:
        """A `#` title printed away from its article names the current untitled one."""
        if self.cur is None:
            self.cur = _start(self.page, [u], [], i)
        elif not self.cur.art.title:
            self.cur.art.title = u.text
            self.cur.art.line_end = max(self.cur.art.line_end, u.end)
        else:
            _add(self.cur, Paragraph(P.HEADING, u.text, u.line, u.end), u.kind)

    def _header_run(self, i: int) -> int:
        units = self.units
        j = i
        while j < len(units) and units[j].kind in L.HEADERISH and j not in self.displaced:
            j += 1
        by = j
        while by < len(units) and units[by].kind in L.BYLINES:
            by += 1
        run = units[i:j]
        nxt_at = j
        while nxt_at < len(units) and units[nxt_at].kind in _INLINE_FURNITURE:
            nxt_at += 1
        nxt = units[nxt_at] if nxt_at < len(units) else None
        if by > j:
            self.cur = _start(self.page, run, units[j:by], i)
            self.closed = False
            return by
        if j < len(units) and units[j].kind == K.DATA:
            # The heading of a weather box or similar table goes with the table.
            self.page.furniture.extend(Furniture("other", r.text, r.line) for r in run)
            return j
        decision = self._starts_article(run, i, j, nxt, nxt_at)
        if decision.start:
            title_at, headings = _title_and_headings(self.page, run, evidence.opens_talk(nxt))
            self.cur = _start(self.page, run[: len(run) - len(headings)], [], i, title_at)
            self.cur.start_confidence = decision.confidence
            for h in headings:
                _add(self.cur, Paragraph(P.HEADING, _bare(h), h.line, h.end), h.kind)
            self.closed = False
        else:
            if self.cur is not None and decision.confidence < 1.0 and any(r.kind in _TITLE_KINDS for r in run):
                self.cur.kept_confidence = min(self.cur.kept_confidence, decision.confidence)
            for k in range(i, j):
                self._inline(units[k], k + 1)
        return j

    def _byline(self, i: int) -> int:
        units = self.units
        by = i
        while by < len(units) and units[by].kind in L.BYLINES:
            by += 1
        cur = self.cur
        nxt_at = _next_content(units, by - 1)  # past an editor line or a caption: what the byline stands above
        nxt = units[nxt_at] if nxt_at is not None else None
        if any(b.kind == K.META for b in units[i:by]) and cur is not None and _has_body(cur.art):
            # A publishing line always stands under its own title: the line above it, if one short line is there
            # (a title too long or too punctuated to look like one), else an untitled article starts here.
            lead = _prev_content(units, i)
            last = cur.art.paragraphs[-1]
            if lead is not None and units[lead].kind in (K.PROSE, K.LONG_HEADLINE) and last.line_start == units[lead].line \
                    and len(units[lead].text) <= 80 and not re.search(r"[。；]", units[lead].key[:-1]):
                self._retitle(lead, i, by)
            else:
                self.cur = _start(self.page, [], units[i:by], i)
            self.closed = False
            return by
        # under a body, with a title, an end note or the page's end below: the article's signature
        ends = nxt is None or nxt.kind in L.HEADERISH or nxt.kind in (K.NOTE, K.SIGNOFF)
        if cur is not None and _has_body(cur.art) and not self.closed and ends:
            lead = self._sentence_title(i)
            if lead is not None:
                # "为…购买汽车，…可以按照消费者权益保护法处理。 / 本报记者 高原 / 张莉诉…案": a title printed as
                # a sentence, set apart above a reporter's byline, opens the next article
                self._retitle(lead, i, by)
                self.closed = False
                return by
            # "文/北京互联网法院法官 封瑜" under a body and above the next title: the author signs off the article
            for b in units[i:by]:
                _add(cur, Paragraph(P.NOTE, b.text, b.line, b.end), K.NOTE)
                if not cur.art.authors:
                    cur.art.authors.extend(_authors(b))
            self.closed = True
            return by
        if cur is not None and _has_body(cur.art) and all(_SIGNATURE.match(b.key) for b in units[i:by]):
            # "文/…法官 屠育" under a body with more text below: the author's line stays with the text above it
            for b in units[i:by]:
                _add(cur, Paragraph(P.NOTE, b.text, b.line, b.end), K.NOTE)
            return by
        if cur is not None and not _has_body(cur.art) and (cur.art.title or not cur.art.authors):
            for b in units[i:by]:  # a byline under a header that something else already started
                cur.art.authors.extend(_authors(b))
                cur.art.line_end = max(cur.art.line_end, b.end)
                _keep_publishing_line(cur, b)
        else:
            self.cur = _start(self.page, [], units[i:by], i)  # □name after an end note: an article titled later
        self.closed = False
        return by

    def _retitle(self, lead: int, i: int, by: int) -> None:
        """The current article's last paragraph (the unit at `lead`) was the title of the next one, whose bylines
        are the units [i, by): take it back and open that article."""
        assert self.cur is not None
        self.cur.art.paragraphs.pop()
        self.cur = _start(self.page, [self.units[lead]], self.units[i:by], lead, 0)

    def _sentence_title(self, i: int) -> int | None:
        """The line above the byline at i, when it is a title that ends like a sentence rather than the body's
        last paragraph: one short sentence, further apart from the text above than the page's paragraphs are,
        over a reporter's byline (本报记者…; a 文/… line under a body signs the article off)."""
        at = _prev_content(self.units, i)
        cur = self.cur
        if at is None or cur is None or not self.page.stats.blank_separated:
            return None
        u = self.units[at]
        last = cur.art.paragraphs[-1] if cur.art.paragraphs else None
        if (
            u.kind != K.PROSE
            or last is None
            or last.line_start != u.line
            or sum(p.kind == P.BODY for p in cur.art.paragraphs) < 2
            or not (8 <= len(u.key) <= 60)
            or not L.ends_sentence(u.key)
            or re.search(r"[。！？!?]", u.key[:-1])
            or u.gap <= self.page.stats.paragraph_gap + 0.5
            or not re.search(r"记者|通讯员", self.units[i].key)
        ):
            return None
        return at

    def _starts_article(self, run: list[Line], i: int, j: int, nxt: Line | None, nxt_at: int) -> Decision:
        cur = self.cur
        if cur is None or self.closed:
            return Decision.certain(True, "top of page or after a sign-off")
        if not cur.art.title and not _has_body(cur.art):
            if cur.art.authors:
                return Decision.certain(False, "a byline waits for its article's text")
            return Decision.certain(True, "the current article only holds a page-level 编者按")
        if nxt is not None and nxt.kind == K.PROSE and (nxt.key[:1] in _CLOSING or opens_mid_word(nxt.key)):
            return Decision.certain(False, "the line below goes on a sentence: a cut")
        if nxt is not None and nxt.kind == K.PROSE and context.unclosed(run[-1].key):
            return Decision.certain(False, "a quote or bracket left open above: the paragraph goes on below")
        if any(self.units[k].kind == K.JUMP for k in range(j, nxt_at)):
            return Decision.certain(False, "a jump line (下转…) follows: the paragraph goes on elsewhere")
        before = i - 1
        while before >= 0 and self.units[before].kind in _INLINE_FURNITURE and self.units[before].kind != K.JUMP:
            before -= 1
        if before >= 0 and self.units[before].kind == K.JUMP and "上接" in self.units[before].key:
            return Decision.certain(False, "right after 上接…: the rest of a cut paragraph")
        titles = [r for r in run if r.kind in _TITLE_KINDS]
        if any(L.title_key(r.text) in self.page.toc_keys for r in titles):
            return Decision.certain(True, "listed in the table of contents")
        if not titles:
            return Decision.certain(False, "no title in the run")
        title_at, headings = _title_and_headings(self.page, run, evidence.opens_talk(nxt))
        title = run[title_at] if title_at is not None else titles[-1]
        prev_at = _prev_content(self.units, i)
        prev = self.units[prev_at] if prev_at is not None and prev_at >= cur.first_unit else None
        ci = self.page.content_index
        first = ci.get(cur.first_unit, 0)
        here = ci.get(i, 0)
        below_end = here
        for k in range(nxt_at, len(self.units)):
            u = self.units[k]
            if u.kind in L.HEADERISH or u.kind in L.BYLINES:
                break
            if k in ci:
                below_end = ci[k] + 1
        junction = (
            nxt is not None
            and nxt.kind == K.PROSE
            and not L.ends_sentence(title.text)
            and _cut_between(title.key, nxt.key)
        )
        cand = Candidate(
            run=run, title=title, nxt=nxt, prev=prev, cur_has_body=_has_body(cur.art),
            cur_has_title=bool(cur.art.title),
            above=range(max(first, here - 6), here), below=range(ci.get(nxt_at, here + len(run)), below_end),
            junction_cut=junction,
            cur_is_interview=cur.host_line is not None or any(p.kind == P.QUESTION for p in cur.art.paragraphs),
            cur_is_roundup=bool(cur.art.paragraphs) and cur.art.paragraphs[0].kind == P.DATELINE,
            headings=headings,
        )
        return evidence.decide(cand, self.page.stats)

    def _inline(self, u: Line, after: int) -> None:
        """A header-like line inside an article: a section heading, unless it is part of a cut paragraph."""
        cur = self._article(after - 1)
        paras = cur.art.paragraphs
        candidate = Paragraph(P.BODY, u.text, u.line, u.end)
        nxt_at = _next_content(self.units, after - 1)
        nxt = self.units[nxt_at] if nxt_at is not None else None
        if paras and cur.last_unit in _PROSE_UNITS and continues(paras[-1], candidate):
            _add(cur, candidate, K.PROSE)  # the tail of a cut paragraph that happens to be short
        elif u.kind in (K.HEADLINE, K.LONG_HEADLINE) and (
            (after in self.displaced)  # a displaced title interrupts it: it is the head of a cut paragraph
            or (nxt is not None and nxt.kind == K.PROSE and opens_mid_word(nxt.text))  # "…负责人表" | "示，…"
            or (nxt is not None and nxt.kind == K.PROSE and (_cut_between(u.key, nxt.key) or context.unclosed(u.key)))
            # "…围绕什么是高质量发展、为什么" | folio | "要高质量发展…": a clause cut by the page, not a heading
            or (nxt is not None and nxt.kind == K.PROSE and nxt_at > after and "，" in u.key
                and not L.ends_sentence(u.key) and any(self.units[k].kind in (K.FOLIO, K.JUMP)
                                                        for k in range(after, nxt_at)))
        ):
            _add(cur, candidate, K.PROSE)
        elif u.kind == K.LONG_HEADLINE:
            _add(cur, candidate, K.PROSE)  # too long for a section heading: a short paragraph
        elif u.kind in (K.HEADLINE, K.MD_HEADING, K.MD_TITLE, K.MARKED) or (
            u.kind == K.KICKER and u.key.endswith("——") and nxt is not None and nxt.kind == K.PROSE
        ):
            # (a "——"-ended line right above the text it introduces is a heading styled with a dash)
            _add(cur, Paragraph(P.HEADING, _bare(u), u.line, u.end), u.kind)
            self.closed = False
        else:
            _add(cur, candidate, K.PROSE)  # a kicker- or subtitle-shaped line inside a body is body text


# Jump lines printed inside the text: "…数十万件，（下转第4版）", "（上接第3版）并通过…".
_JUMP_OUT, _JUMP_IN = r"下转|转第|续第", r"上接|接第|接上"  # the text goes on elsewhere / comes from elsewhere
_JUMP_TAIL = re.compile(rf"\s*[（(【]\s*({_JUMP_OUT})\s*第?\s*[\dA-Za-z一二三四五六七八九十]+\s*版\s*[）)】]\s*$")
_JUMP_HEAD = re.compile(rf"^\s*[（(【]\s*({_JUMP_IN})\s*第?\s*[\dA-Za-z一二三四五六七八九十]+\s*版\s*[）)】]\s*")
_SIGNATURE = re.compile(r"^(文|作者|撰文)\s*[/／：:｜|丨]")  # an author's line that may sign an article off


def _authors(b: Line) -> list[str]:
    """The names a byline, or a web page's publishing line (作者：…), gives."""
    if b.kind == K.META:
        return L.meta_authors(b.text)
    return L.byline_names(b.text, require_surname=False) or []


def _bare(u: Line) -> str:
    """A title or heading as stored: 【基本案情】 → 基本案情 (the brackets are how it was marked, not its text)."""
    t = u.text
    return t[1:-1].strip() if u.style == "bracket" and t.startswith("【") and t.endswith("】") else t


def _heading_like(page: _Page, u: Line, title: Line) -> bool:
    """A line of a header run that is a section heading of the article rather than part of its title block."""
    st = page.stats
    if u.kind not in (K.HEADLINE, K.MD_HEADING, K.LONG_HEADLINE):
        return False
    if u.key in st.repeated or _NUMBERED_HEAD.match(u.key):
        return True
    if u.style != title.style and st.heading_styles[u.style] and not st.title_styles[u.style]:
        return True
    return len(u.text) <= 8 < len(title.text) - 4


def _title_and_headings(page: _Page, run: list[Line], talk_below: bool = False) -> tuple[int | None, list[Line]]:
    """Which line of a run (no byline under it) is the title, and which lines after it are section headings.

    The last headline is the title ("引题 / 标题"), unless it looks like a section heading of the article
    ("标题 / 基本案情"), or a question turn follows (an interview is set out under headings of its topics): then
    the title is the first headline and the rest of the run are its first headings.
    """
    titles = [n for n, r in enumerate(run) if r.kind in _TITLE_KINDS]
    if len(titles) < 2 or not (talk_below or _heading_like(page, run[titles[-1]], run[titles[-2]])):
        return _pick_title(page, run), []
    # The run ends in the article's first section heading, so the title is its first headline and every
    # headline after it is a heading ("标题 / 吴某诉某公司买卖合同纠纷案 / 裁判要点").
    at = titles[0]
    first_heading = titles[1]
    tail = run[first_heading:]
    if not all(r.kind in (K.HEADLINE, K.MD_HEADING, K.LONG_HEADLINE) for r in tail):
        return titles[-1], []
    return at, tail




def _pick_title(page: _Page, run: list[Line]) -> int | None:
    """Which line of a header run is the title (主题), the lines above it being kickers (引题) and below it
    subtitles (副题).

    A line the table of contents lists is the title. After a kicker that ends ——, ： or in a verb of saying
    (强调, 提出…), the first headline is the title. Otherwise of two headlines the second is the title and the
    first its kicker (a shorter line over a longer one; two lines of a title's length are merged by `_start`); of
    three or more, the first is the title and the rest its subtitles.
    """
    titles = [n for n, r in enumerate(run) if r.kind in _TITLE_KINDS]
    if not titles:
        return None
    for n in titles:
        if L.title_key(run[n].text) in page.toc_keys:
            return n
    kickers = [n for n, r in enumerate(run) if r.kind == K.KICKER or (
        r.kind in (K.HEADLINE, K.LONG_HEADLINE) and L.speech_kicker(r.key) and n < titles[-1])]
    if kickers:
        after = [n for n in titles if n > kickers[-1]]
        if after:
            return after[0]
    if len(titles) == 2:
        return titles[1]  # "加快发展新质生产力" / "知识产权护航…": a kicker and its title (a subtitle opens on ——)
    if len(titles) >= 3 and all(run[n].style == "plain" for n in titles):
        return titles[0]
    return titles[-1]


def _one_title_on_two_lines(run: list[Line], title_at: int) -> bool:
    """Two plain headlines on consecutive lines, neither marked as a kicker (——, ：, a verb of saying), both of a
    title's length, the first not much the shorter: one title set on two lines ("习近平：全面加强知识产权保护工作" / "激发创新活力 推动构建新发展
    格局"), which the page printed without a blank line between them."""
    if len(run) != 2 or title_at != 1:
        return False
    a, b = run
    return (
        all(r.kind in (K.HEADLINE, K.LONG_HEADLINE) and r.style == "plain" for r in run)
        and b.gap == 0
        and len(a.key) >= 8 and len(b.key) >= 8
        # a typesetter fills a title's first line; a shorter line over a longer one is a kicker (引题) and its title
        and len(a.key) >= len(b.key) - 3
        and not L.speech_kicker(a.key)
        and not re.match(r"(文|图|作者)\s*[/／：]", a.key) and "作者单位" not in a.key  # an author line above
        and L.headline_shaped(a.key + b.key, L.LONG_HEADLINE_MAX)
    )


def _add(cur: _Draft, para: Paragraph, unit_kind: str) -> None:
    cur.art.paragraphs.append(para)
    cur.art.line_end = max(cur.art.line_end, para.line_end)
    cur.last_unit = unit_kind


def _abstract_goes_on(art: ParsedArticle) -> None:
    """What stands between a paper's abstract and its keywords is the rest of the abstract: on a wrapped page a
    line that ends on a full stop at the column's edge looks like a paragraph's end, and cut it there."""
    paras = art.paragraphs
    at = next((n for n in range(len(paras) - 1, -1, -1) if paras[n].kind == P.EDITOR), None)
    if at is None or at == len(paras) - 1 or not all(p.kind == P.BODY for p in paras[at + 1:]):
        return
    lead = paras[at]
    rest = paras[at + 1:]
    paras[at:] = [Paragraph(P.EDITOR, lead.text + "".join(p.text for p in rest), lead.line_start, rest[-1].line_end)]


def _open_body(art: ParsedArticle) -> bool:
    """The article's last paragraph is body text that stops mid-sentence."""
    last = art.paragraphs[-1] if art.paragraphs else None
    return last is not None and last.kind == P.BODY and L.is_open(last.text)


def _has_body(art: ParsedArticle) -> bool:
    return any(p.kind in (P.BODY, P.HEADING, P.QUESTION) for p in art.paragraphs)


def _start(page: _Page, run: list[Line], bylines: list[Line], at: int, title_at: int | None = None) -> _Draft:
    """A new article from its header run (title, kicker, subtitle, column) and byline lines."""
    art = ParsedArticle(title="")
    first_article = not page.drafts
    if title_at is None:
        title_at = _pick_title(page, run)
    subtitles: list[str] = []
    kickers: list[str] = []
    if title_at is not None and _one_title_on_two_lines(run, title_at):
        art.title = f"{run[0].text} {run[1].text}"
        after, before = [], []
    elif title_at is not None:
        art.title = _bare(run[title_at])
        after = run[title_at + 1:]
        before = run[:title_at]
    else:
        after, before = run, []
    for r in after:
        if r.kind == K.COLUMN:
            art.column = r.text
        elif r.kind == K.TOPIC or (r.kind == K.KICKER and title_at is None):
            kickers.append(r.text)
        else:
            subtitles.append(r.text)
    nearest = True
    banners: list[Line] = []
    for r in reversed(before):
        if r.kind == K.COLUMN:
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
        art.authors.extend(_authors(b))
    spans = [r for r in run if r not in banners] + bylines
    if spans:
        art.line_start = min(r.line for r in spans)
        art.line_end = max(r.end for r in spans)
    draft = _Draft(art, first_unit=at)
    for b in bylines:
        _keep_publishing_line(draft, b)
    page.drafts.append(draft)
    return draft


def _keep_publishing_line(draft: _Draft, b: Line) -> None:
    """A publishing line (来源：… 发布时间：…, 国知发运字〔2024〕12号, a paper's affiliations) says where the
    article comes from: it is kept as the article's first note, complete as it stands (nothing is glued to it)."""
    if b.kind == K.META:
        draft.sealed.add(len(draft.art.paragraphs))
        _add(draft, Paragraph(P.NOTE, b.text, b.line, b.end), K.NOTE)


# --- finishing --------------------------------------------------------------------------------------------


def _finish(draft: _Draft) -> ParsedArticle:
    art = draft.art
    art.paragraphs = rejoin(art.paragraphs, frozenset(draft.sealed)) + draft.footnotes
    _split_trailing_note(art)
    _split_dateline(art)
    if draft.host_line is not None:
        # In a hosted feature the prose above 本期主持 introduces the talk: it is a lead-in, not body.
        for p in art.paragraphs:
            if p.kind == P.BODY and p.line_end < draft.host_line:
                p.kind = P.EDITOR
    if not art.authors:
        art.authors = _implicit_authors(art.paragraphs)
    art.authors = [a for a in dict.fromkeys(art.authors) if a]
    if art.paragraphs:
        if not art.line_start:
            art.line_start = art.paragraphs[0].line_start
        art.line_start = min(art.line_start, art.paragraphs[0].line_start)
        art.line_end = max(art.line_end, max(p.line_end for p in art.paragraphs))
    return art


def _split_dateline(art: ParsedArticle) -> None:
    """"本报北京3月5日电（记者 陈 静）今年…": the dateline becomes its own paragraph, and names the authors."""
    for i, para in enumerate(art.paragraphs):
        if para.kind != P.BODY:
            continue
        found = L.dateline(para.text)
        if found is None:
            return
        printed, names, end = found
        art.paragraphs[i: i + 1] = [
            Paragraph(P.DATELINE, printed, para.line_start, para.line_start),
            Paragraph(P.BODY, para.text[end:].lstrip(), para.line_start, para.line_end),
        ]
        if not art.authors:
            art.authors.extend(names)
        return


def _split_trailing_note(art: ParsedArticle) -> None:
    """"…的贡献。（来源：求是，2021-02-08）" or "…。（记者 张晓）" on one line: the note becomes its own paragraph."""
    tail = [i for i, p in enumerate(art.paragraphs) if p.kind != P.NOTE]
    if not tail or art.paragraphs[tail[-1]].kind != P.BODY:
        return
    i = tail[-1]
    para = art.paragraphs[i]
    m = _TRAILING_NOTE.search(L.fold(para.text))
    if not m or m.start() == 0:
        return
    head, note = para.text[: m.start()].rstrip(), para.text[m.start():].strip()
    art.paragraphs[i: i + 1] = [
        Paragraph(P.BODY, head, para.line_start, para.line_end),
        Paragraph(P.NOTE, note, para.line_end, para.line_end),
    ]
    if not art.authors:
        names = L.byline_names(note.strip("（）()"), require_surname=False) if re.search("记者|通讯员", note) else None
        art.authors.extend(names or [])


def _ends_item(text: str) -> bool:
    m = _SIGN_OFF.search(text)
    t = L.fold(text)
    return (
        bool(m and m.group(1) not in _NOT_SIGN_OFF)
        or bool(_END_MARK.search(text))
        or bool(_TRAILING_NOTE.search(t) and not re.search(r"（(来源|作者单位|作者系|作者为|原载)", t[-60:]))
    )


def _implicit_authors(paragraphs: list[Paragraph]) -> list[str]:
    """A sign-off "…。（剑平）" after the last paragraph."""
    body = [p for p in paragraphs if p.kind == P.BODY]
    if not body:
        return []
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
        out.append(Furniture("editor" if p.kind == P.EDITOR else "other", p.text, p.line_start))
    return out
