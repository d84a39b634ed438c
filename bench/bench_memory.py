"""Peak memory of importing huge single-line pages, against the same command importing a one-line page.

Each is a `python -m reader import` run in a child process (peak RSS from `getrusage(RUSAGE_CHILDREN)` of a
fresh helper each time); the figure is (peak - base) / file size, the goal ≤ 4 for a 50 MB and a 200 MB page
(issue #17). Set IPREADER_BENCH_MB to a comma-separated list of sizes to change them (default "50,200").
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

SIZES_MB = [int(mb) for mb in os.environ.get("IPREADER_BENCH_MB", "50,200").split(",")]
_PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
         "stderr=subprocess.DEVNULL, check=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def _peak_kb(db: Path, page: Path) -> int:
    argv = [sys.executable, "-c", _PEAK, sys.executable, "-m", "reader", "--db", str(db), "import", str(page)]
    return int(subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip())


def run() -> list[dict]:
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tiny = folder / "tiny.txt"
        tiny.write_text("标题\n\n正文，知识产权。\n", encoding="utf-8")
        base = _peak_kb(folder / "a.db", tiny) / 1024
        sentence = "知识产权保护与专利转化运用，中小企业创新发展。"
        for mb in SIZES_MB:
            line = folder / f"line-{mb}.txt"
            line.write_text("标题\n\n" + sentence * (mb * 1024 * 1024 // (len(sentence) * 3)) + "\n", encoding="utf-8")
            size_mb = line.stat().st_size / (1024 * 1024)
            peak = _peak_kb(folder / f"b-{mb}.db", line) / 1024
            line.unlink()
            rows += [
                {"name": f"peak RSS, one {size_mb:.0f} MB line", "value": peak, "baseline": base, "unit": "MB",
                 "ratio": peak / base, "note": "baseline = the same import of a one-line page"},
                {"name": f"extra memory per MB of file ({size_mb:.0f} MB)", "value": (peak - base) / size_mb,
                 "unit": "×", "goal": "≤ 4", "note": f"(peak - base) / {size_mb:.0f} MB"},
            ]
    return rows
