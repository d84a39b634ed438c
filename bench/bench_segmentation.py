"""Segmentation quality: the page splitter against gold, per corpus and per page (`python bench/run.py segmentation`).

Corpora: the practice corpus `../shared/practice` (32 pages of real text in many layouts; skipped when absent), the
five seeds (`bench/seeds_gold`: what the splitter gave before the segmentation rework, checked by hand), eight
handmade pages of other sources (`bench/handmade`, see its README), and our
own layouts (`bench/layouts.py`: the seeds' and the practice sources' articles re-laid as PDF column text, one
paragraph per line in GBK, a news day, web copies, public-account posts…, built from three seeds; a row per
layout). The table's rows are the overall figures; `--pages` style detail is
printed to stderr, page by page, with the titles missed and the furniture leaked.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import layouts
import segmentation as seg

HANDMADE = Path(__file__).resolve().parent / "handmade"


def _rows(corpus: str, gold: dict, pages: list[Path]) -> list[dict]:
    started = time.perf_counter()
    pred = seg.predict(pages)
    elapsed = time.perf_counter() - started
    s = seg.score(gold, pred)
    for p in s.pages:
        if p.missed_titles or p.extra_titles or p.leaked or p.bound_hit < p.n_gold:
            print(f"[{corpus}] {p.name}: titles {p.title_hit}/{p.n_gold} (pred {p.n_pred}), boundaries "
                  f"{p.bound_hit}, joins {p.joins_found}/{p.joins_total}; missed {p.missed_titles[:4]} "
                  f"extra {p.extra_titles[:4]} leaked {p.leaked[:3]}", file=sys.stderr)
    note = (f"{len(pages)} pages, {sum(g['articles'].__len__() for g in gold.values())} articles; "
            f"split in {elapsed * 1000:.0f} ms")
    return [
        {"name": f"{corpus}: title recall", "value": s.title_recall, "unit": "%", "goal": ">= 95", "note": note},
        {"name": f"{corpus}: title precision", "value": s.title_precision, "unit": "%", "goal": ">= 95"},
        {"name": f"{corpus}: boundary F1", "value": s.boundary_f1, "unit": "%", "goal": ">= 95"},
        {"name": f"{corpus}: article count ratio", "value": s.count_ratio, "unit": "x", "goal": "0.95-1.05"},
        {"name": f"{corpus}: paragraph-count accuracy", "value": s.paragraph_acc, "unit": "%"},
        {"name": f"{corpus}: cuts rejoined", "value": s.joins_found, "unit": f"of {s.joins_total}",
         "goal": "all"},
        {"name": f"{corpus}: furniture leaked", "value": s.leaks, "unit": f"of {s.absent_total}", "goal": "0"},
    ]


def _throughput(pages: list[Path]) -> dict:
    """The splitter's time over the pages against a jieba.cut pass over the same text (jieba's dictionary loaded
    first, OpenCC's table too): what splitting adds to an import, where jieba is the bulk of the work."""
    from reader.ingest.decode import decode_bytes
    from reader.ingest.split import split_page
    from reader.text import segment

    texts = [decode_bytes(p.read_bytes()).text for p in pages]
    tok = segment.tokenizer()
    split_page("本報記者 張三\n" + texts[0])  # warm: jieba for the cut-word check, OpenCC's table

    def best(fn) -> float:  # type: ignore[no-untyped-def]
        out = []
        for _ in range(3):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
        return min(out)

    split_s = best(lambda: [split_page(t) for t in texts])
    cut_s = best(lambda: [list(tok.cut(t, HMM=True)) for t in texts])
    chars = sum(map(len, texts))
    return {"name": f"split {len(texts)} pages", "value": split_s * 1000, "unit": "ms", "baseline": cut_s * 1000,
            "ratio": split_s / cut_s, "note": f"{chars:,} chars; baseline = jieba.cut over the same text"}


def run() -> list[dict]:
    rows: list[dict] = []
    if seg.practice_pages():
        rows += _rows("practice", seg.load_gold(seg.PRACTICE / "gold"), seg.practice_pages())
    else:
        print("../shared/practice is absent: the practice corpus is skipped", file=sys.stderr)
    rows += _rows("seeds", seg.load_gold(seg.SEEDS_GOLD), seg.seed_pages())
    rows += _rows("handmade", seg.load_gold(HANDMADE / "gold"), sorted((HANDMADE / "pages").glob("*.txt")))
    with tempfile.TemporaryDirectory(prefix="ipreader-layouts-") as tmp:
        gold = layouts.build_many(Path(tmp))
        rows += _rows("own layouts", gold, sorted(Path(tmp).glob("*.txt")))
        for kind in sorted({g["kind"] for g in gold.values()}):
            sub = {k: g for k, g in gold.items() if g["kind"] == kind}
            s = seg.score(sub, seg.predict([Path(tmp) / f"{k}.txt" for k in sub]))
            rows.append({"name": f"own layouts, {kind}: title recall / precision", "value": s.title_recall,
                         "unit": "%", "goal": ">= 95", "note": f"precision {s.title_precision} %; {len(sub)} pages"})
        rows.append(_throughput(seg.practice_pages() + seg.seed_pages() + sorted(Path(tmp).glob("*.txt"))))
    return rows
