"""Benchmark: the reading room's start-up and a 100,000-character article in the reader view.

Every figure is measured headless (`App.run_test`, 120x40) as the median of a few repeats, with a baseline
taken in the same run the same way:
  - first frame (Textual's Ready event) and fully loaded screen: ipreader (library open, last/first article
    laid out, lists filled after the first frame) vs a bare Textual app with one Static, started identically;
  - opening a 100k-char article: database read + pre-wrap of a window around the reading position + rendering
    the visible lines, vs the same path laying out the whole article first (no window);
  - opening it until Textual has painted the frame, vs the same text in a Static inside a VerticalScroll (Rich
    wraps all of it: the naive approach);
  - paging through it: one page-down repaint vs the same in the naive widget.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from rich.text import Text
from textual import constants
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from reader.library import Library  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402

SIZE = (120, 40)
REPEATS = 5
LONG_CHARS = 100_000
PAGES = 20


class BareApp(App[None]):
    ready_at = 0.0

    def compose(self) -> ComposeResult:
        yield Static("hello")

    def on_ready(self) -> None:
        self.ready_at = time.perf_counter()


class TimedReaderApp(ReaderApp):
    ready_at = 0.0

    def on_ready(self) -> None:
        self.ready_at = time.perf_counter()


class NaiveReader(App[None]):
    """The obvious alternative: the whole article as one Rich Text in a scrolling Static."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="scroll"):
            yield Static(id="body")


def long_paragraphs(chars: int = LONG_CHARS) -> list[str]:
    lines = [ln.strip() for p in sorted((HERE.parent / "seeds").glob("*.txt")) for ln in p.read_text("utf-8").splitlines()]
    lines = [ln for ln in lines if len(ln) > 20]
    out, total = [], 0
    while total < chars:
        for ln in lines:
            out.append(ln)
            total += len(ln)
            if total >= chars:
                break
    return out


def add_long_article(lib: Library, paragraphs: list[str]) -> int:
    """Store one synthetic long article straight into the schema (the splitter would cut a page this long)."""
    from reader.text.segment import word_breaks

    db, now = lib.db, datetime.now(timezone.utc).isoformat()
    chars = sum(len(p) for p in paragraphs)
    src = db["sources"].insert(dict(name="long.txt", path="/bench/long.txt", sha256="0" * 64, encoding="utf-8",
                                    chars=chars, imported_at=now)).last_pk
    fingerprint = hashlib.sha256("\n".join(paragraphs).encode()).hexdigest()
    article_id = db["articles"].insert(dict(source_id=src, ordinal=0, title="长文测试：十万字", authors='["张三"]',
                                            chars=chars, fingerprint=fingerprint, imported_at=now)).last_pk
    db["paragraphs"].insert_all(dict(article_id=article_id, idx=i, kind="heading" if i % 40 == 0 else "body",
                                     text=p, breaks=json.dumps(word_breaks(p))) for i, p in enumerate(paragraphs))
    return int(article_id)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


async def first_screen(db: Path) -> tuple[float, float]:
    """(seconds to the first frame, seconds until the lists are loaded and the app is idle)."""
    started = time.perf_counter()
    lib = Library(db)
    app = TimedReaderApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.reader.layout_ is not None and app.lists_loaded
        idle = time.perf_counter() - started
    lib.close()
    return app.ready_at - started, idle


async def bare_first_screen() -> tuple[float, float]:
    started = time.perf_counter()
    app = BareApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        idle = time.perf_counter() - started
    return app.ready_at - started, idle


async def open_visible(db: Path, article_id: int, lazy_from: int) -> float:
    """Seconds for open_article() plus rendering every visible reader line (what the first paint needs)."""
    from reader.tui.widgets import reader_view

    saved = reader_view.LAZY_FROM_CHARS
    reader_view.LAZY_FROM_CHARS = lazy_from
    try:
        lib = Library(db)
        app = ReaderApp(lib)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            view = app.reader
            started = time.perf_counter()
            app.open_article(article_id)
            for y in range(view.scrollable_content_region.height):
                view.render_line(y)
            elapsed = time.perf_counter() - started
            await app.workers.wait_for_complete()
        lib.close()
    finally:
        reader_view.LAZY_FROM_CHARS = saved
    return elapsed


