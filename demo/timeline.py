"""Dates relative to ``as_of``: the retention cutoffs, and the safe windows clean rows are drawn from.

A row is overdue when its clock (last visit, withdrawal, creation...) lies before
``period.before(as_of - deadline)``: its retention period has run out and so have the 5 days the policy
allows for destruction after it. Clean rows are drawn well inside their window; planted edge rows sit one
day on either side of the cutoff, so an off-by-one in a check shows at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from policy.schema import Period

#: Record type -> clock event -> retention period: the shipped policy's rules (policy/default.yaml).
RETENTION: dict[str, dict[str, str]] = {
    "member": {"withdrawal": "0d", "last_login": "1y"},
    "event_participant": {"event_end": "0d"},
    "patient_roster": {"last_visit": "5y"},
    "medical_record": {"last_visit": "10y"},
    "complaint": {"creation": "3y"},
    "payment": {"creation": "3y"},
    "identity_verification": {"creation": "6m"},
    "access_log": {"creation": "3m"},
    "cctv_request": {"creation": "30d"},
}
DEADLINE_DAYS = 5


@dataclass(frozen=True)
class Timeline:
    """The build's reference day and the cutoffs derived from it."""

    as_of: date
    deadline_days: int = DEADLINE_DAYS
    _cutoffs: dict[tuple[str, str], date] = field(default_factory=dict, compare=False, repr=False)

    def cutoff(self, record_type: str, event: str) -> date:
        """Return the day before which a clock is overdue on ``as_of`` (period and deadline both passed)."""
        key = (record_type, event)
        if key not in self._cutoffs:
            # The period ends clock + period; overdue when that end lies more than the deadline before as_of.
            period = Period.parse(RETENTION[record_type][event])
            self._cutoffs[key] = period.before(self.as_of - timedelta(days=self.deadline_days))
        return self._cutoffs[key]

    def is_overdue(self, record_type: str, event: str, clock: date) -> bool:
        """Whether a row whose clock started on ``clock`` should have been destroyed by ``as_of``."""
        return clock < self.cutoff(record_type, event)

    def overdue_edge(self, record_type: str, event: str) -> date:
        """One day past the deadline: the youngest overdue clock."""
        return self.cutoff(record_type, event) - timedelta(days=1)

    def clean_edge(self, record_type: str, event: str) -> date:
        """One day inside the deadline: the oldest clock that is still clean."""
        return self.cutoff(record_type, event) + timedelta(days=1)

    def all_cutoffs(self) -> dict[str, dict[str, date]]:
        """Every cutoff of :data:`RETENTION`, for the manifest."""
        return {rt: {ev: self.cutoff(rt, ev) for ev in events} for rt, events in RETENTION.items()}

    # Vectorised helpers for bulk rows --------------------------------------------------------------
    @property
    def day64(self) -> np.datetime64:
        """``as_of`` as a numpy day."""
        return np.datetime64(self.as_of, "D")

    def days_ago(self, rng: np.random.Generator, n: int, low: int, high: int) -> np.ndarray:
        """``n`` days between ``high`` and ``low`` days before ``as_of`` (both included)."""
        return self.day64 - rng.integers(low, high + 1, n).astype("timedelta64[D]")


def at_clinic_hours(
    rng: np.random.Generator, days: np.ndarray, first_hour: int = 9, last_hour: int = 19
) -> np.ndarray:
    """Timestamps (``datetime64[s]``) on the given days, between opening and closing time."""
    seconds = rng.integers(first_hour * 3600, last_hour * 3600, len(days)).astype("timedelta64[s]")
    return days.astype("datetime64[D]").astype("datetime64[s]") + seconds


def at_any_hour(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """Timestamps (``datetime64[s]``) at any second of the given days (web traffic)."""
    return at_clinic_hours(rng, days, 0, 24)


def years_before(day: date, years: int, extra_days: int = 0) -> date:
    """Return the date ``years`` years (and ``extra_days`` days) before ``day``; 29 Feb falls to 28 Feb."""
    return Period(years=years, days=extra_days).before(day)


def ymd_text(days: np.ndarray) -> list[str]:
    """Days as ``YYYYMMDD`` text, the way many Korean EMR tables store dates."""
    return [
        d.replace("-", "") for d in np.datetime_as_string(days.astype("datetime64[D]"), unit="D").tolist()
    ]
