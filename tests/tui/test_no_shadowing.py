"""No widget, screen or app of ours replaces a public Textual method or read-only property with data.

`ReaderView.__init__` once set `self.query = ""`: Textual's select-all (a double-click in the text) then called
`self.query(...)` and the app died. Setting reactives and settable properties (`display`, `border_title`) is what
they are for; binding a plain attribute over a method or a read-only property never is.
"""
from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap

from textual.dom import DOMNode
from textual.reactive import Reactive

import reader.tui


def _our_classes() -> list[type]:
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(reader.tui.__path__, "reader.tui."):
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if obj.__module__ == module.__name__ and issubclass(obj, DOMNode):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return list(found.values())


def _textual_attribute(cls: type, name: str) -> object | None:
    """What the nearest Textual (not our) class in the MRO defines under `name`, or None."""
    for base in cls.__mro__:
        if base.__module__.startswith("textual") and name in vars(base):
            return vars(base)[name]
    return None


def _assigned_names(cls: type) -> set[str]:
    """Public names the class binds as data: `self.x = …` in its methods and non-function class attributes."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    names: set[str] = set()
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AnnAssign, ast.AugAssign)) else []
        while targets:
            t = targets.pop()
            if isinstance(t, (ast.Tuple, ast.List)):
                targets.extend(t.elts)  # self.a, self.b = …
            elif isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self":
                names.add(t.attr)
    for name, value in vars(cls).items():
        if not callable(value) and not isinstance(value, (property, Reactive, classmethod, staticmethod)):
            names.add(name)
    return {n for n in names if not n.startswith("_") and not n.isupper()}


def test_no_public_textual_method_or_read_only_property_is_shadowed() -> None:
    classes = _our_classes()
    assert len(classes) > 10  # the walk found our widgets, screens and the app
    offenders = []
    for cls in classes:
        for name in sorted(_assigned_names(cls)):
            base = _textual_attribute(cls, name)
            if base is None or isinstance(base, Reactive):
                continue
            if isinstance(base, property) and base.fset is not None:
                continue
            if callable(base) or isinstance(base, property):
                offenders.append(f"{cls.__qualname__}.{name}")
    assert offenders == [], offenders
