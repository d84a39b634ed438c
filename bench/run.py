"""Run every benchmark in bench/ and print one table; write bench/results.json.

Each `bench_*.py` module exposes `run() -> list[dict]`; every row carries its own baseline measured in the same run,
and the figure that matters is the ratio, not the seconds. Usage: `python bench/run.py [NAME ...]`.
"""
from __future__ import annotations

import importlib.util
import json
import platform
import sys
import time
import traceback
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    wanted = set(argv)
    rows: list[dict] = []
    failed = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        started = time.perf_counter()
        try:
            for row in load(path).run():
                rows.append({"suite": name, **row})
        except Exception:
            failed.append(name)
            traceback.print_exc()
        print(f"{name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    table = Table(title="ipreader benchmarks (ratio = measured / baseline, same run)", title_justify="left")
    for col in ("suite", "name", "value", "baseline", "ratio", "goal", "note"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["suite"], str(r["name"]), f"{r['value']:.4g} {r.get('unit', '')}",
                      f"{r['baseline']:.4g} {r.get('unit', '')}" if r.get("baseline") is not None else "",
                      f"{r['ratio']:.2f}x" if r.get("ratio") is not None else "", str(r.get("goal", "")),
                      str(r.get("note", "")))
    Console().print(table)
    results = HERE / "results.json"
    if wanted and results.exists():
        # A partial run updates its own suites and keeps the others' last figures.
        kept = [r for r in json.loads(results.read_text(encoding="utf-8")).get("rows", []) if r["suite"] not in wanted]
        rows = kept + rows
    out = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                       "cpus": __import__("os").cpu_count()},
           "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "rows": rows, "failed": failed}
    results.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
