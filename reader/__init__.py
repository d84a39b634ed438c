"""ipreader: a terminal reader for Chinese policy writing.

`from reader import Library` is the Python API; see `reader.library`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Library", "__version__"]

if TYPE_CHECKING:
    from reader.library import Library


def __getattr__(name: str) -> Any:
    # Lazy, so `import reader.model` (e.g. in a worker process) does not open SQLite machinery it will not use.
    if name == "Library":
        from reader.library import Library

        return Library
    raise AttributeError(name)
