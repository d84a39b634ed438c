"""On/off marks that read without colour: Textual's checkboxes, radio buttons and selection lists draw the same
glyph for both states and tell them apart by colour alone, which a monochrome terminal, a screen reader's braille
line or a colour-blind reader cannot see. Ours draw ✓ or ● when on and a blank or ○ when off."""
from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widgets import Checkbox, RadioButton
from textual.widgets._toggle_button import ToggleButton

TICK, NO_TICK = "✓", " "
DOT, NO_DOT = "●", "○"


def _button(toggle: ToggleButton, inner: str) -> Content:
    # As ToggleButton._button draws it, with the inner glyph chosen by the value.
    button_style = toggle.get_visual_style("toggle--button")
    side_style = Style(foreground=button_style.background, background=toggle.background_colors[1])
    return Content.assemble((toggle.BUTTON_LEFT, side_style), (inner, button_style), (toggle.BUTTON_RIGHT, side_style))


class TickBox(Checkbox):
    """A Checkbox showing ✓ when on, a blank when off."""

    @property
    def _button(self) -> Content:
        return _button(self, TICK if self.value else NO_TICK)


class Radio(RadioButton):
    """A RadioButton showing ● when chosen, ○ when not."""

    @property
    def _button(self) -> Content:
        return _button(self, DOT if self.value else NO_DOT)


def tick_selection_line(strip: Strip, selected: bool) -> Strip:
    """A SelectionList line with its button's glyph (the second segment) replaced by ✓ or a blank."""
    segments = list(strip)
    if len(segments) < 3 or segments[1].text != ToggleButton.BUTTON_INNER:
        return strip
    segments[1] = Segment(TICK if selected else NO_TICK, segments[1].style, segments[1].control)
    return Strip(segments, strip.cell_length)
