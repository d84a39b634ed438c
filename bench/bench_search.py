"""Search benchmark: a ~50 MB library recombined from the seed paragraphs, query latency against a substring scan.

run() builds the library in a temporary folder, then for each query measures
  * the result-set query search_ids() (every matching id, straight from FTS5),
  * a top-20 ranked search(limit=20) with hit counts and snippets,
  * both of those again with the query read whole on one thread (reader.search.halves off), so the gain of
    reading two rowid halves at once on the two cores is visible rather than folded in,
  * the TUI search screen's whole query (reader.tui.screens.search.run_query: result set, topic counts, the 50
    hits shown, ranked and described),
  * search(limit=None, lazy=True) (every hit, ranked; counts and snippets on first access) and, once per query,
    the eager search(limit=None) that computes counts and snippets for every match, and
  * a substring scan over the same rows in SQLite (instr over paragraphs and titles), the naive baseline,
checks that search_ids, search(limit=None) and the lazy and top-20 variants return exactly the articles a scan of
the normalised text finds (top-20: the first 20 of the full ranking), and reports the index size against the text
size. Latency rows are also split by query class, because a single common character differs in kind from a phrase.
Run it: python -m bench.bench_search
"""
from __future__ import annotations

import random
import re
import tempfile
import time
from pathlib import Path

from reader import store
from reader.library import Library
from reader.search import halves, index_articles, index_stats, normalize, search, search_ids

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TARGET_BYTES = 50 * 1024 * 1024
PARAGRAPHS_PER_ARTICLE = (6, 16)
QUERIES = ["法", "的", "权", "专利", "商标", "新质生产力", "生产力", "专利法", "知识产权保护", "PCT", "202", "R&D",
           "GDP", "２０２３", "1.4", "中小企业 创新", "\"2023 年\"", "发明专利拥有量", "卡脖子", "编号1234"]
REPEATS = 5
GOAL_RATIO = 0.1  # the goal: at least 10x faster than the scan at p95

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


def _goal(value: float, baseline: float, ranked: bool = False) -> str:
    """The 10x goal with the measured outcome, so the row says whether it was met.

    The issue sets the goal for the complete result set, the thing a scan also produces ("identical result
    sets"); a ranked top 20 does work a scan does not (bm25), so its rows report the same ratio without a verdict.
    """
    ratio = value / baseline if baseline else float("inf")
    if ranked:
        return f"informational: {1 / ratio:.1f}x faster (the 10x goal is the complete result set's)"
    verdict = "met" if ratio <= GOAL_RATIO else "NOT met"
    return f"<= {GOAL_RATIO} (10x): {verdict}, {1 / ratio:.1f}x faster" if ratio else f"<= {GOAL_RATIO}: met"


def _query_class(q: str) -> str:
    terms = q.strip('"').split()
    if len(terms) == 1 and len(normalize(terms[0])) == 1:
        return "single character"
    return "words and phrases"


