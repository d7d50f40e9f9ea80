from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.deid.hierarchies.helpers import generalize


@pytest.mark.parametrize(
    ("birth", "level", "expected"),
    [
        ("1990-01-01", "years", "35"),
        ("1990-01-02", "years", "34"),  # birthday not yet reached on 2025-01-01
        ("1990-06-15", "5y", "30-34"),
        ("1990-06-15", "10y", "30-39"),
        ("1934-12-31", "years", "90+"),  # 90 and over is top-coded at every level
        ("1920-05-05", "10y", "90+"),
        ("1935-01-02", "5y", "85-89"),
        ("2030-01-01", "years", None),  # born after the reference date: unknown, not negative
        ("not a date", "years", None),
        (None, "10y", None),
        ("1990-06-15", "suppressed", "*"),
    ],
)
def test_age_from_birth_date(birth, level, expected):
    assert generalize("age", [birth], level) == [expected]


def test_age_at_a_per_row_date_column():
    out = generalize(
        "age",
        ["1990-06-15", "1990-06-15"],
        "years",
        {"at": "visit"},
        extra={"visit": ["2020-06-14", "2020-06-15"]},
    )
    assert out == ["29", "30"]


@pytest.mark.parametrize(
    ("rrn", "expected"),
    [
        ("900101-1234568", "35"),  # 1 -> 1900s
        ("0501013234567", "20"),  # 3 -> 2000s, no dash
        ("050102-4******", "19"),  # masked numbers still carry the birth date and century
        ("900101-5234567", "35"),  # foreigner, 1900s
        ("300101-9234567", "90+"),  # 9 -> 1800s (top-coded)
        ("901301-1234567", None),  # month 13
        ("hello", None),
    ],
)
def test_age_from_rrn_uses_the_gender_digit_for_the_century(rrn, expected):
    assert generalize("age_rrn", [rrn], "years") == [expected]


@settings(deadline=None, max_examples=40)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2024, 12, 31)))
def test_bands_contain_the_exact_age(birth):
    years, five, ten = (generalize("age", [birth.isoformat()], lv)[0] for lv in ("years", "5y", "10y"))
    if years == "90+":
        assert five == ten == "90+"
        return
    age = int(years)
    for band, width in ((five, 5), (ten, 10)):
        low, high = map(int, band.split("-"))
        assert low <= age <= high and high - low == width - 1 and low % width == 0
