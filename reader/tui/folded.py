"""FoldedText: Rich Text that folds by the Chinese line-breaking rules at whatever width it is given.

Textual folds a CJK run at the cell boundary, so a snippet line in a list may start with "，" or split "1867.4".
The reading view wraps with reader.text.wrap; list items (search hits, related articles, notes) get the same
rules through this Visual: it cuts the text into the lines `fold_lines` gives for the width at hand and lets Textual
render them, as they already fit. Styles (highlights) survive: the text is sliced, not rebuilt.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content
from textual.visual import RenderOptions, Visual

from reader.text.wrap import fold_lines

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.strip import Strip
    from textual.style import Style

_NEWLINE = Content("\n")


class FoldedText(Visual):
    def __init__(self, text: Text) -> None:
        self.text = text
        self._content = Content.from_rich_text(text)
        self._folded: tuple[int, Content] | None = None  # (width, content folded for it): lists ask repeatedly

    @property
    def plain(self) -> str:
        return self.text.plain

    def __str__(self) -> str:
        return self.text.plain

    def folded(self, width: int) -> Content:
        if self._folded is None or self._folded[0] != width:
            lines = [self._content[s:e] for s, e in fold_lines(self._content.plain, width)]
            self._folded = (width, _NEWLINE.join(lines))
        return self._folded[1]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.folded(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.folded(width).get_height(rules, width)
