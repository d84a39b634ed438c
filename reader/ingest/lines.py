"""Classify single lines of a printed page by their shape: title, byline, end note, caption, prose…

A line's kind here is only what the line looks like on its own. `split.py` decides what it *is* from its
neighbours (a short line is a title before a byline and a section heading inside a body). Half- and full-width
punctuation are folded together for matching only; stored text is never changed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# --- kinds -------------------------------------------------------------------------------------------------
MD_TITLE = "md_title"  # "# 标题"
MD_HEADING = "md_heading"  # "## 小标题"
BYLINE = "byline"  # "□刘春霖", "本报记者 孙琳", "焦宇炜 本报记者 王有强"
NAMES = "names"  # "袁则文 秦淑娟": a byline only right under a title
SUBTITLE = "subtitle"  # "——评《…》一书"
KICKER = "kicker"  # "五部门联合推动——", "开封市祥符区："
TOPIC = "topic"  # "本期话题：…"
COLUMN = "column"  # "记者手记", "委员观察"
NOTE = "note"  # "（作者单位：…）", "（来源：…）", "【…研究成果】", "※…"
CONTACT = "contact"  # "投稿邮箱：…"
CREDIT = "credit"  # "视觉中国", "新华社发"
CAPTION = "caption"  # "…图为…。（郭剑平 摄）"
TOC = "toc"  # "标题<TAB>12"
TOC_HEAD = "toc_head"  # "目 录"
EDITOR = "editor"  # "编者按 …"
QUESTION = "question"  # "主持人：…？"
HOST = "host"  # "本期主持：郭剑平"
GUESTS = "guests"  # "嘉宾名片："
GUEST = "guest"  # "陈雪莹 福建省专利代理人协会副会长": only under GUESTS
DATA = "data"  # weather boxes and similar tables: "北京 晴 18～28℃"
FOLIO = "folio"  # page header: "2024年9月26日 星期四 第3版"
STAFF = "staff"  # "责任编辑：张三", "校对：李四"
NUMBERED = "numbered"  # "一、…", "第一章 总则", "（三）…": always a section heading
DATELINE = "dateline"  # prose that opens a news item: "据新华社电 …", "本报讯 …"
HEADLINE = "headline"  # short, unpunctuated: a title, kicker, banner or section heading
PROSE = "prose"

# Half-width forms folded to full width, only for matching.
_FOLD = ((":", "："), (",", "，"), ("?", "？"), ("!", "！"), ("(", "（"), (")", "）"), (";", "；"))

# Sentence-final marks (after folding). A block ending in one of these is a finished paragraph.
_TERMINAL = frozenset("。！？…”」』）】’.")
# Marks after which a paragraph may legitimately end although the sentence goes on (a list follows).
_SOFT_END = frozenset("：；")

HEADLINE_MAX = 30  # longer lines are prose even without a full stop
MD_MAX = 80  # a "# …" line longer than this, or with sentences in it, is text that happens to start with #
_HAN = r"\u3400-\u9fff"

_MD = re.compile(r"^(#{1,6})\s+(.*)$")  # "# 标题" as Markdown writes it; "#话题#" is not one
_TOC_LINE = re.compile(r"(\t+\s*|[.…·．]{3,}\s*)\d{1,4}\s*$")
_TOC_DOTS = re.compile(r"[.…·．]{3,}\s*\d{1,4}$")
_TOC_HEAD = re.compile(r"^目\s*录$")
_EDITOR = re.compile(r"^[【\[]?(编者按|编者的话|编辑按|编后语?)[】\]]?")
_NOTE = re.compile(
    r"^（(作者|来源|本文|基金项目|项目|课题|原载|转自|摘自|稿件来源|注：).*）$"
    r"|^【[^】]*(成果|项目|课题|基金|资助)[^】]*】$"
    r"|^※"
    r"|^(作者单位|作者简介|来源|基金项目|原载|稿件来源)："
    r"|^本文(系|为|是)[^。]*(成果|项目|课题|资助)"
)
_CONTACT = re.compile(r"(投稿|联系|电子)(邮箱|信箱|电话|地址)|e-?mail|[\w.+-]+@[\w-]+\.[\w.]+", re.I)
_CAPTION = re.compile(r"（[^（）]{0,24}(摄|供图|制图|图|发)）$|^图为|^▲|^△|^上图|^下图|^左图|^右图")
_CREDIT = re.compile(
    r"^(视觉中国|东方IC|图虫创意|新华社发|中新社发|资料图片?|CFP|IC ?photo|图[/／｜|：])"
    r"|(摄|供图|制图|绘图|图片)$",
    re.I,
)
_FOLIO = re.compile(
    r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(星期|周)[一二三四五六日天]"
    r"|第\s*[\d一二三四五六七八九十]+\s*版(?![权本])"
    r"|^(星期|周)[一二三四五六日天]\s"
)
_STAFF = re.compile(r"^(责任编辑|责编|美术编辑|美编|校对|版式设计|本版编辑|组版|照排)：")
_TOPIC = re.compile(r"^本期(话题|主题|议题)：")
_HOST = re.compile(r"^本期(主持人?|策划)：\s*(.{2,12})$")
_QUESTION = re.compile(r"^(主持人|记者|本报记者|问|Q)：")
_GUESTS = re.compile(r"^(嘉宾名片|嘉宾简介|访谈嘉宾|本期嘉宾|对话嘉宾)：?")
_GUEST = re.compile(rf"^[{_HAN}]{{2,4}}\s+\S")
_SUBTITLE = re.compile(r"^——(?!“|\")")
_DATA = re.compile(r"\d\s*(℃|°C|°)|[～~-]\s*\d+\s*℃|风\s*\d+[～~-]?\d*\s*级")
_NUMBERED = re.compile(
    r"^(第[一二三四五六七八九十百零〇\d]+[章节编篇部分卷]"
    r"|[一二三四五六七八九十]{1,3}、"
    r"|（[一二三四五六七八九十]{1,3}）"
    r"|\d{1,2}[、．](?!\d))"
)
_DATELINE = re.compile(
    r"^(据新华社电|据中新社电|本报讯|新华社[^，。]{0,16}电|中新社[^，。]{0,16}电|本报[^，。]{1,10}(电|讯)"
    r"|据[^，。]{1,10}(报道|消息))"
)
_COLUMN_SUFFIXES = (
    "手记", "观察", "会客厅", "时评", "快评", "短评", "评论", "论坛", "视点", "聚焦", "访谈", "声音", "札记",
    "随笔", "专栏", "笔谈", "漫谈", "茶座", "纵横", "走笔", "特稿", "锐评", "热评", "杂谈",
)
# A line ending in one of these plus a colon introduces a list or a quote in the body ("具体措施如下："); it is
# not a kicker such as "开封市祥符区：".
_LEAD_IN = re.compile(r"(如下|包括|表现在|表现为|指出|强调|认为|表示|提出|要求|说|是|有|为|即|例如|比如)：$")
# Words that sit in a byline beside the names ("本报记者 孙琳", "王五 摄"); longest first for stripping.
_ROLES = (
    "本报特约记者", "本报见习记者", "本报实习记者", "本报通讯员", "特约通讯员", "本报记者", "特约记者", "见习记者",
    "实习记者", "实习生", "通讯员", "记者", "撰文", "作者", "摄影", "文", "图", "摄",
)
_ROLE_PREFIX = re.compile("|".join(r for r in _ROLES if len(r) > 1))
_ROLE_ORG = re.compile(r"^[\u3400-\u9fff]{2,8}(记者|通讯员)$")  # "新华社记者", "人民日报记者"
_NAME = re.compile(rf"^[{_HAN}·]{{2,5}}$")
# Characters a Chinese phrase does not end on; a short line ending in one was cut by the page, not a heading.
# Kept small on purpose: 向, 地, 与, 对… also end common words (方向, 基地, 参与, 面对) that end headings.
_DANGLING_END = frozenset("的了着和或而把被将之其")
_CLAUSE = re.compile(r"[，；]")
# A speaker label: a 2–4 character name, or 问/答. A lone character before a colon is more often "说：".
_SPEAKER = re.compile(rf"^([{_HAN}]{{2,4}}|问|答)：")

# Common single- and two-character surnames: a names-only line needs every name to start with one, so that
# short lines such as "上海 多云" or "总 则" are not taken for bylines.
_SURNAMES_1 = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康"
    "施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成"
    "苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫"
    "费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈"
    "匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰"
    "支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕"
    "危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
_SURNAMES_2 = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 夏侯 长孙 宇文 司徒 端木 独孤 南宫 呼延 轩辕 申屠 西门 "
    "澹台 公冶 太史 闻人 钟离 宗政 濮阳 淳于 单于 拓跋 百里 东郭 谷梁 第五".split()
)
_NOT_NAMES = frozenset(("总则", "附则", "目录", "前言", "引言", "结语", "后记", "序言", "附录", "导语", "简介"))


@dataclass
class Line:
    """One non-blank source line, classified by shape. `end` > `line` only for a two-line title."""

    kind: str
    text: str  # stripped; a `#` marker removed
    line: int  # 1-based line number in the page
    end: int
    gap: int  # blank lines directly above


def fold(text: str) -> str:
    """Full-width punctuation for matching; never stored."""
    for half, full in _FOLD:  # str.replace is far faster than str.translate on CJK text
        if half in text:
            text = text.replace(half, full)
    return text


def ends_sentence(text: str) -> bool:
    """True when the text ends in sentence-final punctuation (either width)."""
    t = fold(text.rstrip()[-1:])
    return bool(t) and t[-1] in _TERMINAL


def is_open(text: str) -> bool:
    """A block that stops mid-sentence: not sentence-final and not a colon/semicolon that introduces a list."""
    t = fold(text.rstrip()[-1:])
    return bool(t) and t[-1] not in _TERMINAL and t[-1] not in _SOFT_END


def looks_like_name(token: str) -> bool:
    if not _NAME.match(token) or token in _NOT_NAMES:
        return False
    return token[0] in _SURNAMES_1 or token[:2] in _SURNAMES_2


def byline_names(text: str, *, require_surname: bool = True) -> list[str] | None:
    """Bare names in a byline ("□时润哲 秦明玉", "焦宇炜 杜远红 本报记者 王有强"), or None if it is not one.

    Role words (本报记者, 通讯员, 摄…) and the □ mark are dropped. Without a role word or a □, every token must
    look like a personal name, so that short headings are not mistaken for bylines.
    """
    t = fold(text.strip())
    marked = t.startswith(("□", "■", "◎", "○"))
    t = t.lstrip("□■◎○ ").strip()
    if not t or len(t) > 40 or any(c in t for c in "。！？，；《》“”"):
        return None
    t = re.sub(r"^(文|图|撰文|作者)\s*[/／｜|：]\s*", "", t)
    had_role = False
    tokens: list[str] = []
    for tok in re.split(r"[\s、，/／｜|]+", t):
        # Multi-character roles may be glued to a name ("本报记者孙琳"); one-character ones (文, 摄) only stand
        # alone, since they also occur inside names.
        m = _ROLE_PREFIX.match(tok)
        if _ROLE_ORG.match(tok):
            had_role = True
            continue
        if tok in _ROLES or m:
            had_role = True
            tok = tok[m.end():] if m else ""
        if tok:
            tokens.append(tok)
    if not tokens or len(tokens) > 8:
        return None
    if marked or had_role:
        return tokens if all(_NAME.match(tok) for tok in tokens) else None
    if require_surname and not all(looks_like_name(tok) for tok in tokens):
        return None
    return tokens


def _has_role(text: str) -> bool:
    tokens = [tok for tok in re.split(r"[\s、，/／｜|]+", text) if tok]
    return any(tok in _ROLES or _ROLE_PREFIX.match(tok) or _ROLE_ORG.match(tok) for tok in tokens)


def host_name(text: str) -> str | None:
    m = _HOST.match(fold(text.strip()))
    return m.group(2).strip() if m else None


def toc_title(text: str) -> str:
    """A TOC entry without its page number."""
    return _TOC_LINE.sub("", text).strip()


def title_key(text: str) -> str:
    """Comparison key for titles: no spaces or punctuation, so the TOC and the body title match."""
    return re.sub(rf"[^{_HAN}A-Za-z0-9]", "", text)


def dangling(text: str) -> bool:
    """Ends on a character no heading ends on (的, 和, 在 …): the line was cut mid-phrase."""
    t = text.rstrip()
    return bool(t) and t[-1] in _DANGLING_END


def opens_mid_word(text: str) -> bool:
    """Starts with a lone character before a comma ("示，随着…"): the tail of a word cut by a page break."""
    t = fold(text.lstrip())
    return len(t) >= 2 and t[0] not in "“（【《" and t[1] in "，、。；："


def speaker_turn(text: str) -> bool:
    """A Q&A turn ("李劲松：…", "主持人：…") always starts a new paragraph."""
    return bool(_SPEAKER.match(fold(text.lstrip())))


def headline_shaped(text: str) -> bool:
    """Short, no full stop inside, at most one clause comma, not ending mid-phrase."""
    t = fold(text.strip())
    if len(t) > HEADLINE_MAX or not t:
        return False
    if any(c in t[:-1] for c in "。！？") or t[-1] in "，、；：。…":
        return False
    if len(_CLAUSE.findall(t)) > 1:
        return False
    return not dangling(t)


def classify(text: str) -> tuple[str, str]:
    """(kind, stored text) of one non-blank line. The stored text is the stripped line, minus a `#` marker."""
    raw = text.strip()
    m = _MD.match(raw)
    if m and m.group(2) and len(m.group(2)) <= MD_MAX and not any(c in m.group(2)[:-1] for c in "。！？"):
        return (MD_TITLE if len(m.group(1)) == 1 else MD_HEADING), m.group(2).strip()
    t = fold(raw)
    if len(raw) <= 100 and (("\t" in raw and _TOC_LINE.search(raw)) or _TOC_DOTS.search(raw)):
        return TOC, raw
    if _TOC_HEAD.match(t):
        return TOC_HEAD, raw
    if _EDITOR.match(t):
        return EDITOR, raw
    if len(t) <= 60 and (_STAFF.match(t) or (_FOLIO.search(t) and not ends_sentence(t))):
        return (STAFF if _STAFF.match(t) else FOLIO), raw
    if len(t) <= 400 and _NOTE.match(t):
        return NOTE, raw
    if len(t) <= 80 and _CONTACT.search(t) and not ends_sentence(t):  # a sentence mentioning 邮箱 is prose
        return CONTACT, raw
    if len(t) <= 200 and _CAPTION.search(t) and not _DATELINE.match(t):
        return CAPTION, raw
    if len(t) <= 16 and _CREDIT.search(t) and not ends_sentence(t):
        return CREDIT, raw
    if _TOPIC.match(t):
        return TOPIC, raw
    if host_name(t):
        return HOST, raw
    if _QUESTION.match(t):
        return QUESTION, raw
    if _GUESTS.match(t) and len(t) <= 40:
        return GUESTS, raw
    if _SUBTITLE.match(t) and len(t) <= 50:
        return SUBTITLE, raw
    if len(t) <= 8 and re.fullmatch(rf"[{_HAN}]+", t) and t.endswith(_COLUMN_SUFFIXES):
        return COLUMN, raw
    if (t.startswith(("□", "■", "◎")) or (len(t) <= 30 and _has_role(t))) and byline_names(t) is not None:
        return BYLINE, raw
    if len(t) <= 40 and _DATA.search(t) and not ends_sentence(t):
        return DATA, raw
    if _NUMBERED.match(t) and len(t) <= 40 and not ends_sentence(t):
        return NUMBERED, raw
    if _DATELINE.match(t):
        return DATELINE, raw
    if len(t) <= 30 and (t.endswith("——") or t.endswith("：")) and not re.search(r"[，；。]", t):
        return (PROSE if _LEAD_IN.search(t) else KICKER), raw
    if byline_names(t) is not None:
        return NAMES, raw
    if _GUEST.match(t) and not ends_sentence(t) and len(t) <= 60 and " " in t:
        return GUEST, raw  # "陈雪莹 福建省…总经理": split.py decides from context (under 嘉宾名片 or not)
    if headline_shaped(t):
        return HEADLINE, raw
    return PROSE, raw


def classify_lines(text: str) -> list[Line]:
    """Every non-blank line of the page, classified, with the number of blank lines above it."""
    out: list[Line] = []
    gap = 0
    for no, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            gap += 1
            continue
        kind, stored = classify(raw)
        out.append(Line(kind, stored, no, no, gap))
        gap = 0
    return out
