"""Text over spaCy's limit is analysed in overlapping windows: nothing lost on a cut, none counted twice."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.chunking import OVERLAP, WINDOW, windows
from tests.sources.dbkit import fake_rrn

FILLER = "진료 경과 양호함. "


@given(st.integers(0, 5000), st.integers(1, 700), st.integers(0, 300))
def test_owned_stretches_tile_the_text_and_each_window_reads_the_overlap(
    length: int, size: int, overlap: int
) -> None:
    cuts = list(windows(length, size, overlap))
    assert cuts[0].own_start == 0 and cuts[-1].own_end == length
    for before, after in itertools.pairwise(cuts):
        assert before.own_end == after.own_start
    for cut in cuts:
        assert cut.start == max(cut.own_start - overlap, 0) and cut.end == min(cut.own_end + overlap, length)
        assert cut.end - cut.start <= size + 2 * overlap


def test_a_bad_window_size_is_refused() -> None:
    with pytest.raises(ValueError, match="window size"):
        list(windows(10, 0, 1))


def test_a_text_over_a_million_characters_is_analysed_and_an_rrn_on_a_cut_is_found_once() -> None:
    rng = random.Random(5)
    first, on_cut, last = (fake_rrn(rng) for _ in range(3))
    body = FILLER * (1_100_000 // len(FILLER))
    planted = {100: first, WINDOW - 7: on_cut, len(body) - 100: last}  # the second crosses the first cut
    text = body
    for at, rrn in planted.items():
        text = f"{text[: at - 1]} {rrn} {text[at + len(rrn) + 1 :]}"
    assert len(text) > 1_000_000 and len(on_cut) < OVERLAP
    found = [(r.start, text[r.start : r.end]) for r in analyze_text(text) if r.entity_type == "KR_RRN"]
    assert sorted(found) == sorted(planted.items())
