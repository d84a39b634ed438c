"""A test library built straight from the seed pages, without the import pipeline.

One source per seed file; its blank-line-separated blocks are grouped ten at a time into articles (first block is
the title). Tags and topics come from a fixed keyword list so the discovery tests have deterministic input.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import sqlite_utils

from reader import keywords, store
from reader.search import ensure_index, index_articles

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
KEYWORDS = ["知识产权", "新质生产力", "专利", "商标", "中小企业", "创新", "数字经济", "民营企业", "高质量发展",
            "科技", "标准", "保护"]
TOPICS = {"知识产权": ["知识产权", "专利", "商标"], "新质生产力": ["新质生产力"], "中小企业": ["中小企业", "民营企业"]}
BLOCKS_PER_ARTICLE = 10


def seed_articles(path: Path) -> list[dict]:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if b.strip()]
    articles = []
    for i in range(0, len(blocks), BLOCKS_PER_ARTICLE):
        group = blocks[i:i + BLOCKS_PER_ARTICLE]
        title = group[0].lstrip("#").strip().replace("\n", " ")
        paragraphs = []
        authors = []
        for block in group[1:]:
            kind = "heading" if block.startswith("#") else "body"
            text = block.lstrip("#").strip()
            if text.startswith("□"):
                authors.append(text[1:].strip())
            m = re.match(r"本报记者\s*(\S+)", text)
            if m:
                authors.append(m.group(1))
            paragraphs.append({"kind": kind, "text": text})
        articles.append({"title": title, "paragraphs": paragraphs, "authors": authors})
    return articles


def add_article(db: sqlite_utils.Database, source_id: int, ordinal: int, art: dict, imported_at: str) -> int:
    full = "\n".join([art["title"]] + [p["text"] for p in art["paragraphs"]])
    counts = {k: full.count(k) for k in KEYWORDS if k in full}
    aid = db["articles"].insert({
        "source_id": source_id, "ordinal": ordinal, "title": art["title"], "kicker": art.get("kicker"),
        "subtitle": art.get("subtitle"), "authors": json.dumps(art["authors"], ensure_ascii=False),
        "chars": len(full), "fingerprint": hashlib.sha256(full.encode()).hexdigest(), "imported_at": imported_at,
        "terms": keywords.encode_terms(keywords.Vocabulary(db.conn), counts),
    }).last_pk
    db.conn.executemany("UPDATE terms SET df = df + 1 WHERE term = ?", [(t,) for t in counts])
    db["paragraphs"].insert_all([{"article_id": aid, "idx": i, "kind": p["kind"], "text": p["text"]}
                                 for i, p in enumerate(art["paragraphs"])])
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    db["tags"].insert_all([{"article_id": aid, "rank": r, "tag": t, "weight": float(c)}
                           for r, (t, c) in enumerate(ranked)])
    for topic, words in TOPICS.items():
        matched = [w for w in words if w in full]
        if matched:
            db["article_topics"].insert({"article_id": aid, "topic": topic, "score": float(len(matched)),
                                         "matched": json.dumps(matched, ensure_ascii=False)})
    return aid


def build_library(path: Path) -> sqlite_utils.Database:
    db = store.connect(path)
    for n, (topic, words) in enumerate(TOPICS.items()):
        db["topics"].insert({"name": topic, "ordinal": n, "keywords": json.dumps(words, ensure_ascii=False)})
    ensure_index(db)
    for s, seed in enumerate(SEEDS):
        stamp = f"2026-01-0{s + 1}T00:00:00"
        db.conn.execute("BEGIN")
        source_id = db["sources"].insert({
            "name": seed.name, "path": str(seed), "sha256": hashlib.sha256(seed.read_bytes()).hexdigest(),
            "encoding": "utf-8", "chars": len(seed.read_text(encoding="utf-8")), "imported_at": stamp,
        }).last_pk
        ids = [add_article(db, source_id, o, art, stamp) for o, art in enumerate(seed_articles(seed))]
        index_articles(db, ids)
        db.conn.execute("COMMIT")
    return db


def article_texts(db: sqlite_utils.Database) -> dict[int, list[str]]:
    """Every searchable text field of each article: title (kicker, subtitle) and paragraphs, separately."""
    out = {r[0]: [f for f in r[1:] if f] for r in db.execute("SELECT id, title, kicker, subtitle FROM articles")}
    for aid, text in db.execute("SELECT article_id, text FROM paragraphs ORDER BY article_id, idx"):
        out[aid].append(text)
    return out


@pytest.fixture(scope="session")
def seed_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("search") / "lib.db"
    build_library(path).conn.close()
    return path


@pytest.fixture
def seed_db(seed_db_path: Path) -> sqlite_utils.Database:
    db = store.connect(seed_db_path)
    yield db
    db.conn.close()


@pytest.fixture
def fresh_db(tmp_path: Path) -> sqlite_utils.Database:
    """A private copy for tests that modify the library."""
    db = build_library(tmp_path / "lib.db")
    yield db
    db.conn.close()