def run() -> list[dict]:
    from reader.tui.screens.search import ALL, run_query  # the screen's query, without starting Textual

    with tempfile.TemporaryDirectory() as tmp:
        db, texts, build_s = build(Path(tmp) / "bench.db")
        lib = Library(Path(tmp) / "bench.db", migrate=False)  # what the TUI's search worker holds
        normalised = {aid: [normalize(f) for f in fields] for aid, fields in texts.items()}
        times: dict[str, dict[str, list[float]]] = {}  # measure -> query -> latencies (ms)
        matches: dict[str, int] = {}
        mismatches: list[str] = []
        for q in QUERIES:
            raw = q.strip('"')
            terms = [normalize(x) for x in (raw.split() if not q.startswith('"') else [raw])]
            expected = {aid for aid, fields in normalised.items()
                        if all(any(term in f for f in fields) for term in terms)}
            matches[q] = len(expected)
            halves.ENABLED = False
            whole = {"ids_whole": _timed(lambda: search_ids(db, q)),
                     "top20_whole": _timed(lambda: search(db, q, limit=20))}
            halves.ENABLED = True
            runs = {
                **whole,
                "ids": _timed(lambda: search_ids(db, q)),
                "top20": _timed(lambda: search(db, q, limit=20)),
                "tui": _timed(lambda: run_query(lib, q, None, ALL)),
                "lazy": _timed(lambda: search(db, q, limit=None, lazy=True)),
                "eager": _timed(lambda: search(db, q, limit=None), repeats=1),  # ~1 s each: once is enough
                "scan": _timed(lambda: _scan_sql(db, raw)),
            }
            for name, (t, _) in runs.items():
                times.setdefault(name, {})[q] = t
            ids, top20, lazy, eager = (runs[k][1] for k in ("ids", "top20", "lazy", "eager"))
            same = (set(ids) == expected and len(ids) == len(expected) and {h.id for h in eager} == expected
                    and [h.id for h in lazy] == [h.id for h in eager] and top20 == eager[:20]
                    and runs["ids_whole"][1] == ids and runs["top20_whole"][1] == top20)
            if not same:
                mismatches.append(q)
        stats = index_stats(db)
        lib.close()
        db.conn.close()
        file_bytes = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*"))

    def pooled(name: str, queries: list[str]) -> list[float]:
        return [t for q in queries for t in times[name][q]]

    everything = list(QUERIES)
    classes: dict[str, list[str]] = {}
    for q in QUERIES:
        classes.setdefault(_query_class(q), []).append(q)
    scan_note = "baseline: instr() substring scan over the same paragraphs and titles, same queries and repeats"
    rows: list[dict] = []
    one_thread = "the query read whole on one connection and one thread (reader.search.halves off)"
    for name, label, what in (
        ("ids", "result set (search_ids)", "every matching id from FTS5, ascending; a large library reads the "
                                           "two rowid halves at once on two cores"),
        ("ids_whole", "result set, one thread", f"as above, {one_thread}"),
        ("top20", "search top-20 ranked", "bm25 ranked in SQL, counts and snippets for 20; rowid halves at once"),
        ("top20_whole", "search top-20 ranked, one thread", f"as above, {one_thread}"),
    ):
        for pct, pname in ((0.5, "p50"), (0.95, "p95")):
            value, base = _pct(pooled(name, everything), pct), _pct(pooled("scan", everything), pct)
            goal = _goal(value, base, ranked=name.startswith("top20"))
            rows.append(_row(f"{label} {pname}", value, "ms", base, goal, f"{what}; {scan_note}"))
        if name.endswith("_whole"):
            continue  # the per-class split is shown for what ships
        for cls, qs in classes.items():
            value, base = _pct(pooled(name, qs), 0.95), _pct(pooled("scan", qs), 0.95)
            worst = max(qs, key=lambda q: _pct(times[name][q], 0.95))
            note = (f"{len(qs)} queries ({', '.join(qs)}); slowest: {worst} "
                    f"({_pct(times[name][worst], 0.95):.1f} ms, {matches[worst]} of {len(texts)} articles)")
            if value > GOAL_RATIO * base:
                note += ("; why: a phrase match makes FTS5 decode the position list of every character of the "
                         "phrase in every article holding it, and common characters occur in most articles, so "
                         "the cost grows with the phrase's length and commonness while the scan's hardly changes")
                if name == "top20":
                    note += ("; ranking adds bm25's second pass over the matches (document frequency) and a "
                             "column-size lookup per match, before any snippet is cut")
            rows.append(_row(f"{label} p95, {cls}", value, "ms", base, _goal(value, base, name == "top20"), note))
    for name, label, note in (
        ("tui", "TUI search screen query", "run_query: result set, topic counts, the 50 hits shown (ranked, "
                                           "counts, snippets)"),
        ("lazy", "search all hits, lazy", "limit=None, lazy=True: every hit ranked; counts and snippets on access"),
        ("eager", "search all hits, eager", "limit=None: counts and snippets for every match in Python "
                                            "(normalises all matching text; measured once per query)"),
    ):
        for pct, pname in ((0.5, "p50"), (0.95, "p95")):
            value, base = _pct(pooled(name, everything), pct), _pct(pooled("scan", everything), pct)
            rows.append(_row(f"{label} {pname}", value, "ms", base, "informational", f"{note}; {scan_note}"))
    mb = stats["text_bytes"] / 1e6
    rows += [
        _row("index size", stats["index_bytes"] / 1e6, "MB", mb,
             "< 1: " + ("met" if stats["index_bytes"] < stats["text_bytes"] else "NOT met"),
             f"contentless FTS5 (data, idx, docsize, digests) vs UTF-8 text of {len(texts)} articles"),
        _row("build (insert + index)", build_s, "s", 120.0, "< 1",
             f"{mb:.1f} MB text, db files {file_bytes / 1e6:.1f} MB; baseline is the 2-minute budget"),
        _row("result sets identical to normalised scan", len(QUERIES) - len(mismatches), "queries",
             len(QUERIES), "= 1", "search_ids, search(limit=None) eager and lazy, top-20 = prefix of the full "
             "ranking; mismatches: " + (", ".join(mismatches) or "none")),
    ]
    assert not mismatches, f"search and substring scan disagree on: {mismatches}"
    return rows


if __name__ == "__main__":
    for r in run():
        print(f"{r['name']:<46} {r['value']:>10} {r['unit']:<8} baseline {r['baseline']:>10}  "
              f"ratio {r['ratio']} (goal {r['goal']})  {r['note']}")
