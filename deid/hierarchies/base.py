"""What a generalization hierarchy is: a column's finest values and a ladder of coarser labels.

A hierarchy turns one source column (or a derived value such as the age in an RRN) into *bottom* values, then
offers levels that map those values to labels, from the finest to the coarsest. Each level is a vectorised
function over a pandas Series; the encoder applies it to the distinct bottom values only, so a level costs as
much as the column has distinct values, not rows. The top level, ``suppressed`` (``*``), is added by the
encoder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

import pandas as pd
from pydantic import BaseModel, ConfigDict

SUPPRESSED_LEVEL = "suppressed"
SUPPRESSED_LABEL = "*"


class HierarchyOptions(BaseModel):
    """Options a hierarchy accepts under ``options:`` in deid.yaml; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class Level:
    """One rung of a hierarchy.

    Attributes:
        name: the level's name in deid.yaml and in the report (``10y``, ``sido``).
        label: maps bottom values to this level's labels (strings; NA where the value cannot be placed).
        pattern: a regular expression every label of this level matches; the Great Expectations post-check
            uses it to prove no finer value slipped through.

    """

    name: str
    label: Callable[[pd.Series], pd.Series]
    pattern: str


@dataclass(frozen=True)
class PrepareContext:
    """What a hierarchy may read to compute bottom values.

    Attributes:
        frame: the whole source table (a hierarchy may combine columns, e.g. birth date and visit date).
        source: the input column named by ``from:`` (or the output column's own name).
        output: the output column name, for error messages.
        options: the validated hierarchy options.
        reference_date: the day ages are computed at when no ``at`` column is given.
        key: the secret key, for keyed transforms (date shifting); None when the spec needs none.
        patients: the patient key of each row, for per-patient transforms; None without ``patient_key``.
        shift_days: shift dates by a keyed per-patient offset within +/- this many days.

    """

    frame: pd.DataFrame
    source: str
    output: str
    options: HierarchyOptions
    reference_date: date
    key: bytes | None = None
    patients: pd.Series | None = None
    shift_days: int | None = None

    @property
    def values(self) -> pd.Series:
        """The input column."""
        return self.frame[self.source]


class Hierarchy:
    """Base class of every shipped or user-registered hierarchy.

    Subclasses set ``name``, ``description``, ``level_names`` and ``Options`` and implement ``prepare`` and
    ``levels``. ``level_names`` must equal the names ``levels`` returns (spec validation reads it without
    data).
    """

    name: ClassVar[str]
    description: ClassVar[str]
    level_names: ClassVar[tuple[str, ...]]
    Options: ClassVar[type[HierarchyOptions]] = HierarchyOptions

    def elementwise(self, options: HierarchyOptions, shift_days: int | None) -> bool:
        """Tell whether a row's bottom value depends on its own input value only.

        Then ``prepare`` runs on the distinct input values and the result is mapped back to rows, which makes
        string parsing (addresses, codes, RRNs) cost per distinct value instead of per row.
        """
        return not shift_days

    def prepare(self, ctx: PrepareContext) -> pd.Series:
        """Return the bottom values of the column (NA where unknown), one per row, vectorised."""
        raise NotImplementedError

    def levels(self, options: HierarchyOptions) -> tuple[Level, ...]:
        """Return the levels from finest to coarsest, without the suppressed top."""
        raise NotImplementedError

    def all_level_names(self) -> tuple[str, ...]:
        """Level names including the suppressed top level."""
        return (*self.level_names, SUPPRESSED_LEVEL)
