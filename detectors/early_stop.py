"""Stop validating a structured column once its verdict is statistically decided.

A structured column holds an entity when a share of its non-empty cells hit it (``decision.py``: half,
or a fifth when the name points to it). Whether a column of phone numbers holds phone numbers is clear
after a few dozen of its values, not the 500 of the validation quota. So the planned values of a
structured column are validated in random rounds; after each round every entity's share of the column
gets a 99% Wilson interval (per stratum of candidates, combined by the strata's sizes, with the cells
validated exactly added as they are), and once each interval lies on one side of its threshold, and an
entity not seen at all could not reach the lowest threshold, the rest of the plan is left out. The
validated values then stand for their whole stratum (their weights scaled up), so hit counts are
estimates, as they already are past the quota.

Small strata (at most ``MIN_STRATUM`` cells: the few values of a rare kind) are always validated in
full, and free-text columns never stop early: one RRN in a thousand notes decides their verdict.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl

from detectors.validation import MIN_STRATUM

ROUND_VALUES = 16
"""Values validated per round between two looks at the bounds."""
MIN_VALUES = 32
"""Values a large stratum validates before its share is trusted at all."""
Z = 2.576
"""The bounds are 99% Wilson intervals."""


def wilson(hits: float, n: int) -> tuple[float, float]:
    """Return the Wilson score interval of a share ``hits / n`` (``n`` values drawn), at ``Z``."""
    if n <= 0:
        return 0.0, 1.0
    p = min(1.0, max(0.0, hits / n))
    denominator = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denominator
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class _Stratum:
    size: float  # cells of the batch in this stratum
    rows: list[dict[str, Any]]
    done: int = 0  # rows validated
    weight: float = 0.0  # cells the validated rows stand for
    hits: dict[str, float] = field(default_factory=dict)  # entity -> hit cells among the validated

    @property
    def exhausted(self) -> bool:
        return self.done == len(self.rows)

    def share(self, entity: str) -> tuple[float, float]:
        """Bounds of the stratum's share of cells hitting ``entity``."""
        hit = self.hits.get(entity, 0.0)
        if self.exhausted:
            exact = hit / self.weight if self.weight else 0.0
            return exact, exact
        return wilson(self.done * hit / self.weight if self.weight else 0.0, self.done)


@dataclass(frozen=True)
class ColumnSoFar:
    """What the column verdict needs besides this batch: cells, hits already counted, thresholds."""

    non_null: int
    known_hits: dict[str, float]
    threshold: Callable[[str], float]
    lowest_threshold: float


def validate_until_decided(
    plan: pl.DataFrame,
    hits_of: Callable[[dict[str, Any]], set[str]],
    column: ColumnSoFar,
    seed: int,
) -> Iterator[tuple[dict[str, Any], float]]:
    """Yield ``(planned row, weight it now stands for)`` for the rows validated before the verdict held.

    ``hits_of(row)`` validates one planned row and returns the entities it hits (it is called exactly
    once for each row yielded, before it is yielded: the caller's counting may use the result it cached).
    """
    strata: dict[int, _Stratum] = {}
    for row in plan.iter_rows(named=True):
        stratum = strata.setdefault(row["bits"], _Stratum(0.0, []))
        stratum.size += row["weight"]
        stratum.rows.append(row)
    rng = np.random.default_rng(seed)
    for stratum in strata.values():
        stratum.rows = [stratum.rows[i] for i in rng.permutation(len(stratum.rows))]
    small = [s for s in strata.values() if s.size <= MIN_STRATUM]
    large = [s for s in strata.values() if s.size > MIN_STRATUM]
    validated: list[tuple[_Stratum, dict[str, Any]]] = []

    def take(stratum: _Stratum, count: int) -> None:
        for row in stratum.rows[stratum.done : stratum.done + count]:
            for entity in hits_of(row):
                stratum.hits[entity] = stratum.hits.get(entity, 0.0) + row["weight"]
            stratum.weight += row["weight"]
            stratum.done += 1
            validated.append((stratum, row))

    for stratum in small:
        take(stratum, len(stratum.rows))
    for stratum in large:
        take(stratum, MIN_VALUES)
    while not _decided(strata.values(), column) and not all(s.exhausted for s in large):
        for stratum in large:
            take(stratum, ROUND_VALUES)
    for stratum, row in validated:
        yield row, row["weight"] * (stratum.size / stratum.weight if stratum.weight else 1.0)


def _decided(strata: Any, column: ColumnSoFar) -> bool:
    """Whether every entity's share of the column is surely above or below its threshold."""
    strata = list(strata)
    if not column.non_null:
        return True
    entities = set(column.known_hits) | {e for s in strata for e in s.hits}
    for entity in entities:
        low = column.known_hits.get(entity, 0.0)
        high = low
        for stratum in strata:
            share_low, share_high = stratum.share(entity)
            low += stratum.size * share_low
            high += stratum.size * share_high
        needed = column.threshold(entity) * column.non_null
        if low < needed <= high:
            return False
    unseen = sum(s.size * wilson(0.0, s.done)[1] for s in strata if not s.exhausted)
    return unseen < column.lowest_threshold * column.non_null
