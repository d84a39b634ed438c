"""Matching keys for page text: half-width punctuation folded to full width, traditional characters to simplified.

The splitter's conventions (本报记者, 责任编辑, 新华社…电, 作者单位…) are written once, in simplified characters and
full-width punctuation; a traditional-script page (本報記者, 責任編輯, 新華社…電) or one typed with ASCII
punctuation matches them through its key. A key has exactly the length of its text, character for character, so a
match on the key cuts the text at the same place. Keys are never stored or shown.

Traditional → simplified is OpenCC's own table (`t2s`), taken one character at a time so that length is kept: a
phrase-level conversion may change length, and for matching conventions the character level is enough.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

# Half-width forms folded to full width, only for matching (str.replace is far faster than str.translate on CJK).
_WIDTH = ((":", "："), (",", "，"), ("?", "？"), ("!", "！"), ("(", "（"), (")", "）"), (";", "；"))
_HALF = re.compile(r"[:,?!();]")
# Characters that occur in nearly every traditional-script paragraph and never in a simplified one: a page with
# none of them needs no conversion (and OpenCC is not even loaded).
_TRADITIONAL_HINT = re.compile(
    "[們個來這為說時國會發經對進過還與產業關現點開質體動報記電訊權機學實際處議區專務責編輯採訪導據佈證書價設計總統"
    "員團識護問題標準條規劃興陽縣鄉農廠築環濟貿資財務稅場費買賣運輸鐵車馬門頁張陳劉楊趙黃吳鄭謝許蘇葉盧"
    "華廣東灣臺臺灣島區際營銷網絡視頻圖讀寫聽說話語詞義變雙無邊]"
)
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@cache
def _t2s_table() -> dict[int, str]:
    """Every CJK character OpenCC's t2s changes into exactly one other character."""
    import opencc

    convert = opencc.OpenCC("t2s").convert
    table: dict[int, str] = {}
    for lo, hi in _CJK_RANGES:
        for code in range(lo, hi + 1):
            ch = chr(code)
            out = convert(ch)
            if out != ch and len(out) == 1:
                table[code] = out
    return table


def t2s_chars() -> dict[int, str]:
    """OpenCC's t2s, character by character (code point → one simplified character): a str.translate table."""
    return _t2s_table()


def is_traditional(text: str) -> bool:
    """True when the text holds traditional-only characters (a page in traditional script)."""
    return _TRADITIONAL_HINT.search(text) is not None


def key(text: str, *, traditional: bool | None = None) -> str:
    """See `_key`; the same lines are asked about many times while a page is read, so answers are cached."""
    return _key(text, traditional)


@lru_cache(maxsize=16384)
def _key(text: str, traditional: bool | None) -> str:
    """The matching key of `text`: same length, full-width punctuation, simplified characters.

    `traditional`: whether to convert script; None decides from the text itself. A page decides once for all its
    lines (`is_traditional(page)`), so that a line without a hint character is still converted.
    """
    out = text
    if _HALF.search(out):
        for half, full in _WIDTH:
            if half in out:
                out = out.replace(half, full)
    if "丨" in out:
        out = out.replace("丨", "｜")  # public accounts print 丨 (a radical) as a separator: 文丨王浩, 来源丨人民网
    if traditional is None:
        traditional = is_traditional(text)
    if traditional:
        out = out.translate(_t2s_table())
    return out
