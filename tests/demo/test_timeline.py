"""Retention cutoffs: a clock one day before the cutoff is overdue, one day after is clean."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from demo.timeline import RETENTION, Timeline, ymd_text


@pytest.mark.parametrize(
    ("as_of", "record_type", "event", "cutoff"),
    [
        (date(2025, 6, 1), "member", "withdrawal", date(2025, 5, 27)),  # 0d + 5 days
        (date(2025, 6, 1), "member", "last_login", date(2024, 5, 27)),
        (date(2025, 6, 1), "medical_record", "last_visit", date(2015, 5, 27)),
        (date(2024, 3, 31), "identity_verification", "creation", date(2023, 9, 26)),  # 26 Mar - 6 months
        (date(2024, 3, 3), "patient_roster", "last_visit", date(2019, 2, 27)),  # 27 Feb 2024 - 5 years
        (date(2025, 6, 1), "cctv_request", "creation", date(2025, 4, 27)),
    ],
)
def test_cutoffs(as_of: date, record_type: str, event: str, cutoff: date) -> None:
    assert Timeline(as_of).cutoff(record_type, event) == cutoff


@pytest.mark.parametrize(("record_type", "event"), [(rt, ev) for rt, evs in RETENTION.items() for ev in evs])
def test_edges_sit_on_either_side_of_the_cutoff(record_type: str, event: str) -> None:
    tl = Timeline(date(2025, 6, 1))
    assert tl.is_overdue(record_type, event, tl.overdue_edge(record_type, event))
    assert not tl.is_overdue(record_type, event, tl.clean_edge(record_type, event))
    assert not tl.is_overdue(record_type, event, tl.cutoff(record_type, event))
    assert tl.clean_edge(record_type, event) - tl.overdue_edge(record_type, event) == timedelta(days=2)


def test_retention_matches_the_shipped_policy() -> None:
    from policy.load import load_policy

    policy = load_policy("default")
    shipped = {rt.id: {r.event: str(r.period) for r in rt.retention} for rt in policy.record_types}
    assert shipped == RETENTION
    assert policy.destruction_deadline_days == 5


def test_ymd_text() -> None:
    assert ymd_text(np.array(["2020-01-02", "1999-12-31"], dtype="datetime64[D]")) == ["20200102", "19991231"]
