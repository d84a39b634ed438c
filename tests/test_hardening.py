"""Bad input end to end: every failure names the file and the reason, and the rest of the batch still goes in."""
from __future__ import annotations

import codecs
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from reader import Library
from reader.config import seeds_dir

SEED = sorted(seeds_dir().glob("*.txt"))[2].read_text(encoding="utf-8")
ARTICLE = "知识产权保护标题\n\n□王五\n\n{}正文讲述知识产权保护与专利转化的最新进展，数据显示增长明显。\n"


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "批量 导入"
    folder.mkdir()
    write(folder, "gbk.txt", SEED.encode("gbk"))
    write(folder, "gb18030.txt", SEED.encode("gb18030"))
    write(folder, "big5.txt", "知識產權保護\n\n□王五\n\n本文講述知識產權保護與專利轉化的最新進展。\n".encode("big5"))
    write(folder, "utf16-bom.txt", codecs.BOM_UTF16_LE + SEED.encode("utf-16-le"))
    write(folder, "utf16-nobom.txt", SEED.encode("utf-16-le"))
    write(folder, "escapes.txt", ARTICLE.format(
        "\x1b[2J\x1b[H\x1b]52;c;cm0gLXJmIH4=\x07\x1b]8;;http://evil.example\x1b\\点我\x1b]8;;\x1b\\\x1b[?2004h").encode())
    write(folder, "markup.txt", ARTICLE.format("[bold red]红[/] [link=file:///etc/passwd]x[/link] # 标题 > 引用 *强调*").encode())
    write(folder, "nul.txt", ARTICLE.format("空\x00字节").encode())
    write(folder, "empty.txt", b"")
    write(folder, "blank.txt", b" \n\t\n")
    write(folder, "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(64))
    write(folder, "doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    buf = folder / "archive.txt"
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    db = folder / "other.txt"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE t(x)")
    (folder / "loop").symlink_to(folder)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    return folder


def test_bad_input_batch(batch: Path, tmp_path: Path) -> None:
    with Library(tmp_path / "lib.db") as lib:
        report = lib.import_paths([batch])
        by_name = {Path(f.path).name: f for f in report.files}
        good = ["gbk.txt", "gb18030.txt", "big5.txt", "utf16-bom.txt", "utf16-nobom.txt", "escapes.txt", "markup.txt", "nul.txt"]
        for name in good:
            assert by_name[name].status == "imported", (name, by_name[name].reason)
        expected_failures = {"empty.txt": "empty", "blank.txt": "white space", "image.txt": "PNG", "doc.txt": "PDF",
                             "archive.txt": "ZIP", "other.txt": "SQLite", "dangling.txt": "link", "loop": "loop"}
        for name, reason in expected_failures.items():
            assert by_name[name].status == "failed", name
            assert reason in by_name[name].reason, (name, by_name[name].reason)
        texts = {s["name"]: "\n".join(p.text for a in lib.articles() if a.source == s["name"]
                                      for p in lib.article(a.id).paragraphs) for s in lib.sources()}
    # The four encodings of the same page give the same text.
    assert texts["gbk.txt"] == texts["gb18030.txt"] == texts["utf16-bom.txt"] == texts["utf16-nobom.txt"]
    assert "\x1b" not in texts["escapes.txt"] and "点我" in texts["escapes.txt"] and "evil" not in texts["escapes.txt"]
    assert "[link=file:///etc/passwd]" in texts["markup.txt"]  # stored literally; displays must not interpret it
    assert "\x00" not in texts["nul.txt"]
    assert set(texts) == set(good)


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "secret.txt"
    page.write_text(SEED, encoding="utf-8")
    real = os.open

    def denied(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        if Path(path).name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)  # root ignores chmod, so deny at the call instead
    with Library(tmp_path / "lib.db") as lib:
        report = lib.import_paths([page, sorted(seeds_dir().glob("*.txt"))[0]])
    assert report.files[0].status == "failed" and "permission denied" in report.files[0].reason
    assert report.files[1].status == "imported"
