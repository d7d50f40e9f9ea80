"""The second pass: run the Presidio analyzer on candidate cells only, once per distinct value.

Sending a candidate cell to ``AnalyzerEngine.analyze`` with ``entities=`` set to the entities of the
recognizers whose PREFILTER matched gives exactly the per-cell result: a recognizer whose prefilter did
not match cannot fire, Presidio removes duplicates per entity type, and context enhancement treats each
result on its own. Identical values in a column are analysed once (a cache bounded in entries, so
memory stays flat on a streamed scan).

Analysing a cell costs about a millisecond with our recognizers (a name needs the morphological
analyser), so a column of a million phone numbers cannot have every cell analysed. ``plan_validation``
therefore validates every distinct candidate while a column's quota lasts, and past it a stratified
sample: the strata are the sets of recognizers whose prefilter matched, so a rare kind of candidate (the
one note in ten thousand with an RRN-shaped number) is validated in full however common the others are,
and each sampled cell stands for ``weight`` cells of its stratum. The column verdict is the per-cell one;
only its hit counts become estimates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
from presidio_analyzer import AnalyzerEngine

from detectors.prefilter import Prefilter


@dataclass(frozen=True)
class Span:
    """One recognizer result inside a cell: the entity, its final score and where it is."""

    entity: str
    score: float
    start: int
    end: int


class CellValidator:
    """Analyses candidate cells of one column with the column's context words."""

    def __init__(
        self,
        analyzer: AnalyzerEngine,
        prefilter: Prefilter,
        language: str,
        context: Sequence[str],
        cache_entries: int,
    ) -> None:
        """Bind the analyzer, the recognizer filters and the column's context; see the module docstring."""
        self._analyzer = analyzer
        self._prefilter = prefilter
        self._language = language
        self._context = list(context) or None
        self._cache: dict[tuple[str, int], tuple[Span, ...]] = {}
        self._cache_entries = cache_entries
        self.analyzed = 0
        self.validated = 0

    def spans(self, text: str, bits: int) -> tuple[Span, ...]:
        """Return the recognizer results for one candidate cell (cached by value)."""
        self.validated += 1
        key = (text, bits)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        results = self._analyzer.analyze(
            text=text,
            language=self._language,
            entities=self._prefilter.entities_for(bits),
            context=self._context,
        )
        self.analyzed += 1
        found = tuple(Span(r.entity_type, float(r.score), r.start, r.end) for r in results)
        if len(self._cache) >= self._cache_entries:
            self._cache.clear()
        self._cache[key] = found
        return found


MIN_STRATUM = 50
"""A stratum of at most this many cells is validated in full, however large the batch."""
MIN_SAMPLE = 20
"""A larger stratum gets its share of the quota, and at least this many cells."""


def plan_validation(candidates: pl.DataFrame, quota: int | None, seed: int, with_rows: bool) -> pl.DataFrame:
    """Which distinct candidate values to validate, and how many cells each stands for.

    Args:
        candidates: ``row``, ``cell``, ``bits`` of one column's candidate cells in one batch.
        quota: distinct values this batch may validate; None validates all of them.
        seed: seed of the sample.
        with_rows: also list the rows each value stands for (only for exactly validated cells).

    Returns:
        ``cell``, ``bits``, ``weight`` (cells of the batch the value stands for) and, with ``with_rows``,
        ``row`` (the sampled rows holding the value).

    """
    rows = [pl.col("row")] if with_rows else []
    if quota is None or candidates["cell"].n_unique() <= quota:
        return candidates.group_by(["cell", "bits"], maintain_order=True).agg(
            pl.len().cast(pl.Float64).alias("weight"), *rows
        )
    total = candidates.height
    size = pl.len().over("bits")
    share = pl.max_horizontal(pl.lit(MIN_SAMPLE), (quota * size / total).round())
    take = pl.when(size <= MIN_STRATUM).then(size).otherwise(pl.min_horizontal(size, share))
    draw = np.random.default_rng(seed).random(total)
    sampled = candidates.with_columns(size=size, take=take, draw=pl.Series(draw)).filter(
        pl.col("draw").rank("ordinal").over("bits") <= pl.col("take")
    )
    weight = pl.len().cast(pl.Float64) * pl.first("size") / pl.first("take")
    return sampled.group_by(["cell", "bits"], maintain_order=True).agg(weight.alias("weight"), *rows)
