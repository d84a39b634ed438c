"""Classify one block of a printed page by its shape: title, byline, end note, caption, prose…

A block's kind here is only what it looks like on its own. `split.py` decides what it *is* from its neighbours and
the page (a short line is a title above a byline and a section heading inside a body). Matching runs on the block's
key (`script.key`: full-width punctuation, simplified script), so every convention below holds for half-width
punctuation and for traditional-script pages alike; stored text is never changed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from reader.ingest import script


class Kind(StrEnum):
    MD_TITLE = "md_title"  # "# 标题"
    MD_HEADING = "md_heading"  # "## 小标题"
    BYLINE = "byline"  # "□刘春霖", "本报记者 孙琳", "焦宇炜 本报记者 王有强", "国务院总理　李　强"
    NAMES = "names"  # "袁则文 秦淑娟": a byline only right under a title
    SUBTITLE = "subtitle"  # "——评《…》一书"
    KICKER = "kicker"  # "五部门联合推动——", "开封市祥符区："
    TOPIC = "topic"  # "本期话题：…"
    COLUMN = "column"  # "记者手记", "委员观察", "【…·深度调查】"
    NOTE = "note"  # "（作者单位：…）", "（来源：…）", "【…研究成果】", "※…"
    SIGNOFF = "signoff"  # "（完）", "（记者 张晓）", "（谢文）", "【编辑:叶攀】": closes the article above
    CONTACT = "contact"  # "投稿邮箱：…", "新闻热线：…"
    CREDIT = "credit"  # "视觉中国", "新华社发", "本报记者 周磊 摄"
    CAPTION = "caption"  # "…图为…。（郭剑平 摄）"
    TOC = "toc"  # "标题<TAB>12"
    TOC_HEAD = "toc_head"  # "目 录"
    EDITOR = "editor"  # "编者按 …"
    QUESTION = "question"  # "主持人：…？"
    HOST = "host"  # "本期主持：郭剑平"
    GUESTS = "guests"  # "嘉宾名片："
    GUEST = "guest"  # "陈雪莹 福建省专利代理人协会副会长": only under GUESTS
    DATA = "data"  # weather boxes and similar tables: "北京 晴 18～28℃"
    FOLIO = "folio"  # page header: "2024年9月26日 星期四 第3版", "综合  2025年8月8日 星期五"
    JUMP = "jump"  # "（下转第2版）", "（上接第1版）": furniture, and the two sides of a cut
    STAFF = "staff"  # "责任编辑：张三", "校对：李四", "审核 | 王五"
    META = "meta"  # a web page's or a post's line under the title: "来源：… 发布时间：… 作者：…", "原创 张三 账号 2024-03-05 10:00"
    CHROME = "chrome"  # what a web page or app prints around an article: 首页 > 新闻, 【打印】【关闭】, 分享到：, END
    RELATED = "related"  # "相关新闻：", "往期推荐": the titles under it link to other articles
    CATALOG = "catalog"  # a paper's library data: "中图分类号：D923.4 文献标识码：A", "DOI：10.…"
    RULE = "rule"  # a separator line between articles: "---", "* * *", "====="
    NUMBERED = "numbered"  # "一、…", "第一章 总则": a section heading
    DATELINE = "dateline"  # prose that opens a news item: "据新华社电 …", "本报讯 …", "新华社北京3月5日电 …"
    MARKED = "marked"  # "▲标题", "■标题": a brief's title behind a list mark
    HEADLINE = "headline"  # short, unpunctuated: a title, kicker, banner or section heading
    LONG_HEADLINE = "long_headline"  # headline-shaped but 31–64 characters: a title only with support
    PROSE = "prose"


# Kinds that open or head an article (a header run), and the byline kinds that stand under a title.
HEADERISH = frozenset((Kind.HEADLINE, Kind.LONG_HEADLINE, Kind.MD_TITLE, Kind.MD_HEADING, Kind.MARKED, Kind.SUBTITLE,
                       Kind.KICKER, Kind.TOPIC, Kind.COLUMN))
BYLINES = frozenset((Kind.BYLINE, Kind.NAMES, Kind.META))
# A kicker (引题) that reports who said what: "习近平在看望…委员时强调", "天津市工商联调研提出".
_SPEECH_KICKER = re.compile(r"(强调|指出|表示|要求|提出|宣布|寄语|希望|称)$")


def speech_kicker(key: str) -> bool:
    return bool(_SPEECH_KICKER.search(key))


# Sentence-final marks (after folding). A block ending in one of these is a finished paragraph.
_TERMINAL = frozenset("。！？…”」』）】’.")
# Marks after which a paragraph may legitimately end although the sentence goes on (a list follows).
_SOFT_END = frozenset("：；")

HEADLINE_MAX = 30  # longer lines are prose even without a full stop, unless the page supports them as titles
LONG_HEADLINE_MAX = 64
MD_MAX = 80  # a "# …" line longer than this, or with sentences in it, is text that happens to start with #
_HAN = r"\u3400-\u9fff"
BRIEF_MARKS = "■▲●◆★☆▶►◇□"

_MD = re.compile(r"^(#{1,6})\s+(.*)$")  # "# 标题" as Markdown writes it; "#话题#" is not one
# (spaces removed first: "* * *"; box rules; three at least, so "——" pushed onto a line by a wrap is not one)
_RULE = re.compile(r"^[-*_=＊－—~～•·━─═┏┓┗┛┃│╔╗╚╝]{3,}$")
_TOC_LINE = re.compile(r"(\t+\s*|[.…·．]{3,}\s*)\d{1,4}\s*$")
_TOC_DOTS = re.compile(r"[.…·．]{3,}\s*\d{1,4}$")
_TOC_HEAD = re.compile(r"^目\s*录$|^本期导读$|^本期目录$")
_EDITOR = re.compile(r"^[【\[]?(编者按|编者的话|编辑按|编后语?)[】\]]?")
_NOTE = re.compile(
    r"^（(本文)?(作者|来源|本文|基金项目|项目|课题|原载|转自|摘自|稿件来源|注：).*）$"
    r"|^【[^】]{8,}(研究成果|阶段性成果|项目编号|基金项目)[^】]*】$|^【[^】]*(项目|课题|基金)[^】]*(成果|资助)】$"
    r"|^※"
    r"|^(作者单位|作者简介|来源|资料来源|文章来源|信息来源|基金项目|原载|稿件来源)(：|\s*[｜|])|^Source\s*[：:]"
    r"|^本文(系|为|是)[^。]*(成果|项目|课题|资助)"
    r"|^（此件(主动|依申请|不予)公开）$|^附件\s*\d*\s*[：:]"
    r"|^本(周报|报|刊|号|站|文)[^。]{0,30}(仅供参考|转载请注明出处|版权所有|不代表本)"
    r"|^(原文链接|原文地址|本文链接|文章链接|原文网址|网址)\s*[：:]\s*\S|^https?[:：]//\S+$"
)
# Sign-offs on a line of their own: they close the article above, like an end note.
_SIGNOFF = re.compile(
    rf"^（(完|全文完|(本报)?(记者|通讯员)\s*[{_HAN}·\s、]{{2,20}})）$"
    r"|^【(责任)?编辑\s*：[^】]{1,12}】$|^（(责任|本版)?编辑\s*：?[^）]{1,12}）(\d{7})?$"  # CNA: （编辑：李倩）1130105
    r"|^（根据[^）]{2,16}整理）$|^（以上[^）]{0,24}(整理|综合|编辑)[^）]{0,12}）$|^（(撰稿|整理|供稿|采写|综合整理)\s*：[^）]{2,16}）$|^（本(栏目|栏|版|文)[^）]{0,16}(整理|编辑|供稿|编写)）$"
)
_PAREN_NAMES = re.compile(rf"^（([{_HAN}]{{2,4}}(?:[\s、][{_HAN}]{{2,4}}){{0,2}})）$")
_CONTACT = re.compile(r"(投稿|联系|电子|新闻)(邮箱|信箱|电话|地址|热线)|热线：|传真：|e-?mail|[\w.+-]+@[\w-]+\.[\w.]+", re.I)
# Captions by how they open ("图为…", "▲…摄") and by the credit they end with ("（郭剑平 摄）", "…。新华社发",
# "卓忠伟摄/光明图片"); the ending is searched in the last characters only.
_CAPTION_HEAD = re.compile(
    r"^图为|^[▲△]\s*(图为|上图|下图|左图|右图|[^。]*(摄|供图)$)|^上图|^下图|^左图|^右图|^图[一二三四五六七八九十\d]+[：\s]|^图："
)
_CAPTION_TAIL = re.compile(
    r"（[^（）]{0,24}(摄|供图|制图|图|发)）$|\s图片来源：[^，。]{1,16}$"
    rf"|[。）]\s*((新华社|中新社|人民网|视觉中国|本报)(记者)?\s*[{_HAN}·]{{0,6}}\s*(摄|发)"
    rf"|(本报)?(记者|通讯员)?\s*[{_HAN}]{{2,4}}\s*[/／]?\s*摄)(\s*[/／｜]\s*[^，。\s]{{1,8}})?$"
    r"|（(资料图片|受访者供图|资料照片)）$"
    rf"|[。）]\s*(本报)?(记者|通讯员)\s*[{_HAN}]{{2,4}}\s*[/／]\s*摄影?$"  # …计画。记者王小明／摄影
    rf"|[^。]\s*(本报|新华社)?(记者|通讯员)?\s*[{_HAN}]{{2,4}}(\s+[{_HAN}]{{2,4}})?\s*/?\s*摄$"
)
_TAIL = 40  # characters at the end of a line where its credit is looked for


def _caption(key: str) -> bool:
    return bool(_CAPTION_HEAD.match(key) or _CAPTION_TAIL.search(key[-_TAIL:]))
_CREDIT = re.compile(
    r"^(视觉中国|东方IC|图虫创意|新华社发|中新社发|资料图片?|CFP|IC ?photo|图[/／｜|：]|图片来源|本版图片|（图片来源)"
    r"|(摄|摄影|供图|制图|绘图|图片)$|^（(新华社发|资料图片|受访者供图|本报资料图片)）$",
    re.I,
)
_FOLIO_DATE = re.compile(r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2})")
_FOLIO = re.compile(
    r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(星期|周)[一二三四五六日天]"
    r"|第\s*[\d一二三四五六七八九十]+\s*版(?![权本])|(星期|周)[一二三四五六日天]$"
    r"|^(星期|周)[一二三四五六日天]\s"
    r"|^·\s*\d{1,4}\s*·|·\s*\d{1,4}\s*·$"  # a journal's page number: ·58·
    r"|\d{4}\s*年\s*第\s*\d{1,2}\s*期\s*$"  # a journal's running head: 知识产权 2024年第3期
    r"|^(当|當)前版\s*[：:]"  # an e-paper site's page line: 当前版：03版 专访
    r"|^[\u4e00-\u9fff]{2,12}\s*[·•]?\s*[A-Z]\d{1,2}$"  # a weekly's page code: 创新周刊·A2
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(星期|周)[一二三四五六日天]"  # 深圳特区报 2024年6月12日 星期三 A06

)
_CATALOG = re.compile(r"^(中图分类号|中图法分类号|文献标识码|文献标志码|文章编号|DOI|doi)\s*[：:]")
# The lines of a paper's head besides its authors: the abstract and the keywords (lead-ins of the paper), the
# affiliation in parentheses with its postcode; and the apparatus at its end, which closes it like an end note.
_LEAD_LABEL = r"(摘\s*要|内容提要|提\s*要|关\s*键\s*[词字])"
_ABSTRACT = re.compile(rf"^[【\[]{_LEAD_LABEL}[】\]]\s*[：:]?\s*[^\s】]|^{_LEAD_LABEL}\s*[：:]\s*\S")
_KEYWORDS = re.compile(r"^[【\[]?关\s*键\s*[词字]")


def keywords_line(key: str) -> bool:
    """"关键词：专利；商标": a paper's keywords, printed right under its abstract."""
    return bool(_KEYWORDS.match(key)) and bool(_ABSTRACT.match(key))
