"""Peak memory of importing one huge single-line page, against the same command importing a one-line page.

Both are `python -m reader import` runs in a child process (peak RSS from `getrusage(RUSAGE_CHILDREN)` of a
fresh helper each time); the figure is (peak - base) / file size, the goal ≤ 4. Set IPREADER_BENCH_MB to change
the page's size (default 50 MB).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

MB = int(os.environ.get("IPREADER_BENCH_MB", "50"))
_PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
         "stderr=subprocess.DEVNULL, check=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def _peak_kb(db: Path, page: Path) -> int:
    argv = [sys.executable, "-c", _PEAK, sys.executable, "-m", "reader", "--db", str(db), "import", str(page)]
    return int(subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip())


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tiny = folder / "tiny.txt"
        tiny.write_text("标题\n\n正文，知识产权。\n", encoding="utf-8")
        line = folder / "line.txt"
        sentence = "知识产权保护与专利转化运用，中小企业创新发展。"
        line.write_text("标题\n\n" + sentence * (MB * 1024 * 1024 // (len(sentence) * 3)) + "\n", encoding="utf-8")
        size_mb = line.stat().st_size / (1024 * 1024)
        base = _peak_kb(folder / "a.db", tiny) / 1024
        peak = _peak_kb(folder / "b.db", line) / 1024
    return [
        {"name": f"peak RSS, one {size_mb:.0f} MB line", "value": peak, "baseline": base, "unit": "MB",
         "ratio": peak / base, "note": "baseline = the same import of a one-line page"},
        {"name": "extra memory per MB of file", "value": (peak - base) / size_mb, "unit": "×", "goal": "≤ 4",
         "note": f"(peak - base) / {size_mb:.0f} MB"},
    ]
