"""Years of pages (bench/years.py: 1,093 daily pages, 24 MB): import, storage, adding a page, ranked search.

Every figure is a ratio against a baseline of the same run:
  * importing the first 1,000 pages with the CLI  vs  a bare `jieba.cut` pass over the same text (dictionary loaded);
  * the database after all 1,093 pages  vs  the bytes of the page files;
  * adding one new page to that library with the CLI  vs  adding it to an empty library (best of 3 each, every
    try on a fresh copy); the refit an import runs when the library has grown by REFIT_DRIFT is shown beside it;
  * keywords after 93 pages added one at a time (no refit between)  vs  a full refit: mean top-8 overlap;
  * ranked top-20 search with snippets, and the complete result set, p95  vs  an `instr` scan of the same rows.
Run it: python bench/run.py scale   (about four minutes on two cores)
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import years
from bench_search import QUERIES, _pct, _scan_sql

from reader import keywords, store
from reader.library import Library
from reader.search import search, search_ids
from reader.text import segment

FIRST = 1000  # pages imported in one batch; the rest come one a day
TRIES = 3
REPEATS = 5


def _cli(db: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reader", "--db", str(db), *args], check=True, capture_output=True)
    return time.perf_counter() - started


def _db_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


def _copy(db: Path, target: Path) -> Path:
    for p in target.parent.glob(target.name + "*"):
        p.unlink()
    with sqlite3.connect(db) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def _tags(conn: sqlite3.Connection) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for aid, tag in conn.execute("SELECT article_id, tag FROM tags"):
        out.setdefault(aid, set()).add(tag)
    return out


def _row(name: str, value: float, unit: str, baseline: float, goal: str, note: str) -> dict:
    return {"name": name, "value": round(value, 4), "unit": unit, "baseline": round(baseline, 4),
            "ratio": round(value / baseline, 3) if baseline else None, "goal": goal, "note": note}


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def run() -> list[dict]:
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pages = years.build(root / "pages")
        first, later = root / "first", pages[FIRST:]
        first.mkdir()
        for p in pages[:FIRST]:
            os.link(p, first / p.name)
        extra = years.build(root / "extra", pages=1, seed=99)[0]

        tok = segment.tokenizer()
        texts = [p.read_text(encoding="utf-8") for p in pages[:FIRST]]
        started = time.perf_counter()
        for text in texts:
            for _ in tok.cut(text):
                pass
        cut_s = time.perf_counter() - started
        db = root / "lib.db"
        import_s = _cli(db, "import", str(first))
        text_bytes = sum(p.stat().st_size for p in pages[:FIRST])
        rows.append(_row(f"import {FIRST} pages (CLI)", import_s, "s", cut_s, f"<= 1.0x jieba.cut: "
                         f"{_verdict(import_s <= cut_s)}", f"{text_bytes / 1e6:.1f} MB; baseline = jieba.cut over "
                         f"the same text, dictionary loaded; {os.cpu_count()} cpus"))

        # The other pages one a day, as a reader adds them: no refit is due in between.
        with Library(db) as lib:
            refits = 0
            for page in later:
                refits += keywords.refit_due(lib.conn, adding=1)
                lib.import_paths([page], workers=1)
            kept = _tags(lib.conn)
            started = time.perf_counter()
            keywords.refit(lib.conn)
            refit_s = time.perf_counter() - started
            full = _tags(lib.conn)
            articles = lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        overlap = sum(len(kept.get(a, set()) & t) / len(t) for a, t in full.items()) / len(full)
        rows.append(_row(f"keywords after {len(later)} pages one by one", overlap, "", 1.0,
                         f">= 0.90 (the stated tolerance): {_verdict(overlap >= 0.90)}",
                         f"mean share of each article's 8 keywords a full refit also gives; {refits} refits on the "
                         f"way; {articles} articles"))

        all_bytes = sum(p.stat().st_size for p in pages)
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = _db_bytes(db)
        rows.append(_row(f"database of {len(pages)} pages", size / 1e6, "MB", all_bytes / 1e6,
                         f"<= 2.0x the text: {_verdict(size <= 2 * all_bytes)}",
                         "library.db (+ -wal) vs the page files' bytes; text stored once as UTF-16, FTS5 "
                         "contentless, word breaks and keyword counts packed"))

        empty, full_db = [], []
        for i in range(TRIES):
            for p in root.glob("empty.db*"):
                p.unlink()
            empty.append(_cli(root / "empty.db", "import", str(extra)))
            full_db.append(_cli(_copy(db, root / "copy.db"), "import", str(extra)))
        rows.append(_row(f"add 1 page to {len(pages)} pages (CLI)", min(full_db), "s", min(empty),
                         f"<= 1.5x an empty library: {_verdict(min(full_db) <= 1.5 * min(empty))}",
                         f"best of {TRIES}, each on a fresh copy; baseline = the same page into an empty library"))
        rows.append(_row("the refit when due (every 10% growth)", refit_s, "s", min(empty), "informational",
                         f"keywords.refit over {articles} articles, run by the import that takes the library "
                         f"{keywords.REFIT_DRIFT:.0%} past its last refit; baseline = adding a page to an empty "
                         "library"))

        lib_db = store.connect(db)
        ranked: list[float] = []
        ids: list[float] = []
        scan: list[float] = []
        for q in QUERIES:
            raw = q.strip('"')
            for _ in range(REPEATS):
                for out, fn in ((ranked, lambda q=q: search(lib_db, q, limit=20)), (ids, lambda q=q: search_ids(lib_db, q)),
                                (scan, lambda raw=raw: _scan_sql(lib_db, raw))):
                    started = time.perf_counter()
                    fn()
                    out.append((time.perf_counter() - started) * 1000)
        lib_db.conn.close()
        base = _pct(scan, 0.95)
        for label, values, goal in (("search top-20 ranked with snippets", ranked, 1.5),
                                    ("search complete result set", ids, 10.0)):
            value = _pct(values, 0.95)
            rows.append(_row(f"{label} p95", value, "ms", base, f">= {goal}x faster than instr: "
                             f"{_verdict(base >= goal * value)}, {base / value:.1f}x",
                             f"{len(QUERIES)} queries x {REPEATS}, on the {len(pages)}-page library; baseline = "
                             "instr() over the same paragraphs and titles"))
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    for r in run():
        print(r)
