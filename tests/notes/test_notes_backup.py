"""JSON backup: lossless round trip, idempotent import, newer edit wins, bad files refused whole."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from reader.notes.annotations import (NoteError, add_annotation, add_by_quote, delete_annotation, get_annotation,
                                      list_annotations, update_annotation)
from reader.notes.backup import dumps_backup, restore
from reader.notes.export import export

from .conftest import Lib


def populate(lib: Lib) -> None:
    add_by_quote(lib.db, 1, "中小企业是创新的重要力量", note="多行\n**笔记**", tags=["甲", "乙"], color="pink")
    gone = add_by_quote(lib.db, 1, "新质生产力以创新为主导")
    delete_annotation(lib.db, gone.id)
    orphan = add_by_quote(lib.db, 2, "知识产权质押融资")
    lib.db.execute("UPDATE annotations SET anchor_state = 'orphan', anchor_score = 0.25 WHERE id = ?", [orphan.id])
    add_annotation(lib.db, 2, 4, 4, kind="bookmark", note="读到这里")


def test_backup_round_trip_is_lossless_and_idempotent(lib: Lib, tmp_path: Path) -> None:
    populate(lib)
    target = tmp_path / "notes.json"
    export(lib.db, fmt="json", out=target)
    data = target.read_text(encoding="utf-8")
    before = [asdict(a) for a in list_annotations(lib.db, include_deleted=True)]
    assert len(json.loads(data)["annotations"]) == 4  # deleted and orphaned ones included

    lib.db.execute("DELETE FROM annotations")
    first = restore(lib.db, data)
    assert len(first.added) == 4 and not first.updated
    assert [asdict(a) for a in list_annotations(lib.db, include_deleted=True)] == before
    second = restore(lib.db, data)
    assert len(second.unchanged) == 4 and not second.added and not second.updated
    assert len(list_annotations(lib.db, include_deleted=True)) == 4
    export(lib.db, fmt="json", out=target)
    assert target.read_text(encoding="utf-8") == data  # byte-identical after the round trip


def test_newer_updated_wins_both_ways(lib: Lib) -> None:
    ann = add_by_quote(lib.db, 1, "中小企业是创新的重要力量", note="v1")
    backup_v1 = dumps_backup(list_annotations(lib.db))
    update_annotation(lib.db, ann.id, note="v2 (local, newer)")
    report = restore(lib.db, backup_v1)
    assert report.unchanged == [ann.id] and get_annotation(lib.db, ann.id).note == "v2 (local, newer)"

    data = json.loads(backup_v1)
    data["annotations"][0].update(note="v3 (from another machine)", updated="2999-01-01T00:00:00.000000Z")
    report = restore(lib.db, json.dumps(data))
    assert report.updated == [ann.id] and get_annotation(lib.db, ann.id).note == "v3 (from another machine)"


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.update(format="other"), "not an ipreader notes backup"),
    (lambda d: d.update(version=99), "newer"),
    (lambda d: d["annotations"][1].pop("quote"), "lacks quote"),
    (lambda d: d["annotations"][1].update(start="3"), "bad start"),
    (lambda d: d["annotations"][1].update(color="red"), "unknown color"),
    (lambda d: d["annotations"][1].update(anchor_state="lost"), "unknown anchor_state"),
])
def test_bad_backup_is_refused_before_anything_is_written(lib: Lib, mutate, message: str) -> None:
    add_by_quote(lib.db, 1, "中小企业是创新的重要力量")
    add_by_quote(lib.db, 2, "知识产权质押融资")
    data = json.loads(dumps_backup(list_annotations(lib.db)))
    lib.db.execute("DELETE FROM annotations")
    mutate(data)
    with pytest.raises(NoteError, match=message):
        restore(lib.db, json.dumps(data))
    assert list_annotations(lib.db, include_deleted=True) == []
    with pytest.raises(NoteError, match="not a JSON file"):
        restore(lib.db, "{nope")


def test_json_target_that_is_not_a_backup_is_refused(lib: Lib, tmp_path: Path) -> None:
    add_by_quote(lib.db, 1, "中小企业")
    target = tmp_path / "data.json"
    target.write_text('{"mine": true}', encoding="utf-8")
    with pytest.raises(NoteError, match="not an ipreader notes backup"):
        export(lib.db, fmt="json", out=target)
    assert target.read_text(encoding="utf-8") == '{"mine": true}'
    export(lib.db, fmt="json", out=tmp_path)  # a directory: the backup gets its own name inside
    assert json.loads((tmp_path / "ipreader-notes.json").read_text(encoding="utf-8"))["count"] == 1
