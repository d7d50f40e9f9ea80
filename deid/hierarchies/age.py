"""Age: exact years -> 5-year bands -> 10-year bands -> suppressed, with 90 and over always top-coded.

Ages come from a birth date column (``age``) or from an RRN (``age_rrn``), counted at a per-row date column
(``options.at``, e.g. the visit date), at ``options.reference_date``, or at the start of the processing
period.
Ninety and over is one label at every level because very old ages are rare enough to identify on their own.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from deid.hierarchies.base import Hierarchy, HierarchyOptions, Level, PrepareContext
from deid.hierarchies.rrn import birth_dates_from_rrn

TOP_CODE = 90


class AgeOptions(HierarchyOptions):
    """``at``: a date column to count the age at; ``reference_date``: a fixed day instead."""

    at: str | None = None
    reference_date: date | None = None


def ages_at(birth: pd.Series, ctx: PrepareContext) -> pd.Series:
    """Return completed years from birth to the reference (per row or fixed); NA if unknown or negative."""
    opts = ctx.options
    assert isinstance(opts, AgeOptions)
    if opts.at is not None:
        ref = pd.to_datetime(ctx.frame[opts.at], errors="coerce")
    else:
        ref = pd.Series(pd.Timestamp(opts.reference_date or ctx.reference_date), index=birth.index)
    years = ref.dt.year - birth.dt.year
    before_birthday = (ref.dt.month < birth.dt.month) | (
        (ref.dt.month == birth.dt.month) & (ref.dt.day < birth.dt.day)
    )
    age = (years - before_birthday.astype("Int64")).astype("Int64")
    return age.where(age >= 0)


def _band(width: int) -> Level:
    def label(ages: pd.Series) -> pd.Series:
        a = pd.to_numeric(ages, errors="coerce").astype("Int64")
        low = (a // width) * width
        text = low.astype("string") + "-" + (low + width - 1).astype("string")
        return text.where(a < TOP_CODE, f"{TOP_CODE}+").astype("string")

    return Level(f"{width}y", label, r"^(\d{1,2}-\d{1,2}|90\+)$")


def _years(ages: pd.Series) -> pd.Series:
    a = pd.to_numeric(ages, errors="coerce").astype("Int64")
    return a.astype("string").where(a < TOP_CODE, f"{TOP_CODE}+").astype("string")


class AgeHierarchy(Hierarchy):
    """Age from a birth date column."""

    name = "age"
    description = "age from a birth date: years -> 5-year -> 10-year bands (90+ top-coded)"
    level_names = ("years", "5y", "10y")
    Options = AgeOptions

    def elementwise(self, options: HierarchyOptions, shift_days: int | None) -> bool:
        """Per value unless ages are counted at a per-row date column."""
        return isinstance(options, AgeOptions) and options.at is None

    def prepare(self, ctx: PrepareContext) -> pd.Series:
        """Ages in completed years."""
        return ages_at(pd.to_datetime(ctx.values, errors="coerce"), ctx)

    def levels(self, options: HierarchyOptions) -> tuple[Level, ...]:
        """Years, 5-year bands, 10-year bands."""
        return (Level("years", _years, r"^(\d{1,2}|90\+)$"), _band(5), _band(10))


class AgeFromRrnHierarchy(AgeHierarchy):
    """Age from a resident registration number (birth date and century from its first seven digits)."""

    name = "age_rrn"
    description = "age from an RRN (century from the gender digit): years -> 5-year -> 10-year bands (90+)"

    def prepare(self, ctx: PrepareContext) -> pd.Series:
        """Ages in completed years, read from the RRN."""
        return ages_at(birth_dates_from_rrn(ctx.values), ctx)
