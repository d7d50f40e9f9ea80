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

import polars as pl

from detectors.cells import distinct_texts
from detectors.prefilter_gates import PatternGate, column_profile, gate_for

MAX_FILTERS = 63  # one bit per recognizer in a UInt64 mask


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
        reads_dates: whether it reads a column the source types as a date or time (``READS_DATE_COLUMNS``).

    """

    recognizer_id: str
    name: str
    entities: tuple[str, ...]
    pattern: str | None
    reads_dates: bool = False


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
                reads_dates=bool(getattr(recognizer, "READS_DATE_COLUMNS", False)),
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
        self._date_filters = sum(1 << i for i, f in enumerate(filters) if f.reads_dates)
        self._gates = tuple(gate_for(f.pattern) if f.pattern else PatternGate() for f in filters)
        self._ids: dict[int, frozenset[str]] = {}

    def ids_for(self, bits: int) -> frozenset[str]:
        """Return the ids of the recognizers whose bits are set (their PREFILTER matched the cell)."""
        ids = self._ids.get(bits)
        if ids is None:
            ids = self._ids[bits] = frozenset(
                f.recognizer_id for i, f in enumerate(self.filters) if bits >> i & 1
            )
        return ids

    def entities_for(self, bits: int) -> list[str]:
        """List the entities of the recognizers whose bits are set (the ``entities=`` for analyze)."""
        found = {e for i, f in enumerate(self.filters) if bits >> i & 1 for e in f.entities}
        return sorted(found)

    def candidates(self, cells: pl.Series, dates: bool = False) -> pl.DataFrame:
        """Find the cells some recognizer could fire on, with the recognizers that could.

        Args:
            cells: the column's cell texts (nulls are never candidates).
            dates: the source types the column as a date or time: only ``reads_dates`` filters apply.

        Returns:
            A frame with ``row`` (position in ``cells``), ``cell`` (the text) and ``bits`` (UInt64: bit i
            set when filter i's pattern matches), one line per candidate cell.

        """
        found = self.distinct_candidates(cells, with_rows=True, dates=dates).explode("row")
        return found.select("row", "cell", "bits").sort("row")

    def distinct_candidates(
        self, cells: pl.Series, with_rows: bool = False, dates: bool = False
    ) -> pl.DataFrame:
        """Return the candidates as distinct values with their counts: what the second pass plans on.

        Args:
            cells: the column's cell texts (nulls are never candidates).
            with_rows: also list, per value, the positions in ``cells`` that hold it.
            dates: as in ``candidates``.

        Returns:
            ``cell``, ``bits`` (as in ``candidates``), ``count`` (UInt32: cells holding the value) and,
            with ``with_rows``, ``row`` (a list of positions); in order of first appearance.

        """
        return self.candidates_among(distinct_texts(cells, with_rows), dates)

    def candidates_among(self, values: pl.DataFrame, dates: bool = False) -> pl.DataFrame:
        """Keep the values of ``cells.distinct_texts`` some recognizer could fire on, with their ``bits``.

        ``dates``: the column is typed as a date or time (see ``candidates``).
        """
        found = values.with_columns(bits=self._bits(values["cell"], dates)).filter(pl.col("bits") != 0)
        return found.select("cell", "bits", "count", *(["row"] if "row" in values.columns else []))

    def _bits(self, values: pl.Series, dates: bool = False) -> pl.Series:
        """One polars query: each pattern that the column's profile allows becomes one bit of the mask.

        Each pattern is its own output column, so polars runs them on all cores at once (as inputs of one
        ``sum_horizontal`` they ran about a third slower); the columns are then added into the mask.
        """
        if values.is_empty():
            return pl.Series("bits", [], pl.UInt64)
        profile = column_profile(values)
        terms = [
            (pl.col("cell").str.contains(f.pattern).cast(pl.UInt64) * (1 << i)).alias(str(i))
            for i, (f, gate) in enumerate(zip(self.filters, self._gates, strict=True))
            if f.pattern is not None and (f.reads_dates or not dates) and gate.may_match(*profile)
        ]
        bits = self._always & self._date_filters if dates else self._always
        always = pl.Series("bits", [bits], pl.UInt64).extend_constant(bits, len(values) - 1)
        if not terms:
            return always
        masks = values.rename("cell").to_frame().select(terms)
        return (masks.sum_horizontal() + always).cast(pl.UInt64).rename("bits")
