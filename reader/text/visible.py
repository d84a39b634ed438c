"""Strings that did not come from our own code, made safe to show: the one output boundary.

A file name, a note, a tag or a topic name may carry terminal escapes (ESC[2J, OSC 52 clipboard writes), other
control characters, bidi overrides that make text lie about its order, or zero-width characters that make two
names look the same. Article text is cleaned on import (ingest/decode.py); everything else passes through here on
its way to a terminal, a widget or an export, and user input is cleaned at the door with `clean`.
"""
from __future__ import annotations

import re

# The character classes, spelled once. C0 controls but tab and newline; DEL and the C1 controls; bidi embeddings,
# overrides, isolates and marks, zero-width spaces and joiners, word joiner, BOM, Mongolian vowel separator.
_C0 = r"\x00-\x08\x0b-\x1f"
_C1 = r"\x7f-\x9f"
_HIDDEN = r"\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u180e"
_CONTROL = re.compile(f"[{_C0}{_C1}]")
_INVISIBLE = re.compile(f"[{_HIDDEN}]")
# Everything `clean` removes, in one pass; decode.py strips article text with it too.
UNSAFE = re.compile(f"[{_C0}{_C1}{_HIDDEN}]")
_LINE_BREAKS = re.compile(r"[\n\t\u2028\u2029\x85]")
# Lone surrogates: bytes of a file name that were not UTF-8 (os.fsdecode); no terminal or database takes them.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀…␟: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\u2426"  # ␦ for a C1 control (0x80–0x9f)


def visible(text: str | None) -> str:
    """Control characters shown as their pictures (␛), invisible ones removed; newlines and tabs kept."""
    if not text:
        return ""
    return _CONTROL.sub(_picture, _INVISIBLE.sub("", _SURROGATE.sub("\ufffd", text)))


def one_line(text: str | None) -> str:
    """`visible`, on one line: for names, titles, tags and table cells (a newline would break a Markdown meta
    line or a table row)."""
    return _LINE_BREAKS.sub(" ", visible(text))


def clean(text: str | None, *, multiline: bool = True) -> str:
    """User input at the door (notes, tags, backups, taxonomy): controls and invisible characters removed."""
    if not text:
        return ""
    out = UNSAFE.sub("", _SURROGATE.sub("\ufffd", text))
    return out if multiline else _LINE_BREAKS.sub(" ", out)


def is_clean(text: str) -> bool:
    """No control character but newline and tab, no C1, no ESC (what every output is checked for)."""
    return _CONTROL.search(text) is None


# In JSON text: C1 controls and invisible characters (JSON escapes C0 itself), as \uXXXX escapes.
_JSON_UNSAFE = re.compile(f"[{_C1}{_HIDDEN}]")


def json_safe(dumped: str) -> str:
    """JSON text (from json.dumps(..., ensure_ascii=False)) with what a terminal could act on escaped: the same
    data, and nothing raw on the screen when it is printed."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
