"""Replay the attack vectors of the hardening rounds against the real `ipreader` and print vector → result.

Usage: `python bench/attack.py` (exit 0 when every vector is "ok"). `tests/test_attack.py` runs it in the suite.
Each vector runs the command line in a subprocess (as a user would), in a fresh temporary folder, with a timeout,
so a hang is a failure, not a stuck run.
"""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PAGE = "专利转化运用提速\n\n本报记者 王浩\n\n国家知识产权局日前发布数据显示，专利转化运用持续提速。\n\n中小企业受益明显。\n"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what must never reach a terminal


class Failed(Exception):
    pass


def ipreader(db: Path, *argv: str, timeout: float = 60, env: dict[str, str] | None = None,
             raw_argv: list[bytes] | None = None) -> subprocess.CompletedProcess[bytes]:
    args: list[str | bytes] = [sys.executable, "-m", "reader", "--db", str(db), *argv, *(raw_argv or [])]
    return subprocess.run(args, capture_output=True, timeout=timeout, env={**os.environ, **(env or {})})


def text(proc: subprocess.CompletedProcess[bytes]) -> str:
    return (proc.stdout + proc.stderr).decode("utf-8", "replace")


def check(cond: bool, detail: str) -> None:
    if not cond:
        raise Failed(detail)


def no_raw(proc: subprocess.CompletedProcess[bytes], what: str) -> None:
    shown = text(proc)
    check("Traceback" not in shown, f"{what}: traceback")
    check(RAW.search(shown) is None, f"{what}: raw control character in the output")


# --- vectors ------------------------------------------------------------------------------------------------


def escape_in_file_name(tmp: Path) -> str:
    page = tmp / "evil\x1b]52;c;aGFja2Vk\x07\x1b[2J.txt"
    page.write_text(PAGE, encoding="utf-8")
    db = tmp / "lib.db"
    for argv in (("import", str(page)), ("list",), ("search", "专利"), ("doctor",)):
        no_raw(ipreader(db, *argv), " ".join(argv[:1]))
    return "file name shown as ␛]52…, never raw"


def escape_in_notes_and_tags(tmp: Path) -> str:
    db = tmp / "lib.db"
    ipreader(db, "import", str(SEEDS))
    p = ipreader(db, "note", "add", "1", "--quote", "知识产权", "--note", "x\x1b[2J\u202ey", "--tag", "t\x1b]52;c;QQ==\x07")
    check(p.returncode == 0, "note add failed")
    for argv in (("notes",), ("export", "--format", "markdown"), ("export", "--format", "json"), ("show", "1")):
        no_raw(ipreader(db, *argv), argv[0])
    return "notes, tags cleaned at the door and shown safely"


def newline_in_names_keeps_markdown(tmp: Path) -> str:
    page = tmp / "a\n# injected heading.txt"
    page.write_text(PAGE, encoding="utf-8")
    db = tmp / "lib.db"
    ipreader(db, "import", str(page))
    ipreader(db, "note", "add", "1", "--quote", "专利", "--note", "n")
    out = ipreader(db, "export", "--format", "markdown").stdout.decode()
    check(not any(line.startswith("# injected") for line in out.splitlines()), "a file name made a heading")
    return "a newline in a file name stays on the meta line"


def hostile_topic_names(tmp: Path) -> str:
    (tmp / "topics.toml").write_text('[[topic]]\nname = "专利\\u001b[2J"\nkeywords = ["专利"]\n', encoding="utf-8")
    db = tmp / "lib.db"
    no_raw(ipreader(db, "import", str(SEEDS)), "import")
    no_raw(ipreader(db, "topics"), "topics")
    return "topic names cleaned"


def device_and_fifo(tmp: Path) -> str:
    folder = tmp / "pages"
    folder.mkdir()
    (folder / "good.txt").write_text(PAGE, encoding="utf-8")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "random.txt").symlink_to("/dev/urandom")
    os.mkfifo(folder / "pipe.txt")
    p = ipreader(tmp / "lib.db", "import", str(folder), timeout=60)
    shown = text(p)
    check(p.returncode != 0 and "not a regular file" in shown, "devices/FIFO not refused by type")
    check("good.txt" in shown and "imported" in shown, "the good file did not go in")
    return "refused by type before opening; the good file imported"