_AFFILIATION_LINE = re.compile(
    rf"^（(?!本文|作者)[^（）]{{2,120}}[{_HAN}]\s?\d{{6}}(?![\dA-Za-z])[^（）]{{0,40}}）$"  # …，北京 100872）
)
_APPARATUS = re.compile(
    r"^(参考文献|注释|注\s*释|参考资料)\s*[：:]?$|^[\[［]\d{1,3}[\]］]\s*\S|^(收稿日期|修回日期|录用日期|责任编校)\s*[：:]"
)
# An official document's number under its title: 国知发运字〔2024〕12号.
_DOC_NUMBER = re.compile(rf"^[{_HAN}]{{2,14}}\s*[〔\[［（(]\s*\d{{4}}\s*[〕\]］）)]\s*\d{{1,4}}\s*号$")
# The office that signs a document, on a line of its own above the date: 国家知识产权局办公室.
_OFFICE = re.compile(
    rf"^[{_HAN}（）]{{2,28}}(局|厅|部|委员会|委|办公室|办公厅|人民政府|政府|人民法院|法院|检察院|中心|协会|学会|司|署|总局|院|会)$"
)
_JUMP = re.compile(r"^[（(【]?\s*(下转|上接|转|接|续|转自|接上)第?\s*[\dA-Za-z一二三四五六七八九十]+\s*版\s*[）)】]?$")
_STAFF = re.compile(
    r"^(责任编辑|责编|美术编辑|美编|校对|版式设计|版式|本版编辑|本版责编|编辑|主编|图片编辑|组版|照排|统筹|策划|制图"
    r"|审核|初审|复审|终审|审校|排版|监制|出品)\s*[：｜|]"
)
# A web page's or a post's publishing line: two of its fields, or a post's account line with its time stamp.
_META_FIELD = re.compile(
    r"(来源|信息来源|文章来源|发布时间|发布日期|更新时间|时间|日期|作者|字号|浏览次数|浏览量|点击数|阅读量|阅读数)\s*："
)
_STAMP = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}：\d{2}|\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}：\d{2}")
_FONT_SWITCH = re.compile(r"\s*【(字体|字号)[^】]*】$")
_META_AUTHOR = re.compile(rf"(?:作者|记者|撰文)：\s*([{_HAN}·]{{2,5}}(?:[\s、]+[{_HAN}·]{{2,5}}(?![{_HAN}·：])){{0,3}})")
_CHROME_WORDS = r"(打印|关闭|打印本页|关闭窗口|打印此页|打印文章|收藏|纠错|我要纠错|返回顶部|返回|大|中|小)"
_CHROME = re.compile(
    r"^(当前位置|您现在的位置|您的位置|你的位置|现在位置|所在位置)\s*："
    r"|^(首页|网站首页|主页)\s*[>›»＞/]"
    r"|^[^>›»＞。，]{1,16}(\s*[>›»＞]\s*[^>›»＞。，]{1,16}){2,}$"  # 江苏法院网 > 新闻中心 > 新闻发布
    rf"|^(【{_CHROME_WORDS}】\s*)+$|^(\[{_CHROME_WORDS}\]\s*)+$"
    r"|^分享到\s*：?"
    r"|^字号\s*：?\s*[大中小\s]+$"
    r"|^(扫一扫|扫码|长按(识别)?二维码)"
    r"|点击(上方)?(蓝字|关注)|关注我们$"
    r"|^[-—–\s]*(END|End|end|完)[-—–\s]*$"
    r"|^(分享|收藏|点赞|在看|转发|喜欢|赞|留言)(\s+(分享|收藏|点赞|在看|转发|喜欢|赞|留言))+$"
    r"|^(上一版|下一版|本版目录|返回首页|版面导航|上一篇|下一篇|返回目录)(\s*(上一版|下一版|本版目录|返回首页|版面导航|上一篇|下一篇|返回目录))+$"
    r"|^[+＋]?\s*关注(他|她|TA)?$|^(赞同|评论|收藏|喜欢|点赞)\s*\d*$|^编辑于\s*\d{4}|IP\s*属地\s*[\u4e00-\u9fff]{2,4}$"
    r"|^[▍■▌◆●#]?\s*0?\d{1,2}$"  # a post's ordinal marker on a line of its own: 01, ▍02
    r"|^本期导读\s*："  # a digest's one-line summary of its items
    r"|^(#[^#\s]{1,20}#\s*)+$"  # hashtags on a line of their own
    r"|请?关注\s*@\S+$"  # 更多资讯，请关注@知产观察

    r"|^阅读原文$|^(阅读|浏览|点击)\s*：?\s*\d+\s*次?$|^(广告|推广|赞助)$"
)
# A site's own header and footer: its masthead with the English name, accessibility and login links, who runs it,
# its licence numbers.
_SITE_CHROME = re.compile(
    r"^(主办单位|承办单位|版权所有|技术支持|网站标识码|联系我们|网站地图|主办|协办)\s*[：:]"
    r"|ICP备\s*\d+号|ICP证|公网安备|网站标识码|无障碍(浏览|阅读)|^(登录|注册|English|EN|繁体|简体|手机版)$"
    r"|^(无障碍浏览|English|登录|注册|繁体|简体|手机版|首页)(\s+(无障碍浏览|English|登录|注册|繁体|简体|手机版|首页))+$"
    rf"|^[{_HAN}]{{2,20}}\s+[A-Z][A-Za-z'’.&,\- ]{{12,}}$"  # 国家知识产权局 China National Intellectual Property…
    r"|^https?[：:]//\S+\s+\d+/\d+$|^\d{4}/\d{1,2}/\d{1,2}\s+\d{1,2}：\d{2}\s"  # a browser's print footer and header
)
_MASTHEAD = re.compile(r"^[^。]{2,20}\s*[|｜]\s*第\s*\d{1,4}\s*期")  # a digest's masthead: IP科技周报 | 第23期
_SECTION_EN = re.compile(rf"^[{_HAN}]{{2,6}}\s+[A-Z][A-Z &]{{2,16}}$")
_ENGLISH_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9'’,.%:;&()\- ]{10,}$")
# A case's number in a release of typical cases: a kicker over the case's name ("案例一", "典型案例3").
_CASE_NUMBER = re.compile(r"^(典型)?(案例|案件)\s*[一二三四五六七八九十\d]{1,3}\s*[：:]?$")
# A journal's column label: ·专题研究·
_JOURNAL_COLUMN = re.compile(rf"^[·•]\s*[{_HAN}]{{2,10}}\s*[·•]$")
_RELATED = re.compile(
    r"^(相关新闻|相关阅读|相关文章|相关报道|相关链接|延伸阅读|往期推荐|往期回顾|往期精选|推荐阅读|精彩推荐|热点推荐|"
    r"猜你喜欢|更多阅读|热门文章|近期热文)\s*[：:]?$"
)
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
# Items of a list: numbered like headings, but they are sentences of the body ("（一）…；", "1. …的；", "第一，…").
_LIST_ITEM = re.compile(r"^(（[一二三四五六七八九十\d]{1,3}）|\d{1,2}[.．、]\s?|[①-⑳]|第[一二三四五六七八九十]+[，、])")
_SALUTATION = re.compile(r"^(各位|同志们|女士们|先生们|朋友们|亲爱的|尊敬的)[^。]{0,16}[：！]$|^各[^。]{1,70}：$")
# Openings of a news item that carry its dateline ("新华社北京3月5日电（记者 X）", "本报讯（记者 X）",
# "中新网 7月18日电", "央视网消息（新闻联播）："). The whole match is the dateline; group "who" holds the people.
_AGENCY = (
    r"(本报|本刊|新华社|中新社|中新网|中通社|香港中通社|人民网|新华网|央视网|央广网|光明网|中国网|经济日报"
    r"|科技日报|法治日报|(?!据)[{han}]{{2,8}}(社|网|报|台|日报|晚报|电视台))"
).format(han=_HAN)
_DATELINE_BYLINE = re.compile(
    rf"^(?P<dateline>(本报讯|本刊讯|{_AGENCY}\s?([{_HAN}]{{1,8}}\s?)?(\d{{1,2}}\s?月\s?\d{{1,2}}\s?日\s?)?(电|讯|消息)"
    rf"|{_AGENCY}消息|【[{_HAN}]{{2,8}}专?讯】|（综合报[导道]）|【本报讯】))"  # (【明报专讯】: Hong Kong)
    r"\s*(?P<who>（[^（）]{1,40}）)?\s*[：]?\s*"
)
_DATELINE = re.compile(
    r"^(据新华社电|据中新社电|本报讯|本刊讯|新华社[^，。]{0,16}电|中新社[^，。]{0,16}电|本报[^，。]{1,10}(电|讯)"
    r"|据[^，。]{1,10}(报道|消息))"
)
# Taiwan's conventions (matched on the simplified key): "（中央社记者王浩台北5日电）", "〔记者陈静／新竹报导〕",
# "【记者张晓／台北报导】". The people are the name before the place: a place is taken as its last two characters.
_TW_DATELINE = re.compile(
    rf"^[（(〔【\[]\s*(?:中央社|联合报|自由时报|中国时报)?\s*记者\s*(?P<who>[{_HAN}、\s]{{2,24}}?)\s*[／/]?\s*"
    rf"(?P<place>[{_HAN}]{{2}})(?:\d{{1,2}}日电|(?:综合)?报[导道])\s*[）)〕】\]]"
)
_COLUMN_SUFFIXES = (
    "手记", "观察", "会客厅", "时评", "快评", "短评", "评论", "论坛", "视点", "聚焦", "访谈", "声音", "札记",
    "随笔", "专栏", "笔谈", "漫谈", "茶座", "纵横", "走笔", "特稿", "锐评", "热评", "杂谈", "调查", "关注",
)
# A line ending in one of these plus a colon introduces a list or a quote in the body ("具体措施如下："); it is
# not a kicker such as "开封市祥符区：".
_LEAD_IN = re.compile(r"(如下|包括|表现在|表现为|指出|强调|认为|表示|提出|要求|说|是|有|为|即|例如|比如)：$")
# Words that sit in a byline beside the names ("本报记者 孙琳", "王五 摄"); longest first for stripping.
_ROLES = (
    "本报特约记者", "本报见习记者", "本报实习记者", "本报通讯员", "特约通讯员", "本报记者", "特约记者", "见习记者",
    "实习记者", "实习生", "通讯员", "记者", "撰文", "作者", "编译", "采写", "摄影", "文", "图", "摄",
)
_ROLE_PREFIX = re.compile("|".join(r for r in _ROLES if len(r) > 1))
_ROLE_ORG = re.compile(r"^[\u3400-\u9fff]{2,8}(记者|通讯员)$")  # "新华社记者", "人民日报记者"
# An official's post printed before the name ("国务院总理　李　强", "国家知识产权局局长 申长雨").
_OFFICIAL = re.compile(
    rf"^[{_HAN}]{{0,14}}(总理|副总理|主席|副主席|部长|副部长|局长|副局长|院长|副院长|书记|省长|市长|县长|主任|"
    rf"委员|会长|理事长|董事长|总经理|社长|总编辑|检察长|署长|行长|校长|教授|研究员|代表|法官|检察官|律师)$"
)
_NAME = re.compile(rf"^[{_HAN}·]{{2,5}}$")
# What an author's line may print before the name once 文/ or 作者： says it is one: the author's institution
# ("北京市通州区人民法院") and post ("法官助理"), apart or glued to the name ("…人民法院法官屠育").
# A document's own fields printed at its head: prose of the text, not headings ("国知局：前三季度…增长15%" is a
# title of the same shape, so only these field names count).
_FIELD_LINE = re.compile(
    r"^(发文字号|文号|发文日期|成文日期|发布日期|发布机关|发文机关|实施日期|施行日期|生效日期|索引号|主题分类|公文种类)"
    r"\s*：\s*\S"
)
_PLACE_REPORT = re.compile(rf"^[{_HAN}]{{2,6}}(综合)?报[导道]$")
_AUTHOR_MARK = re.compile(rf"(?<=[{_HAN}])([¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{{1,2}}|\*)(?=[\s,，、]|$)")
_AFFILIATION = re.compile(
    rf"^[{_HAN}]{{2,24}}(法院|检察院|大学|学院|研究院|研究所|研究中心|中心|委员会|局|厅|公司|协会|学会|事务所|报社|"
    rf"杂志社|出版社|学校|医院|银行)$"
)
_POSTS = (
    "法官助理|法官|检察官助理|检察官|审判员|审判长|副庭长|庭长|书记员|律师|合伙人|副教授|教授|讲师|副研究员|研究员|"
    "博士研究生|博士生|博士|硕士研究生|研究生|助理|主任|院长|副院长|所长|副所长"
)
_POST = re.compile(rf"^({_POSTS})$")
_GLUED_POST = re.compile(rf"^[{_HAN}]{{0,24}}?({_POSTS})([{_HAN}]{{2,3}})$")
# Characters a Chinese phrase does not end on; a short line ending in one was cut by the page, not a heading.
# Kept small on purpose: 向, 地, 与, 对… also end common words (方向, 基地, 参与, 面对) that end headings.
_DANGLING_END = frozenset("的了着和或而把被将之其")
_CLAUSE = re.compile(r"[，；]")
# A speaker label: a 2–4 character name, or 问/答. A lone character before a colon is more often "说：".
_SPEAKER = re.compile(rf"^([{_HAN}]{{2,4}}|问|答)：")
_BRACKET_TITLE = re.compile(r"^【([^【】]{2,60})】(.*)$")

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
# Section and column labels that open on a surname character and so pass for a name: the parts of a book or a
# law, the fields of a court case (关键词 / 裁判要点 …) and the boxes of a newspaper page (时评, 相关链接 …).
_NOT_NAMES = frozenset((
    "总则", "附则", "目录", "前言", "引言", "结语", "后记", "序言", "附录", "导语", "简介", "余论",
    "关键词", "关键字", "相关法条", "简要案情", "简评", "简讯", "时评", "文摘", "花絮", "常识", "相关链接",
    "相关阅读", "相关新闻", "相关报道", "方法", "方案", "公告",
))


