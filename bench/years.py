"""Years of daily pages for the scale benchmarks: about 1,100 distinct pages, 24 MB, 3,500 articles.

The issue that asked for scale measured three years of real dailies (1,093 pages, 24 MB of text, 3,500 articles).
We have no such archive to ship, so `build(folder)` lays out that many pages from the articles `layouts.py` knows
(the seeds' and, when `../shared/practice` is beside the project, its source texts, read in place): each article
of a page is a fresh recombination (a title and paragraphs drawn from the pool, one paragraph carrying a serial
number), so no two articles share a fingerprint and keyword frequencies spread as they do over years of news.
Layouts rotate through the daily, news-day and PDF forms of `layouts.py`, with their folios, bylines and cuts.
Deterministic: every choice comes from `random.Random(seed)`.
"""
from __future__ import annotations

import random
from pathlib import Path

from layouts import Article, _practice_articles, _render, _seed_articles

PAGES = 1093
ARTICLES_PER_PAGE = (2, 5)
PARAGRAPHS = (9, 20)
LAYOUTS = ("daily", "newsday", "pdf")


def _pool() -> tuple[list[Article], list[str]]:
    arts = _seed_articles() + _practice_articles()
    paras = [t for a in arts for k, t in a.blocks if k == "p" and 20 <= len(t) <= 600]
    return arts, paras


def article(rng: random.Random, arts: list[Article], paras: list[str], serial: int) -> Article:
    base = rng.choice(arts)
    body = rng.sample(paras, rng.randint(*PARAGRAPHS))
    body[rng.randrange(len(body))] += f"（第{serial}号）"
    return Article(f"{base.title}（{serial}）", [("p", p) for p in body], base.authors, base.kicker)


def build(folder: Path, pages: int = PAGES, seed: int = 3) -> list[Path]:
    """Write `pages` page files (UTF-8) into `folder`; returns their paths in order."""
    rng = random.Random(seed)
    arts, paras = _pool()
    folder.mkdir(parents=True, exist_ok=True)
    out, serial = [], 0
    for n in range(pages):
        chosen = []
        for _ in range(rng.randint(*ARTICLES_PER_PAGE)):
            serial += 1
            chosen.append(article(rng, arts, paras, serial))
        page = _render(LAYOUTS[n % len(LAYOUTS)], rng, chosen)
        path = folder / f"{2023 + n // 365}-{n % 365 + 1:03d}.txt"
        path.write_text("\n".join(page.lines) + "\n", encoding="utf-8")
        out.append(path)
    return out


if __name__ == "__main__":
    import sys

    files = build(Path(sys.argv[1]))
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} pages, {size / 1e6:.1f} MB")
