"""Import throughput against a raw `jieba.cut` pass over the same text, measured in the same run.

- one core: the whole pipeline (decode, split, rejoin, segment, tag, store, index) over the seeds, against
  jieba.cut over the same decoded text with the same dictionary;
- a batch of 40 pages: one worker against two, to show both cores in use.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from reader import config
from reader.ingest.decode import decode_bytes
from reader.library import Library
from reader.text import segment


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def run() -> list[dict]:
    seeds = sorted(config.seeds_dir().glob("*.txt"))
    texts = [decode_bytes(p.read_bytes()).text for p in seeds]
    chars = sum(len(t) for t in texts)
    tok = segment.tokenizer()  # both sides start with the dictionary loaded

    def jieba_only() -> None:
        for t in texts:
            for _ in tok.cut(t, HMM=True):
                pass

    tmp = Path(tempfile.mkdtemp(prefix="ipreader-bench-"))
    try:
        counter = iter(range(10**6))

        def pipeline() -> None:
            with Library(tmp / f"one-{next(counter)}.db") as lib:
                report = lib.import_paths(seeds, workers=1)
                assert report.ok

        base = _best(jieba_only)
        full = _best(pipeline)
        rows = [{"name": "import seeds, 1 core", "value": full * 1000, "unit": "ms", "baseline": base * 1000,
                 "ratio": full / base, "goal": "<= 1.5x jieba.cut",
                 "note": f"{chars:,} chars; baseline = jieba.cut over the same text"}]

        batch = tmp / "batch"
        batch.mkdir()
        for i in range(8):
            for p in seeds:
                # Distinct bytes per copy, so the content-hash check does not skip them.
                (batch / f"{i:02d}_{p.name}").write_text(p.read_text(encoding="utf-8") + f"\n（副本 {i}）\n", encoding="utf-8")

        def batch_import(workers: int) -> float:
            path = tmp / f"batch-{workers}.db"
            if path.exists():
                path.unlink()
            t = time.perf_counter()
            with Library(path) as lib:
                assert lib.import_paths([batch], workers=workers).ok
            return time.perf_counter() - t

        one, two = batch_import(1), batch_import(2)
        rows.append({"name": "import 40 pages, 2 workers", "value": two, "unit": "s", "baseline": one,
                     "ratio": two / one, "goal": "< 1 (both cores used)",
                     "note": f"baseline = 1 worker; {os.cpu_count()} cpus"})

        # The hardening issue's awkward input: a 10 MB file that is one single line.
        flat = "".join(texts).replace("\n", "")
        line = (flat * (3_400_000 // len(flat) + 1))[:3_400_000]
        big = tmp / "one-line.txt"
        big.write_text(line, encoding="utf-8")
        t = time.perf_counter()
        for _ in tok.cut(line, HMM=True):
            pass
        cut_only = time.perf_counter() - t
        t = time.perf_counter()
        with Library(tmp / "one-line.db") as lib:
            assert lib.import_paths([big]).ok
        whole = time.perf_counter() - t
        rows.append({"name": "import a 10 MB single line", "value": whole, "unit": "s", "baseline": cut_only,
                     "ratio": whole / cut_only, "goal": "<= 1.5x jieba.cut",
                     "note": f"{big.stat().st_size / 1e6:.1f} MB, {len(line):,} chars in one line"})
        return rows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