@dataclass
class Line:
    """One block of the page, classified by shape. `end` > `line` for a wrapped block or a two-line title."""

    kind: Kind
    text: str  # stripped; a `#` or list marker removed
    line: int  # 1-based line number in the page
    end: int
    gap: int  # blank lines directly above
    indent: bool = False  # opened by an indent
    key: str = ""  # the matching key of `text` (script.key)
    style: str = "plain"  # how a header is marked: md1…md6, bracket, mark, plain


def fold(text: str) -> str:
    """Full-width punctuation for matching; never stored."""
    return script.key(text, traditional=False)


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


def _merge_spaced(tokens: list[str]) -> list[str]:
    """"王 浩" → "王浩": newspapers space a two-character name out to the width of a three-character one."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if len(tokens[i]) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            out.append(tokens[i] + tokens[i + 1])  # pairs: only two-character names are spaced out
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out


def byline_names(text: str, *, require_surname: bool = True) -> list[str] | None:
    """Bare names in a byline ("□时润哲 秦明玉", "焦宇炜 杜远红 本报记者 王有强"), or None if it is not one.

    Role words (本报记者, 通讯员, 摄…), an official's post before the name and the □ mark are dropped. Without a
    role word, post or □, every token must look like a personal name, so that short headings are not mistaken
    for bylines. Matching runs on the key; the names come back as printed.
    """
    raw = text.strip()
    if len(raw) > 48:
        return None  # no byline is that long (and most lines asked are paragraphs)
    t = script.key(raw)
    # a paper's authors carry marks that point to their affiliations: 张晓¹ 李倩², 张晓1，李倩2, 王浩*
    t, raw = _AUTHOR_MARK.sub("", t), _AUTHOR_MARK.sub("", raw)
    t0 = t[:1]
    marked = t0 in ("□", "■", "◎", "○")
    start = len(t) - len(t.lstrip("□■◎○ \u3000"))
    t, raw = t[start:].strip(), raw[start:].strip()
    if not t or len(t) > 40 or any(c in t for c in "。！？；《》“”"):
        return None
    if "，" in t and not all(looks_like_name("".join(x.split())) for x in t.split("，")):
        return None  # "张晓，李倩" lists names; any other comma is a sentence's
    m = re.match(r"^(文|图|文图|文/图|撰文|作者)\s*[/／｜|：]?\s*(?=\S)", t)
    prefixed = bool(m and (m.group(1) != "文" or re.match(r"^文\s*[/／｜|：]", t)))
    if prefixed and m:
        t, raw = t[m.end():], raw[m.end():]
        aff = re.search(r"\s*[（(][^（）()]{2,30}[）)]$", t)  # 作者：张明远（中国人民大学法学院）
        if aff:
            t, raw = t[: aff.start()], raw[: aff.start()]  # (key and text have the same length)
    had_role = False
    tokens: list[str] = []
    pieces = [p for p in re.split(r"[\s、，/／｜|]+", t) if p]
    printed = [p for p in re.split(r"[\s、，/／｜|丨]+", raw) if p]
    if len(pieces) != len(printed):
        printed = pieces
    # "李 文": a two-character name spaced out is one name, even when its last character is also a role (文)
    pieces, printed = _merge_spaced(pieces), _merge_spaced(printed)
    for n, (tok, out) in enumerate(zip(pieces, printed)):
        # Multi-character roles may be glued to a name ("本报记者孙琳"); one-character ones (文, 摄) only stand
        # alone, since they also occur inside names. An official's post counts only first, in a short line
        # ("国务院总理 李强"); "陈雪莹 福建省…会长" is a guest card, a name before a post.
        m = _ROLE_PREFIX.match(tok)
        if _ROLE_ORG.match(tok) or (n == 0 and len(t) <= 24 and _OFFICIAL.match(tok)):
            had_role = True
            continue
        if tok in _ROLES or m:
            had_role = True
            cut = m.end() if m else len(tok)
            tok, out = tok[cut:], out[cut:]
        if tok and had_role and n == len(pieces) - 1 and _PLACE_REPORT.match(tok):
            continue  # "记者张晓／台北报导": where the report was filed, not a name
        if tok and (prefixed or had_role) and n < len(pieces) - 1 and (_AFFILIATION.match(tok) or _POST.match(tok)):
            continue  # "文/北京市通州区人民法院 法官助理 何娇": the institution and the post, not names
        glued = _GLUED_POST.match(tok) if tok and (prefixed or had_role) and n == len(pieces) - 1 else None
        if glued:
            tok, out = glued.group(2), out[glued.start(2):]  # "…人民法院法官屠育" → 屠育
        if tok:
            tokens.append(out)
    tokens = _merge_spaced(tokens)
    if not tokens or len(tokens) > 8:
        return None
    if (marked and t0 == "□") or had_role:  # □ is a byline's own mark; ■ ◎ ○ also mark headings ("■ 基本案情")
        return tokens if all(_NAME.match(script.key(tok)) for tok in tokens) else None
    if require_surname and not all(looks_like_name(script.key(tok)) for tok in tokens):
        return None
    return tokens


# A Taiwan portal's source line: "经济日报／ 记者王小明／台北即时报导", "中央社／ 台北即时报导".
_PORTAL_SOURCE = re.compile(
    rf"^(?!记者)[{_HAN}]{{2,8}}\s*／\s*(记者\s*(?P<who>[{_HAN}、]{{2,12}})\s*／\s*)?[{_HAN}]{{2,4}}(即时|综合|特派|电)?报[导道]$"
)


def meta_line(key: str) -> bool:
    """"来源：新华网 发布时间：2024-03-05 10:23 作者：王浩", "原创 王浩 知产前沿 2024-03-05 10:00 发表于北京": the
    line a web page or a post prints under its title (two of its fields, or an account line with a time stamp)."""
    key = _FONT_SWITCH.sub("", key)  # …来源：运用促进司 【字体：大 中 小】
    if len(key) <= 40 and _PORTAL_SOURCE.match(key):
        return True
    if len(key) > 100 or ends_sentence(key):
        return False
    fields = len(_META_FIELD.findall(key))
    stamp = _STAMP.search(key)
    return fields >= 2 or (fields == 1 and stamp is not None) or (stamp is not None and len(key) <= 60
                                                                    and len(key) - (stamp.end() - stamp.start()) <= 30)


def meta_authors(text: str) -> list[str]:
    """The author a publishing line names: "作者：王浩", "记者：王浩 李倩", or the name after 原创."""
    t = script.key(text)
    portal = _PORTAL_SOURCE.match(t.strip())
    if portal:
        return [n for n in re.split(r"[\s、]+", portal.group("who") or "") if n]
    m = _META_AUTHOR.search(t)
    if m:
        return [n for n in re.split(r"[\s、]+", m.group(1)) if n]
    parts = t.split()
    if len(parts) >= 3 and parts[0] == "原创" and looks_like_name(parts[1]):
        return [parts[1]]
    return []


_FOOTNOTE = re.compile(r"^(收稿日期|修回日期|基金项目|作者简介|通讯作者|通信作者)\s*[：:]")


def footnote(key: str) -> bool:
    """"收稿日期：…", "基金项目：…": a paper's first-page footnotes, printed wherever its first page ends."""
    return bool(_FOOTNOTE.match(key))


