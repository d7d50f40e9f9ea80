import pandas as pd
import pytest

from deid.hierarchies import PrepareContext, get_hierarchy
from tests.deid.conftest import KEY
from tests.deid.hierarchies.helpers import generalize


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("day", "2024-05-17"),
        ("month", "2024-05"),
        ("quarter", "2024-Q2"),
        ("year", "2024"),
        ("suppressed", "*"),
    ],
)
def test_date_levels(level, expected):
    assert generalize("date", ["2024-05-17 14:30:00"], level) == [expected]


@pytest.mark.parametrize("value", [None, "someday", ""])
def test_unreadable_dates_are_missing(value):
    assert generalize("date", [value], "day") == [None]


def _shifted(patients, dates, key=KEY, days=30):
    h = get_hierarchy("date")
    assert h is not None
    frame = pd.DataFrame({"d": dates, "p": patients})
    ctx = PrepareContext(
        frame=frame,
        source="d",
        output="d",
        options=h.Options(),
        reference_date=pd.Timestamp(0),
        key=key,
        patients=frame["p"],
        shift_days=days,
    )
    return h.prepare(ctx)


def test_date_shift_keeps_intervals_within_a_patient_and_moves_the_calendar():
    out = _shifted(["A", "A", "B"], ["2024-01-01", "2024-01-11", "2024-01-01"])
    assert (out[1] - out[0]).days == 10
    assert 0 < abs((out[0] - pd.Timestamp("2024-01-01")).days) <= 30
    assert out.tolist() == _shifted(["A", "A", "B"], ["2024-01-01", "2024-01-11", "2024-01-01"]).tolist()


def test_date_shift_depends_on_the_key():
    patients = [f"P{i}" for i in range(20)]
    a = _shifted(patients, ["2024-01-01"] * 20)
    b = _shifted(patients, ["2024-01-01"] * 20, key=b"another-key-for-shifting-000000")
    assert (a != b).any()
