"""Tests for reader.text.wrap: Chinese line breaking measured in terminal cells."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.text.wrap import display_width, wrap_spans, wrap_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CAR = "我国汽车产销量分别达1867.4万辆和1876.6万辆，同比分别增长2.5%和3%"

# The rules as the brief states them (plus "%", which must not start a line either). Stated here on their own
# so the tests do not simply echo the implementation's tables.
CLOSING = set("。，、；：？！）」』”’》〉】…—" ",.;:?!)]}" "%")
OPENING = set("（「『“‘《〈【" "([{")
WORD = re.compile(r"[A-Za-z0-9]+(?:[.,:/&'’_\-][A-Za-z0-9]+)*")


def lines_of(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def assert_tiles(text: str, spans: list[tuple[int, int]]) -> None:
    """Spans are contiguous, non-empty, and rebuild the text exactly."""
    assert spans, "at least one line"
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, e1), (s2, _) in zip(spans, spans[1:]):
        assert e1 == s2
    if text:
        assert all(s < e for s, e in spans)
    assert "".join(lines_of(text, spans)) == text


def assert_fits(text: str, spans: list[tuple[int, int]], width: int) -> None:
    for line in lines_of(text, spans):
        # trailing spaces at a break do not count (documented choice); rich.cells.cell_len is the measure
        assert cell_len(line.rstrip(" ")) <= width, (line, width)
    for s, _ in spans[1:]:
        assert text[s] != " ", "spaces at a break stay on the previous line"


# --- an independent oracle for "whenever the input makes that possible" ---------------------------------


def legal_breaks(text: str) -> list[int]:
    """Positions where a rule-abiding break may fall, by the brief's rules, for the test alphabet below."""
    inside: set[int] = set()
    for m in WORD.finditer(text):
        inside.update(range(m.start() + 1, m.end()))
    out = [0]
    for b in range(1, len(text)):
        if text[b] in CLOSING or text[b] == " " or b in inside:
            continue
        bt = len(text[:b].rstrip(" "))
        if bt > 0 and text[bt - 1] in OPENING:
            continue
        out.append(b)
    out.append(len(text))
    return out


def assert_rules_where_possible(text: str, spans: list[tuple[int, int]], width: int) -> None:
    """A line starts with closing or ends with opening punctuation only if the unbreakable run around that
    break is itself wider than the line; a Latin word or number is split only if it is wider than the line."""
    legal = legal_breaks(text)
    for s, _ in spans[1:]:
        prev_visible = text[:s].rstrip(" ")
        if text[s] in CLOSING or (prev_visible and prev_visible[-1] in OPENING):
            left = max(b for b in legal if b < s)
            right = min(b for b in legal if b > s)
            chain = text[left:right].rstrip(" ")
            assert cell_len(chain) > width, (text[s - 3 : s + 3], chain, width)
    cuts = {s for s, _ in spans[1:]}
    for m in WORD.finditer(text):
        if cell_len(m.group()) <= width:
            assert not cuts & set(range(m.start() + 1, m.end())), (m.group(), width)


# --- strategies ----------------------------------------------------------------------------------------

_PIECES = (
    list("我国汽车产销量分别达和同比增长知识产权保护")
    + list("。，、；：？！）」』”’》〉】…—,.;:?!)]}")
    + list("（「『“‘《〈【([{")
    + ["——", "……", " ", "  ", "PCT", "R&D", "5G", "2.5%", "1867.4", "2023", "e-mail", "GDP", "don’t", "1/3"]
)
# Random Latin words avoid "w" so no "www." URL appears: URLs are glued more widely than the oracle knows.
_latin = st.from_regex(r"[a-vx-zA-Z0-9]{1,9}", fullmatch=True)
mixed_text = st.lists(st.one_of(st.sampled_from(_PIECES), _latin), max_size=60).map("".join)
_widths = st.integers(min_value=4, max_value=60)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_characters="\n\r"), max_size=200), st.integers(1, 50))
def test_any_text_is_tiled_and_fits(text: str, width: int) -> None:
    spans = wrap_spans(text, width)
    assert_tiles(text, spans)
    if width >= 2:  # no grapheme cluster is wider than 2 cells, so every line can fit
        assert_fits(text, spans, width)


_TRICKY = ["👨", "\u200d", "\ufe0f", "❤", "☺", "\u0301", "a", "中", " ", "\t", "，", "（", "é", "\u00a0", "\u200b"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TRICKY), max_size=80).map("".join), st.integers(2, 12))
def test_emoji_combining_and_variation_selectors_fit(text: str, width: int) -> None:
    spans = wrap_spans(text, width)
    assert_tiles(text, spans)
    assert_fits(text, spans, width)


@settings(max_examples=400, deadline=None)
@given(mixed_text, _widths)
def test_mixed_chinese_follows_the_rules(text: str, width: int) -> None:
    spans = wrap_spans(text, width)
    assert_tiles(text, spans)
    assert_fits(text, spans, width)
    assert_rules_where_possible(text, spans, width)


