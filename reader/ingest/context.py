"""Kinds that a block's neighbours settle, before the pass that finds the articles: split → **context** → build.

A line's shape alone (`lines.py`) cannot say whether "王浩" under a title is a byline or a heading, whether the
titles under 相关新闻 link elsewhere, or whether two headlines are one title set on two lines. `resolve` settles
those from the lines around them, in place; `split.py` then reads the settled lines top to bottom.
"""
from __future__ import annotations

import re

from reader.ingest import junction
from reader.ingest import lines as L
from reader.ingest.lines import Kind as K
from reader.ingest.lines import Line

_OPENERS = {"“": "”", "《": "》", "（": "）", "【": "】", "「": "」"}
_TITLE_DANGLES = frozenset("的了着和或而把被将之其等与及")  # a title's first line does not stop on these
_TITLE_GOES_ON = frozenset("与和及并或的之")  # … and its second line does not open on these


def unclosed(key: str) -> bool:
    """A quote or bracket opened and not closed (“…, 《…): the line stops mid-phrase."""
    return any(key.count(o) > key.count(c) for o, c in _OPENERS.items())


def title_goes_on(left: str, right: str) -> bool:
    """The second of two title lines continues the first mid-phrase: a quote or bracket left open, a line that
    stops on 的/将/等 or one that opens on 与/及, or a case name (…诉… / …案) spread over both."""
    if unclosed(left):
        return True
    if left[-1:] in _TITLE_DANGLES or right[:1] in _TITLE_GOES_ON:
        return True
    # "中山市某房地产发展有限公司诉广东省" / "中山市自然资源局要求解除行政协议案": the parties begin above
    return ("诉" in left or "与" in left) and not re.search("[诉与]", right) and L.case_name(left + right)


def _related_lists(units: list[Line]) -> None:
    """"相关新闻：" / "往期推荐" and the titles listed under it: links to other articles, furniture. The list runs
    while title-shaped lines follow close under it, and stops at a title that has its article under it."""
    for i, u in enumerate(units):
        if u.kind != K.RELATED:
            continue
        j = i + 1
        while j < len(units) and units[j].gap <= 1 and _listed_title(units[j]):
            after = units[j + 1] if j + 1 < len(units) else None
            if after is not None and (after.kind in L.BYLINES or after.kind == K.DATELINE or (
                    after.kind == K.PROSE and after.gap <= units[j].gap and len(after.text) > 64)):
                break  # a title with its byline or text under it: the next article, not a link
            units[j].kind = K.CHROME
            j += 1


def _listed_title(u: Line) -> bool:
    return u.kind in (K.HEADLINE, K.LONG_HEADLINE, K.MARKED, K.NAMES) or (
        u.kind == K.PROSE and len(u.text) <= L.LONG_HEADLINE_MAX and not re.search(r"[。；]", u.key[:-1]))


