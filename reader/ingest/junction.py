"""Is a break between two blocks inside a word? Then a page or column break cut one paragraph there.

"国家知识产权局有关负责人表" | "示，随着…" and "保定市政府党组副书" | "记王林强调…": the last characters of the
first block and the first of the next make a dictionary word (表示, 书记) that neither side holds whole. A title
ends on a whole word, so a junction that splits one is evidence of a cut. jieba's dictionary (with the domain
dictionary) decides, without its HMM, which would happily invent a word across any break; and a side that is
whole words on its own ("发布会现场" | "会议以…", where 现场会 also spans) is not taken for a cut.
"""
from __future__ import annotations

from reader.text import segment

_SIDE = 4  # characters taken from each side


def splits_word(left: str, right: str) -> bool:
    """True when a dictionary word of two or more characters spans the end of `left` and the start of `right`."""
    a, b = left.rstrip()[-_SIDE:], right.lstrip()[:_SIDE]
    if len(a) < 1 or len(b) < 1 or not ("\u3400" <= a[-1] <= "\u9fff" and "\u3400" <= b[0] <= "\u9fff"):
        return False
    def cut(text: str) -> list[str]:
        return list(segment.cut(text, hmm=False))

    pos = 0
    spans = False
    for word in cut(a + b):
        end = pos + len(word)
        if pos < len(a) < end:
            spans = True
            break
        pos = end
    if not spans:
        return False
    # "发布会现场" | "会议以…" makes 现场会 across the break, but each side is whole words on its own; a real cut
    # leaves a stray character on at least one side ("负责人/表" | "示/，随着").
    last = cut(a)[-1]
    first = cut(b)[0]
    return len(last) == 1 or len(first) == 1