@settings(max_examples=300, deadline=None)
@given(mixed_text, _widths, st.data())
def test_word_ends_never_break_a_rule(text: str, width: int, data: st.DataObject) -> None:
    breaks = sorted(data.draw(st.sets(st.integers(0, len(text)))))
    spans = wrap_spans(text, width, breaks)
    assert_tiles(text, spans)
    assert_fits(text, spans, width)
    assert_rules_where_possible(text, spans, width)
    # The first line moves back to a word end only within 2 cells of the plain greedy line.
    plain_end = wrap_spans(text, width)[0][1]
    end = spans[0][1]
    if end != plain_end:
        assert end in breaks and end < plain_end
        assert cell_len(text[:end].rstrip(" ")) >= cell_len(text[:plain_end].rstrip(" ")) - 2


# --- examples ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", range(10, 41))
def test_car_sentence_at_every_width(width: int) -> None:
    spans = wrap_spans(CAR, width)
    assert_tiles(CAR, spans)
    assert_fits(CAR, spans, width)
    lines = lines_of(CAR, spans)
    assert not any(line[0] in CLOSING for line in lines)
    assert not any(line[-1] in OPENING for line in lines)
    for number in ("1867.4", "1876.6", "2.5%", "3%"):
        assert any(number in line for line in lines), (number, lines)


def test_car_sentence_exact_lines() -> None:
    assert wrap_text(CAR, 20) == ["我国汽车产销量分别达", "1867.4万辆和1876.6万", "辆，同比分别增长2.5%", "和3%"]


def test_closing_punctuation_pulls_the_previous_character_down() -> None:
    # "一二三四五" fills 10 cells exactly; "，" may not start the next line, so "五" goes down with it.
    assert wrap_text("一二三四五，六", 10) == ["一二三四", "五，六"]
    assert wrap_text("一二三四五。」六", 10) == ["一二三四", "五。」六"]


def test_opening_punctuation_goes_down_with_what_it_opens() -> None:
    assert wrap_text("一二三四（五）", 10) == ["一二三四", "（五）"]
    assert wrap_text("一二三《四》", 8) == ["一二三", "《四》"]


@pytest.mark.parametrize("pair", ["——", "……"])
def test_dash_and_ellipsis_pairs_stay_whole_and_never_start_a_line(pair: str) -> None:
    text = f"一二三四{pair}五六"
    for width in range(4, 16):
        lines = wrap_text(text, width)
        assert "".join(lines) == text
        assert any(pair in line for line in lines)
        assert all(line[0] not in "—…" for line in lines)


def test_latin_words_numbers_and_addresses_stay_whole() -> None:
    text = "世界知识产权组织WIPO发布的PCT报告显示R&D投入与5G专利，联系hbjrbll@163.com或www.cnipa.gov.cn了解2023年数据"
    for width in range(16, 41):
        lines = wrap_text(text, width)
        assert "".join(lines) == text
        for token in ("WIPO", "PCT", "R&D", "5G", "hbjrbll@163.com", "www.cnipa.gov.cn", "2023"):
            assert any(token in line for line in lines), (token, width, lines)


def test_signed_numbers_keep_their_sign() -> None:
    lines = wrap_text("利润同比增长-12.5%左右", 13)
    assert any("-12.5%" in line for line in lines), lines


def test_too_long_url_is_cut_by_cells() -> None:
    url = "https://www.example.org/a/very/long/path/to/some/resource.html"
    text = f"详见{url}。"
    spans = wrap_spans(text, 20)
    assert_tiles(text, spans)
    assert_fits(text, spans, 20)
    assert len(spans) >= 4
    assert all(not line.startswith(("。", ".")) for line in wrap_text(text, 20))


def test_spaces_trail_the_line_and_do_not_count() -> None:
    assert wrap_spans("abc def", 3) == [(0, 4), (4, 7)]
    assert wrap_text("abc def", 3) == ["abc", "def"]
    assert wrap_text("The PCT route  and WIPO", 10) == ["The PCT", "route  and", "WIPO"]


def test_ascii_quotes_stick_to_their_words() -> None:
    # An ASCII quote cannot say whether it opens or closes; it stays with the character it touches.
    for width in range(8, 25):
        lines = wrap_text('he said "patents matter" today', width)
        assert any('"patents' in line for line in lines) and any('matter"' in line for line in lines), lines
    for width in range(5, 12):
        lines = wrap_text('他说"你好"世界', width)
        assert "".join(lines) == '他说"你好"世界'
        assert not any(line.startswith('"') or line.endswith('"') for line in lines), lines


def test_leading_indentation_is_kept() -> None:
    lines = wrap_text("　　知识产权是新质生产力中的关键要素", 12)
    assert lines[0].startswith("　　")
    assert "".join(lines) == "　　知识产权是新质生产力中的关键要素"


