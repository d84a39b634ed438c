"""The layering rules: the core never imports Textual; the data path reads top to bottom."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import reader

PACKAGE = Path(reader.__file__).resolve().parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def core_files() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "tui" not in p.relative_to(PACKAGE).parts]


def test_core_never_imports_textual() -> None:
    offenders = {str(p.relative_to(PACKAGE)): sorted(m for m in imported_modules(p) if m.split(".")[0] == "textual")
                 for p in core_files()}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_lower_layers_do_not_import_upper_ones() -> None:
    # decode → split → segment/tag → store → search/annotate → view/export
    upper = {
        "reader/ingest": ("reader.library", "reader.cli", "reader.tui", "reader.search", "reader.notes", "reader.importer"),
        "reader/text": ("reader.library", "reader.cli", "reader.tui", "reader.search", "reader.notes", "reader.ingest", "reader.importer"),
        "reader/store.py": ("reader.library", "reader.cli", "reader.tui", "reader.search", "reader.notes", "reader.importer"),
        "reader/search": ("reader.library", "reader.cli", "reader.tui"),
        "reader/notes": ("reader.cli", "reader.tui"),
    }
    problems = []
    for prefix, banned in upper.items():
        for p in PACKAGE.parent.joinpath(prefix).rglob("*.py") if not prefix.endswith(".py") else [PACKAGE.parent / prefix]:
            for m in imported_modules(p):
                if m.startswith(banned):
                    problems.append(f"{p.relative_to(PACKAGE.parent)} imports {m}")
    assert problems == []


def test_cli_commands_do_not_load_textual_or_jieba_eagerly() -> None:
    code = "import sys; from reader.cli import build_parser; build_parser(); import reader.library; " \
           "print(sorted(m for m in ('textual', 'jieba') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_no_package_binds_a_submodule_name_to_something_else_by_accident() -> None:
    # `from __future__ import annotations` in reader/notes/__init__.py once bound `annotations` there, so
    # `from reader.notes import annotations` returned a __future__ feature in a fresh process and the CLI's
    # `notes` commands crashed, while the test process (which had imported the submodule) never saw it.
    code = """
import __future__, importlib, pkgutil, reader
bad = []
for info in pkgutil.walk_packages(reader.__path__, "reader."):
    if not info.ispkg or info.name.startswith("reader.tui"):
        continue
    pkg = importlib.import_module(info.name)
    for sub in pkgutil.iter_modules(pkg.__path__):
        if isinstance(vars(pkg).get(sub.name), __future__._Feature):
            bad.append(f"{info.name}.{sub.name}")
print(bad)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_cli_note_commands_work_in_a_fresh_process(tmp_path: Path) -> None:
    from reader.config import seeds_dir

    db = str(tmp_path / "lib.db")
    seed = sorted(seeds_dir().glob("*.txt"))[0]

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reader", "--db", db, *args], capture_output=True, text=True,
                              timeout=120)

    assert cli("import", str(seed)).returncode == 0
    added = cli("note", "add", "1", "--quote", "知识产权", "--note", "要点", "--json")
    assert added.returncode == 0, added.stderr
    for args in (("notes",), ("notes", "--json"), ("export", "--format", "json", "-o", str(tmp_path / "n.json"))):
        r = cli(*args)
        assert r.returncode == 0 and "Traceback" not in r.stderr, (args, r.stderr)
    assert "知识产权" in cli("notes").stdout
