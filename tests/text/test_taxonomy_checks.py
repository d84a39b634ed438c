"""topics.toml is checked field by field (types, ranges, sizes; a BOM is fine), and a taxonomy of many thousands
of keywords is matched in one pass over the text with the same results as one count per keyword."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader import config
from reader.text import tags
from reader.text.tags import Taxonomy, TaxonomyError, Topic, load_taxonomy, match_topics

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
GOOD = '[[topic]]\nname = "金融"\nkeywords = ["质押", "融资"]\n'


@pytest.mark.parametrize(("body", "names"), [
    ('topic = "x"\n', "[[topic]] tables"),
    ('[settings]\nmin_score = "abc"\n' + GOOD, "min_score"),
    ('[settings]\nmax_topics = inf\n' + GOOD, "max_topics"),
    ('[settings]\ntitle_weight = -1\n' + GOOD, "title_weight"),
    ('[settings]\nmin_score = true\n' + GOOD, "min_score"),
    ('settings = 3\n' + GOOD, "[settings] must be a table"),
    ('[[topic]]\nname = 5\nkeywords = ["专利"]\n', "topic #1 name must be text"),
    ('[[topic]]\nname = "a"\nkeywords = "专利"\n', "keywords must be a list"),
    ('[[topic]]\nname = "a"\nkeywords = ["专利", 3]\n', "keyword #2 must be text"),
    ('[[topic]]\nname = "a"\nkeywords = []\n', "needs a name and at least one keyword"),
    ('[[topic]]\nname = "' + "长" * 201 + '"\nkeywords = ["专利"]\n', "longer than 200"),
    ("[[topic]]\nname = \"a\"\nkeywords = [" + "[" * 2000 + "]" * 2000 + "]\n", "cannot read"),
])
def test_a_bad_taxonomy_names_the_field(tmp_path: Path, body: str, names: str) -> None:
    path = tmp_path / "topics.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(TaxonomyError, match=None) as info:
        load_taxonomy(path)
    assert names in str(info.value) and str(path) in str(info.value)


def test_a_bom_and_hostile_names_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "topics.toml"
    path.write_text("\ufeff" + '[[topic]]\nname = "金\\u001b[2J融\\u202e"\nkeywords = ["质\\u200b押", "质押"]\n',
                    encoding="utf-8")
    tax = load_taxonomy(path)
    assert tax.topics[0].name == "金[2J融" and tax.topics[0].keywords == ["质押"]


def test_one_pass_matching_gives_what_one_count_per_keyword_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    alphabet = "".join(sorted(set("".join(texts)) - set(" \n")))[:400]
    big = Taxonomy([Topic(f"t{i}", list(dict.fromkeys(
        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(60)))) for i in range(50)],
        min_score=1)
    for taxonomy in (load_taxonomy(config.taxonomy_path()), big):
        for text in texts:
            monkeypatch.setattr(tags, "SCAN_FROM", 10**9)
            counted = match_topics(text[:40], text, fresh(taxonomy))
            monkeypatch.setattr(tags, "SCAN_FROM", 1)
            scanned = match_topics(text[:40], text, fresh(taxonomy))
            assert scanned == counted and scanned


def fresh(taxonomy: Taxonomy) -> Taxonomy:
    """A copy without the cached keyword index, so each way of matching builds its own."""
    return Taxonomy(**{k: v for k, v in vars(taxonomy).items() if not k.startswith("_")})
