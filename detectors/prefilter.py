"""The vectorised first pass: which cells could any recognizer fire on, computed over whole columns.

Each recognizer declares ``PREFILTER``, a Rust-regex/RE2 pattern that matches (search semantics) every
cell it could fire on, or None for "any non-empty cell". Every pattern runs over the whole column in one
polars query (Rust regex, compiled once, multi-threaded), giving each cell a bit mask of the recognizers
that may fire on it; cells with no bit set are dropped, the others go to exactly those recognizers.

Chosen by measurement on 50,000-cell columns of the benchmark table: polars ran single patterns 2-5x
faster than pyarrow's RE2. A single pass of the union of all patterns was tried first and dropped: it
is fast on text (5-10 ms) but the union of many counted digit repetitions blows up the regex automaton
on digit strings (1.3 s on an RRN column in polars, 0.4 s in RE2), while the separate patterns take
20-130 ms on any column.

Two savings keep the pass near the cost of reading the data, both exact: a pattern that no cell of the
column can match (too long for its longest cell, or needing a digit, Hangul, a letter or ``@`` the
column lacks; see ``prefilter_gates.py``) is not run, and a repetitive column is matched once per
distinct value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
import pyarrow.compute as pc

from detectors.prefilter_gates import PatternGate, column_profile, gate_for

MAX_FILTERS = 63  # one bit per recognizer in a UInt64 mask
DISTINCT_MAX_SHARE = 0.5
"""Match patterns on distinct values when at most this share of a batch's cells are distinct."""


class PrefilterError(ValueError):
    """A recognizer's PREFILTER does not compile; the message names the recognizer."""


@dataclass(frozen=True)
class RecognizerFilter:
    """One recognizer as the first pass sees it.

    Attributes:
        recognizer_id: the recognizer instance's Presidio id.
        name: the recognizer's class name, for messages.
        entities: the entities it supports.
        pattern: its PREFILTER (None: every non-empty cell is a candidate).

    """

    recognizer_id: str
    name: str
    entities: tuple[str, ...]
    pattern: str | None


def filters_from_recognizers(recognizers: Iterable[object]) -> list[RecognizerFilter]:
    """Read ``PREFILTER`` from Presidio recognizer instances; one without it gets None (no filtering)."""
    filters = []
    for recognizer in recognizers:
        filters.append(
            RecognizerFilter(
                recognizer_id=str(getattr(recognizer, "id", type(recognizer).__name__)),
                name=type(recognizer).__name__,
                entities=tuple(getattr(recognizer, "supported_entities", ())),
                pattern=getattr(recognizer, "PREFILTER", None),
            )
        )
    return filters


class Prefilter:
    """Candidate masks for a set of recognizers."""

    def __init__(self, filters: Sequence[RecognizerFilter]) -> None:
        """Check that every pattern compiles, so a broken PREFILTER fails before any data is read.

        Raises:
            PrefilterError: a pattern is not valid Rust-regex syntax, or there are too many recognizers.

        """
        if len(filters) > MAX_FILTERS:
            raise PrefilterError(f"{len(filters)} recognizers; the first pass handles at most {MAX_FILTERS}")
        for f in filters:
            if f.pattern is not None:
                try:
                    pl.select(pl.lit("").str.contains(f.pattern))
                except Exception as exc:
                    raise PrefilterError(
                        f"{f.name}.PREFILTER {f.pattern!r} is not valid Rust-regex/RE2 syntax ({exc}); "
                        "fix the pattern in the recognizer's file"
                    ) from exc
        self.filters = tuple(filters)
        self._always = sum(1 << i for i, f in enumerate(filters) if f.pattern is None)
        self._gates = tuple(gate_for(f.pattern) if f.pattern else PatternGate() for f in filters)

    def entities_for(self, bits: int) -> list[str]:
        """List the entities of the recognizers whose bits are set (the ``entities=`` for analyze)."""
        found = {e for i, f in enumerate(self.filters) if bits >> i & 1 for e in f.entities}
        return sorted(found)

    def candidates(self, cells: pl.Series) -> pl.DataFrame:
        """Find the cells some recognizer could fire on, with the recognizers that could.

        Args:
            cells: the column's cell texts (nulls are never candidates).

        Returns:
            A frame with ``row`` (position in ``cells``), ``cell`` (the text) and ``bits`` (UInt64: bit i
            set when filter i's pattern matches), one line per candidate cell.

        """
        found = self.distinct_candidates(cells, with_rows=True).explode("row")
        return found.select("row", "cell", "bits").sort("row")

    def distinct_candidates(self, cells: pl.Series, with_rows: bool = False) -> pl.DataFrame:
        """Return the candidates as distinct values with their counts: what the second pass plans on.

        Codes, statuses, names and templated notes repeat a few thousand values over a batch; matching
        the patterns on the distinct values and counting them by dictionary code is several times
        cheaper than matching and grouping every cell, and gives the same masks. A mostly-unique column
        (e-mails, ids) is matched cell by cell, since encoding it would cost more than it saves: its
        lines are cells (count 1), so a value it repeats appears once per cell.

        Args:
            cells: the column's cell texts (nulls are never candidates).
            with_rows: also list, per value, the positions in ``cells`` that hold it.

        Returns:
            ``cell``, ``bits`` (as in ``candidates``), ``count`` (UInt32: cells holding the value) and,
            with ``with_rows``, ``row`` (a list of positions); in order of first appearance.

        """
        frame = cells.rename("cell").to_frame().with_row_index("row").filter(pl.col("cell").is_not_null())
        rows = [pl.col("row")] if with_rows else []
        values = frame["cell"]
        if int(values.approx_n_unique()) > DISTINCT_MAX_SHARE * len(values):  # type: ignore[arg-type]
            single = frame.with_columns(bits=self._bits(values), count=pl.lit(1, pl.UInt32))
            return single.filter(pl.col("bits") != 0).select(
                "cell", "bits", "count", *[pl.concat_list(r) for r in rows]
            )
        encoded = pc.dictionary_encode(values.to_arrow())
        dictionary = pl.Series("cell", encoded.dictionary, pl.Utf8)
        codes = pl.Series("code", encoded.indices).cast(pl.UInt32)
        distinct = pl.DataFrame(
            {"cell": dictionary, "bits": self._bits(dictionary), "count": _counts(codes, len(dictionary))}
        ).with_row_index("code")
        distinct = distinct.filter(pl.col("bits") != 0)
        if with_rows:
            positions = frame.select("row", code=codes).group_by("code").agg("row")
            distinct = distinct.join(positions, on="code", how="left", maintain_order="left")
        return distinct.select("cell", "bits", "count", *rows)

    def _bits(self, values: pl.Series) -> pl.Series:
        """One polars query: each pattern that the column's profile allows becomes one bit of the mask."""
        if values.is_empty():
            return pl.Series("bits", [], pl.UInt64)
        profile = column_profile(values)
        terms = [
            pl.col("cell").str.contains(f.pattern).cast(pl.UInt64) * (1 << i)
            for i, (f, gate) in enumerate(zip(self.filters, self._gates, strict=True))
            if f.pattern is not None and gate.may_match(*profile)
        ]
        bits = pl.sum_horizontal(pl.lit(self._always, pl.UInt64), *terms).cast(pl.UInt64)
        return values.rename("cell").to_frame().with_columns(bits=bits)["bits"]  # a lone literal broadcasts


def _counts(codes: pl.Series, size: int) -> pl.Series:
    """How many cells hold each dictionary code (0 .. size-1)."""
    return pl.Series("count", np.bincount(codes.to_numpy(), minlength=size), pl.UInt32)