def one_huge_line(tmp: Path) -> str:
    page = tmp / "line.txt"
    page.write_text("标题\n\n" + "知识产权保护与专利转化运用，" * 200_000 + "\n", encoding="utf-8")  # 5.6 MB
    p = ipreader(tmp / "lib.db", "import", str(page), timeout=300)
    check(p.returncode == 0, f"a 5 MB one-line page failed: {text(p)[-200:]}")
    return "a 5.6 MB single-line page imports"


def damaged_database(tmp: Path) -> str:
    db = tmp / "lib.db"
    ipreader(db, "import", str(SEEDS))
    with sqlite3.connect(str(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    rng = random.Random(1)
    for _ in range(60):
        data[rng.randrange(100, len(data))] = rng.randrange(256)
    db.write_bytes(bytes(data))
    for argv in (("list",), ("show", "1"), ("search", "专利"), ("notes",), ("doctor",), ("retag",)):
        p = ipreader(db, *argv)
        check("Traceback" not in text(p), f"{argv[0]}: traceback on a damaged library")
    return "every command: one line or a report, no traceback"


def hostile_backups(tmp: Path) -> str:
    db = tmp / "lib.db"
    ipreader(db, "import", str(SEEDS))
    base = {"format": "ipreader-notes", "version": 2, "annotations": []}
    good = ipreader(db, "note", "add", "1", "--quote", "知识产权", "--json")
    item = json.loads(good.stdout)
    cases = {
        "nested": "[" * 100_000 + "]" * 100_000,
        "huge int": json.dumps({**base, "annotations": [{**item, "start": 2**70}]}),
        "reversed": json.dumps({**base, "annotations": [{**item, "start": 9, "end": 2}]}),
        "negative": json.dumps({**base, "annotations": [{**item, "start": -5}]}),
    }
    for name, body in cases.items():
        f = tmp / f"{name}.json"
        f.write_text(body, encoding="utf-8")
        p = ipreader(db, "import-notes", str(f))
        check(p.returncode != 0 and "Traceback" not in text(p), f"{name} backup: not refused cleanly")
    bom = tmp / "bom.json"
    bom.write_text("\ufeff" + json.dumps({**base, "annotations": [item]}), encoding="utf-8")
    check(ipreader(db, "import-notes", str(bom)).returncode == 0, "a BOM backup was refused")
    return "nested, 2^70, reversed, negative refused; BOM accepted"


def bad_taxonomies(tmp: Path) -> str:
    bodies = ['topic = "x"\n', '[settings]\nmin_score = "abc"\n[[topic]]\nname = "a"\nkeywords = ["专利"]\n',
              '[settings]\nmax_topics = inf\n[[topic]]\nname = "a"\nkeywords = ["专利"]\n',
              '[[topic]]\nname = 5\nkeywords = ["专利"]\n', '[[topic]]\nname = "a"\nkeywords = "专利"\n']
    for i, body in enumerate(bodies):
        folder = tmp / f"t{i}"
        folder.mkdir()
        (folder / "topics.toml").write_text(body, encoding="utf-8")
        for argv in (("import", str(SEEDS)), ("retag",)):
            p = ipreader(folder / "lib.db", *argv)
            check(p.returncode != 0 and "Traceback" not in text(p) and "topics.toml" in text(p),
                  f"taxonomy {i}: {argv[0]} not refused cleanly")
    return "wrong types and ranges named, no traceback"


def non_utf8_argv(tmp: Path) -> str:
    db = tmp / "lib.db"
    ipreader(db, "import", str(SEEDS))
    p = ipreader(db, "search", raw_argv=[b"\xff\xfe"])
    check("Traceback" not in text(p), "a non-UTF-8 argument gave a traceback")
    bad = tmp / os.fsdecode(b"page-\xff.txt")
    bad.write_text(PAGE, encoding="utf-8")
    p = ipreader(db, "import", str(bad))
    check("Traceback" not in text(p), "a non-UTF-8 file name gave a traceback")
    return "no traceback"


def export_targets(tmp: Path) -> str:
    db = tmp / "lib.db"
    ipreader(db, "import", str(SEEDS))
    ipreader(db, "note", "add", "1", "--quote", "知识产权")
    foreign = tmp / "foreign.md"
    foreign.write_text("my own notes\n", encoding="utf-8")
    (tmp / "link.md").symlink_to(foreign)
    p = ipreader(db, "export", "-o", str(tmp / "link.md"))
    check(p.returncode != 0 and foreign.read_text(encoding="utf-8") == "my own notes\n", "wrote through a link")
    os.mkfifo(tmp / "fifo.md")
    p = ipreader(db, "export", "-o", str(tmp / "fifo.md"), timeout=30)
    check(p.returncode != 0, "exported into a FIFO")
    p = ipreader(db, "export", "-o", "")
    check(p.returncode != 0, '-o "" accepted')
    return "link to a foreign file, FIFO and empty path refused"


def db_then_file(tmp: Path) -> str:
    p = ipreader(tmp / "lib.db", str(tmp / "missing.txt"))
    check("invalid choice" not in text(p) and "no such file" in text(p), "FILE after --db parsed as a command")
    return "--db PATH FILE opens FILE"


def _pages(folder: Path, n: int) -> None:
    folder.mkdir()
    body = "\n\n".join("知识产权保护持续加强，专利转化运用成效明显，一批中小企业从中受益。" * 8 for _ in range(14))
    for i in range(n):
        (folder / f"p{i:03}.txt").write_text(f"第{i}篇 专利转化\n\n本报记者 王浩\n\n{body}\n", encoding="utf-8")


def ctrl_c_during_import(tmp: Path) -> str:
    _pages(tmp / "pages", 200)
    proc = subprocess.Popen([sys.executable, "-m", "reader", "--db", str(tmp / "lib.db"), "import", str(tmp / "pages")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    db = tmp / "lib.db"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not _imported_any(db):  # signal once the import is under way
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    shown = (out + err).decode("utf-8", "replace")
    if proc.returncode == 0:
        return "finished before the signal (machine too fast to test)"
    check(proc.returncode == 130 and "interrupted" in shown and "Traceback" not in shown,
          f"Ctrl-C: exit {proc.returncode}, {shown[-200:]!r}")
    return "exit 130, 'interrupted: N of M files', no traceback"


def _imported_any(db: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM sources").fetchone()[0] > 0
    except sqlite3.Error:
        return False


def kill_9_leaves_no_workers(tmp: Path) -> str:
    _pages(tmp / "pages", 60)
    proc = subprocess.Popen([sys.executable, "-m", "reader", "--db", str(tmp / "lib.db"), "import", str(tmp / "pages")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.monotonic() + 20
    while not workers and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        workers = _children(proc.pid)
    proc.kill()
    proc.wait()
    if not workers:
        return "no workers seen (import too short to test)"
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    alive = [w for w in workers if Path(f"/proc/{w}").exists()]
    check(not alive, f"workers still alive after kill -9: {alive}")
    return f"{len(workers)} workers gone with their parent"


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


VECTORS: list[tuple[str, Callable[[Path], str]]] = [
    ("escape sequences in a file name", escape_in_file_name),
    ("escape sequences in notes and tags", escape_in_notes_and_tags),
    ("a newline in a file name (Markdown export)", newline_in_names_keeps_markdown),
    ("escape sequences in topic names", hostile_topic_names),
    ("/dev/zero, /dev/urandom links and a FIFO as *.txt", device_and_fifo),
    ("one 5.6 MB line", one_huge_line),
    ("random byte flips in the library", damaged_database),
    ("hostile backups (nesting, 2^70, offsets, BOM)", hostile_backups),
    ("bad topics.toml types and ranges", bad_taxonomies),
    ("non-UTF-8 bytes in argv and file names", non_utf8_argv),
    ("export to a foreign link, a FIFO, an empty path", export_targets),
    ("ipreader --db PATH FILE", db_then_file),
    ("Ctrl-C during an import", ctrl_c_during_import),
    ("kill -9 of an import with workers", kill_9_leaves_no_workers),
]


def run(names: list[str] | None = None) -> list[tuple[str, str, str]]:
    rows = []
    for name, vector in VECTORS:
        if names and not any(n in name for n in names):
            continue
        tmp = Path(tempfile.mkdtemp(prefix="ipreader-attack-"))
        try:
            detail = vector(tmp)
            rows.append((name, "ok", detail))
        except Failed as exc:
            rows.append((name, "FAIL", str(exc)))
        except subprocess.TimeoutExpired as exc:
            rows.append((name, "FAIL", f"hung: {exc}"))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return rows


def main(argv: list[str]) -> int:
    from rich.console import Console
    from rich.table import Table

    rows = run(argv or None)
    table = Table(title="ipreader attack vectors", title_justify="left")
    for col in ("vector", "result", "detail"):
        table.add_column(col)
    for name, result, detail in rows:
        table.add_row(name, result, detail, style=None if result == "ok" else "red")
    Console().print(table)
    return 0 if all(r[1] == "ok" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
