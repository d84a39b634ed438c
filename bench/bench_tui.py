"""Benchmark: the reading room's start-up and a 100,000-character article in the reader view.

Start-up as a person sees it: the real `ipreader` console script and a bare Textual app script (Static + Footer)
are each spawned in a pseudo-terminal (120x40 via TIOCSWINSZ, TERM=xterm-256color) and timed from spawn until
  - first frame: the open article's title is on the pty (for the bare app: its one line of text);
  - complete screen: the library pane's rows (its "N 篇" count line) and the key line ("Quit") are drawn too; for
    the bare app its Footer, which Textual fills a frame or two after the first;
median of PTY_REPEATS interleaved runs, with the seed library and with a 10,000-article library (built once by
inserting copies of the seed articles' rows directly, cached in the temp dir; every run gets a fresh copy).

The in-process figures below are measured headless (`App.run_test`, 120x40) as the median of a few repeats, with a baseline
taken in the same run the same way:
  - first frame (Textual's Ready event) and fully loaded screen: ipreader (library open, last/first article
    laid out, lists filled after the first frame) vs a bare Textual app with one Static, started identically;
  - opening a 100k-char article: database read + pre-wrap of a window around the reading position + rendering
    the visible lines, vs the same path laying out the whole article first (no window);
  - opening it until Textual has painted the frame, vs the same text in a Static inside a VerticalScroll (Rich
    wraps all of it: the naive approach);
  - paging through it: one page-down repaint vs the same in the naive widget.
"""
from __future__ import annotations

import asyncio
import compileall
import fcntl
import hashlib
import os
import pty
import select
import shutil
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from datetime import datetime, timezone
from pathlib import Path

from rich.text import Text
from textual import constants
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from reader.library import Library  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402

SIZE = (120, 40)
REPEATS = 5
PTY_REPEATS = 7
BIG_LIBRARY = 10_000  # articles
FRAME_LIMIT = 30.0  # seconds: bounds a hang, never part of a measurement

# The baseline for the pty rows: a bare Textual app with a footer, run by the same interpreter the same way.
BARE_SCRIPT = """
from textual.app import App
from textual.widgets import Footer, Static


class Bare(App):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self):
        yield Static("bare textual app")
        yield Footer()


Bare().run()
"""
LONG_CHARS = 100_000
PAGES = 20


class BareApp(App[None]):
    ready_at = 0.0

    def compose(self) -> ComposeResult:
        yield Static("hello")

    def on_ready(self) -> None:
        self.ready_at = time.perf_counter()


class TimedReaderApp(ReaderApp):
    ready_at = 0.0

    def on_ready(self) -> None:
        self.ready_at = time.perf_counter()


