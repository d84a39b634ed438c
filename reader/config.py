"""Settings in one place: where the library lives and where the bundled data is.

The database path comes from `--db PATH`, else the `IPREADER_DB` variable, else the platform's user data folder.
"""
from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "ipreader"
_PACKAGE = Path(__file__).resolve().parent


def default_db_path() -> Path:
    env = os.environ.get("IPREADER_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path  # imported here: only needed when no path was given

    return user_data_path(APP_NAME, appauthor=False) / "library.db"


def resolve_db_path(cli_value: str | os.PathLike[str] | None) -> Path:
    return Path(cli_value).expanduser() if cli_value else default_db_path()


def _bundled(name: str) -> Path:
    # Installed wheels carry data/ and seeds/ inside the package; a source checkout has them at the top level.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def data_dir() -> Path:
    return _bundled("data")


def seeds_dir() -> Path:
    return _bundled("seeds")


def userdict_path() -> Path:
    return data_dir() / "userdict.txt"


def stopwords_path() -> Path:
    return data_dir() / "stopwords.txt"


def taxonomy_path() -> Path:
    """The bundled topic taxonomy, or `IPREADER_TOPICS`; the Library prefers a topics.toml beside the database."""
    env = os.environ.get("IPREADER_TOPICS")
    if env:
        return Path(env).expanduser()
    return data_dir() / "topics.toml"