def test_word_ends_are_preferred_within_two_cells() -> None:
    text = "我们要加强知识产权保护工作"
    assert wrap_text(text, 20)[0] == "我们要加强知识产权保"
    assert wrap_text(text, 20, [2, 3, 5, 9, 11, 13])[0] == "我们要加强知识产权"
    # The nearest word end is 4 cells back: too much slack, the greedy line stands.
    assert wrap_text(text, 22, [2, 3, 5, 9, 13])[0] == "我们要加强知识产权保护"
    assert wrap_text(text, 16, [2, 3, 5, 9, 11, 13])[0] == "我们要加强知识产"


def test_word_end_before_a_comma_is_not_taken() -> None:
    # The word end at 3 would start the next line with "，".
    assert wrap_spans("一二三，四五六", 8, [3])[0] == (0, 4)


def test_small_and_degenerate_inputs() -> None:
    assert wrap_spans("", 10) == [(0, 0)]
    assert wrap_text("", 10) == [""]
    assert wrap_spans("中文", 1) == [(0, 1), (1, 2)]  # a wide character alone may exceed a 1-cell line
    assert wrap_spans("短", 80) == [(0, 1)]
    with pytest.raises(ValueError):
        wrap_spans("abc", 0)


def test_display_width_counts_cells() -> None:
    assert display_width("中a，") == 5
    assert display_width("") == 0


def _seed_paragraphs() -> list[str]:
    return [line for p in sorted(SEEDS.glob("*.txt")) for line in p.read_text("utf-8").splitlines() if line]


@pytest.mark.parametrize("width", [20, 37, 70])
def test_seed_pages(width: int) -> None:
    for text in _seed_paragraphs():
        spans = wrap_spans(text, width)
        assert_tiles(text, spans)
        assert_fits(text, spans, width)
        for s, _ in spans[1:]:
            assert text[s] not in CLOSING, (text[s - 5 : s + 5], width)
            assert text[:s].rstrip(" ")[-1] not in OPENING, (text[s - 5 : s + 5], width)
        for m in WORD.finditer(text):
            assert not {s for s, _ in spans} & set(range(m.start() + 1, m.end())), (m.group(), width)


# The word tokens as one pattern with the CJK blocks in its letter class (what wrap.py ran before it found the
# runs between CJK characters first, to keep that class out of its start-up): both must glue the same positions.
_CJK = (
    "\u1100-\u11ff\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u3190-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
)
_REF_L = rf"[^\W_{_CJK}]"
_REF_WORD = rf"{_REF_L}(?:{_REF_L}|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])*"
_REF_TOKEN = re.compile(rf"{_REF_WORD}(?:[.,:/&'’_\-]{_REF_WORD})*")
_WORDISH = "abZ09éΩжß中文日本語한국어ーー々〇ＡＢ１２\u0301_.,:/&'’-+@w 。，（）𠀀ā"


@given(st.text(st.sampled_from(_WORDISH), max_size=40) | st.text(max_size=40))
def test_word_tokens_glue_what_one_pattern_over_the_whole_text_glues(text: str) -> None:
    from reader.text import wrap

    expected = bytearray(len(text) + 1)
    # the URL, e-mail and signed-number patterns (unchanged) add glue of their own
    for pattern in (_REF_TOKEN, wrap._URL_TOKEN, wrap._EMAIL_TOKEN, wrap._SIGNED_NUMBER):
        for m in pattern.finditer(text):
            expected[m.start() + 1 : m.end()] = b"\x01" * max(0, m.end() - m.start() - 1)
    assert bytes(wrap._glue_mask(text)) == bytes(expected)


@given(st.lists(st.text(alphabet="知识产权，。 ab1.2“”\n", max_size=40), max_size=4), st.integers(1, 30))
@settings(max_examples=200, deadline=None)
def test_fold_lines_folds_every_line_and_keeps_blank_ones(lines: list[str], width: int) -> None:
    from reader.text.wrap import fold_lines

    text = "\n".join(lines)
    spans = fold_lines(text, width)
    # Per source line: the same lines wrap_spans gives, offset into the whole text, breaking spaces left out.
    expected: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        expected += [(start + s, start + s + len(line[s:e].rstrip(" "))) for s, e in wrap_spans(line, width)]
        start += len(line) + 1
    assert spans == expected
    assert len(spans) >= text.count("\n") + 1  # a blank line stays a line
    assert all("\n" not in text[s:e] for s, e in spans)


def test_cli_table_cells_fold_by_the_rules() -> None:
    import io

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from reader.text.folded import Folded

    table = Table()
    table.add_column("id")
    table.add_column("snippet")
    table.add_row("1", Folded(Text(CAR * 3)))
    buffer = io.StringIO()
    Console(file=buffer, width=30, color_system=None).print(table)
    cells = [line.split("│")[2].strip() for line in buffer.getvalue().splitlines() if line.count("│") == 3]
    assert len(cells) > 3
    assert not [c for c in cells[1:] if c and c[0] in CLOSING]
    assert "1867.4" in "".join(cells) and "1876.6" in "".join(cells)
