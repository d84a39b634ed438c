"""Decoding real-world files: encodings, BOMs, line ends, binary input and terminal escape sequences."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.decode import DecodeError, clean_text, decode_bytes

SAMPLE = "知识产权是新质生产力中的关键要素，\n它一头连着创新，一头连着市场。2023年增长2.5%。\n"
TRADITIONAL = "知識產權是新質生產力中的關鍵要素，\n它一頭連著創新，一頭連著市場。"


@pytest.mark.parametrize(
    "encoding,data",
    [
        ("utf-8", SAMPLE.encode("utf-8")),
        ("utf-8", codecs.BOM_UTF8 + SAMPLE.encode("utf-8")),
        ("utf-16-le", codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le")),
        ("utf-16-be", codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be")),
        ("gb18030", SAMPLE.encode("gbk")),
        ("gb18030", SAMPLE.encode("gb18030")),
    ],
)
def test_encodings_give_identical_text(encoding: str, data: bytes) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == SAMPLE
    assert decoded.encoding == encoding


def test_big5_is_told_apart_from_gbk() -> None:
    decoded = decode_bytes(TRADITIONAL.encode("big5"))
    assert decoded.encoding == "big5"
    assert decoded.text == TRADITIONAL


def test_utf16_without_bom_for_mostly_ascii_text() -> None:
    text = "Patent law 2023: PCT filings rose.\n专利\n" * 5
    assert decode_bytes(text.encode("utf-16-le")).text == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_for_chinese_text(encoding: str) -> None:
    # No ASCII, so no NUL bytes to give the encoding away; the bytes also decode as (nonsense) GB18030.
    text = "知识产权是新质生产力中的关键要素，它一头连着创新，一头连着市场，既是创新成果的保护网。"
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.encoding == encoding
    assert decoded.text == text


def test_crlf_and_cr_line_ends_become_newlines() -> None:
    assert decode_bytes("第一段\r\n第二段\r第三段".encode()).text == "第一段\n第二段\n第三段"


def test_seed_gbk_twin_matches_utf8(tmp_path) -> None:
    from reader.config import seeds_dir

    seed = sorted(seeds_dir().glob("*.txt"))[0]
    raw = seed.read_bytes()
    assert decode_bytes(raw.decode("utf-8").encode("gb18030")).text == decode_bytes(raw).text


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty"),
        (b"  \n\t\r\n ", "white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (b"SQLite format 3\x00\x10\x00", "SQLite"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_bad_input_is_rejected_with_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_a_few_invalid_utf8_bytes_are_replaced_with_a_warning() -> None:
    data = ("知识产权" * 200).encode() + b"\xff" + ("保护" * 200).encode()
    decoded = decode_bytes(data)
    assert "\ufffd" in decoded.text
    assert decoded.warnings and "invalid UTF-8" in decoded.warnings[0]


def test_escape_sequences_and_controls_are_removed_whole() -> None:
    hostile = (
        "前\x1b[2J\x1b[H清屏\x1b]52;c;aGVsbG8=\x07剪贴板\x1b]8;;http://x\x1b\\链接\x1b]8;;\x1b\\"
        "\x1b[?2004h粘贴\x00空\x07铃\u202e反\x9b31m后"
    )
    assert clean_text(hostile) == "前清屏剪贴板链接粘贴空铃反后"


def test_nul_bytes_in_mostly_text_are_stripped_not_fatal() -> None:
    data = ("知识产权保护" * 400).encode() + b"\x00" + "创新".encode()
    assert decode_bytes(data).text.endswith("保护创新")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_decoding_utf8_never_crashes_and_leaves_no_controls(text: str) -> None:
    try:
        decoded = decode_bytes(text.encode("utf-8", errors="surrogatepass"))
    except DecodeError:
        return
    assert not any(ord(c) < 32 and c not in "\n\t" for c in decoded.text)
    assert "\x1b" not in decoded.text


def _seed_text() -> str:
    from reader.config import seeds_dir

    return "".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt")))


_SEEDS = _seed_text()


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(_SEEDS) - 1), st.integers(12, 400))
def test_gbk_twin_of_any_real_passage_decodes_identically(start: int, length: int) -> None:
    # Detection is a judgement about prose, so the property is stated over real prose: any passage of the seeds.
    passage = _SEEDS[start : start + length]
    if not passage.strip():
        return
    try:
        data = passage.encode("gbk")
    except UnicodeEncodeError:
        return
    assert decode_bytes(data).text == decode_bytes(passage.encode("utf-8")).text
