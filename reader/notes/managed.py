"""Re-exporting into a file the user may have edited: managed blocks, front-matter merge, atomic writes.

ipreader owns only what sits between `<!-- ipreader:begin id=K -->` and `<!-- ipreader:end -->` and the front-matter
keys it writes (markdown.MANAGED_KEYS). Everything else in the file is the user's and is kept byte for byte.
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reader.notes.markdown import BEGIN_RE, END_RE, MANAGED_KEYS


@dataclass
class Block:
    key: str
    text: str  # from the begin marker line to the end marker line, inclusive


def begin_marker(key: str) -> str:
    return f"<!-- ipreader:begin id={key} -->"


END_MARKER = "<!-- ipreader:end -->"


def render_block(key: str, body: list[str]) -> str:
    return "\n".join([begin_marker(key), *body, END_MARKER]) + "\n"


def split_front_matter(text: str) -> tuple[list[str] | None, str]:
    """(front-matter lines without the --- fences, rest of the file) — None when the file has none."""
    lines = re.split(r"(?<=\n)", text)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return None, text
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n") in ("---", "..."):
            return [x.rstrip("\r\n") for x in lines[1:i]], "".join(lines[i + 1:])
    return None, text


def parse(text: str) -> list[str | Block]:
    """The file body as user text and managed blocks, in order. An unterminated block runs to the end."""
    out: list[str | Block] = []
    plain: list[str] = []
    block: list[str] | None = None
    key = ""
    for line in re.split(r"(?<=\n)", text):
        if block is None:
            m = BEGIN_RE.match(line)
            if m:
                if plain:
                    out.append("".join(plain))
                    plain = []
                block, key = [line], m.group(1)
            elif line:
                plain.append(line)
        else:
            block.append(line)
            if END_RE.match(line):
                out.append(Block(key, "".join(block)))
                block = None
    if block is not None:
        out.append(Block(key, "".join(block)))
    if plain:
        out.append("".join(plain))
    return out


def is_ours(text: str) -> bool:
    return any(isinstance(part, Block) for part in parse(split_front_matter(text)[1]))


def _top_key(line: str) -> str | None:
    m = re.match(r"^([^\s#\-][^:]*?)\s*:(\s|$)", line)
    return m.group(1).strip("'\"") if m else None


def merge_front_matter(ours: list[str], existing: list[str] | None) -> list[str]:
    """Our keys first, then every top-level entry of the existing front matter that is not one of ours."""
    if not existing:
        return ours
    kept: list[str] = []
    drop = False
    for line in existing:
        key = _top_key(line)
        if key is not None:
            drop = key in MANAGED_KEYS
        if not drop:
            kept.append(line)
    return ours + kept


def merge(existing: str | None, front: list[str], blocks: list[tuple[str, list[str]]]) -> str:
    """The new file text: managed blocks replaced in place, stale ones removed, new ones added after the last
    managed block (or where a stale one was), user text and user front-matter keys untouched."""
    rendered = {key: render_block(key, body) for key, body in blocks}
    if existing is None or not existing.strip():
        parts = ["---\n", *(x + "\n" for x in front), "---\n"]
        for key, _ in blocks:
            parts += ["\n", rendered[key]]
        return "".join(parts)
    old_front, body = split_front_matter(existing)
    parts_in = parse(body)
    present = {p.key for p in parts_in if isinstance(p, Block)}
    pending = [k for k, _ in blocks if k not in present]
    out: list[str] = []
    last_block = -1
    for part in parts_in:
        if isinstance(part, Block):
            if part.key in rendered:
                out.append(rendered.pop(part.key))
                last_block = len(out) - 1
            elif pending:
                # A stale block (e.g. the article's id changed on re-import): its place goes to the new ones.
                out.append("\n".join(rendered.pop(k) for k in pending))
                pending = []
                last_block = len(out) - 1
        else:
            out.append(part)
    if pending:
        extra = "".join("\n" + rendered.pop(k) for k in pending)
        if last_block >= 0:
            out.insert(last_block + 1, extra)
        else:
            if out and not out[-1].endswith("\n"):
                out.append("\n")
            out.append(extra)
    head = merge_front_matter(front, old_front)
    text = "".join(out)
    if old_front is None:
        text = "\n" + text if not text.startswith("\n") else text
    return "---\n" + "".join(x + "\n" for x in head) + "---\n" + text


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder and os.replace it: readers never see half a file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            # mkstemp makes 0600 files; a new export gets the permissions any new file would get.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
