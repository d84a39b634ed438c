"""The fast word segmenter (rjieba) against the reference (jieba), with the same dictionaries."""
from __future__ import annotations

import re

import pytest

from reader.config import seeds_dir
from reader.text import segment

rjieba = pytest.importorskip("rjieba")
_HAN = re.compile(r"[\u3400-\u9fff]")


def _han_breaks(words: list[str]) -> set[int]:
    """Word boundaries that fall between two Chinese characters: where the engines must agree."""
    text = "".join(words)
    out, pos = set(), 0
    for w in words:
        pos += len(w)
        if 0 < pos < len(text) and _HAN.match(text[pos - 1]) and _HAN.match(text[pos]):
            out.add(pos)
    return out


def test_rjieba_cuts_chinese_as_jieba_does() -> None:
    reference = segment.tokenizer()
    same = total = 0
    for page in sorted(seeds_dir().glob("*.txt")):
        for line in page.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            a = _han_breaks(list(reference.cut(line, HMM=True)))
            b = _han_breaks(list(segment.cut(line)))
            same += len(a & b)
            total += len(a | b)
    assert total > 10_000 and same / total >= 0.999, same / total


def test_the_domain_dictionary_is_loaded() -> None:
    words = list(segment.cut("加快发展新质生产力，推动知识产权质押融资和专精特新企业发展"))
    assert {"新质生产力", "专精特新"} <= set(words)
    assert segment.word_breaks("新质生产力")[-1] == 5


def test_jieba_is_used_when_rjieba_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment, "_engine", lambda: None)
    assert list(segment.cut("知识产权保护")) == list(segment.tokenizer().cut("知识产权保护", HMM=True))


def test_a_long_text_cut_in_pieces_at_punctuation_gives_the_same_words() -> None:
    """cut_pieces (one huge line is segmented piece by piece, so memory stays bounded) changes no word."""
    from reader.text.segment import cut, cut_pieces

    for page in sorted(seeds_dir().glob("*.txt")):
        text = page.read_text(encoding="utf-8")
        whole = list(cut(text))
        for piece in (7, 40, 500):
            assert list(cut_pieces(text, piece=piece)) == whole
    no_punctuation = "知识产权" * 5000  # nowhere to cut: segmented whole, never mid-word
    assert list(cut_pieces(no_punctuation, piece=100)) == list(cut(no_punctuation))


def test_stored_word_breaks_are_the_word_ends() -> None:
    from itertools import accumulate

    from reader.text.packed import unpack_breaks
    from reader.ingest.prepare import prepare_articles
    from reader.model import Paragraph, ParsedArticle
    from reader.text.tags import Taxonomy, Topic
    from reader.text.segment import cut

    text = "知识产权质押融资，" * 3000 + "专精特新企业。"
    (art,) = prepare_articles([ParsedArticle("标题", paragraphs=[Paragraph("body", text)])],
                              Taxonomy([Topic("金融", ["质押融资"])]))
    assert unpack_breaks(art.breaks[0]) == list(accumulate(map(len, cut(text))))
    assert art.terms["质押融资"] == 3000 and art.topics[0].topic == "金融"
