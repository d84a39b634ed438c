"""The packed forms of word breaks and keyword counts give back exactly what was packed."""
from __future__ import annotations

from itertools import accumulate

from hypothesis import given
from hypothesis import strategies as st

from reader.text.packed import pack_breaks, pack_counts, unpack_breaks, unpack_counts


@given(st.lists(st.integers(min_value=1, max_value=200)))
def test_breaks_round_trip(lengths: list[int]) -> None:
    ends = list(accumulate(lengths))
    assert unpack_breaks(pack_breaks(ends)) == ends


def test_breaks_cost_half_a_byte_per_short_word() -> None:
    ends = list(accumulate([2, 1, 4, 2] * 1000))
    assert len(pack_breaks(ends)) == 2000
    assert pack_breaks([15]) == bytes([0xF0])  # 15 is "15 more, go on", then 0 ends the word
    assert unpack_breaks(b"") == [] and unpack_breaks(None) == []


@given(st.dictionaries(st.integers(min_value=1, max_value=2**40), st.integers(min_value=1, max_value=2**20)))
def test_counts_round_trip(counts: dict[int, int]) -> None:
    assert unpack_counts(pack_counts(counts.items())) == sorted(counts.items())


def test_counts_are_small_and_clamped() -> None:
    pairs = [(i, 1 + i % 5) for i in range(1, 1001, 3)]
    assert len(pack_counts(pairs)) == 2 * len(pairs)  # distance 3 and the count: a byte each
    assert unpack_counts(pack_counts([(7, 10**9)])) == [(7, 0x10FFFF)]  # a count beyond a million weighs as one
    assert unpack_counts(pack_counts([(0xD800, 0xDFFF)])) == [(0xD800, 0xDFFF)]  # surrogates pass


def test_a_foreign_value_is_no_breaks_not_a_crash() -> None:
    assert unpack_breaks("[1, 3, 5]") == [] and unpack_breaks(42) == []