class NaiveReader(App[None]):
    """The obvious alternative: the whole article as one Rich Text in a scrolling Static."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="scroll"):
            yield Static(id="body")


def long_paragraphs(chars: int = LONG_CHARS) -> list[str]:
    lines = [ln.strip() for p in sorted((HERE.parent / "seeds").glob("*.txt")) for ln in p.read_text("utf-8").splitlines()]
    lines = [ln for ln in lines if len(ln) > 20]
    out, total = [], 0
    while total < chars:
        for ln in lines:
            out.append(ln)
            total += len(ln)
            if total >= chars:
                break
    return out


def add_long_article(lib: Library, paragraphs: list[str]) -> int:
    """Store one synthetic long article straight into the schema (the splitter would cut a page this long)."""
    from reader.text.packed import pack_breaks
    from reader.text.segment import word_breaks

    db, now = lib.db, datetime.now(timezone.utc).isoformat()
    chars = sum(len(p) for p in paragraphs)
    src = db["sources"].insert(dict(name="long.txt", path="/bench/long.txt", sha256="0" * 64, encoding="utf-8",
                                    chars=chars, imported_at=now)).last_pk
    fingerprint = hashlib.sha256("\n".join(paragraphs).encode()).hexdigest()
    article_id = db["articles"].insert(dict(source_id=src, ordinal=0, title="长文测试：十万字", authors='["张三"]',
                                            chars=chars, fingerprint=fingerprint, imported_at=now)).last_pk
    db["paragraphs"].insert_all(dict(article_id=article_id, idx=i, kind="heading" if i % 40 == 0 else "body",
                                     text=p, breaks=pack_breaks(word_breaks(p))) for i, p in enumerate(paragraphs))
    return int(article_id)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def ipreader_command() -> list[str]:
    """The installed console script beside this interpreter (what a person types), else `python -m reader`."""
    script = shutil.which("ipreader", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "reader"]


def time_to_frame(argv: list[str], markers: list[bytes], env: dict[str, str] | None = None,
                  size: tuple[int, int] = SIZE) -> float:
    """Seconds from spawning `argv` in a pseudo-terminal until every marker has appeared in its output.

    The child gets a real tty of `size` (TIOCSWINSZ plus COLUMNS/LINES), so Textual runs exactly as it does
    for a person; afterwards it is asked to quit with "q" and killed if it does not.
    """
    master, slave = pty.openpty()
    cols, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    child_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows), **(env or {})}
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=child_env, close_fds=True,
                            start_new_session=True)
    os.close(slave)
    seen = b""
    elapsed: float | None = None
    deadline = started + FRAME_LIMIT
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child exited and closed the pty
                break
            if not chunk:
                break
            seen += chunk
            if all(m in seen for m in markers):
                elapsed = time.perf_counter() - started
                break
        if elapsed is None:
            tail = seen[-400:].decode("utf-8", "replace")
            raise RuntimeError(f"{argv[0]}: no first frame with {markers} within {FRAME_LIMIT:.0f} s: {tail!r}")
        os.write(master, b"q")
        end = time.perf_counter() + 5
        while proc.poll() is None and time.perf_counter() < end:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    os.read(master, 65536)  # keep draining, or the child blocks writing its last frame
                except OSError:
                    break
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)
    return elapsed


def build_big_library(path: Path, articles: int = BIG_LIBRARY) -> int:
    """A library of `articles` articles: the seeds imported once, then their rows copied under new sources.

    Straight inserts (no splitting, segmenting or indexing), so building it takes seconds; it is cached, since
    start-up only reads it. Returns the id of the article set as last read.
    """
    lib = Library(path)
    lib.ensure_seeded()
    conn = lib.db.conn
    seed_sources = conn.execute("SELECT id FROM sources").fetchall()
    seed_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    copies = -(-articles // seed_articles) - 1
    now = datetime.now(timezone.utc).isoformat()
    conn.execute("BEGIN")
    for k in range(copies):
        for (sid,) in seed_sources:
            new_sid = conn.execute(
                "INSERT INTO sources(name, path, sha256, encoding, chars, furniture, imported_at, warnings) "
                "SELECT printf('copy%05d-', ?) || name, printf('/bench/copy%05d/', ?) || path, sha256, encoding, "
                "chars, furniture, ?, warnings FROM sources WHERE id = ?", [k, k, now, sid]).lastrowid
            for (aid,) in conn.execute("SELECT id FROM articles WHERE source_id = ? ORDER BY ordinal", [sid]).fetchall():
                new_aid = conn.execute(
                    "INSERT INTO articles(source_id, ordinal, title, kicker, subtitle, authors, column_label, "
                    "line_start, line_end, chars, fingerprint, terms, imported_at) SELECT ?, ordinal, title, kicker, "
                    "subtitle, authors, column_label, line_start, line_end, chars, fingerprint, terms, ? "
                    "FROM articles WHERE id = ?", [new_sid, now, aid]).lastrowid
                for table, cols in (("paragraphs", "idx, kind, text, line_start, line_end, breaks"),
                                    ("tags", "rank, tag, weight"), ("article_topics", "topic, score, matched")):
                    conn.execute(f"INSERT INTO {table}(article_id, {cols}) SELECT ?, {cols} FROM {table} "
                                 "WHERE article_id = ?", [new_aid, aid])
    conn.execute("COMMIT")
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    middle = conn.execute("SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET ?", [total // 2]).fetchone()[0]
    lib.set_position(middle, 0, 0)  # a returning reader: the app reopens this article
    lib.close()
    return int(middle)


def big_library() -> Path:
    """The cached 10,000-article library (rebuilt when the seeds or the schema change)."""
    from reader import store

    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sorted((HERE.parent / "seeds").glob("*.txt"))))
    key = f"{store.SCHEMA_VERSION}-{BIG_LIBRARY}-{digest.hexdigest()[:12]}"
    path = Path(tempfile.gettempdir()) / "ipreader-bench" / f"big-{key}.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + ".part")
        for leftover in path.parent.glob(path.name + ".part*"):
            leftover.unlink()
        build_big_library(part)
        with sqlite3.connect(str(part)) as src, sqlite3.connect(str(path) + ".tmp") as dst:
            src.backup(dst)  # one self-contained file (no WAL beside it), renamed into place when complete
        os.replace(str(path) + ".tmp", path)
        for leftover in path.parent.glob(path.name + ".part*"):
            leftover.unlink()
    return path


def pty_rows(db: Path, label: str, bare_script: Path) -> list[dict]:
    """Median pty start-up times of ipreader on `db` and of the bare app, interleaved run by run.

    First frame: ipreader until the last-read article's title is on the pty (the reading room as it first
    appears), the bare app until its one line of text is. Complete: ipreader until the library pane's count line
    (drawn with its rows) and the key line are on screen too, the bare app until its Footer ("Quit") is.
    """
    # Both sides start from bytecode, as after `pip install` (which compiles every module): Textual's is in
    # site-packages, ours may be missing where PYTHONDONTWRITEBYTECODE is set or the tree is fresh.
    compileall.compile_dir(str(HERE.parent / "reader"), quiet=1)
    lib = Library(db)
    article_id = lib.last_article()
    assert article_id is not None, "the benchmark libraries have a last-read article"
    # The first characters of the title as Textual writes them (in the reader's border, one run of text).
    title = lib.article(article_id).title[:6].encode()
    articles = lib.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    lib.close()
    # The library pane's count line is drawn with its rows: the titles are on screen, not just the frame.
    listed = f"{articles} 篇".encode()
    first, full, bare_first, bare_full = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(PTY_REPEATS):
            # A fresh copy per run: quitting saves a position, and no run should find another's WAL.
            for name, markers, out in (("a", [title], first), ("b", [title, listed, b"Quit"], full)):
                copy = Path(tmp) / f"run{i}{name}.db"
                with sqlite3.connect(str(db)) as src, sqlite3.connect(str(copy)) as dst:
                    src.backup(dst)
                out.append(time_to_frame(ipreader_command(), markers, {"IPREADER_DB": str(copy)}))
            bare_first.append(time_to_frame([sys.executable, str(bare_script)], [b"bare textual app"]))
            bare_full.append(time_to_frame([sys.executable, str(bare_script)], [b"bare textual app", b"Quit"]))
    a, b = median_ms(first), median_ms(bare_first)
    c, d = median_ms(full), median_ms(bare_full)
    return [
        dict(name=f"pty first frame, {label}", value=a, unit="ms", baseline=b, ratio=a / b, goal="<= 1.5x",
             note=f"spawn the `ipreader` script ({articles:,} articles) in a 120x40 pty until the open article's "
             f"title is written; baseline: a bare Textual app script until its text is; median of {PTY_REPEATS}"),
        dict(name=f"pty complete screen, {label}", value=c, unit="ms", baseline=d, ratio=c / d, goal="",
             note="until the library pane's titles (its count line) and the key bar are drawn too; baseline: the bare "
             "app with its footer"),
    ]


async def first_screen(db: Path) -> tuple[float, float]:
    """(seconds to the first frame, seconds until the lists are loaded and the app is idle)."""
    started = time.perf_counter()
    lib = Library(db)
    app = TimedReaderApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.reader.layout_ is not None and app.lists_loaded
        idle = time.perf_counter() - started
    lib.close()
    return app.ready_at - started, idle


async def bare_first_screen() -> tuple[float, float]:
    started = time.perf_counter()
    app = BareApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        idle = time.perf_counter() - started
    return app.ready_at - started, idle


async def open_visible(db: Path, article_id: int, lazy_from: int) -> float:
    """Seconds for open_article() plus rendering every visible reader line (what the first paint needs)."""
    from reader.tui.widgets import reader_view

    saved = reader_view.LAZY_FROM_CHARS
    reader_view.LAZY_FROM_CHARS = lazy_from
    try:
        lib = Library(db)
        app = ReaderApp(lib)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            view = app.reader
            started = time.perf_counter()
            app.open_article(article_id)
            for y in range(view.scrollable_content_region.height):
                view.render_line(y)
            elapsed = time.perf_counter() - started
            await app.workers.wait_for_complete()
        lib.close()
    finally:
        reader_view.LAZY_FROM_CHARS = saved
    return elapsed


async def open_long(db: Path, article_id: int) -> tuple[float, float]:
    lib = Library(db)
    app = ReaderApp(lib)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        app.open_article(article_id)
        await pilot.pause()
        opened = time.perf_counter() - started
        assert app.reader.layout_ is not None and len(app.reader.layout_.lines) > 1000
        app.reader.focus()
        started = time.perf_counter()
        for _ in range(PAGES):
            await pilot.press("pagedown")
        paging = (time.perf_counter() - started) / PAGES
    lib.close()
    return opened, paging


async def open_naive(paragraphs: list[str]) -> tuple[float, float]:
    app = NaiveReader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        app.query_one("#body", Static).update(Text("\n\n".join(paragraphs)))
        await pilot.pause()
        opened = time.perf_counter() - started
        scroll = app.query_one("#scroll", VerticalScroll)
        scroll.focus()
        started = time.perf_counter()
        for _ in range(PAGES):
            await pilot.press("pagedown")
        paging = (time.perf_counter() - started) / PAGES
    return opened, paging


def run() -> list[dict]:
    saved = constants.TEXTUAL_ANIMATIONS
    constants.TEXTUAL_ANIMATIONS = "none"  # type: ignore[misc]  # measure work, not animation time
    try:
        return _run()
    finally:
        constants.TEXTUAL_ANIMATIONS = saved  # type: ignore[misc]


def _run() -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare_app.py"
        bare_script.write_text(BARE_SCRIPT, encoding="utf-8")
        seeded = Path(tmp) / "seeded.db"
        lib = Library(seeded)
        lib.ensure_seeded()
        lib.set_position(lib.articles()[0].id, 0, 0)
        lib.close()
        rows += pty_rows(seeded, "seed library", bare_script)
        rows += pty_rows(big_library(), f"{BIG_LIBRARY:,} articles", bare_script)

        db = Path(tmp) / "library.db"
        lib = Library(db)
        lib.ensure_seeded()
        paragraphs = long_paragraphs()
        long_id = add_long_article(lib, paragraphs)
        lib.close()

        ours = [asyncio.run(first_screen(db)) for _ in range(REPEATS)]
        bare = [asyncio.run(bare_first_screen()) for _ in range(REPEATS)]
        windowed = [asyncio.run(open_visible(db, long_id, 20_000)) for _ in range(REPEATS)]
        whole = [asyncio.run(open_visible(db, long_id, 10**12)) for _ in range(REPEATS)]
        long_runs = [asyncio.run(open_long(db, long_id)) for _ in range(REPEATS)]
        naive_runs = [asyncio.run(open_naive(paragraphs)) for _ in range(REPEATS)]

    chars = sum(len(p) for p in paragraphs)
    a, b = median_ms([f for f, _ in ours]), median_ms([f for f, _ in bare])
    rows.append(dict(name="first frame (headless 120x40)", value=a, unit="ms", baseline=b, ratio=a / b,
                     goal="", note="to Textual's Ready event: open library, compose panes, lay out the article; "
                     "baseline: bare App with one Static"))
    a, b = median_ms([i for _, i in ours]), median_ms([i for _, i in bare])
    rows.append(dict(name="screen loaded and idle", value=a, unit="ms", baseline=b, ratio=a / b, goal="",
                     note="plus library/topic lists filled after the first frame; baseline: bare App idle"))
    a, b = median_ms(windowed), median_ms(whole)
    rows.append(dict(name=f"open {chars:,}-char article", value=a, unit="ms", baseline=b, ratio=a / b, goal="< 50 ms",
                     note="db read + pre-wrap of a window + render visible lines (full layout then in a thread); "
                     "baseline: same path wrapping the whole article first"))
    a, b = median_ms([o for o, _ in long_runs]), median_ms([o for o, _ in naive_runs])
    rows.append(dict(name="  … until Textual painted it", value=a, unit="ms", baseline=b, ratio=a / b, goal="",
                     note="includes frame scheduling and the background layout; baseline: same text in a Static"))
    a, b = median_ms([p for _, p in long_runs]), median_ms([p for _, p in naive_runs])
    rows.append(dict(name="page down in that article", value=a, unit="ms", baseline=b, ratio=a / b,
                     goal="one frame", note=f"mean of {PAGES} PgDn presses incl. pilot overhead; baseline: Static"))
    return rows


if __name__ == "__main__":
    from rich.console import Console
    from rich.table import Table

    table = Table("name", "value", "baseline", "ratio", "goal", "note")
    for r in run():
        table.add_row(r["name"], f"{r['value']:.1f} {r['unit']}", f"{r['baseline']:.1f} {r['unit']}",
                      f"{r['ratio']:.2f}x", r["goal"], r["note"])
    Console().print(table)
