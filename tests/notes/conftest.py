"""A tiny library built by direct inserts, plus a way to simulate re-importing an edited source."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlite_utils

from reader.store import connect

Paras = Sequence[tuple[str, str]]  # (kind, text)

ARTICLE_A: list[tuple[str, str]] = [
    ("body", "知识产权是国家发展的战略性资源和国际竞争力的核心要素。"),
    ("heading", "一、加强知识产权保护"),
    ("body", "加强知识产权保护，是完善产权保护制度最重要的内容，也是提高我国经济竞争力最大的激励。"),
    ("body", "中小企业是创新的重要力量。要支持中小企业运用知识产权，推动中小企业高质量发展。"),
    ("heading", "二、发展新质生产力"),
    ("body", "新质生产力以创新为主导，摆脱传统经济增长方式。发展新质生产力是推动高质量发展的内在要求。"),
    ("note", "（作者单位：某某大学法学院）"),
]

ARTICLE_B: list[tuple[str, str]] = [
    ("body", "专精特新中小企业是强链补链的重要力量，要加大知识产权金融支持力度。"),
    ("body", "知识产权质押融资规模持续扩大，惠及更多中小企业。"),
]


def fingerprint(paras: Paras) -> str:
    return hashlib.sha256("\n".join(t for _, t in paras).encode("utf-8")).hexdigest()


def text_of(paras: Paras) -> str:
    return "\n".join(t for _, t in paras)


@dataclass
class Lib:
    db: sqlite_utils.Database
    source_id: int

    def add_article(self, title: str, paras: Paras, *, ordinal: int | None = None, source_id: int | None = None,
                    article_id: int | None = None, authors: Sequence[str] = ("张三",)) -> int:
        source_id = source_id or self.source_id
        if ordinal is None:
            count = self.db.execute("SELECT count(*) FROM articles WHERE source_id = ?", [source_id]).fetchone()[0]
            ordinal = count + 1
        cur = self.db.execute(
            "INSERT INTO articles(id, source_id, ordinal, title, authors, chars, fingerprint, imported_at) "
            "VALUES (?,?,?,?,?,?,?,?)",
            [article_id, source_id, ordinal, title, json.dumps(list(authors), ensure_ascii=False),
             len(text_of(paras)), fingerprint(paras), "2026-01-01T00:00:00Z"])
        new_id = cur.lastrowid if article_id is None else article_id
        self.db.conn.executemany("INSERT INTO paragraphs(article_id, idx, kind, text) VALUES (?,?,?,?)",
                            [(new_id, i, k, t) for i, (k, t) in enumerate(paras)])
        return new_id

    def snapshot(self, source_id: int | None = None) -> list[dict]:
        """What the importer hands to reanchor_source: the source's articles before re-import."""
        out = []
        for aid, title, fp in self.db.execute(
                "SELECT id, title, fingerprint FROM articles WHERE source_id = ? ORDER BY ordinal",
                [source_id or self.source_id]).fetchall():
            paras = [r[0] for r in self.db.execute(
                "SELECT text FROM paragraphs WHERE article_id = ? ORDER BY idx", [aid])]
            out.append({"id": aid, "title": title, "fingerprint": fp, "text": "\n".join(paras)})
        return out

    def drop_source_articles(self, source_id: int | None = None) -> None:
        self.db.execute("DELETE FROM articles WHERE source_id = ?", [source_id or self.source_id])

    def add_source(self, name: str) -> int:
        return self.db.execute(
            "INSERT INTO sources(name, path, sha256, encoding, chars, imported_at) VALUES (?,?,?,?,?,?)",
            [name, f"/pages/{name}", "0" * 64, "utf-8", 0, "2026-01-01T00:00:00Z"]).lastrowid


@pytest.fixture()
def lib(tmp_path: Path) -> Lib:
    db = connect(tmp_path / "notes.db")
    source_id = db.execute(
        "INSERT INTO sources(name, path, sha256, encoding, chars, imported_at) VALUES (?,?,?,?,?,?)",
        ["page1.txt", "/pages/page1.txt", "0" * 64, "utf-8", 0, "2026-01-01T00:00:00Z"]).lastrowid
    db.execute("INSERT INTO topics(name, ordinal) VALUES ('知识产权', 1), ('中小企业', 2)")
    library = Lib(db, source_id)
    a = library.add_article("知识产权与高质量发展", ARTICLE_A)
    b = library.add_article("金融支持专精特新", ARTICLE_B, authors=())
    db.execute("INSERT INTO article_topics(article_id, topic, score) VALUES (?, '知识产权', 2.0), "
               "(?, '中小企业', 1.0)", [a, b])
    db.execute("INSERT INTO tags(article_id, rank, tag, weight) VALUES (?, 0, '知识产权', 1.0)", [a])
    return library
