import pytest

from tests.deid.hierarchies.helpers import generalize


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("M", "M"),
        ("f", "F"),
        ("남", "M"),
        ("여자", "F"),
        ("1", "M"),
        ("2", "F"),
        (" male ", "M"),
        ("X", None),
        (None, None),
    ],
)
def test_sex_from_a_column(value, expected):
    assert generalize("sex", [value], "sex") == [expected]


def test_custom_spellings():
    assert generalize("sex", ["W", "H"], "sex", {"male": ["H"], "female": ["W"]}) == ["F", "M"]


@pytest.mark.parametrize(
    ("rrn", "expected"),
    [
        ("900101-1234568", "M"),
        ("900101-2234568", "F"),
        ("050101-3******", "M"),
        ("050101-4******", "F"),
        ("900101-5234567", "M"),
        ("900101-6234567", "F"),
        ("12345", None),
    ],
)
def test_sex_from_rrn_gender_digit(rrn, expected):
    assert generalize("sex_rrn", [rrn], "sex") == [expected]


def test_suppressed_level_hides_everything():
    assert generalize("sex", ["M", "F"], "suppressed") == ["*", "*"]
