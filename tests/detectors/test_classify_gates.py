"""Column-level gates of the first pass: a skipped pattern must be one that no cell could match."""

from __future__ import annotations

from typing import cast

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.prefilter import Prefilter
from detectors.prefilter_gates import column_profile, gate_for
from detectors.registry import RECOGNIZERS

PATTERNS = [r.PREFILTER for r in RECOGNIZERS if r.PREFILTER is not None]  # type: ignore[attr-defined]
CELL_ALPHABET = "0123456789-@.:+$ {},()/가김서울로길ABZabkzK\u212a\u017f王李カなㄱ々\uf900\U00020000…"


@pytest.mark.parametrize(
    ("pattern", "column", "may_match"),
    [
        (r"[0-9]{6}", ["김민준", "이서윤"], False),  # no digit in a name column
        (r"[0-9]{6}", ["12345"], False),  # no cell long enough
        (r"[0-9]{6}", ["a 123456"], True),
        (r"[A-Za-z0-9]@[A-Za-z]", ["900101-1234567"], False),  # no @
        (r"[A-Za-z0-9]@[A-Za-z]", ["x@y"], True),
        (r"^[!-~]{8,64}$|비밀번호|(?i:pw)", ["1234567"], False),  # too short for the 1st, no letter or Hangul
        (r"^[!-~]{8,64}$|비밀번호|(?i:pk)", ["p\u212a"], True),  # the Kelvin sign folds to k: a letter
        (r"[[:alpha:]]x", ["1"], True),  # Rust-only syntax: no gate
        (r"[0-9]{6}[- ]?[1-4][0-9]{6}", ["user1234567@example.kr"], False),  # 13 digits needed, 7 held
        (r"[0-9]{6}[- ]?[1-4][0-9]{6}", ["900101 1234567"], True),
        (r"(?:[0-9]{3}|[0-9]{2}-)[0-9]{4}", ["0101234", "ab12345"], True),  # the shorter branch: 6 digits
        (r"(?:[0-9]{3}|[0-9]{2}-)[0-9]{4}", ["01012", "ab12345x"], False),
        (r"[0-9]{2}-[0-9]{1,7}-[0-9]", ["user1234567@example.kr"], False),  # no hyphen
        (r"[0-9]{2}-[0-9]{1,7}-[0-9]", ["12-3-4"], True),
        (
            r"\p{Han}|\p{Katakana}|\p{Hiragana}",
            ["김민준", "KIM MINSU", "010-1234-5678"],
            False,
        ),  # no Han/Kana
        (r"\p{Han}|\p{Katakana}|\p{Hiragana}", ["김민준", "王丽"], True),
        (r"\p{Han}|\p{Katakana}|\p{Hiragana}", ["タナカ"], True),
        (r"[\p{Han}a]{2}", ["ab"], True),  # a script inside a class joins it: a letter may do
        (r"[\p{Han}a]{2}", ["12"], False),
        (r"\p{Greek}x", ["1"], True),  # a script the gate does not know: no gate
        (r"^[ ]*[A-Za-z]+[ ,]+[A-Za-z]+$", ["user1@example.kr", "C00590255"], False),  # no space, no comma
        (r"^[ ]*[A-Za-z]+[ ,]+[A-Za-z]+$", ["Kim,Minsu"], True),
        (r"[0-9]\.[0-9]{4}\s*,\s*[0-9]", ["37.5665 126.9780"], False),  # a GPS pair needs its comma
        (r"\([0-9]{3}-?[0-9]{2,3}\)|S/N", ["780129-4590255"], False),  # no parenthesis, no slash
        (r"\([0-9]{3}-?[0-9]{2,3}\)|S/N", ["S/N 1234"], True),
    ],
)
def test_a_pattern_is_skipped_only_where_no_cell_can_match(
    pattern: str, column: list[str], may_match: bool
) -> None:
    assert gate_for(pattern).may_match(*column_profile(pl.Series(column))) is may_match


@settings(max_examples=300, deadline=None)
@given(cell=st.text(alphabet=CELL_ALPHABET, max_size=24), pattern=st.sampled_from(PATTERNS))
def test_every_shipped_prefilter_gate_lets_its_matches_through(cell: str, pattern: str) -> None:
    matches = bool(pl.Series([cell]).str.contains(pattern)[0])
    if matches:
        assert gate_for(pattern).may_match(*column_profile(pl.Series([cell])))


@settings(max_examples=200, deadline=None)
@given(
    cells=st.lists(st.none() | st.text(alphabet=CELL_ALPHABET, max_size=24), max_size=8),
    skip=st.integers(0, 3),
)
def test_the_digit_count_of_a_column_is_its_most_digits_in_one_cell(
    cells: list[str | None], skip: int
) -> None:
    column = pl.Series(cells, dtype=pl.Utf8).slice(skip)  # a slice starts inside the buffers
    expected = cast("int | None", column.str.count_matches("[0-9]").max()) or 0
    assert column_profile(column)[2] == expected


@pytest.mark.parametrize("repeat", [1, 5000])
def test_a_repetitive_column_gets_the_same_masks_as_cell_by_cell(repeat: int) -> None:
    from detectors.classify import _default_analyzer, _prefilter_for

    prefilter: Prefilter = _prefilter_for(_default_analyzer(), "ko")
    base = ["김민준", "010-1234-5678", "900101-1234567", "user1@example.kr", None, "서울 강남구 압구정로 12"]
    cells = pl.Series(base * repeat, dtype=pl.Utf8)
    found = prefilter.candidates(cells)
    one_by_one = [prefilter.candidates(pl.Series([c], dtype=pl.Utf8))["bits"].to_list() for c in base]
    expected = [bits[0] for bits in one_by_one if bits] * repeat
    assert found["bits"].to_list() == expected


def test_a_date_column_is_read_by_the_birth_date_recognizer_alone() -> None:
    """A column the database types as a date or timestamp holds dates: the phone, card and registration
    number patterns that its digits would wake in text are not run on it, and a typed birth date is found."""
    import datetime as dt

    import pyarrow as pa

    from detectors.classify import TableScanner, _default_analyzer, _prefilter_for

    prefilter: Prefilter = _prefilter_for(_default_analyzer(), "ko")
    date_ids = {f.recognizer_id for f in prefilter.filters if f.reads_dates}
    assert [f.name for f in prefilter.filters if f.reads_dates] == ["DateOfBirthRecognizer"]
    moments = [dt.datetime(2020, 1, 1) + dt.timedelta(minutes=7919 * i) for i in range(2000)]
    written = pl.Series([m.strftime("%Y-%m-%d %H:%M:%S") for m in moments])
    as_text = set().union(*map(prefilter.ids_for, prefilter.candidates(written)["bits"]))
    assert as_text - date_ids  # as text, other recognizers' prefilters match these digits
    typed = set().union(*map(prefilter.ids_for, prefilter.candidates(written, dates=True)["bits"]))
    assert typed == date_ids
    births = [dt.date(1960, 1, 1) + dt.timedelta(days=37 * i) for i in range(2000)]
    scanner = TableScanner("patients", [])
    scanner.feed(pa.table({"created_at": pa.array(moments, pa.timestamp("us")), "birth_date": births}))
    assert {c.column: c.entity_names for c in scanner.result()} == {"birth_date": ["DATE_OF_BIRTH"]}
