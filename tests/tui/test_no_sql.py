"""`Library` is the one door: no SQL, no connection and no store module under reader/tui.

Read from the source (ast), so a query hidden in a rarely used screen fails here rather than in a user's hands.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

TUI = Path(__file__).resolve().parents[2] / "reader" / "tui"
# a statement: it opens with a verb and names what it works on
_SQL = re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|REPLACE|WITH)\b.*\b(FROM|INTO|SET|TABLE|INDEX|=)",
                  re.IGNORECASE | re.DOTALL)
_DB_ATTRIBUTES = {"conn", "db", "execute", "executemany", "executescript"}
_DB_MODULES = ("reader.store", "sqlite_utils", "reader.search.engine", "reader.search.index")


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(TUI.parent.parent)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if _SQL.match(node.value):
                found.append(f"{where}: SQL string {node.value[:40]!r}")
        elif isinstance(node, ast.Attribute) and node.attr in _DB_ATTRIBUTES:
            found.append(f"{where}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            if any(n == m or n.startswith(m + ".") for n in names for m in _DB_MODULES) or \
                    (node.module == "reader" and any(a.name == "store" for a in node.names)):
                found.append(f"{where}: imports {node.module}")
        elif isinstance(node, ast.Import):
            for a in node.names:
                if any(a.name == m or a.name.startswith(m + ".") for m in _DB_MODULES):
                    found.append(f"{where}: imports {a.name}")
    return found


def test_the_check_sees_sql_and_connections(tmp_path: Path) -> None:
    # the checker itself: each kind of offence is found (else the test below could pass by seeing nothing)
    sample = TUI / "_sample_for_test.py"
    source = ('from reader import store\nimport sqlite_utils\n'
              'def f(lib):\n    """SELECT x FROM docstrings is fine"""\n'
              '    lib.conn.execute("SELECT count(*) FROM articles")\n    return lib.db\n')
    sample.write_text(source, encoding="utf-8")
    try:
        kinds = " ".join(_offences(sample))
    finally:
        sample.unlink()
    for expected in ("SQL string", ".conn", ".execute", ".db", "imports reader", "imports sqlite_utils"):
        assert expected in kinds, kinds
    assert "docstrings" not in kinds


@pytest.mark.parametrize("path", sorted(TUI.rglob("*.py")), ids=lambda p: str(p.relative_to(TUI)))
def test_no_sql_under_reader_tui(path: Path) -> None:
    assert _offences(path) == []
