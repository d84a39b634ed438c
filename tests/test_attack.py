"""The attack script (bench/attack.py) replays the hardening rounds' vectors against the real CLI: all "ok"."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ATTACK = Path(__file__).resolve().parent.parent / "bench" / "attack.py"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="FIFOs, /dev/zero and /proc are Linux's")
def test_every_attack_vector_is_ok() -> None:
    spec = importlib.util.spec_from_file_location("attack", ATTACK)
    attack = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(attack)  # type: ignore[union-attr]
    rows = attack.run()
    assert len(rows) == len(attack.VECTORS)
    assert [r for r in rows if r[1] != "ok"] == []
