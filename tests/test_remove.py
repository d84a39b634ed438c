"""Taking pages out and starting empty (issue #15): `ipreader remove SOURCE` keeps the page's notes as orphans that
anchor again, on the same article ids, when the page is imported again; `ipreader --empty` starts a library without
the sample pages and remembers it; `import --samples` brings them in."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader import Library
from reader.cli import main
from reader.notes.annotations import add_by_quote, list_annotations
from reader.removal import RemoveError


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = main(list(argv))
    got = capsys.readouterr()
    return rc, got.out, got.err


def first_page(lib: Library) -> tuple[str, list[int]]:
    name = lib.articles()[0].source
    return name, [a.id for a in lib.articles() if a.source == name]


def test_remove_keeps_notes_as_orphans_and_a_second_import_restores_them(seeded_copy: Path) -> None:
    with Library(seeded_copy) as lib:
        name, ids = first_page(lib)
        path = lib.conn.execute("SELECT path FROM sources WHERE name = ?", [name]).fetchone()[0]
        text = lib.article(ids[1]).paragraphs[1].text
        note = add_by_quote(lib.db, ids[1], text[2:14], note="回头核对", tags=["复核"])
        total = len(lib.articles())
        word = lib.article(ids[1]).paragraphs[1].text[2:8]
        assert ids[1] in lib.search_ids(word)

        dry = lib.remove_sources([name], dry_run=True)
        assert (len(dry.sources), dry.articles, dry.notes_kept) == (1, len(ids), 1)
        assert len(lib.articles()) == total  # a dry run changes nothing

        removed = lib.remove_sources([name])
        assert (removed.articles, removed.notes_kept) == (len(ids), 1)
        assert len(lib.articles()) == total - len(ids)
        assert not set(ids) & set(lib.search_ids(word))  # out of the index too
        (kept,) = list_annotations(lib.db, state="orphan")
        assert (kept.id, kept.note, kept.tags, kept.article_id) == (note.id, "回头核对", ["复核"], ids[1])
        assert lib.conn.execute("PRAGMA foreign_key_check").fetchall() == []

        assert lib.import_paths([path]).ok
        assert [a.id for a in lib.articles() if a.source == name] == ids  # the same ids, so positions hold
        (back,) = list_annotations(lib.db)
        assert (back.id, back.anchor_state, back.article_id, back.quote) == (note.id, "anchored", ids[1], text[2:14])
        assert ids[1] in lib.search_ids(word)


def test_pages_are_named_by_path_name_or_label_and_refused_when_unknown_or_ambiguous(seeded_copy: Path,
                                                                                     tmp_path: Path) -> None:
    with Library(seeded_copy) as lib:
        before = len(lib.articles())
        with pytest.raises(RemoveError, match="no such page"):
            lib.remove_sources(["不存在.txt"])
        name, _ = first_page(lib)
        with pytest.raises(RemoveError, match="no such page"):  # one bad spec: nothing removed, not even the good one
            lib.remove_sources([name, "不存在.txt"])
        assert len(lib.articles()) == before
        label = lib.source_labels()[name]
        assert label != name
        assert [s.name for s in lib.remove_sources([label], dry_run=True).sources] == [name]
        for folder in ("a", "b"):  # two files of one name in two folders
            (tmp_path / folder).mkdir()
            (tmp_path / folder / "同名.txt").write_text(f"同名文章{folder}\n\n本报讯 这是第{folder}篇的正文，讲知识产权。\n",
                                                      encoding="utf-8")
            assert lib.import_paths([tmp_path / folder / "同名.txt"]).ok
        with pytest.raises(RemoveError, match="2 pages have that name"):
            lib.remove_sources(["同名.txt"])
        assert len(lib.remove_sources([str(tmp_path / "a" / "同名.txt")]).sources) == 1


def test_remove_samples_and_import_samples(seeded_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(seeded_copy)
    rc, out, _ = run(capsys, "--db", db, "remove", "--samples", "--json")
    report = json.loads(out)
    assert rc == 0 and len(report["removed"]) == 5 and report["articles"] > 0 and not report["dry_run"]
    with Library(seeded_copy) as lib:
        assert lib.is_empty() and not lib.wants_samples()  # emptied by hand: the samples do not come back
    rc, out, err = run(capsys, "--db", db, "remove", "--samples")
    assert rc == 1 and "nothing removed" in err
    rc, out, _ = run(capsys, "--db", db, "import", "--samples")
    assert rc == 0 and "5 imported" in out
    rc, _, err = run(capsys, "--db", db, "remove", "nothing-like-it.txt")
    assert rc == 1 and "nothing-like-it.txt: no such page" in err
    rc, _, err = run(capsys, "--db", db, "remove")
    assert rc == 2 and "give a SOURCE" in err
    rc, _, err = run(capsys, "--db", db, "import")
    assert rc == 2 and "--samples" in err


def test_empty_starts_without_the_samples_and_remembers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.tui.app

    opened: list[int] = []

    def fake_run_app(lib: Library, **_: object) -> int:
        opened.append(len(lib.articles()))
        return 0

    monkeypatch.setattr(reader.tui.app, "run_app", fake_run_app)
    empty, fresh = str(tmp_path / "empty.db"), str(tmp_path / "fresh.db")
    assert main(["--db", empty, "--empty"]) == 0
    assert main(["--db", empty]) == 0  # remembered: still no samples on the next start
    assert main(["--db", fresh]) == 0  # a new library without --empty gets them
    assert opened[0] == opened[1] == 0 and opened[2] > 0