async def open_long(db: Path, article_id: int) -> tuple[float, float]:
    lib = Library(db)
    app = ReaderApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        app.open_article(article_id)
        await pilot.pause()
        opened = time.perf_counter() - started
        assert app.reader.layout_ is not None and len(app.reader.layout_.lines) > 1000
        app.reader.focus()
        started = time.perf_counter()
        for _ in range(PAGES):
            await pilot.press("pagedown")
        paging = (time.perf_counter() - started) / PAGES
    lib.close()
    return opened, paging


async def open_naive(paragraphs: list[str]) -> tuple[float, float]:
    app = NaiveReader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        app.query_one("#body", Static).update(Text("\n\n".join(paragraphs)))
        await pilot.pause()
        opened = time.perf_counter() - started
        scroll = app.query_one("#scroll", VerticalScroll)
        scroll.focus()
        started = time.perf_counter()
        for _ in range(PAGES):
            await pilot.press("pagedown")
        paging = (time.perf_counter() - started) / PAGES
    return opened, paging


def run() -> list[dict]:
    saved = constants.TEXTUAL_ANIMATIONS
    constants.TEXTUAL_ANIMATIONS = "none"  # type: ignore[misc]  # measure work, not animation time
    try:
        return _run()
    finally:
        constants.TEXTUAL_ANIMATIONS = saved  # type: ignore[misc]


def _run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "library.db"
        lib = Library(db)
        lib.ensure_seeded()
        paragraphs = long_paragraphs()
        long_id = add_long_article(lib, paragraphs)
        lib.close()

        ours = [asyncio.run(first_screen(db)) for _ in range(REPEATS)]
        bare = [asyncio.run(bare_first_screen()) for _ in range(REPEATS)]
        windowed = [asyncio.run(open_visible(db, long_id, 20_000)) for _ in range(REPEATS)]
        whole = [asyncio.run(open_visible(db, long_id, 10**12)) for _ in range(REPEATS)]
        long_runs = [asyncio.run(open_long(db, long_id)) for _ in range(REPEATS)]
        naive_runs = [asyncio.run(open_naive(paragraphs)) for _ in range(REPEATS)]

    chars = sum(len(p) for p in paragraphs)
    rows = []
    a, b = median_ms([f for f, _ in ours]), median_ms([f for f, _ in bare])
    rows.append(dict(name="first frame (headless 120x40)", value=a, unit="ms", baseline=b, ratio=a / b,
                     goal="", note="to Textual's Ready event: open library, compose panes, lay out the article; "
                     "baseline: bare App with one Static"))
    a, b = median_ms([i for _, i in ours]), median_ms([i for _, i in bare])
    rows.append(dict(name="screen loaded and idle", value=a, unit="ms", baseline=b, ratio=a / b, goal="",
                     note="plus library/topic lists filled after the first frame; baseline: bare App idle"))
    a, b = median_ms(windowed), median_ms(whole)
    rows.append(dict(name=f"open {chars:,}-char article", value=a, unit="ms", baseline=b, ratio=a / b, goal="< 50 ms",
                     note="db read + pre-wrap of a window + render visible lines (full layout then in a thread); "
                     "baseline: same path wrapping the whole article first"))
    a, b = median_ms([o for o, _ in long_runs]), median_ms([o for o, _ in naive_runs])
    rows.append(dict(name="  … until Textual painted it", value=a, unit="ms", baseline=b, ratio=a / b, goal="",
                     note="includes frame scheduling and the background layout; baseline: same text in a Static"))
    a, b = median_ms([p for _, p in long_runs]), median_ms([p for _, p in naive_runs])
    rows.append(dict(name="page down in that article", value=a, unit="ms", baseline=b, ratio=a / b,
                     goal="one frame", note=f"mean of {PAGES} PgDn presses incl. pilot overhead; baseline: Static"))
    return rows


if __name__ == "__main__":
    from rich.console import Console
    from rich.table import Table

    table = Table("name", "value", "baseline", "ratio", "goal", "note")
    for r in run():
        table.add_row(r["name"], f"{r['value']:.1f} {r['unit']}", f"{r['baseline']:.1f} {r['unit']}",
                      f"{r['ratio']:.2f}x", r["goal"], r["note"])
    Console().print(table)
