"""Snapshot tests (pytest-textual-snapshot) of the concordance and the term overview.

Deterministic: a fixed terminal size, the bundled seeds in a tmp dir, and the keys pressed inside `run_before`
(which snap_compare runs before its own `press`) so the screens' worker threads are waited for before the picture
is taken. Update after an intended change with `--snapshot-update`.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from reader.library import Library
from reader.tui.app import ReaderApp


def press_and_wait(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    async def run(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        for _ in range(3):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    return run


def test_concordance_screen(lib: Library, snap_compare) -> None:
    run = press_and_wait("c", *"质押融资", "enter")
    assert snap_compare(ReaderApp(lib), terminal_size=(120, 40), run_before=run)


def test_overview_screen(lib: Library, snap_compare) -> None:
    assert snap_compare(ReaderApp(lib), terminal_size=(120, 40), run_before=press_and_wait("O"))
