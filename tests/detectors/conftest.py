"""Shared helpers for the recognizer tests, as session fixtures (usable inside hypothesis tests):
run one recognizer, and check the PREFILTER contract in the two engines the vectorised pass uses (RE2
through pyarrow, Rust regex through polars)."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from presidio_analyzer import EntityRecognizer


def prefilter_matches(prefilter: str, text: str) -> bool:
    """True when the prefilter matches ``text`` in both RE2 (pyarrow) and Rust (polars)."""
    re2 = bool(pc.match_substring_regex(pa.array([text]), prefilter)[0].as_py())
    rust = bool(pl.Series([text]).str.contains(prefilter)[0])
    return re2 and rust


def spans_of(recognizer: EntityRecognizer, text: str) -> list[tuple[str, float]]:
    """(matched text, score) of the recognizer's own results (before context enhancement), with the
    PREFILTER gate off, so that the tests see what the patterns alone find."""
    gate = getattr(recognizer, "prefilter_gate", None)
    if gate is not None:
        recognizer.prefilter_gate = False  # type: ignore[attr-defined]
    try:
        results = recognizer.analyze(text, recognizer.supported_entities, None)  # type: ignore[arg-type]  # no NLP: patterns only
    finally:
        if gate is not None:
            recognizer.prefilter_gate = gate  # type: ignore[attr-defined]
    return [(text[r.start : r.end], round(r.score, 2)) for r in results]


def check_prefilter(recognizer: EntityRecognizer, text: str) -> None:
    """The PREFILTER contract: whenever the recognizer fires on a cell, the prefilter matches it."""
    prefilter = type(recognizer).PREFILTER  # type: ignore[attr-defined]
    if prefilter is not None and spans_of(recognizer, text):
        assert prefilter_matches(prefilter, text), (
            f"PREFILTER misses a cell the recognizer fires on: {text!r}"
        )


@pytest.fixture(scope="session")
def spans() -> Callable[[EntityRecognizer, str], list[tuple[str, float]]]:
    """``spans(recognizer, text)`` -> [(matched text, score)]."""
    return spans_of


@pytest.fixture(scope="session")
def superset() -> Callable[[EntityRecognizer, str], None]:
    """``superset(recognizer, text)`` asserts the PREFILTER matches when the recognizer fires."""
    return check_prefilter


@pytest.fixture(scope="session")
def prefilter_hit() -> Callable[[str, str], bool]:
    """``prefilter_hit(pattern, text)``: True when RE2 and Rust both match."""
    return prefilter_matches
