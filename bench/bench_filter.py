"""The library filter as you type, in a library of 10,000 articles: the filter's time per keystroke against the time
the library pane takes to redraw the list it gives (issue #16: p95 per keystroke ≤ the redraw).

Titles, kickers and authors come from the articles `layouts.py` knows (the seeds' and, when `../shared/practice`
is beside the project, its sources), recombined as `years.py` does, so titles repeat their vocabulary the way a
year of dailies does but no two are the same. Each query is typed one character at a time; every prefix is a
keystroke. The filter is measured cold (the first keystrokes of the run build each title's pinyin keys) and warm.
The redraw is the pane's own `rebuild` with the filter's answer handed to it, up to the next painted frame, in a
headless Textual app of 120x40.
Run it: python bench/run.py filter
"""
from __future__ import annotations

import asyncio
import random
import time

from layouts import _practice_articles, _seed_articles

from reader.model import ArticleSummary
from reader.search import title_filter

ARTICLES = 10_000
QUERIES = ["zscq", "zhishichanquan", "知识产权", "知識產權", "xzscl", "xinzhi", "zxqy", "cq", "专利 zh", "gaozhiliang"]


def summaries(n: int = ARTICLES, seed: int = 5) -> list[ArticleSummary]:
    rng = random.Random(seed)
    pool = _seed_articles() + _practice_articles()
    words = [a.title for a in pool]
    out = []
    for i in range(n):
        base = rng.choice(pool)
        title = base.title if rng.random() < 0.3 else rng.choice(words)[:8] + rng.choice(words)[-8:]
        out.append(ArticleSummary(id=i + 1, source=f"{2023 + i // 1200}-{i % 365:03d}.txt", ordinal=i % 5,
                                  title=f"{title}（{i}）", kicker=base.kicker, subtitle=None, authors=base.authors,
                                  column=None, topics=[], tags=[], chars=2000))
    return out


def _keystrokes() -> list[str]:
    return [q[:i] for q in QUERIES for i in range(1, len(q) + 1)]


def _filter_times(rows: list[ArticleSummary]) -> tuple[list[float], dict[str, list[ArticleSummary]]]:
    times, answers = [], {}
    for typed in _keystrokes():
        started = time.perf_counter()
        answers[typed] = [s for s in rows if title_filter.summary_matches(s, typed)]
        times.append((time.perf_counter() - started) * 1000)
    return times, answers


async def _redraw_times(rows: list[ArticleSummary], answers: dict[str, list[ArticleSummary]]) -> list[float]:
    from textual.app import App, ComposeResult

    from reader.tui.widgets import library_list
    from reader.tui.widgets.library_list import LibraryPane

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield LibraryPane(id="library")

    times = []
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.query_one(LibraryPane)
        pane.set_articles(rows, len(rows))
        await pilot.pause()
        real = library_list.matches
        try:
            for typed in _keystrokes():
                shown = {s.id for s in answers[typed]}
                library_list.matches = lambda s, needle, shown=shown: s.id in shown  # the filter's answer, given
                started = time.perf_counter()
                pane.rebuild()
                await pilot.pause()  # until the next frame is painted
                times.append((time.perf_counter() - started) * 1000)
        finally:
            library_list.matches = real
    return times


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run() -> list[dict]:
    rows = summaries()
    title_filter.keys.cache_clear()
    cold, answers = _filter_times(rows)
    warm, again = _filter_times(rows)
    assert {k: [s.id for s in v] for k, v in again.items()} == {k: [s.id for s in v] for k, v in answers.items()}
    redraw = asyncio.run(_redraw_times(rows, answers))
    base = _pct(redraw, 0.95)
    out = []
    for label, values in (("filter per keystroke, warm", warm), ("filter per keystroke, cold", cold)):
        value = _pct(values, 0.95)
        out.append({"name": f"{label} p95", "value": round(value, 3), "unit": "ms", "baseline": round(base, 3),
                    "ratio": round(value / base, 3), "goal": "<= 1 (the redraw): " + ("met" if value <= base else
                                                                                      "NOT met"),
                    "note": f"{len(rows):,} articles, {len(values)} keystrokes ({', '.join(QUERIES)}); baseline = "
                            "p95 of the library pane's rebuild with that answer, to the next painted frame"})
    zscq = len(answers["zscq"])
    out.append({"name": "titles found by zscq", "value": zscq, "unit": "", "baseline": None, "ratio": None,
                "goal": "informational", "note": "of 10,000; 知识产权 in either script finds "
                                                  f"{len(answers['知识产权'])}"})
    return out


if __name__ == "__main__":
    for r in run():
        print(r)
