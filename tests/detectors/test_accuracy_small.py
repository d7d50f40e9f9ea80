"""A small run of the accuracy benchmark (bench/bench_detectors.py) with its targets asserted.

Every table template of the corpus in every naming style (English, EMR abbreviations, Hangul, camelCase,
meaningless names), 40 rows each, generated from a fixed seed.
"""

from __future__ import annotations

from typing import Any

import pytest

from bench.corpus import build_corpus
from bench.corpus.score import score


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    return score(build_corpus(rows=40))


def test_column_level_f1_reaches_the_target(figures: dict[str, Any]) -> None:
    overall = figures["column"]["overall"]
    assert overall["f1"] >= 0.97, figures["errors"]


@pytest.mark.parametrize("entity", ["KR_RRN", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD"])
def test_key_identifiers_are_never_missed(figures: dict[str, Any], entity: str) -> None:
    assert figures["column"]["per_entity"][entity]["recall"] >= 0.99
    assert figures["cell_free_text"]["per_entity"][entity]["recall"] >= 0.99


@pytest.mark.parametrize("style", ["english", "emr", "hangul", "camel", "meaningless"])
def test_every_naming_style_is_understood(figures: dict[str, Any], style: str) -> None:
    assert figures["column_by_style"][style]["f1"] >= 0.95


def test_free_text_cells(figures: dict[str, Any]) -> None:
    cells = figures["cell_free_text"]["overall"]
    assert cells["precision"] >= 0.95
    assert cells["recall"] >= 0.85


def test_no_lookalike_is_reported(figures: dict[str, Any]) -> None:
    assert figures["lookalikes_reported"]["where"] == []


@pytest.fixture(scope="module")
def unseen() -> dict[str, Any]:
    from bench.corpus_derm import build_derm_corpus

    return score(build_derm_corpus(rows=130))  # 130 rows: three foreigner numbers in the rrn column


def test_the_second_corpus_reaches_the_target_too(unseen: dict[str, Any]) -> None:
    assert unseen["column"]["overall"]["f1"] >= 0.97, unseen["errors"]
    assert unseen["lookalikes_reported"]["where"] == []


@pytest.mark.parametrize("entity", ["PASSPORT", "CN_RIC", "KR_FRN", "PERSON", "PHONE_NUMBER"])
def test_the_second_corpus_finds_every_kind_of_column(unseen: dict[str, Any], entity: str) -> None:
    assert unseen["column"]["per_entity"][entity]["recall"] == 1.0, unseen["errors"]
