"""How sure the splitter was, carried from the page to the user: stored per article, in `list --json` and
`show --json`, listed by `doctor`, marked in the reader and the library list, and kept through an upgrade."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader import Library, store
from reader.model import DOUBTFUL

BODY = "今年以来，我省大力推进知识产权强省建设，专利转化运用成效明显，一批中小企业从中受益。"
# A bylined article (certain), then two headlines with no byline, dateline or sign-off around them: each may be a
# new article or a section heading, and the splitter has to guess.
PAGE = (f"专利转化提速\n\n本报记者 王浩\n\n{BODY}\n\n{BODY}\n\n\n夜市经济升温\n\n"
        "入夏以来，各大夜市人气旺盛，餐饮、文创等摊位前人头攒动，消费活力持续释放。\n\n"
        "有关部门表示，将进一步规范夜市经营秩序，提升消费体验。\n")


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_confidence_is_stored_and_doubtful_articles_are_listed(tmp_path: Path, page: Path) -> None:
    certain = tmp_path / "certain.txt"
    certain.write_text(f"标题甲\n\n本报记者 王浩\n\n{BODY}\n\n标题乙\n\n本报记者 李倩\n\n{BODY}\n", encoding="utf-8")
    with Library(tmp_path / "lib.db") as lib:
        assert lib.import_paths([page, certain]).ok
        by_source = {a.title: a for a in lib.articles()}
        assert by_source["标题甲"].confidence == by_source["标题乙"].confidence == 1.0
        # the guessed boundary makes both articles beside it doubtful: where one ends the other starts
        doubtful = lib.doubtful_articles()
        assert {a.title for a in doubtful} == {"专利转化提速", "夜市经济升温"}
        assert all(a.doubtful and a.confidence < DOUBTFUL for a in doubtful)
        assert lib.article(doubtful[0].id).confidence == doubtful[0].confidence


def test_cli_json_and_doctor_carry_it(tmp_path: Path, page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    db = str(tmp_path / "lib.db")
    assert main(["--db", db, "import", str(page)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert all(0.5 <= a["confidence"] <= 1.0 for a in listed)
    assert main(["--db", db, "show", str(listed[-1]["id"]), "--json"]) == 0
    assert "confidence" in json.loads(capsys.readouterr().out)
    assert main(["--db", db, "doctor", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["doubtful"] and {d["id"] for d in report["doubtful"]} <= {a["id"] for a in listed}
    assert main(["--db", db, "doctor"]) == 0
    assert "doubtful #" in capsys.readouterr().out


def test_an_older_library_gets_the_column_and_keeps_its_notes(tmp_path: Path) -> None:
    db = tmp_path / "library.db"
    conn = sqlite3.connect(str(db), isolation_level=None)
    for step in store.MIGRATIONS[:2]:
        step(conn)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO sources(id, name, path, sha256, encoding, chars, imported_at) "
                 "VALUES (1, 'old.txt', '/old.txt', 'abc', 'utf-8', 10, '2025-01-01T00:00:00Z')")
    conn.execute("INSERT INTO articles(id, source_id, ordinal, title, fingerprint, imported_at) "
                 "VALUES (1, 1, 1, '旧标题', 'fp', '2025-01-01T00:00:00Z')")
    conn.execute("INSERT INTO annotations(id, article_id, quote, start, \"end\", note, created, updated) "
                 "VALUES ('n1', 1, '旧', 0, 1, '我的笔记', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')")
    conn.close()
    with Library(db) as lib:
        assert store.user_version(lib.db) == store.SCHEMA_VERSION
        assert lib.articles()[0].confidence == 1.0
        assert lib.db.execute("SELECT note FROM annotations").fetchone()[0] == "我的笔记"
    assert len(list(tmp_path.glob("library.db.v2-*.bak"))) == 1
