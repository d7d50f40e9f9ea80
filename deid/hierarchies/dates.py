"""Dates: day -> month -> quarter -> year -> suppressed, optionally shifted by a keyed per-patient offset."""

from __future__ import annotations

import pandas as pd

from deid.errors import DeidSpecError
from deid.hierarchies.base import Hierarchy, HierarchyOptions, Level, PrepareContext
from deid.pseudonym import keyed_offsets


def shift_dates(dates: pd.Series, ctx: PrepareContext) -> pd.Series:
    """Move each patient's dates by the same secret offset (``ctx.shift_days``); unchanged when not asked."""
    if not ctx.shift_days:
        return dates
    if ctx.key is None or ctx.patients is None:
        raise DeidSpecError(
            f"columns.{ctx.output}.shift_days: date shifting needs 'patient_key' and a secret key; "
            "set patient_key in deid.yaml"
        )
    offsets = keyed_offsets(ctx.patients, ctx.key, ctx.shift_days)
    return dates + pd.to_timedelta(offsets.astype("float64"), unit="D")


def _day(d: pd.Series) -> pd.Series:
    return pd.to_datetime(d).dt.strftime("%Y-%m-%d").astype("string")


def _month(d: pd.Series) -> pd.Series:
    return pd.to_datetime(d).dt.strftime("%Y-%m").astype("string")


def _quarter(d: pd.Series) -> pd.Series:
    dt = pd.to_datetime(d)
    return dt.dt.year.astype("Int64").astype("string") + "-Q" + dt.dt.quarter.astype("Int64").astype("string")


def _year(d: pd.Series) -> pd.Series:
    return pd.to_datetime(d).dt.year.astype("Int64").astype("string")


class DateHierarchy(Hierarchy):
    """A date or timestamp column (the time of day is dropped at every level)."""

    name = "date"
    description = "a date: day -> month -> quarter -> year -> suppressed (optionally shifted per patient)"
    level_names = ("day", "month", "quarter", "year")

    def prepare(self, ctx: PrepareContext) -> pd.Series:
        """Dates at midnight, shifted when ``shift_days`` is set; NaT where unreadable."""
        dates = pd.to_datetime(ctx.values, errors="coerce").dt.normalize()
        return shift_dates(dates, ctx)

    def levels(self, options: HierarchyOptions) -> tuple[Level, ...]:
        """Day, month, quarter, year."""
        return (
            Level("day", _day, r"^\d{4}-\d{2}-\d{2}$"),
            Level("month", _month, r"^\d{4}-\d{2}$"),
            Level("quarter", _quarter, r"^\d{4}-Q[1-4]$"),
            Level("year", _year, r"^\d{4}$"),
        )
