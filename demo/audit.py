"""Count the row-level violations in generated rows, so the manifest's numbers are computed, never typed in.

The build runs every chunk of clean bulk through :class:`Auditor` and stops if one row breaks a rule (a
bug in a generator), then counts the planted rows. The rules mirror the policy checks: a clock before its
cutoff is overdue; a withdrawal before the withdrawal cutoff is retained data; a member under 14 at
sign-up with no guardian consent is a violation.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import numpy as np

from demo.context import Frames, row_count
from demo.timeline import RETENTION, Timeline
from expectations.column_map import TableMapping

NEAR_EDGE_DAYS = 3


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min


def _ordinal(value: Any) -> int:
    if value is None:
        return _NAT
    if isinstance(value, str):
        return date(int(value[:4]), int(value[4:6]), int(value[6:8])).toordinal() - _EPOCH_ORDINAL
    return int(value.toordinal()) - _EPOCH_ORDINAL


def to_days(values: list[Any]) -> np.ndarray:
    """Dates, timestamps or ``YYYYMMDD`` text (None allowed) as ``datetime64[D]`` (NaT for None).

    Goes through ordinals: numpy's own conversion of Python datetimes is ten times slower.
    """
    return np.fromiter(map(_ordinal, values), dtype=np.int64, count=len(values)).view("datetime64[D]")


def _ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    years = days.astype("datetime64[Y]").astype(np.int64) + 1970
    months = (days.astype("datetime64[M]") - days.astype("datetime64[Y]")).astype(np.int64) + 1
    return years, months, (days - days.astype("datetime64[M]")).astype(np.int64) + 1


def age_at(birth: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Full years of age (만 나이) on ``day``: the age Korean law has counted in since June 2023."""
    by, bm, bd = _ymd(birth)
    dy, dm, dd = _ymd(day)
    return dy - by - ((dm < bm) | ((dm == bm) & (dd < bd))).astype(np.int64)


class Auditor:
    """Counts, per (rule, table), the rows that break a row-level rule and the clean rows near a deadline."""

    def __init__(self, timeline: Timeline, column_map: dict[str, TableMapping], minor_age: int = 14) -> None:
        self.timeline = timeline
        self.column_map = column_map
        self.minor_age = minor_age

    def audit(self, frames: Frames) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
        """(violations, clean edge cases) per (rule, table) in these rows."""
        bad: Counter[tuple[str, str]] = Counter()
        edge: Counter[tuple[str, str]] = Counter()
        for table, rows in frames.items():
            mapping = self.column_map.get(table)
            if mapping is None or mapping.record_type is None or not row_count(rows):
                continue
            rt = mapping.record_type
            overdue = np.zeros(row_count(rows), dtype=bool)
            near = np.zeros_like(overdue)
            for event in RETENTION.get(rt, {}):
                days = self._clock(event, mapping, frames, rows)
                if days is None:
                    continue
                cutoff = np.datetime64(self.timeline.cutoff(rt, event), "D")
                overdue |= days < cutoff
                near |= (days >= cutoff) & (days <= cutoff + np.timedelta64(NEAR_EDGE_DAYS, "D"))
            bad["retention.overdue", table] += int(overdue.sum())
            edge["retention.overdue", table] += int((near & ~overdue).sum())
            if rt == "member":
                self._member_rules(table, mapping, frames, bad, edge)
        return +bad, +edge

    @staticmethod
    def _clock(event: str, mapping: TableMapping, frames: Frames, rows: Any) -> np.ndarray | None:
        """Read the ``event`` clock of each row: its own column, or the latest day ``clock_from`` names."""
        column = mapping.roles.get(event)  # type: ignore[call-overload]
        if column is not None:
            return to_days(rows[column]) if column in rows else None
        spec = mapping.clock_from.get(event)  # type: ignore[call-overload]
        other = frames.get(spec.table) if spec is not None else None
        if spec is None or other is None or not row_count(other):
            return None
        latest: dict[Any, np.datetime64] = {}
        for key, day in zip(other[spec.their_key], to_days(other[spec.column]), strict=True):
            if not np.isnat(day) and (key not in latest or day > latest[key]):
                latest[key] = day
        nat = np.datetime64("NaT", "D")
        return np.array([latest.get(k, nat) for k in rows[spec.key]], dtype="datetime64[D]")

    def _member_rules(
        self,
        table: str,
        mapping: TableMapping,
        frames: Frames,
        bad: Counter[tuple[str, str]],
        edge: Counter[tuple[str, str]],
    ) -> None:
        rows = frames[table]
        roles = mapping.roles
        if "withdrawal" in roles and roles["withdrawal"] in rows:
            withdrawn = to_days(rows[roles["withdrawal"]])
            cutoff = np.datetime64(self.timeline.cutoff("member", "withdrawal"), "D")
            bad["consent.withdrawn_retained", table] += int((withdrawn < cutoff).sum())
            edge["consent.withdrawn_retained", table] += int((withdrawn >= cutoff).sum())
        needed = ("birth_date", "signup", "guardian_consent")
        if all(r in roles and roles[r] in rows for r in needed):
            age = age_at(to_days(rows[roles["birth_date"]]), to_days(rows[roles["signup"]]))
            consent = ~np.isnat(to_days(rows[roles["guardian_consent"]]))
            bad["minors.no_guardian_consent", table] += int(((age < self.minor_age) & ~consent).sum())
            edge["minors.no_guardian_consent", table] += int(((age < self.minor_age) & consent).sum())
            edge["minors.no_guardian_consent", table] += int(((age == self.minor_age) & ~consent).sum())
