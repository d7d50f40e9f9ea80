"""Sex: ``M``/``F`` -> suppressed, read from a sex column (many spellings) or from an RRN's gender digit."""

from __future__ import annotations

import pandas as pd

from deid.hierarchies.base import Hierarchy, HierarchyOptions, Level, PrepareContext
from deid.hierarchies.rrn import sex_from_rrn

_MALE = ("m", "male", "man", "남", "남자", "남성", "1")
_FEMALE = ("f", "female", "woman", "여", "여자", "여성", "2")


class SexOptions(HierarchyOptions):
    """Spellings of each sex in the source column (compared lower-cased, trimmed)."""

    male: tuple[str, ...] = _MALE
    female: tuple[str, ...] = _FEMALE


def _identity(values: pd.Series) -> pd.Series:
    return values.astype("string")


class _SexLevels(Hierarchy):
    """The one level both sex hierarchies share."""

    level_names = ("sex",)

    def levels(self, options: HierarchyOptions) -> tuple[Level, ...]:
        """Return the sex itself."""
        return (Level("sex", _identity, r"^[MF]$"),)


class SexHierarchy(_SexLevels):
    """Sex from a column; values outside both spelling lists become NA (unknown)."""

    name = "sex"
    description = "sex from a column (M/F, 남/여, 1/2): sex -> suppressed"
    Options = SexOptions

    def prepare(self, ctx: PrepareContext) -> pd.Series:
        """``M``, ``F`` or NA."""
        opts = ctx.options
        assert isinstance(opts, SexOptions)
        text = ctx.values.astype("string").str.strip().str.lower()
        out = pd.Series(pd.NA, index=text.index, dtype="string")
        out[text.isin([v.lower() for v in opts.male]).fillna(False).astype(bool)] = "M"
        out[text.isin([v.lower() for v in opts.female]).fillna(False).astype(bool)] = "F"
        return out


class SexFromRrnHierarchy(_SexLevels):
    """Sex from an RRN's gender digit (odd male, even female)."""

    name = "sex_rrn"
    description = "sex from an RRN gender digit: sex -> suppressed"
    Options = HierarchyOptions

    def prepare(self, ctx: PrepareContext) -> pd.Series:
        """``M``, ``F`` or NA."""
        return sex_from_rrn(ctx.values)
