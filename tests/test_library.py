"""The Library API: import pipeline, idempotence, id stability, bad files in a batch, tags and topics."""
from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from reader import Library
from reader.config import seeds_dir
from reader.store import SCHEMA_VERSION, StoreError

SEEDS = sorted(seeds_dir().glob("*.txt"))


def test_seeds_import_into_a_clean_library(seeded_copy: Path) -> None:
    with Library(seeded_copy) as lib:
        arts = lib.articles()
        assert len(arts) >= 20
        assert {a.source for a in arts} == {p.name for p in SEEDS}
        # Ordinals run 1..n within each source, in page order.
        for name in {a.source for a in arts}:
            ords = [a.ordinal for a in arts if a.source == name]
            assert ords == list(range(1, len(ords) + 1))
        assert all(a.title and a.chars > 0 for a in arts)


def test_integrity_and_pragmas(seeded_copy: Path) -> None:
    with Library(seeded_copy) as lib:
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert lib.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert lib.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_reimport_is_a_noop_and_force_keeps_ids(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.db") as lib:
        first = lib.import_paths(SEEDS[:2])
        assert [f.status for f in first.files] == ["imported", "imported"]
        ids = [(a.id, a.title) for a in lib.articles()]
        again = lib.import_paths(SEEDS[:2])
        assert [f.status for f in again.files] == ["skipped", "skipped"]
        forced = lib.import_paths(SEEDS[:2], force=True)
        assert [f.status for f in forced.files] == ["imported", "imported"]
        assert [(a.id, a.title) for a in lib.articles()] == ids


def test_edited_file_keeps_ids_of_unchanged_articles(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    text = SEEDS[1].read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    with Library(tmp_path / "lib.db") as lib:
        lib.import_paths([page])
        before = {a.title: a.id for a in lib.articles()}
        last_title = lib.articles()[-1].title
        # Change only the last article's final paragraph.
        page.write_text(text.rstrip() + "此句为修改后新增。\n", encoding="utf-8")
        assert lib.import_paths([page]).files[0].status == "imported"
        after = {a.title: a.id for a in lib.articles()}
    assert set(after) == set(before)
    changed = {t for t in before if before[t] != after[t]}
    assert changed == {last_title}
    assert after[last_title] > max(before.values())  # a fresh id, never a recycled one


def test_bad_files_fail_by_name_and_good_ones_still_import(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good 好.txt").write_text(SEEDS[2].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (folder / "dangling.txt").symlink_to(folder / "missing.txt")
    with Library(tmp_path / "lib.db") as lib:
        report = lib.import_paths([folder])
        by_name = {Path(f.path).name: f for f in report.files}
        assert by_name["good 好.txt"].status == "imported"
        assert by_name["empty.txt"].status == "failed" and "empty" in by_name["empty.txt"].reason
        assert by_name["image.txt"].status == "failed" and "PNG" in by_name["image.txt"].reason
        assert by_name["dangling.txt"].status == "failed" and "link" in by_name["dangling.txt"].reason
        assert not report.ok
        sources = [s["name"] for s in lib.sources()]
    assert sources == ["good 好.txt"]


def test_gbk_twin_imports_the_same_articles(tmp_path: Path) -> None:
    text = SEEDS[3].read_text(encoding="utf-8")
    utf8, gbk = tmp_path / "u.txt", tmp_path / "g.txt"
    utf8.write_bytes(text.encode("utf-8"))
    gbk.write_bytes(text.encode("gbk"))
    with Library(tmp_path / "a.db") as a, Library(tmp_path / "b.db") as b:
        a.import_paths([utf8])
        b.import_paths([gbk])
        ja = [dataclasses.asdict(a.article(x.id)) for x in a.articles()]
        jb = [dataclasses.asdict(b.article(x.id)) for x in b.articles()]
    for d in ja + jb:
        d.pop("source")
    assert ja == jb


def test_json_contract_fields(seeded_copy: Path) -> None:
    with Library(seeded_copy) as lib:
        summary = dataclasses.asdict(lib.articles()[0])
        for key in ("id", "source", "ordinal", "title", "kicker", "subtitle", "authors", "column", "topics", "tags", "chars"):
            assert key in summary
        detail = dataclasses.asdict(lib.article(summary["id"]))
        for key in ("sections", "notes", "paragraphs"):
            assert key in detail
        assert all(set(p) == {"kind", "text"} for p in detail["paragraphs"])
        assert detail["sections"] == [p["text"] for p in detail["paragraphs"] if p["kind"] == "heading"]


def test_keywords_are_fitted_to_the_library(seeded_copy: Path) -> None:
    with Library(seeded_copy) as lib:
        arts = lib.articles()
    firsts = [a.tags[0] for a in arts if a.tags]
    assert len(firsts) == len(arts)
    # A generic IDF would put 知识产权 first nearly everywhere; a library-fitted one separates the articles.
    assert firsts.count("知识产权") <= len(arts) // 4
    assert len(set(firsts)) >= len(arts) // 2
    stop = {"发展", "推动", "我们", "进行"}
    assert not any(t in stop for a in arts for t in a.tags)


def test_topics_with_reasons_and_unclassified(seeded_copy: Path) -> None:
    with Library(seeded_copy) as lib:
        topics = {t.name: t for t in lib.topics()}
        assert "未分类" in topics
        assert topics["新质生产力"].count >= 5
        some = lib.articles(topic="知识产权金融")
        assert some and all("知识产权金融" in a.topics for a in some)
        reasons = lib.topic_reasons(some[0].id)
        assert reasons["知识产权金融"]  # the matched keywords, so the UI can say why
        both = lib.articles(topic=["知识产权金融", "农业与粮食"])
        assert {a.id for a in both} >= {a.id for a in some}


def test_retag_applies_an_edited_taxonomy(seeded_copy: Path) -> None:
    custom = seeded_copy.parent / "topics.toml"
    custom.write_text('[[topic]]\nname = "汽车"\nkeywords = ["汽车"]\n', encoding="utf-8")
    with Library(seeded_copy) as lib:
        lib.retag()
        names = [t.name for t in lib.topics()]
        assert names == ["汽车", "未分类"]
        cars = lib.articles(topic="汽车")
        assert cars and all("汽车" in lib.article(a.id).title or lib.topic_reasons(a.id)["汽车"] == ["汽车"] for a in cars)


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer"):
        Library(path)
    assert path.read_bytes() == before


def test_positions_and_settings(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.db") as lib:
        lib.import_paths(SEEDS[:1])
        first = lib.articles()[0].id
        assert lib.get_position(first) is None and lib.last_article() is None
        lib.set_position(first, 3, 17)
        assert lib.get_position(first) == (3, 17)
        assert lib.last_article() == first
        lib.set_setting("theme", "light")
        assert lib.get_setting("theme") == "light"


def test_unlike_seed_page_one_paragraph_per_line(tmp_path: Path) -> None:
    cities = ["杭州", "苏州", "合肥", "成都", "西安", "青岛"]
    lines = ["今日要闻"]
    for i, city in enumerate(cities, start=1):
        lines += [f"{city}出台专利转化新举措",
                  f"本报讯 {city}市日前印发方案，围绕知识产权保护和专利转化推出{i * 3}项措施，支持中小企业创新发展。",
                  f"方案明确，到2025年{city}将建成{i}个知识产权服务中心，为企业提供一站式服务。"]
    page = tmp_path / "briefs.txt"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Library(tmp_path / "lib.db") as lib:
        assert lib.import_paths([page]).ok
        n = len(lib.articles())
    assert 2 <= n <= 8  # never one giant article, never an article per line


def test_show_json_matches_api(seeded_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    with Library(seeded_copy) as lib:
        first = lib.articles()[0]
        expected = dataclasses.asdict(lib.article(first.id))
    assert main(["--db", str(seeded_copy), "show", str(first.id), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == expected


def test_source_labels_say_what_each_seed_page_is(seeded_copy: Path) -> None:
    from reader.library import Library

    with Library(seeded_copy) as lib:
        labels = lib.source_labels()
        names = {s.source for s in lib.articles()}
    assert set(labels) == names  # one label per group the library pane shows
    assert labels["003_90d63b1abeeeb38e.txt"] == "促进中小微企业高质量发展"  # the page banner
    assert labels["004_6db859738193306f.txt"].startswith("杭州电子科技大学 理论学习参考")  # the cover lines
    assert labels["000_332f26e4ca40b5f6.txt"] == "知识产权与产业协同激发新质生产力潜能"  # the lead article


def test_each_file_is_read_once_and_an_unchanged_one_not_at_all(tmp_path, monkeypatch) -> None:
    import os
    import shutil

    from reader import importer
    from reader.config import seeds_dir
    from reader.library import Library

    reads: list[str] = []
    real = importer.read_file
    monkeypatch.setattr(importer, "read_file", lambda path, **kw: reads.append(path.name) or real(path, **kw))
    pages = tmp_path / "pages"
    pages.mkdir()
    for seed in sorted(seeds_dir().glob("*.txt"))[:2]:
        shutil.copy(seed, pages / seed.name)
    first, second = sorted(pages.iterdir())
    with Library(tmp_path / "lib.db") as lib:
        assert len(lib.import_paths([pages], workers=1).imported) == 2
        assert sorted(reads) == sorted([first.name, second.name])  # read, hashed and decoded once each
        reads.clear()
        report = lib.import_paths([pages], workers=1)
        assert reads == [] and [f.reason for f in report.skipped] == ["unchanged since the last import"] * 2
        os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 10**9))  # touched, same bytes
        report = lib.import_paths([pages], workers=1)
        assert reads == [first.name] and len(report.skipped) == 2
        reads.clear()
        lib.import_paths([pages], workers=1)
        assert reads == []  # the touched file's new stamp was kept
        text = first.read_text(encoding="utf-8")
        first.write_text(text.replace("知识产权", "知識產權", 1), encoding="utf-8")  # same size? no matter: new bytes
        assert [f.path for f in lib.import_paths([pages], workers=1).imported] == [str(first)]
