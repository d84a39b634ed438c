"""Glue paragraphs that a page or column break cut in two.

By the time this runs, `split.py` has taken captions, credits and displaced titles out of the article, so the two
halves of a cut paragraph are neighbours even when print put something between them. A cut is a paragraph that
stops mid-sentence followed by a body paragraph that is not a new speaker's turn; the halves are concatenated
with nothing in between (Chinese has no word spaces to restore).
"""
from __future__ import annotations

import re

from reader.ingest.lines import is_open, speaker_turn
from reader.model import Paragraph, ParagraphKind

# Kinds whose unfinished last sentence may go on in the next block. A heading is never continued.
_CONTINUABLE = frozenset((ParagraphKind.BODY, ParagraphKind.EDITOR, ParagraphKind.QUESTION, ParagraphKind.NOTE))


# Lines complete without a full stop: a "field：value" line with a number in it (发文字号：国知发办函字〔2022〕54号,
# 发文日期：2022-04-12), a paper's keywords (关键词：专利；商标) and a dated record
# (2000年11月22日 最高人民法院审判委员会第1144次会议通过).
_COMPLETE = re.compile(
    r"^[\u3400-\u9fff]{2,8}[：:]\s*[^，,。\s]{0,30}\d[^，,。]{0,20}$"
    r"|^[【\[]?关\s*键\s*[词字]|^(来源|信息来源|文章来源|稿件来源|Source)\s*[：:|｜]"
    r"|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,120}(通过|修正|修订|发布|公布|施行|印发|生效)$"
)


def continues(prev: Paragraph, nxt: Paragraph) -> bool:
    """True when `nxt` is the rest of `prev`, cut by a break."""
    return (
        prev.kind in _CONTINUABLE
        and is_open(prev.text)
        and not _COMPLETE.match(prev.text.strip())
        and nxt.kind == ParagraphKind.BODY
        and not speaker_turn(nxt.text)
    )


def rejoin(paragraphs: list[Paragraph], sealed: frozenset[int] = frozenset()) -> list[Paragraph]:
    """A new list in which every cut paragraph is whole again; the input is not modified.

    `sealed` holds indices of paragraphs that are complete although unpunctuated (a guest list line, say):
    nothing is glued to them.

    Concatenating the texts of the result gives exactly the concatenation of the input's texts, in order: rejoin
    only ever merges neighbours.
    """
    out: list[Paragraph] = []
    last_sealed = False
    for i, para in enumerate(paragraphs):
        if out and not last_sealed and continues(out[-1], para):
            last = out[-1]
            out[-1] = Paragraph(last.kind, last.text + para.text, last.line_start, para.line_end)
        else:
            out.append(Paragraph(para.kind, para.text, para.line_start, para.line_end))
            last_sealed = i in sealed
    return out
