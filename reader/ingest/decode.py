"""Bytes → clean text: detect the encoding of a real-world file and strip what must never reach a terminal.

Policy for damaged UTF-8 (documented in the README): a file that is valid UTF-8 except for a few stray byte
sequences (at most 1 in 200 characters) is decoded with U+FFFD in their place and a warning; anything worse is
tried as GB18030/Big5/UTF-16 and, failing those, rejected.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from reader.errors import ReaderError
from reader.text.visible import UNSAFE


class DecodeError(ReaderError, ValueError):
    """The file cannot be imported as text; the message says why."""

    title = "导入 import"


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x7fELF", "an executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"Rar!", "a RAR archive"),
]

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# The most frequent characters of Chinese prose in both scripts. A wrong guess between GB18030 and Big5 decodes
# into rare characters, so the share of common ones tells the right decoding apart.
_COMMON = set(
    "的是一不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然"
    "家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机"
    "十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西"
    "斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打"
    "女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五"
    "基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清"
    "今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具"
    "罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研"
    "這個們來為國說時會對過發後裡現當動麼學經還進與長機無關點見業將間問頭體實們從開種當產與應頭記區師觀識運轉讓帶邊"
    "億萬軍專傳員選種條變總術論統資須題層義產雖術創發權護識財產權經濟術創業務區場價質樣國際標準營機構"
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

# Terminal escape sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), DCS/SOS/PM/APC strings, two-byte ESC
# sequences, and their 8-bit C1 forms. They are removed whole, so no stray "[2J" is left behind.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
)
def clean_text(text: str) -> str:
    """Normalise line ends and remove escape sequences and control characters (tab and newline stay)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _ESCAPES.sub("", text)
    # Then the remaining C0/C1 controls (tab and newline kept), DEL, bidi overrides/isolates and marks (they can
    # make text lie about its order), zero-width spaces and joiners (web copy is full of them; they split words for
    # search and make equal titles differ) and stray BOMs: the output boundary's own class.
    return UNSAFE.sub("", text)


def _common_share(text: str) -> float:
    cjk = _CJK.findall(text[:20000])
    if not cjk:
        return 0.0
    return sum(1 for c in cjk if c in _COMMON) / len(cjk)


# Characters that are certainly fine (printable ASCII, common CJK, CJK and full-width punctuation): skipped before
# the per-character category lookup, which is the slow part.
_ORDINARY = re.compile(r"[\t\n\r -~\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2010-\u2027]+")


def _bad_share(text: str) -> float:
    """Share of characters that real prose almost never contains: controls, private use, unassigned."""
    sample = text[:20000]
    if not sample:
        return 0.0
    rest = _ORDINARY.sub("", sample)
    bad = sum(1 for ch in rest if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs"))
    return bad / len(sample)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-heavy text shows NULs in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode the bytes of one file. Raises DecodeError with a reason a person can act on."""
    if not data.strip():
        raise DecodeError("the file is empty" if not data else "the file holds only white space")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"this is {what}, not a text file")

    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data[len(bom):], encoding)
            if text is None:
                raise DecodeError(f"the file starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()}")
            return _finish(text, encoding)

    utf16 = _looks_utf16(data)
    if utf16:
        text = _try(data[: len(data) - len(data) % 2], utf16)
        if text is not None and _bad_share(text) < 0.01:
            return _finish(text, utf16)

    binary_like = data.count(0) > max(1, len(data) // 1000)
    text = _try(data, "utf-8")
    if text is not None and not binary_like:
        # Short GBK runs can happen to be valid UTF-8 (一 = D2 BB = Cyrillic һ). Prefer GB18030 only when the
        # UTF-8 reading holds no Chinese at all and the GB18030 reading is plainly Chinese prose.
        if not _CJK.search(text) and not text.isascii():
            gb = _try(data, "gb18030")
            if gb is not None and _bad_share(gb) == 0 and _common_share(gb) > 0.5:
                return _finish(gb, "gb18030")
        return _finish(text, "utf-8")

    # UTF-16 without a BOM and with little ASCII shows few NUL bytes (一 is 00 4E); its bytes also decode as
    # GB18030 (into nonsense), so the reading that looks like prose wins. Checked before the binary test.
    if len(data) % 2 == 0:
        gb_guess = _try(data, "gb18030")
        gb_share = _common_share(gb_guess) if gb_guess is not None else 0.0
        for encoding in ("utf-16-le", "utf-16-be"):
            wide = _try(data, encoding)
            if wide is not None and _bad_share(wide) == 0 and _common_share(wide) > max(0.3, gb_share + 0.1):
                return _finish(wide, encoding)

    if binary_like:
        raise DecodeError("the file holds binary data (many NUL bytes), not text")

    # GB18030 decodes almost any byte soup, Big5 less; prefer GB18030 (mainland text) unless the Big5 reading is
    # clearly more like real prose.
    gb = _try(data, "gb18030")
    big5 = _try(data, "big5")
    gb_ok = gb is not None and _bad_share(gb) < 0.01
    big5_ok = big5 is not None and _bad_share(big5) < 0.01
    if gb_ok and big5_ok:
        gb_share, big5_share = _common_share(gb), _common_share(big5)
        if big5_share > max(0.3, gb_share * 1.5 + 0.05):
            return _finish(big5, "big5")
        return _finish(gb, "gb18030")
    if gb_ok:  # the only valid double-byte reading
        return _finish(gb, "gb18030")
    if big5_ok and (_common_share(big5) > 0.2 or not _CJK.search(big5)):
        return _finish(big5, "big5")

    # Mostly UTF-8 with a few damaged sequences: keep the text, mark the damage, warn.
    lenient = data.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    if damaged <= max(1, len(lenient) // 200):
        result = _finish(lenient, "utf-8")
        result.warnings.append(f"{damaged} invalid UTF-8 byte sequence(s) replaced with U+FFFD")
        return result

    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # the detector is a last resort; its failure must not hide our own message
        best = None
    if best is not None and best.encoding:
        decoded = str(best)
        if _bad_share(decoded) < 0.01:
            return _finish(decoded, best.encoding)
    raise DecodeError("the bytes are not valid UTF-8, UTF-16, GB18030/GBK or Big5 text")


def _finish(text: str, encoding: str) -> Decoded:
    cleaned = clean_text(text)
    warnings = []
    if not cleaned.strip():
        raise DecodeError("the file holds no readable text")
    if len(cleaned) != len(text.replace("\r\n", "\n")):
        removed = len(text.replace("\r\n", "\n")) - len(cleaned)
        if removed > 0:
            warnings.append(f"removed {removed} control/escape character(s)")
    return Decoded(cleaned, encoding, warnings)
