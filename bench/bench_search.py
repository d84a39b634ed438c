"""Search benchmark: a ~50 MB library recombined from the seed paragraphs, query latency against a substring scan.

run() builds the library in a temporary folder, then for each query measures
  * search(limit=20) and search(limit=None) through the FTS5 index, and
  * a substring scan over the same rows in SQLite (instr over paragraphs and titles), the naive baseline,
checks that search(limit=None) returns exactly the articles a scan of the normalised text finds, and reports the
index size against the text size. Run it: python -m bench.bench_search
"""
from __future__ import annotations

import random
import re
import tempfile
import time
from pathlib import Path

from reader import store
from reader.search import index_articles, index_stats, normalize, search

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TARGET_BYTES = 50 * 1024 * 1024
PARAGRAPHS_PER_ARTICLE = (6, 16)
QUERIES = ["法", "的", "权", "专利", "商标", "新质生产力", "生产力", "专利法", "知识产权保护", "PCT", "202", "R&D",
           "GDP", "２０２３", "1.4", "中小企业 创新", "\"2023 年\"", "发明专利拥有量", "卡脖子", "编号1234"]
REPEATS = 5


def _seed_blocks() -> list[str]:
    blocks = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        blocks += [b.strip().lstrip("#").strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return [b for b in blocks if b]


def build(path: Path, target_bytes: int = TARGET_BYTES, seed: int = 7) -> tuple[object, dict[int, list[str]], float]:
    """Write a library of about `target_bytes` of UTF-8 text; return (db, texts per article, seconds)."""
    rng = random.Random(seed)
    blocks = _seed_blocks()
    db = store.connect(path)
    started = time.perf_counter()
    texts: dict[int, list[str]] = {}
    db.conn.execute("BEGIN")
    src = db["sources"].insert({"name": "bench.txt", "path": str(path), "sha256": "-", "encoding": "utf-8",
                                "chars": 0, "imported_at": "2026-01-01T00:00:00"}).last_pk
    total, aid, batch = 0, 0, []
    while total < target_bytes:
        aid += 1
        title = rng.choice(blocks)[:30]
        paras = rng.sample(blocks, rng.randint(*PARAGRAPHS_PER_ARTICLE))
        paras[0] = f"编号{aid} " + paras[0]  # a unique token per article, so some queries are selective
        texts[aid] = [title, *paras]
        total += sum(len(p.encode()) for p in texts[aid])
        db.conn.execute("INSERT INTO articles(id, source_id, ordinal, title, fingerprint, imported_at) "
                        "VALUES (?, ?, ?, ?, '-', ?)", [aid, src, aid, title, f"2026-01-01T{aid:08d}"])
        db.conn.executemany("INSERT INTO paragraphs(article_id, idx, kind, text) VALUES (?, ?, 'body', ?)",
                            [(aid, i, p) for i, p in enumerate(paras)])
        batch.append(aid)
        if len(batch) >= 500:
            index_articles(db, batch)  # as the importer does: inside the import transaction
            batch = []
    index_articles(db, batch)
    db.conn.execute("COMMIT")
    return db, texts, time.perf_counter() - started


def _scan_sql(db, term: str) -> set[int]:
    # The naive way: instr over every paragraph and title (no normalisation, so it is the faster of the two).
    rows = db.execute("SELECT article_id FROM paragraphs WHERE instr(text, ?) > 0 "
                      "UNION SELECT id FROM articles WHERE instr(title, ?) > 0", [term, term])
    return {r[0] for r in rows}


def _timed(fn, repeats: int = REPEATS) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return times, result


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _row(name: str, value: float, unit: str, baseline: float, goal: str, note: str) -> dict:
    # ratio = measured / baseline, as bench/run.py prints it: below 1 is better for every row here but the last.
    return {"name": name, "value": round(value, 3), "unit": unit, "baseline": round(baseline, 3),
            "ratio": round(value / baseline, 3) if baseline else None, "goal": goal, "note": note}


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        db, texts, build_s = build(Path(tmp) / "bench.db")
        normalised = {aid: [normalize(f) for f in fields] for aid, fields in texts.items()}
        top20, full, scan = [], [], []
        mismatches = []
        for q in QUERIES:
            t, _ = _timed(lambda: search(db, q, limit=20))
            top20 += t
            t, hits = _timed(lambda: search(db, q, limit=None), repeats=2)
            full += t
            raw = q.strip('"')
            t, _ = _timed(lambda: _scan_sql(db, raw), repeats=2)
            scan += t
            terms = [normalize(x) for x in (raw.split() if not q.startswith('"') else [raw])]
            expected = {aid for aid, fields in normalised.items()
                        if all(any(term in f for f in fields) for term in terms)}
            if {h.id for h in hits} != expected:
                mismatches.append(q)
        stats = index_stats(db)
        db.conn.close()
        file_bytes = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*"))
    mb = stats["text_bytes"] / 1e6
    scan_note = "baseline: instr() substring scan over the same paragraphs and titles"
    rows = [
        _row("search top-20 p50", _pct(top20, 0.5), "ms", _pct(scan, 0.5), "< 1", scan_note),
        _row("search top-20 p95", _pct(top20, 0.95), "ms", _pct(scan, 0.95), "< 1", scan_note),
        _row("search all hits p50", _pct(full, 0.5), "ms", _pct(scan, 0.5), "informational",
             "limit=None: every matching article normalised, counted and snippeted in Python; " + scan_note),
        _row("search all hits p95", _pct(full, 0.95), "ms", _pct(scan, 0.95), "informational",
             "limit=None, as above; " + scan_note),
        _row("index size", stats["index_bytes"] / 1e6, "MB", mb, "< 1",
             f"contentless FTS5 (data, idx, docsize, digests) vs UTF-8 text of {len(texts)} articles"),
        _row("build (insert + index)", build_s, "s", 120.0, "< 1",
             f"{mb:.1f} MB text, db files {file_bytes / 1e6:.1f} MB; baseline is the 2-minute budget"),
        _row("result sets identical to normalised scan", len(QUERIES) - len(mismatches), "queries",
             len(QUERIES), "= 1", "mismatches: " + (", ".join(mismatches) or "none")),
    ]
    assert not mismatches, f"search and substring scan disagree on: {mismatches}"
    return rows


if __name__ == "__main__":
    for r in run():
        print(f"{r['name']:<42} {r['value']:>10} {r['unit']:<8} baseline {r['baseline']:>10}  "
              f"ratio {r['ratio']} (goal {r['goal']})  {r['note']}")
