"""One error root (issue #15): every error a user can meet is a ReaderError with a title, printed by the CLI as one
line with exit 2 and shown by the TUI under its title."""
from __future__ import annotations

import pytest

from reader.errors import ReaderError
from reader.ingest.correct import CorrectionError
from reader.ingest.decode import DecodeError
from reader.ingest.prepare import PrepareError
from reader.notes.annotations import NoteError
from reader.recover import RecoverError
from reader.removal import RemoveError
from reader.search.query import QueryError
from reader.store import StoreError
from reader.text.tags import TaxonomyError

KINDS = (CorrectionError, DecodeError, PrepareError, NoteError, RecoverError, RemoveError, QueryError, StoreError,
         TaxonomyError)


@pytest.mark.parametrize("kind", KINDS)
def test_every_user_error_is_a_reader_error_with_a_title(kind: type[ReaderError],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import _expected_failure

    exc = kind("坏了 broken\x1b[2J")
    assert isinstance(exc, ReaderError) and exc.title and exc.title != ReaderError.title
    assert _expected_failure(exc) == 2
    err = capsys.readouterr().err
    assert err.startswith("ipreader: 坏了 broken") and "\x1b" not in err and err.count("\n") == 1


def test_value_errors_stay_value_errors() -> None:
    for kind in (QueryError, DecodeError, TaxonomyError):
        assert issubclass(kind, ValueError)
    assert ReaderError("m", title="t").title == "t"


def test_anything_else_is_not_swallowed() -> None:
    from reader.cli import _expected_failure

    with pytest.raises(ZeroDivisionError):
        _expected_failure(ZeroDivisionError("a bug is a bug"))


def test_the_tui_shows_a_reader_error_under_its_title() -> None:
    from reader.tui.messages import notify_error

    seen: list[tuple[str, dict]] = []

    class App:
        def notify(self, message: str, **kwargs: object) -> None:
            seen.append((message, kwargs))

    notify_error(App(), CorrectionError("不能合并第一篇"), "无法更正 cannot")
    ((message, kwargs),) = seen
    assert message == "无法更正 cannot: 不能合并第一篇"
    assert kwargs["title"] == CorrectionError.title and kwargs["severity"] == "error" and kwargs["markup"] is False
