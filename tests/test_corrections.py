"""Split corrections through the command line: split → notes follow → import --force → the split stands → merge
back; bad requests; corrections that no longer apply; backup and restore; undo."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.library import Library

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
LEAD = "知识产权与产业协同激发新质生产力潜能"  # the first seed page's lead article
SECTION = "知识产权激发新质生产力潜能释放的路径选择"  # one of its section headings


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    shutil.copytree(SEEDS, folder)
    return folder


class Cli:
    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db, self.capsys = db, capsys

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        rc = main(["--db", str(self.db), *argv])
        got = self.capsys.readouterr()
        return rc, got.out, got.err

    def json(self, *argv: str) -> object:
        rc, out, err = self(*argv, "--json")
        assert rc == 0, err
        return json.loads(out)


@pytest.fixture()
def cli(tmp_path: Path, pages: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path / "lib.db", capsys)
    rc, _, err = c("import", str(pages))
    assert rc == 0, err
    return c


def lead(cli: Cli) -> tuple[int, list[dict]]:
    art = next(a for a in cli.json("list") if a["title"] == LEAD)
    return art["id"], cli.json("show", str(art["id"]))["paragraphs"]


def notes(cli: Cli) -> dict[str, dict]:
    return {n["note"]: n for n in cli.json("notes")}


def snapshot(db: Path) -> list:
    with sqlite3.connect(str(db)) as conn:
        return [conn.execute("SELECT id, source_id, ordinal, title, fingerprint FROM articles ORDER BY id").fetchall(),
                conn.execute("SELECT article_id, idx, text FROM paragraphs ORDER BY article_id, idx").fetchall(),
                conn.execute("SELECT * FROM corrections").fetchall(),
                conn.execute("SELECT id, article_id, start, \"end\", anchor_state FROM annotations").fetchall()]


def test_split_survives_force_reimport_and_merge_restores_the_page(cli: Cli) -> None:
    article_id, paras = lead(cli)
    count = len(cli.json("list"))
    at = next(i for i, p in enumerate(paras) if p["text"] == SECTION)
    early, late = paras[at - 1]["text"][10:30], paras[at + 2]["text"][10:30]
    text = "\n".join(p["text"] for p in paras)
    assert text.count(early) == text.count(late) == 1
    assert cli("note", "add", str(article_id), "--quote", early, "--note", "前半")[0] == 0
    assert cli("note", "add", str(article_id), "--quote", late, "--note", "后半")[0] == 0

    done = cli.json("split", str(article_id), str(at))
    new_id = done["article_id"]
    assert new_id > max(a["id"] for a in cli.json("list") if a["id"] != new_id)  # a fresh id, never recycled
    assert done["articles"][:2] == [article_id, new_id] and len(cli.json("list")) == count + 1
    new = cli.json("show", str(new_id))
    assert new["title"] == SECTION and new["paragraphs"][0]["text"] == paras[at + 1]["text"]
    assert len(cli.json("show", str(article_id))["paragraphs"]) == at
    n = notes(cli)
    assert (n["前半"]["article_id"], n["前半"]["anchor_state"]) == (article_id, "anchored")
    assert (n["后半"]["article_id"], n["后半"]["anchor_state"]) == (new_id, "anchored")
    assert n["后半"]["quote"] == late
    # The export groups each note under the article it now belongs to.
    rc, out, _ = cli("export", "--format", "markdown")
    headings = [(i, line) for i, line in enumerate(out.splitlines()) if line.startswith("## ")]
    lines = out.splitlines()

    def under(note: str) -> str:
        at = next(i for i, line in enumerate(lines) if line == note)
        return [h for i, h in headings if i < at][-1]

    assert rc == 0 and LEAD in under("前半") and SECTION in under("后半")

    rc, _, err = cli("import", "--force", str(cli.db.parent / "pages"))
    assert rc == 0, err
    titles = {a["id"]: a["title"] for a in cli.json("list")}
    assert titles[article_id] == LEAD and titles[new_id] == SECTION and len(titles) == count + 1
    assert [(c["action"], c["applies"], c["state"]) for c in cli.json("corrections")] == [("split", True, "applied")]
    n = notes(cli)
    assert (n["后半"]["article_id"], n["后半"]["anchor_state"]) == (new_id, "anchored")
    assert (n["前半"]["article_id"], n["前半"]["anchor_state"]) == (article_id, "anchored")

    merged = cli.json("merge", str(new_id))
    assert merged["article_id"] == article_id and len(cli.json("list")) == count
    assert [p["text"] for p in cli.json("show", str(article_id))["paragraphs"]] == [p["text"] for p in paras]
    n = notes(cli)
    assert {(v["article_id"], v["anchor_state"]) for v in n.values()} == {(article_id, "anchored")}

    # The export groups both notes under the one article again.
    rc, out, _ = cli("export", "--format", "markdown")
    assert rc == 0 and out.count(LEAD) >= 1 and SECTION not in out.split("前半")[0].split(LEAD)[-1]


def test_undo_takes_back_the_newest_correction(cli: Cli) -> None:
    article_id, paras = lead(cli)
    before = [a["title"] for a in cli.json("list")]
    at = next(i for i, p in enumerate(paras) if p["text"] == SECTION)
    cli.json("split", str(article_id), str(at))
    cli.json("furniture", str(article_id), "0", "--kind", "caption")
    assert cli.json("undo")["action"] == "furniture"
    assert cli.json("show", str(article_id))["paragraphs"][0] == paras[0]
    assert cli.json("undo")["action"] == "split"
    assert [a["title"] for a in cli.json("list")] == before and cli.json("corrections") == []
    rc, _, err = cli("undo")
    assert rc == 1 and err.strip() == "ipreader: there is no correction to undo"


def test_undo_after_a_reimport_imports_the_page_without_the_correction(cli: Cli) -> None:
    article_id, paras = lead(cli)
    before = [a["title"] for a in cli.json("list")]
    cli.json("retitle", str(article_id), "0")
    assert cli.json("show", str(article_id))["title"] == paras[0]["text"]
    assert cli("import", "--force", str(cli.db.parent / "pages"))[0] == 0
    assert cli.json("undo")["undone"] is True
    assert sorted(a["title"] for a in cli.json("list")) == sorted(before)


@pytest.mark.parametrize(("argv", "message"), [
    (("split", "{id}", "999"), "no paragraph 999"),
    (("split", "{id}", "0"), "already opens the article"),
    (("split", "424242", "1"), "no article with id 424242"),
    (("merge", "{id}"), "first article of its page has none before it"),
    (("merge", "424242"), "no article with id 424242"),
    (("retitle", "{id}", "-1"), "no paragraph -1"),
    (("furniture", "{id}", "77"), "no paragraph 77"),
    (("split", "{id}", "3", "--title", "  "), "the new title is empty"),
])
def test_bad_requests_exit_non_zero_with_one_line_and_change_nothing(cli: Cli, argv: tuple[str, ...],
                                                                     message: str) -> None:
    article_id, _ = lead(cli)
    before = snapshot(cli.db)
    rc, out, err = cli(*(a.format(id=article_id) for a in argv))
    assert rc == 1 and out == ""
    assert err.strip().startswith("ipreader: ") and message in err and len(err.strip().splitlines()) == 1
    assert snapshot(cli.db) == before


def test_a_correction_whose_text_is_gone_is_reported_and_applied_nowhere(cli: Cli, pages: Path) -> None:
    article_id, paras = lead(cli)
    at = next(i for i, p in enumerate(paras) if p["text"] == SECTION)
    cli.json("split", str(article_id), str(at))
    page = next(p for p in pages.glob("*.txt") if SECTION in p.read_text(encoding="utf-8"))
    page.write_text(page.read_text(encoding="utf-8").replace(SECTION + "\n", ""), encoding="utf-8")
    assert cli("import", str(pages))[0] == 0
    (corr,) = cli.json("corrections")
    assert corr["applies"] is False and corr["state"] == "stale"
    assert all(a["title"] != SECTION for a in cli.json("list"))
    rc, out, _ = cli("doctor", "--json")
    assert [c["id"] for c in json.loads(out)["stale_corrections"]] == [corr["id"]]
    rc, out, _ = cli("corrections")
    assert "text gone" in out
    rc, out, _ = cli("doctor")
    assert "stale correction" in out


def test_backup_carries_corrections_and_import_notes_restores_them(cli: Cli, tmp_path: Path, pages: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    article_id, paras = lead(cli)
    at = next(i for i, p in enumerate(paras) if p["text"] == SECTION)
    cli("note", "add", str(article_id), "--quote", paras[at + 2]["text"][10:30], "--note", "后半")
    new_id = cli.json("split", str(article_id), str(at))["article_id"]
    backup = tmp_path / "backup.json"
    assert cli("export", "--format", "json", "-o", str(backup))[0] == 0
    assert [c["action"] for c in json.loads(backup.read_text(encoding="utf-8"))["corrections"]] == ["split"]

    fresh = Cli(tmp_path / "fresh.db", capsys)
    assert fresh("import", str(pages))[0] == 0
    count = len(fresh.json("list"))
    restored = fresh.json("import-notes", str(backup))
    assert restored["corrections"] == 1 and restored["pages_reimported"] == 1
    titles = [a["title"] for a in fresh.json("list")]
    assert SECTION in titles and len(titles) == count + 1
    (note,) = fresh.json("notes")
    moved = next(a["id"] for a in fresh.json("list") if a["title"] == SECTION)
    assert (note["article_id"], note["anchor_state"]) == (moved, "anchored")
    assert fresh.json("import-notes", str(backup))["corrections"] == 0  # twice changes nothing
    assert len(fresh.json("corrections")) == 1 and new_id  # (the first library's id is its own business)


def test_corrections_of_a_library_from_before_they_existed(tmp_path: Path, pages: Path, as_schema_4) -> None:
    """An upgraded library (schema 3) gets an empty corrections table and takes corrections at once."""
    with Library(tmp_path / "old.db") as lib:
        lib.import_paths([pages])
        as_schema_4(lib.conn)
        lib.conn.execute("DROP TABLE corrections")
        lib.conn.execute("PRAGMA user_version = 3")
    with Library(tmp_path / "old.db") as lib:
        assert lib.corrections() == []
        aid = next(a.id for a in lib.articles() if a.title == LEAD)
        at = next(i for i, p in enumerate(lib.article(aid).paragraphs) if p.text == SECTION)
        lib.correct("split", aid, at)
        assert [c.action for c in lib.corrections()] == ["split"]