def resolve(units: list[Line], *, blank_separated: bool) -> None:
    """Settle the kinds that depend on neighbours, and merge titles set on two lines (in place)."""
    _related_lists(units)
    for k, u in enumerate(units[1:], 1):
        above = units[k - 1]
        if u.kind == K.RULE and u.gap == 0 and set(u.key) <= set("=-－") and above.kind in (
                K.HEADLINE, K.LONG_HEADLINE, K.PROSE, K.NAMES) and len(above.key) <= L.LONG_HEADLINE_MAX:
            # Markdown's underlined headings: "标题" / "=====" is a title, "小标题" / "-----" a section heading
            above.kind, above.style = (K.MD_TITLE, "md1") if "=" in u.key else (K.MD_HEADING, "md2")
            u.kind = K.CHROME
    for u, nxt in zip(units, units[1:]):
        if u.kind in (K.HEADLINE, K.NAMES) and L.office(u.key) and nxt.kind == K.FOLIO and L.date_line(nxt.key):
            # a document's signature: the issuing office on a line of its own, the date under it; it ends the document
            u.kind = nxt.kind = K.SIGNOFF
    for k, (u, nxt) in enumerate(zip(units, units[1:])):
        if u.kind in (K.HEADLINE, K.NAMES) and L.affiliation(nxt.key) and L.byline_names(u.text, require_surname=False):
            u.kind = K.NAMES  # the line right above a paper's affiliations names its authors ("剑平")
            above = units[k - 1] if k else None
            if above is not None and above.kind == K.PROSE and len(above.key) <= 80 and not re.search(
                    r"[。；！？]", above.key[:-1]):
                above.kind = K.HEADLINE if len(above.key) <= L.HEADLINE_MAX else K.LONG_HEADLINE  # … and its title
    for i, u in enumerate(units):
        prev = units[i - 1].kind if i else None
        if u.kind == K.GUEST and prev not in (K.GUESTS, K.GUEST):
            u.kind = K.HEADLINE if L.headline_shaped(u.text) else K.PROSE
        elif u.kind == K.NAMES and prev not in L.HEADERISH | L.BYLINES:
            u.kind = K.HEADLINE if L.headline_shaped(u.text) else K.PROSE
    # A long title is still a title when a byline or a publishing line stands right under it.
    for i, u in enumerate(units[:-1]):
        under = units[i + 1].kind
        if (
            u.kind == K.PROSE
            and under in (K.BYLINE, K.META)
            and len(u.text) <= (45 if under == K.BYLINE else 80)
            and not (re.search(r"[。！!]", u.text) if under == K.BYLINE else re.search(r"[。；]", u.key[:-1]))
            and not u.text.endswith(("，", ",", "、"))
        ):
            u.kind = K.HEADLINE if len(u.text) <= L.HEADLINE_MAX else K.LONG_HEADLINE
    # A title broken after its comma ("购房后无法正常用电，" / "买受人有权要求开发商赔偿损失"): a short line cannot
    # end on a comma, so with the headline under it, it is one title.
    merged_comma: list[Line] = []
    for u in units:
        last = merged_comma[-1] if merged_comma else None
        if (
            last is not None
            and last.kind == K.PROSE
            and u.kind in (K.HEADLINE, K.LONG_HEADLINE)
            and u.gap == 0
            and not last.indent
            and len(last.text) <= 40
            and last.key.endswith(("，", "、"))
            and L.headline_shaped(last.key + u.key, L.LONG_HEADLINE_MAX)
        ):
            text, key = last.text + u.text, last.key + u.key
            kind = K.HEADLINE if L.headline_shaped(key) else K.LONG_HEADLINE
            merged_comma[-1] = Line(kind, text, last.line, u.end, last.gap, False, key, u.style)
        else:
            merged_comma.append(u)
    units[:] = merged_comma
    # A title on two lines over a case name ("医疗美容机构虚假宣传和诊疗" / "过错行为造成患者损害应予赔偿" /
    # "邹某与某医美机构侵权责任纠纷案"): the case name heads the article's text, so both lines above are its title.
    for k in range(len(units) - 2):
        a, b, c = units[k], units[k + 1], units[k + 2]
        if (
            a.kind in (K.HEADLINE, K.LONG_HEADLINE) and b.kind in (K.HEADLINE, K.LONG_HEADLINE)
            and c.kind in (K.HEADLINE, K.LONG_HEADLINE) and L.case_name(c.key)
            and b.gap == 0 and c.gap <= b.gap + 1 and a.style == b.style == "plain"
            and not L.case_name(a.key) and not L.case_name(b.key) and not L.speech_kicker(a.key)
            and len(a.key) >= 8 and len(b.key) >= 6 and L.headline_shaped(a.key + b.key, L.LONG_HEADLINE_MAX)
        ):
            key = a.key + b.key
            units[k] = Line(K.HEADLINE if L.headline_shaped(key) else K.LONG_HEADLINE, a.text + b.text, a.line,
                            b.end, a.gap, a.indent, key, a.style)
            units[k + 1] = Line(K.CHROME, "", b.line, b.line, 0)  # emptied: dropped below
    units[:] = [u for u in units if not (u.kind == K.CHROME and not u.text)]
    for k, u in enumerate(units):
        if u.kind != K.META:
            continue
        # "# 标题" / "老陈说专利" / "专利代理师 · 十年专利实务" / 发布于…: between a Markdown title and its
        # publishing line stand the author's name and line, not headings
        above = [n for n in range(max(0, k - 4), k) if units[n].kind == K.MD_TITLE]
        between = [n for n in range(above[-1] + 1, k) if units[n].kind != K.CHROME] if above else []
        if between and all(units[n].kind in (K.HEADLINE, K.NAMES) and len(units[n].key) <= 30 for n in between):
            units[between[0]].kind = K.NAMES  # the author; a line under the name is the author's own line, a note
            for n in between[1:]:
                units[n].kind = K.NOTE
    for u, nxt in zip(units, units[1:]):
        if nxt.kind == K.NOTE and u.kind in (K.HEADLINE, K.LONG_HEADLINE, K.MD_TITLE) and re.match(
                r"^(来源|信息来源|文章来源|发布时间|发布日期)\s*[：:]", nxt.key):
            nxt.kind = K.META  # "来源：国家知识产权局 | 2024-06-20" right under a title is its publishing line
        if u.kind == K.PROSE and nxt.kind in (K.CREDIT, K.CAPTION) and len(u.key) <= 100 and re.match(
                r"^(新华社|中新社)?发[（(]", nxt.key):
            u.kind = K.CAPTION  # "6月10日，观众在…参观。" / "新华社发（周科 摄）": the photo's caption and credit
    # A title broken mid-word or mid-phrase over two lines ("国知局:过去三年累计驳回商" / "标恶意抢注…",
    # "《民法典》绿色原则对“大棚" / "房”合同纠纷…", "作出人格权保护禁令应将" / "程序审查…"): one title.
    merged_word: list[Line] = []
    for u in units:
        last = merged_word[-1] if merged_word else None
        if (
            last is not None
            and (last.kind in (K.HEADLINE, K.LONG_HEADLINE)
                 or (last.kind == K.PROSE and len(last.key) <= L.HEADLINE_MAX and L.dangling(last.key)
                     and not last.indent))
            and u.kind in (K.HEADLINE, K.LONG_HEADLINE)
            and u.gap == 0
            and last.style == u.style == "plain"
            and L.headline_shaped(last.key + u.key, L.LONG_HEADLINE_MAX)
            and (title_goes_on(last.key, u.key) or junction.splits_word(last.key, u.key))
        ):
            text, key = last.text + u.text, last.key + u.key
            kind = K.HEADLINE if L.headline_shaped(key) else K.LONG_HEADLINE
            merged_word[-1] = Line(kind, text, last.line, u.end, last.gap, last.indent, key, u.style)
        else:
            merged_word.append(u)
    units[:] = merged_word
    # Two headlines on consecutive lines are one title broken over two lines, but only on a page that separates
    # its blocks with blank lines; on a page without them every line is its own block.
    if blank_separated:
        merged: list[Line] = []
        for u in units:
            last = merged[-1] if merged else None
            if (
                last is not None
                and u.gap == 0
                and u.kind == K.HEADLINE
                and last.kind == K.HEADLINE
                and last.style == u.style == "plain"
                and last.end == last.line  # two lines at most: a third under them is a subtitle
                and not L.speech_kicker(last.key)  # "天津市工商联调研提出" / its title
            ):
                text = f"{last.text} {u.text}"
                merged[-1] = Line(K.HEADLINE, text, last.line, u.end, last.gap, last.indent, f"{last.key} {u.key}")
            else:
                merged.append(u)
        units[:] = merged
