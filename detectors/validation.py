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
from dataclasses import dataclass, field

import numpy as np
import polars as pl
from presidio_analyzer import AnalyzerEngine

from detectors.prefilter import Prefilter
from detectors.recognizers.base import PREFILTER_PASSED


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
        passed = PREFILTER_PASSED.set(self._prefilter.ids_for(bits))  # the first pass matched these
        try:
            results = self._analyzer.analyze(
                text=text,
                language=self._language,
                entities=self._prefilter.entities_for(bits),
                context=self._context,
            )
        finally:
            PREFILTER_PASSED.reset(passed)
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


def plan_validation(distinct: pl.DataFrame, quota: int | None, seed: int, with_rows: bool) -> pl.DataFrame:
    """Which distinct candidate values to validate, and how many cells each stands for.

    Planned on distinct values and their counts (``Prefilter.distinct_candidates``), so the cost follows
    the number of values, not of cells. Past the quota, each stratum draws ``take`` of its cells
    uniformly without replacement (``_draw_cells``): the same sample as drawing rows, without
    materialising them.

    Args:
        distinct: ``cell``, ``bits``, ``count`` (and ``row`` with ``with_rows``) of one column's
            candidate values in one batch.
        quota: distinct values this batch may validate; None validates all of them.
        seed: seed of the sample.
        with_rows: also list the rows each value stands for (only for exactly validated cells).

    Returns:
        ``cell``, ``bits``, ``weight`` (cells of the batch the value stands for) and, with ``with_rows``,
        ``row`` (the sampled rows holding the value).

    """
    rows = [pl.col("row")] if with_rows else []
    if quota is None or distinct.height <= quota:
        return distinct.select("cell", "bits", pl.col("count").cast(pl.Float64).alias("weight"), *rows)
    counts = distinct["count"].to_numpy().astype(np.int64)
    strata = distinct["bits"].to_numpy()
    total = int(counts.sum())
    rng = np.random.default_rng(seed)
    drawn = np.zeros(len(counts), np.int64)
    weight = np.zeros(len(counts), np.float64)
    for bits in np.unique(strata):
        members = np.flatnonzero(strata == bits)
        size = int(counts[members].sum())
        take = size if size <= MIN_STRATUM else min(size, max(MIN_SAMPLE, round(quota * size / total)))
        drawn[members] = _draw_cells(rng, counts[members], take)
        weight[members] = drawn[members] * size / take
    picked = distinct.with_columns(weight=pl.Series(weight), drawn=pl.Series(drawn)).filter(
        pl.col("drawn") > 0
    )
    return picked.select("cell", "bits", "weight", *[pl.col("row").list.head(pl.col("drawn")) for _ in rows])


def _draw_cells(rng: np.random.Generator, counts: np.ndarray, take: int) -> np.ndarray:
    """Draw ``take`` of the cells uniformly without replacement; return how many of each value's were drawn.

    Cells are numbered value after value (the cumulative counts), so drawing cell numbers and finding
    their values costs O(take log values) instead of a draw per value.
    """
    ends = np.cumsum(counts)
    cells = rng.choice(int(ends[-1]), size=take, replace=False)
    return np.bincount(np.searchsorted(ends, cells, side="right"), minlength=len(counts))


@dataclass
class _Stratum:
    cells: float = 0.0
    hits: dict[str, list[float]] = field(default_factory=dict)  # entity -> [cells, score sum]


class StratumRates:
    """Hits per candidate cell of each stratum of one column, as validation measured them.

    Past the quota a large stratum is only ever sampled, so its hits are an estimate; once a stratum has
    been measured, its rate estimates a later batch's cells of that stratum as well as a fresh 50-value
    sample would, without analysing anything (see ``TableScanner``). Rates are kept per stratum, so a
    batch holding more of one kind of candidate (more phone-shaped values) is estimated right.
    """

    def __init__(self) -> None:
        """Start with no stratum measured."""
        self._strata: dict[int, _Stratum] = {}

    def measured(self, bits: int) -> bool:
        """Whether validation has seen cells of this stratum."""
        return bits in self._strata

    def add_cells(self, bits: int, cells: float) -> None:
        """Record candidate cells of a stratum whose hits were validated (and added with ``add_hit``)."""
        self._strata.setdefault(bits, _Stratum()).cells += cells

    def add_hit(self, bits: int, entity: str, cells: float, score: float) -> None:
        """Record ``cells`` cells of a stratum hitting ``entity`` with ``score``."""
        tally = self._strata.setdefault(bits, _Stratum()).hits.setdefault(entity, [0.0, 0.0])
        tally[0] += cells
        tally[1] += score * cells

    def estimate(self, bits: int, cells: float) -> dict[str, tuple[float, float]]:
        """Estimate, and record, the hits of ``cells`` new cells of a measured stratum.

        Returns:
            entity -> (estimated hit cells, their score sum).

        """
        stratum = self._strata[bits]
        factor = cells / stratum.cells if stratum.cells else 0.0
        found = {entity: (c * factor, s * factor) for entity, (c, s) in stratum.hits.items()}
        stratum.cells += cells
        for entity, (c, s) in found.items():
            stratum.hits[entity][0] += c
            stratum.hits[entity][1] += s
        return found
