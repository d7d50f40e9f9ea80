"""The auditor counts exactly the rows that break a row-level rule, whatever the date type."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pytest

from demo.audit import Auditor, age_at, to_days
from demo.column_map import COLUMN_MAP
from demo.timeline import Timeline

AS_OF = date(2025, 6, 1)


def test_to_days_reads_dates_timestamps_text_and_none() -> None:
    days = to_days([date(2020, 1, 2), datetime(2020, 1, 2, 23, 59), "20200102", None])
    assert days[:3].tolist() == [date(2020, 1, 2)] * 3
    assert np.isnat(days[3])


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(2010, 6, 2), date(2024, 6, 1), 13),  # the day before the 14th birthday
        (date(2010, 6, 1), date(2024, 6, 1), 14),  # on the birthday
        (date(2008, 2, 29), date(2022, 2, 28), 13),  # leap-day child, not yet 14 on 28 Feb
        (date(2008, 2, 29), date(2022, 3, 1), 14),
        (date(1990, 12, 31), date(2025, 1, 1), 34),
    ],
)
def test_age_at(birth: date, day: date, age: int) -> None:
    got = age_at(np.array([birth], dtype="datetime64[D]"), np.array([day], dtype="datetime64[D]"))
    assert got.tolist() == [age]


def _members(**columns: list[object]) -> dict[str, list[object]]:
    n = len(next(iter(columns.values())))
    base: dict[str, list[object]] = {
        "withdrawn_at": [None] * n,
        "last_login_at": [datetime(2025, 5, 30)] * n,
        "signup_at": [datetime(2024, 1, 1, 12)] * n,
        "birth_date": [date(1990, 1, 1)] * n,
        "guardian_consent_at": [None] * n,
    }
    return base | columns


def test_member_rules() -> None:
    auditor = Auditor(Timeline(AS_OF), COLUMN_MAP)
    cutoff = Timeline(AS_OF).cutoff("member", "withdrawal")  # 2025-05-27
    rows = _members(
        withdrawn_at=[datetime(2025, 5, 26, 23), datetime(2025, 5, 28), None, None, None],
        last_login_at=[
            datetime(2025, 5, 26, 22),
            datetime(2025, 5, 28),
            datetime(2024, 5, 26),
            datetime(2024, 5, 28),
            datetime(2025, 5, 1),
        ],
        birth_date=[*[date(1990, 1, 1)] * 4, date(2010, 1, 2)],  # the last is 13 at sign-up, no consent
    )
    bad, edge = auditor.audit({"members": rows})
    assert cutoff == date(2025, 5, 27)
    assert bad == {
        ("retention.overdue", "members"): 2,
        ("consent.withdrawn_retained", "members"): 1,
        ("minors.no_guardian_consent", "members"): 1,
    }
    assert edge[("consent.withdrawn_retained", "members")] == 1
    assert edge[("retention.overdue", "members")] == 2  # withdrawn 28 May, last login 28 May 2024


def test_guardian_consent_makes_a_minor_clean() -> None:
    rows = _members(birth_date=[date(2012, 1, 1)], guardian_consent_at=[datetime(2024, 1, 1, 12, 5)])
    bad, edge = Auditor(Timeline(AS_OF), COLUMN_MAP).audit({"members": rows})
    assert not bad
    assert edge[("minors.no_guardian_consent", "members")] == 1


def test_text_dates_and_unmapped_tables() -> None:
    auditor = Auditor(Timeline(AS_OF), COLUMN_MAP)
    patients = {"LAST_VISIT_YMD": ["20200526", "20200528", "20250101"], "BIRTH_YMD": ["19900101"] * 3}
    bad, _ = auditor.audit({"patients": patients, "tmp_export": {"최근내원일": [date(2001, 1, 1)]}})
    assert bad == {("retention.overdue", "patients"): 1}
