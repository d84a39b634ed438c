"""Score the page splitter against gold files: the practice corpus's format (see ../shared/practice/README.md).

`predict(pages)` runs our splitter over page files and returns predictions in the gold's shape; `score(gold, pred)`
computes the practice scorer's metrics (title recall/precision after normalisation, article-count ratio, boundary
F1 on the first 10 characters of each body, paragraph-count accuracy, joins found in the right article, furniture
leaked into bodies), per page and overall. The metrics are the practice corpus's own `score.py`, re-implemented
here so the seeds and our own layouts are scored without ../shared; a test checks the two agree on the practice
corpus.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from reader.ingest.decode import decode_bytes
from reader.ingest.split import split_page
from reader.model import ParagraphKind

HERE = Path(__file__).resolve().parent
PRACTICE = HERE.parent.parent / "shared" / "practice"  # ../shared/practice beside the project
SEEDS_GOLD = HERE / "seeds_gold"
SEEDS = HERE.parent / "seeds"
_WS = re.compile(r"[\s\u3000\ufeff]+")
_BODY = (ParagraphKind.BODY, ParagraphKind.QUESTION)


def norm(s: str | None) -> str:
    if not s:
        return ""
    s = re.sub(r"^#+", "", _WS.sub("", s))
    return s.strip("【】")


def load_gold(folder: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def predict_text(text: str) -> list[dict]:
    """Our splitter's articles for one decoded page, in the gold's shape (body = body and question paragraphs)."""
    out = []
    for a in split_page(text).articles:
        body = [p.text for p in a.paragraphs if p.kind in _BODY]
        full = "".join(body)
        out.append({"title": a.title, "byline": " ".join(a.authors) or None, "first": full[:20], "last": full[-20:],
                    "paragraphs": len(body), "text": "\n".join(body), "confidence": a.confidence})
    return out


def predict(pages: list[Path]) -> dict[str, list[dict]]:
    return {p.stem: predict_text(decode_bytes(p.read_bytes()).text) for p in pages}


@dataclass
class PageScore:
    name: str
    title_hit: int = 0
    n_gold: int = 0
    n_pred: int = 0
    bound_hit: int = 0
    para_ok: int = 0
    joins_found: int = 0
    joins_total: int = 0
    leaks: int = 0
    absent_total: int = 0
    leaked: list[str] = field(default_factory=list)
    missed_titles: list[str] = field(default_factory=list)
    extra_titles: list[str] = field(default_factory=list)


def _match(gold_arts: list[dict], pred_arts: list[dict]) -> list[tuple[int, int]]:
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold_arts):
        gf = norm(g.get("first"))
        for pi, p in enumerate(pred_arts):
            if pi in used:
                continue
            pf = norm(p.get("first"))
            n = min(10, len(gf), len(pf))
            if n >= 4 and gf[:n] == pf[:n]:
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def score_page(name: str, g: dict, pa: list[dict]) -> PageScore:
    ga = g["articles"]
    r = PageScore(name, n_gold=len(ga), n_pred=len(pa))
    left = [norm(a.get("title")) for a in pa]
    for a in ga:
        t = norm(a["title"])
        if t in left:
            left.remove(t)
            r.title_hit += 1
        else:
            r.missed_titles.append(a["title"])
    r.extra_titles = [t for t in left]
    pairs = _match(ga, pa)
    r.bound_hit = len(pairs)
    r.para_ok = sum(1 for gi, pi in pairs if pa[pi].get("paragraphs") == ga[gi]["paragraphs"])
    r.joins_total = len(g["joins"])
    owner_of = dict(pairs)
    for j in g["joins"]:
        nj = norm(j)
        owner = next((i for i, a in enumerate(ga) if nj in norm(a.get("text", ""))), None)
        if owner is not None and owner in owner_of and nj in norm(pa[owner_of[owner]].get("text", "")):
            r.joins_found += 1
    blob = [norm(a.get("text") or (a.get("first", "") + "\n" + a.get("last", ""))) for a in pa]
    r.leaked = [x for x in g["absent"] if norm(x) and any(norm(x) in b for b in blob)]
    r.leaks, r.absent_total = len(r.leaked), len(g["absent"])
    return r


@dataclass
class Summary:
    title_recall: float
    title_precision: float
    count_ratio: float
    boundary_f1: float
    paragraph_acc: float
    joins_found: int
    joins_total: int
    leaks: int
    absent_total: int
    pages: list[PageScore]


def _pct(a: int, b: int) -> float:
    return 100.0 * a / b if b else 100.0


def _f1(hit: int, ng: int, np_: int) -> float:
    p, r = (hit / np_ if np_ else 0.0), (hit / ng if ng else 0.0)
    return 100.0 * 2 * p * r / (p + r) if p + r else 0.0


def score(gold: dict[str, dict], pred: dict[str, list[dict]]) -> Summary:
    pages = [score_page(name, g, pred.get(name, [])) for name, g in gold.items()]
    t = {k: sum(getattr(p, k) for p in pages) for k in
         ("title_hit", "n_gold", "n_pred", "bound_hit", "para_ok", "joins_found", "joins_total", "leaks",
          "absent_total")}
    return Summary(
        title_recall=round(_pct(t["title_hit"], t["n_gold"]), 1),
        title_precision=round(_pct(t["title_hit"], t["n_pred"]), 1),
        count_ratio=round(t["n_pred"] / t["n_gold"], 3) if t["n_gold"] else 0.0,
        boundary_f1=round(_f1(t["bound_hit"], t["n_gold"], t["n_pred"]), 1),
        paragraph_acc=round(_pct(t["para_ok"], t["bound_hit"]), 1),
        joins_found=t["joins_found"], joins_total=t["joins_total"], leaks=t["leaks"],
        absent_total=t["absent_total"], pages=pages,
    )


def practice_pages() -> list[Path]:
    return sorted((PRACTICE / "pages").glob("*.txt"))


def seed_pages() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
