"""FoldedText folds list items by the Chinese line-breaking rules, keeping their highlights."""
from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.text.wrap import CLOSING, display_width
from reader.tui.folded import FoldedText

SNIPPET = ("创新是引领发展的第一动力，保护知识产权就是保护创新。全面建设社会主义现代化国家，必须更好推进知识产权"
           "保护工作，2023年专利质押融资达到8539.9亿元，同比增长75.4%。")


def _label() -> Text:
    text = Text("保护知识产权就是保护创新", style="bold")
    text.append("  来源 · 3 处", style="dim")
    text.append("\n")
    body = Text(SNIPPET)
    start = SNIPPET.index("知识产权")
    body.stylize("reverse", start, start + 4)
    text.append_text(body)
    return text


def test_lines_fit_no_line_starts_with_closing_punctuation_and_numbers_stay_whole() -> None:
    for width in range(12, 60):
        lines = FoldedText(_label()).folded(width).plain.split("\n")
        assert all(display_width(line) <= width for line in lines), width
        assert not [line for line in lines[1:] if line and line[0] in CLOSING], width
        joined = "".join(lines)
        assert "8539.9" in joined and "75.4%" in joined  # never split across lines
        assert joined.replace(" ", "") == _label().plain.replace("\n", "").replace(" ", "")  # nothing lost


def test_highlights_stay_on_their_characters() -> None:
    folded = FoldedText(_label()).folded(17)
    reversed_text = "".join(folded.plain[s.start:s.end] for s in folded.spans if "reverse" in repr(s.style))
    assert reversed_text.replace("\n", "") == "知识产权"


class _ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield OptionList(Option(FoldedText(_label())), Option(FoldedText(Text("第二项"))))


async def test_an_option_list_draws_the_folded_lines() -> None:
    app = _ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        option_list = app.query_one(OptionList)
        visual = option_list.get_option_at_index(0).prompt
        assert isinstance(visual, FoldedText) and visual._folded is not None
        width = visual._folded[0]  # the width the list rendered it at, inside its gutter and padding
        assert 30 <= width < 40
        expected = visual.folded(width).plain.split("\n")
        shown = [strip.text.strip("▊▎ ") for strip in option_list.render_lines(option_list.region.reset_offset)]
        for line in expected:
            assert line.strip() in shown
        assert not [line for line in shown if line and line[0] in CLOSING]
