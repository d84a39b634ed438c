"""Benchmark: pre-wrapping a 100,000-character article at width 70 with reader.text.wrap.

Baselines are measured in the same run over the same paragraphs: `textwrap.wrap` (counts code points, not
cells, and breaks only at spaces, so it is fast but wrong for Chinese) and Rich's `Text.wrap` (cell-aware, what
a Textual widget would otherwise do). Each figure is the best of several repeats, in milliseconds.
"""
from __future__ import annotations

import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.text import Text

from reader.text.wrap import wrap_spans

ARTICLE_CHARS = 100_000
WIDTH = 70
REPEATS = 7
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def article(chars: int = ARTICLE_CHARS) -> str:
    """`chars` characters of seed text, cycled, keeping the pages' own paragraphs (one per line)."""
    lines = [line.strip() for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    lines = [line for line in lines if line]
    out: list[str] = []
    total = 0
    while total < chars:
        for line in lines:
            out.append(line)
            total += len(line) + 1
            if total >= chars:
                break
    return "\n".join(out)[:chars]


def _best_ms(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _row(name: str, value: float, baseline: float, note: str) -> dict:
    return {
        "name": name,
        "value": round(value, 2),
        "unit": "ms",
        "baseline": round(baseline, 2),
        "ratio": round(value / baseline, 3) if baseline else None,
        "note": note,
    }


def _word_breaks(paragraphs: list[str]) -> list[list[int]] | None:
    """The word ends the store keeps for each paragraph (jieba with our dictionary), if segmentation loads."""
    try:
        from reader.text.segment import word_breaks
    except ImportError:
        return None
    return [word_breaks(p) for p in paragraphs]


def run() -> list[dict]:
    text = article()
    paragraphs = text.split("\n")
    single = text.replace("\n", "")
    console = Console(width=WIDTH, file=open("/dev/null", "w"), legacy_windows=False)  # noqa: SIM115

    def ours() -> None:
        for p in paragraphs:
            wrap_spans(p, WIDTH)

    def ours_single() -> None:
        wrap_spans(single, WIDTH)

    def tw() -> None:
        for p in paragraphs:
            textwrap.wrap(p, WIDTH)

    def tw_single() -> None:
        textwrap.wrap(single, WIDTH)

    def rich_wrap() -> None:
        for p in paragraphs:
            Text(p).wrap(console, WIDTH)

    # Warm caches (width table, compiled regexes) so every timing is steady-state.
    ours()
    ours_ms = _best_ms(ours)
    rows = [
        _row(
            f"wrap_spans {len(text):,}-char article ({len(paragraphs)} paragraphs), width {WIDTH}",
            ours_ms,
            _best_ms(tw),
            "baseline: textwrap.wrap on the same paragraphs (code points, spaces only — not CJK-correct)",
        ),
        _row(
            f"wrap_spans {len(text):,}-char article vs Rich, width {WIDTH}",
            ours_ms,
            _best_ms(rich_wrap, repeats=3),
            "baseline: rich.text.Text.wrap on the same paragraphs (cell-aware, folds CJK at any cell)",
        ),
        _row(
            f"wrap_spans one {len(single):,}-char paragraph, width {WIDTH}",
            _best_ms(ours_single),
            _best_ms(tw_single),
            "baseline: textwrap.wrap on the same single paragraph",
        ),
    ]
    breaks = _word_breaks(paragraphs)
    if breaks is not None:

        def ours_breaks() -> None:
            for p, b in zip(paragraphs, breaks):
                wrap_spans(p, WIDTH, b)

        rows.append(
            _row(
                f"wrap_spans article with jieba word ends, width {WIDTH}",
                _best_ms(ours_breaks),
                ours_ms,
                "baseline: wrap_spans on the same article without word ends",
            )
        )
    console.file.close()
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<60} {row['value']:>9.2f} {row['unit']}  baseline {row['baseline']:>9.2f}  "
              f"ratio {row['ratio']}  ({row['note']})")