def date_line(key: str) -> bool:
    """"2024年3月5日" on a line of its own."""
    return bool(re.fullmatch(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", key.strip()))


def affiliation(key: str) -> bool:
    """"（1. 中国人民大学法学院，北京 100872；2. …）": a paper's affiliations, with their postcodes."""
    return len(key) <= 160 and bool(_AFFILIATION_LINE.match(key))


def office(key: str) -> bool:
    """"国家知识产权局办公室", "最高人民法院": an office that signs a document (above the date, at its end)."""
    return len(key) <= 30 and bool(_OFFICE.match(key))


def is_name_signoff(key: str) -> bool:
    """"（谢文）", "（张晓 李倩）" on a line of its own: the reporters' sign-off under a short item."""
    m = _PAREN_NAMES.match(key)
    return bool(m) and all(looks_like_name(n) for n in re.split(r"[\s、]", m.group(1)))


def _has_role(text: str) -> bool:
    tokens = [tok for tok in re.split(r"[\s、，/／｜|]+", text) if tok]
    return any(tok in _ROLES or _ROLE_PREFIX.match(tok) or _ROLE_ORG.match(tok) for tok in tokens) or bool(
        tokens and len(text) <= 24 and _OFFICIAL.match(tokens[0])
    )


def host_name(text: str) -> str | None:
    m = _HOST.match(script.key(text.strip()))
    return text.strip()[m.start(2):m.end(2)].strip() if m else None


def dateline(text: str) -> tuple[str, list[str], int] | None:
    """The dateline that opens a news paragraph: (dateline as printed, reporters named in it, where the body
    starts), e.g. "本报北京3月5日电（记者 陈 静）…" → ("本报北京3月5日电（记者 陈 静）", ["陈静"], 19).
    None when the paragraph does not open with one, or nothing follows it."""
    k = script.key(text)
    tw = _TW_DATELINE.match(k)
    if tw and tw.end() < len(k) - 4:
        who = text[tw.start("who"): tw.end("who")]
        return text[: tw.end()].strip(), byline_names(who, require_surname=False) or [], tw.end()
    m = _DATELINE_BYLINE.match(k)
    if not m or m.end() >= len(k) - 4:
        return None
    names: list[str] = []
    if m.group("who") and re.search(r"记者|通讯员|实习生", m.group("who")):
        # "（记者 陈 静）" names people; "央视网消息（新闻联播）" names a programme
        who = text[m.start("who") + 1: m.end("who") - 1]
        names = byline_names(who, require_surname=False) or []
    return text[: m.end()].strip(), names, m.end()


def _bare_date(key: str) -> bool:
    """A page header that is a date and little else: "2024.07.12", "科技周刊 2024年7月12日"."""
    m = _FOLIO_DATE.search(key)
    if not m:
        return False
    rest = key[: m.start()] + key[m.end():]
    return len(re.findall(rf"[{_HAN}]", rest)) <= 6 and not re.search(r"[，。；：]", rest)


def bare_dateline(text: str) -> bool:
    """A dateline on a line of its own ("央视网消息（新闻联播）：", "新华社北京3月5日电"): it opens a roundup of
    the items printed under it."""
    k = script.key(text.strip())
    m = _DATELINE_BYLINE.match(k)
    return bool(m) and m.end() >= len(k) and not k.startswith("本报讯") or k in ("本报讯", "本刊讯")


def toc_title(text: str) -> str:
    """A TOC entry without its page number."""
    return _TOC_LINE.sub("", text).strip()


# The name of a court case ("张莉诉北京合力华通汽车服务有限公司买卖合同纠纷案", "吴某与某公司买卖合同纠纷案"): on a
# case page, a line of the article's head.
_CASE_NAME = re.compile(r"^[^，。；：？！,;:?!\s]{2,40}?(诉|与)[^，。；：？！,;:?!\s]{2,60}案$")


def case_name(key: str) -> bool:
    return bool(_CASE_NAME.match(key))


def title_key(text: str) -> str:
    """Comparison key for titles: no spaces or punctuation, so the TOC and the body title match."""
    return re.sub(rf"[^{_HAN}A-Za-z0-9]", "", script.key(text))


def dangling(text: str) -> bool:
    """Ends on a character no heading ends on (的, 和, 在 …): the line was cut mid-phrase."""
    t = text.rstrip()
    return bool(t) and t[-1] in _DANGLING_END


# Particles no sentence opens with ("的根基，也是…" is the rest of "…科技强国" cut by a page break); 的确 does.
_NO_OPENING = re.compile(r"^(的(?!确)|们|吗|呢|吧)")


def opens_mid_word(text: str) -> bool:
    """Starts with a lone character before a comma ("示，随着…") or with a particle no sentence opens with
    ("的根基…"): the tail of a word or phrase cut by a page break."""
    t = fold(text.lstrip())
    if _NO_OPENING.match(t):
        return True
    if len(t) >= 3 and t[0] not in "“（【《" and t[2] == "。" and "\u3400" <= t[1] <= "\u9fff":
        return True  # "业业。业业…": a sentence's last two characters, cut from the line above
    return len(t) >= 2 and t[0] not in "“（【《" and t[1] in "，、。；："


def speaker_turn(text: str) -> bool:
    """A Q&A turn ("李劲松：…", "主持人：…") always starts a new paragraph."""
    return bool(_SPEAKER.match(fold(text.lstrip())))


def headline_shaped(text: str, limit: int = HEADLINE_MAX) -> bool:
    """Short, no full stop inside, at most one clause comma, not ending mid-phrase."""
    t = fold(text.strip())
    if len(t) > limit or not t:
        return False
    if any(c in t[:-1] for c in "。！？") or t[-1] in "，、；：。…《“（【「『":
        return False  # a line ending on a comma or an opening bracket was cut mid-sentence
    if t[-1] == "？" and "，" in t:
        return False  # a question with a clause in it is a sentence of the body, not a heading
    if len(_CLAUSE.findall(t)) > 1:
        return False
    return not dangling(t)


def list_item(text: str) -> bool:
    """A numbered item of a list inside the body, not a heading: "（一）…；", "1. …的；", "①…"."""
    k = script.key(text.strip())
    return bool(_LIST_ITEM.match(k)) and (k[-1:] in "；，。：" or len(k) > 40)


def marker_style(raw: str) -> tuple[str, str]:
    """(style, text without the marker) of a header line: "# x" → md1, "【x】" → bracket, "▲x" → mark."""
    m = _MD.match(raw)
    if m:
        return f"md{len(m.group(1))}", m.group(2).strip()
    if raw.startswith("【") and raw.endswith("】") and raw.count("【") == 1:
        return "bracket", raw
    if raw[:1] in BRIEF_MARKS and len(raw) > 3:
        return "mark", raw[1:].strip()
    return "plain", raw


def inline_title(text: str) -> tuple[str, str] | None:
    """"【标题】正文…" as briefs print them: (title, body), or None. A short label (【案情】) is not a title."""
    m = _BRACKET_TITLE.match(text)
    if not m or len(m.group(2)) < 15:
        return None
    title = m.group(1).strip()
    k = script.key(title)
    if len(k) < 6 or not headline_shaped(k, LONG_HEADLINE_MAX) or _NOTE.match(f"【{k}】") or _EDITOR.match(k):
        return None
    if re.search(r"(编辑|记者|来源|摄)[：\s]", k):
        return None
    return title, m.group(2).strip()


def classify(text: str, key: str | None = None, *, indent: bool = False) -> tuple[Kind, str]:
    """(kind, stored text) of one block. The stored text is the stripped block, minus a `#` or list marker.

    `key` is the block's matching key (computed when not given); `indent`: the block opened with an indent, which
    on an indented page marks prose.
    """
    raw = text.strip()
    if raw[:1] in (">", "＞") and len(raw) > 2 and raw[1:2] in (" ", ">", "＞", "\u3000"):
        return classify(raw.lstrip(">＞ \u3000"), indent=indent)  # a Markdown quote: what is quoted decides
    t = script.key(raw) if key is None else key.strip()
    if len(t) <= 40 and _RULE.match("".join(t.split())):
        return Kind.RULE, raw
    m = _MD.match(raw)
    if m and m.group(2) and len(m.group(2)) <= MD_MAX and not any(c in m.group(2)[:-1] for c in "。！？"):
        return (Kind.MD_TITLE if len(m.group(1)) == 1 else Kind.MD_HEADING), m.group(2).strip()
    if len(raw) <= 100 and (("\t" in raw and _TOC_LINE.search(raw)) or _TOC_DOTS.search(raw)):
        return Kind.TOC, raw
    if _TOC_HEAD.match(t):
        return Kind.TOC_HEAD, raw
    if _EDITOR.match(t):
        return Kind.EDITOR, raw
    if len(t) <= 20 and _JUMP.match(t):
        return Kind.JUMP, raw
    if (len(t) <= 40 and _CHROME.search(t)) or (len(t) <= 120 and _SITE_CHROME.search(t)):
        return Kind.CHROME, raw
    if len(t) <= 60 and _MASTHEAD.match(t):
        return Kind.FOLIO, raw
    if len(t) <= 24 and _SECTION_EN.match(t):
        return Kind.COLUMN, raw  # 財經新聞 BUSINESS: a section label with its English name
    if len(t) <= 120 and _ENGLISH_LINE.match(t) and not re.search(r"https?[:：]", t):
        return Kind.SUBTITLE, raw  # an English line under a Chinese title: its translation, not a title of its own
    if len(t) <= 12 and _CASE_NUMBER.match(t):
        return Kind.KICKER, raw
    if len(t) <= 14 and _JOURNAL_COLUMN.match(t):
        return Kind.COLUMN, raw
    if len(t) <= 12 and re.fullmatch(rf"【[{_HAN}]{{2,8}}】", t) and t[1:-1].endswith(_COLUMN_SUFFIXES):
        return Kind.COLUMN, raw  # 【深度观察】: a column label in brackets
    if len(t) <= 12 and _RELATED.match(t):
        return Kind.RELATED, raw
    if meta_line(t) or (len(t) <= 30 and _DOC_NUMBER.match(t)) or affiliation(t):
        return Kind.META, raw
    if len(t) <= 160 and _CATALOG.match(t):
        return Kind.CATALOG, raw
    if _ABSTRACT.match(t):
        return Kind.EDITOR, raw
    if len(t) <= 400 and _APPARATUS.match(t):
        return Kind.NOTE, raw
    if len(t) <= 30 and (_SIGNOFF.match(t) or is_name_signoff(t)):
        return Kind.SIGNOFF, raw
    if len(t) <= 60 and _STAFF.match(t):
        return Kind.STAFF, raw
    if len(" ".join(t.split())) <= 60 and not ends_sentence(t) and (_FOLIO.search(t) or _bare_date(t)):
        return Kind.FOLIO, raw  # (a running head is often spread across the page's width with spaces)
    if len(t) <= 400 and _NOTE.match(t):
        return Kind.NOTE, raw
    if len(t) <= 80 and _CONTACT.search(t) and not ends_sentence(t):  # a sentence mentioning 邮箱 is prose
        return Kind.CONTACT, raw
    if len(t) <= 200 and _caption(t) and not _DATELINE.match(t):
        return Kind.CAPTION, raw
    if len(t) <= 24 and _CREDIT.search(t) and (not ends_sentence(t) or t.startswith("（")):
        return Kind.CREDIT, raw
    if _TOPIC.match(t):
        return Kind.TOPIC, raw
    if host_name(t):
        return Kind.HOST, raw
    if _QUESTION.match(t):
        return Kind.QUESTION, raw
    if _GUESTS.match(t) and len(t) <= 40:
        return Kind.GUESTS, raw
    if _SUBTITLE.match(t) and len(t) <= 60 and not ends_sentence(t):
        return Kind.SUBTITLE, raw
    if _SALUTATION.match(t):
        return Kind.PROSE, raw
    if len(t) <= 8 and re.fullmatch(rf"[{_HAN}]+", t) and t.endswith(_COLUMN_SUFFIXES):
        return Kind.COLUMN, raw
    if (t.startswith(("□", "■", "◎")) or (len(t) <= 30 and _has_role(t))) and byline_names(raw) is not None:
        return Kind.BYLINE, raw
    if raw[:1] in BRIEF_MARKS and headline_shaped(t[1:].strip(), LONG_HEADLINE_MAX) and len(t) > 4:
        return Kind.MARKED, raw[1:].strip()
    if len(t) <= 40 and _DATA.search(t) and not ends_sentence(t):
        return Kind.DATA, raw
    inner = t[1:-1].strip() if t.startswith("【") and t.endswith("】") and t.count("【") == 1 else t
    if _NUMBERED.match(inner) and len(inner) <= 40 and not ends_sentence(inner) and not list_item(inner):
        return Kind.NUMBERED, raw  # "一、…", "第一章 总则", also as "【第一章 总则】"
    if _DATELINE.match(t) or dateline(raw) is not None or bare_dateline(raw):
        return Kind.DATELINE, raw
    if (
        len(t) <= 50
        and (t.endswith("——") or (t.endswith("：") and len(t) <= 30))
        and not re.search(r"[。；]", t)
        and not (t.endswith("：") and "，" in t)
    ):
        return (Kind.PROSE if _LEAD_IN.search(t) or (indent and t.endswith("：")) else Kind.KICKER), raw
    if _FIELD_LINE.match(t):
        return Kind.PROSE, raw  # "发文字号：国知发办函字〔2022〕54号", "发文日期：2022-04-12": a field of the text
    if byline_names(raw) is not None:
        return Kind.NAMES, raw
    if _GUEST.match(t) and not ends_sentence(t) and len(t) <= 60 and " " in t:
        return Kind.GUEST, raw  # "陈雪莹 福建省…总经理": split.py decides from context (under 嘉宾名片 or not)
    if t.startswith("（") and t.endswith("）"):
        return Kind.PROSE, raw  # "（1984年3月12日…通过）": a note in parentheses, never a title
    if re.match(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{6,}", t):
        return Kind.PROSE, raw  # "2000年11月22日 最高人民法院审判委员会…通过": a dated record, not a title
    if headline_shaped(t) and not list_item(t):
        return Kind.HEADLINE, raw
    if headline_shaped(t, LONG_HEADLINE_MAX) and not list_item(t):
        return Kind.LONG_HEADLINE, raw
    return Kind.PROSE, raw
