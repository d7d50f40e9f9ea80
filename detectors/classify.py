"""Column classification: which entities each column of a table holds, from its name and its values.

The engine reads a table batch by batch (a sample, or every row streamed) with memory flat:

1. every column is cast to text (numbers and dates too), a repetitive one as its distinct values with
   their counts (see ``cells.py``);
2. a vectorised first pass over the whole column keeps only the cells some recognizer could fire on
   (the recognizers' PREFILTER patterns; see ``prefilter.py``); the columns of a batch take this pass
   on two threads, while the previous batch is validated;
3. each distinct candidate value goes once to the Presidio analyzer, restricted to the recognizers
   whose prefilter matched and given the column name as context (``validation.py``), so a cell's result
   equals what per-cell analysis would give (past the validation quota, a sample, or for a stratum of
   candidates already measured, its measured hit rate: hit counts then become estimates);
4. after the last batch, hits, hit ratios, scores and the name evidence become one verdict per column
   (``decision.py``), and the table as a whole corrects them (``table_context.py``: a lookup table's
   medical words are nobody's health information). Evidence is masked here; a raw value never leaves
   this module.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
import polars as pl
import pyarrow as pa
from presidio_analyzer import AnalyzerEngine

from detectors.cells import distinct_texts, is_scannable, is_temporal
from detectors.decision import ColumnStats, DecisionOptions, decide
from detectors.model import ColumnResult
from detectors.name_rules import NameEvidence, NameRules, load_name_rules
from detectors.prefilter import Prefilter, filters_from_recognizers
from detectors.table_context import apply_table_context
from detectors.validation import MIN_STRATUM, CellValidator, Span, StratumRates, plan_validation

DEFAULT_LANGUAGE = "ko"


class ColumnLike(Protocol):
    """A declared column (``sources.base.ColumnInfo`` fits; detectors do not import sources)."""

    @property
    def name(self) -> str:
        """The column name."""
        ...

    @property
    def declared_type(self) -> str:
        """The type the source declares."""
        ...


@dataclass(frozen=True)
class ClassifyOptions:
    """How the engine classifies; the defaults are what a scan uses.

    Attributes:
        decision: the thresholds of the column verdict.
        max_evidence: masked examples kept per entity and column.
        cache_entries: distinct candidate values remembered per column between batches.
        validation_quota: distinct candidate values a column may send to the analyzer before sampling
            starts. A batch whose candidates fit in what is left is validated in full; otherwise a
            stratified random sample of it is, and its hit counts are estimates (see ``validation.py``).
            None validates every candidate of every batch (exact counts, per-cell speed).
        structured_quota: the ``validation_quota`` of a column of one value per cell (as the first pass
            measured it: not named as notes, and most cells of at most two words or shorter on average
            than prose, ``decision.free_text_min_chars``: an address line), when smaller; None
            gives every column ``validation_quota``. Such a column holds one kind of value, whose share a
            stratified sample of a hundred values measures within a few points, and a rare kind of value
            (1-2% foreign registration numbers among resident numbers, passports) matches other
            prefilters, so it is its own small stratum, validated in full whatever the quota. Prose keeps
            the larger quota: one name in a thousand notes is a finding, and every note matches the name
            prefilter. A scan sets it, in sample and full mode alike (``SCAN_OPTIONS``).
        tail_quota: the sample size per batch once a column has used its ``validation_quota``, for the
            strata (sets of matching prefilters) not yet measured; a large stratum already measured is
            estimated at its measured hit rate instead, with no analysis (``StratumRates``).
        seed: seed of the samples, so a scan is reproducible.
        record_cells: keep, per column, the row numbers of cells with hits (benchmarks and tests; the
            row numbers grow with the table, so a production scan leaves this off). Every candidate is
            then validated, whatever the quota: a cell left out of a sample would have no hits.
        analyzer: the Presidio analyzer to use; None builds ``detectors.analyzer.build_analyzer()``.
        language: the analyzer language; None takes ``ko`` when supported, else the analyzer's first.
        name_rules: the column-name rules; None loads the shipped ``name_rules.yaml``.

    """

    decision: DecisionOptions = field(default_factory=DecisionOptions)
    max_evidence: int = 3
    cache_entries: int = 50_000
    validation_quota: int | None = 500
    structured_quota: int | None = None
    tail_quota: int = 50
    seed: int = 0
    record_cells: bool = False
    analyzer: AnalyzerEngine | None = None
    language: str | None = None
    name_rules: NameRules | None = None


@dataclass(frozen=True)
class _FirstPass:
    """What the first pass found in one column of one batch."""

    non_null: int
    chars: int
    multiword: int
    candidates: pl.DataFrame


@dataclass(frozen=True)
class _PendingBatch:
    """A fed batch whose second pass has not run yet: its first row, and its columns' first passes."""

    first_row: int
    columns: list[tuple[_ColumnState, Future[_FirstPass]]]


@dataclass
class _ColumnState:
    stats: ColumnStats
    name: NameEvidence
    validator: CellValidator
    cells: dict[int, set[str]] = field(default_factory=dict)
    rates: StratumRates = field(default_factory=StratumRates)


class TableScanner:
    """Classifies the columns of one table from the batches fed to it.

    Example:
        >>> scanner = TableScanner("patients", source.describe("patients").columns)
        >>> for batch in source.stream("patients"):
        ...     scanner.feed(batch)
        >>> [(c.column, c.entity_names) for c in scanner.result()]

    """

    def __init__(
        self, table: str, columns: Sequence[ColumnLike], options: ClassifyOptions | None = None
    ) -> None:
        """Prepare one state per declared column; columns that appear only in the data are added later."""
        self.table = table
        self.options = options or ClassifyOptions()
        self._analyzer = self.options.analyzer or _default_analyzer()
        self._language = self.options.language or _pick_language(self._analyzer)
        self._rules = self.options.name_rules or load_name_rules()
        self._prefilter = _prefilter_for(self._analyzer, self._language)
        self._rows = 0
        self._pending: _PendingBatch | None = None
        self._columns: dict[str, _ColumnState] = {}
        for column in columns:
            self._column(column.name, column.declared_type)

    def _column(self, name: str, declared_type: str) -> _ColumnState:
        state = self._columns.get(name)
        if state is None:
            evidence = self._rules.evaluate(name, self.table)
            validator = CellValidator(
                self._analyzer, self._prefilter, self._language, evidence.context, self.options.cache_entries
            )
            state = _ColumnState(ColumnStats(declared_type), evidence, validator)
            self._columns[name] = state
        return state

    def feed(self, batch: pa.RecordBatch | pa.Table) -> None:
        """Scan one batch of rows; call once per streamed batch (or once with a whole sample).

        The first pass of every column (texts, counts, pattern masks: polars, pyarrow and numpy, which
        release the GIL) runs on ``FIRST_PASS_THREADS`` threads; the second pass (Presidio, pure Python)
        validates in this thread. The second pass of a batch runs when the next batch is fed (or on
        ``result``), so the validation of one batch overlaps the first pass of the next.
        """
        pending = []
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            state = self._column(name, str(column.type))
            state.stats.rows += batch.num_rows
            if is_scannable(column.type):
                pending.append((state, _first_pass_pool().submit(self._first_pass, column)))
        self._second_passes()
        self._pending = _PendingBatch(self._rows, pending)
        self._rows += batch.num_rows

    def _second_passes(self) -> None:
        """Validate the batch fed before, column by column as its first passes finish."""
        if self._pending is None:
            return
        pending, self._pending = self._pending, None
        for state, first in pending.columns:
            self._second_pass(state, first.result(), pending.first_row)

    def _first_pass(self, column: pa.Array | pa.ChunkedArray) -> _FirstPass:
        """Texts, their figures and candidates of one column; touches nothing shared (runs in a pool)."""
        values = distinct_texts(column, self.options.record_cells)
        counts = values["count"].cast(pl.UInt64)
        text = values["cell"]
        return _FirstPass(
            non_null=int(counts.sum()),
            chars=int((text.str.len_chars().cast(pl.UInt64) * counts).sum()),
            # Two runs of whitespace, i.e. three words or more; a search stops at the first, unlike a count.
            multiword=int(counts.filter(text.str.contains(r"\s\S+\s")).sum()),
            candidates=self._prefilter.candidates_among(values, dates=is_temporal(column.type)),
        )

    def _second_pass(self, state: _ColumnState, first: _FirstPass, first_row: int) -> None:
        stats = state.stats
        stats.non_null += first.non_null
        stats.chars += first.chars
        stats.multiword += first.multiword
        candidates = first.candidates
        if candidates.is_empty():
            return
        sizes = stratum_sizes(candidates)
        settled = self._settled_strata(state, sizes)
        for bits in settled:
            self._estimate(state, bits, sizes.pop(bits))
        if sizes:  # strata left to validate (a settled column's later batches have none: no filtering)
            if settled:
                candidates = candidates.filter(~pl.col("bits").is_in(settled))
            self._validate(state, candidates, sizes, first_row)

    def _settled_strata(self, state: _ColumnState, sizes: dict[int, int]) -> list[int]:
        """Return the strata of this batch whose hits can be estimated from the rate already measured.

        Past the validation quota a large stratum would only send a small sample (``tail_quota``) to the
        analyzer, whose hits are an estimate anyway; the rate measured on the earlier batches of the same
        stratum (the same recognizers' prefilters matched) is as good an estimate and costs nothing. A
        new stratum, or a small one (the few notes with an RRN-shaped number), is still validated, as is
        every stratum when the scan records cells or has no quota. ``sizes`` holds the cells of each
        stratum of the batch (summed once per batch: on a million rows, each sum is a pass over the
        batch's distinct values).
        """
        quota = self._quota(state)
        if quota is None or self.options.record_cells or state.validator.validated < quota:
            return []
        return [bits for bits, size in sizes.items() if size > MIN_STRATUM and state.rates.measured(bits)]

    def _quota(self, state: _ColumnState) -> int | None:
        """Return the column's validation quota: ``structured_quota`` for one value per cell, when set.

        One value per cell: the name does not say notes, and most cells hold at most two words or the
        cells are shorter on average than prose (an address line of four words is one value; a ``text``
        column of phone numbers is one, whatever its declared type).
        """
        quota, structured = self.options.validation_quota, self.options.structured_quota
        stats = state.stats
        long_cells = stats.chars >= self.options.decision.free_text_min_chars * stats.non_null
        prose = state.name.free_text or (2 * stats.multiword >= stats.non_null and long_cells)
        if quota is None or structured is None or prose:
            return quota
        return min(quota, structured)

    def _estimate(self, state: _ColumnState, bits: int, size: int) -> None:
        """Add a settled stratum of a batch at its measured rates (its hits stay an estimate)."""
        for entity, (cells, score_sum) in state.rates.estimate(bits, size).items():
            tally = state.stats.tally(entity)
            tally.cells += cells
            tally.score_sum += score_sum

    def _validate(
        self, state: _ColumnState, candidates: pl.DataFrame, sizes: dict[int, int], first_row: int
    ) -> None:
        """Analyse the planned values and count their hits, per stratum too (for later estimates)."""
        quota = None if self.options.record_cells else self._quota(state)  # cells: every one
        if quota is not None:
            quota = max(self.options.tail_quota, quota - state.validator.validated)
        for bits, size in sizes.items():
            state.rates.add_cells(bits, size)
        plan = plan_validation(candidates, quota, self.options.seed + first_row, self.options.record_cells)
        for row in plan.iter_rows(named=True):
            spans = state.validator.spans(row["cell"], row["bits"])
            if spans:
                self._count(state, row, spans)
                if self.options.record_cells:
                    entities = self._hit_entities(spans)
                    for offset in row["row"]:
                        state.cells.setdefault(first_row + offset, set()).update(entities)

    def _hit_entities(self, spans: tuple[Span, ...]) -> set[str]:
        return {s.entity for s in reportable(spans, self.options.decision.min_cell_score)}

    def _count(self, state: _ColumnState, row: dict[str, Any], spans: tuple[Span, ...]) -> None:
        text, occurrences = row["cell"], row["weight"]
        best: dict[str, Span] = {}
        for span in reportable(spans, self.options.decision.min_cell_score):
            if span.entity not in best or span.score > best[span.entity].score:
                best[span.entity] = span
        for entity, span in best.items():
            tally = state.stats.tally(entity)
            tally.cells += occurrences
            tally.score_sum += span.score * occurrences
            state.rates.add_hit(row["bits"], entity, occurrences, span.score)
            if len(tally.evidence) < self.options.max_evidence:
                masked = _mask(entity, text[span.start : span.end])
                if masked not in tally.evidence:
                    tally.evidence.append(masked)

    def result(self) -> list[ColumnResult]:
        """Return the columns where something was found, in column order."""
        self._second_passes()
        results = []
        for name, state in self._columns.items():
            verdict = decide(self.table, name, state.stats, state.name, self.options.decision)
            if verdict.entities:
                results.append(verdict)
        return apply_table_context(results, self._columns, self._rules)

    def name_evidence(self, column: str) -> NameEvidence:
        """Return what the column's name says: the rule that matched, the context sent with its cells."""
        return self._column(column, "").name

    def cell_hits(self, column: str) -> dict[int, frozenset[str]]:
        """Row number -> entities hit in that cell (only with ``record_cells``; row numbers, no values)."""
        self._second_passes()
        state = self._columns.get(column)
        return {} if state is None else {row: frozenset(e) for row, e in state.cells.items()}

    @property
    def cells_analyzed(self) -> int:
        """Distinct candidate values sent to the analyzer so far (how much the first pass saved)."""
        self._second_passes()
        return sum(s.validator.analyzed for s in self._columns.values())


SCAN_STRUCTURED_QUOTA = 100
"""Distinct values a structured column sends to the analyzer before its strata are sampled or estimated.

The same in sample and full mode: past it a full scan estimates a measured stratum at its rate, so a
million-row column costs what its first hundred distinct values cost, plus its new or small strata. On both
bench corpora, streamed at 3,000 rows a table, the verdicts are those of the prose quota (``bench
detectors``: ``scan_quota``).
"""

SCAN_OPTIONS = ClassifyOptions(structured_quota=SCAN_STRUCTURED_QUOTA)
"""What a scan classifies with, sample or full (``flows.steps.scan_table``); see ``structured_quota``."""


def classify_table(
    table: str, columns: Sequence[ColumnLike], data: pa.Table, options: ClassifyOptions | None = None
) -> list[ColumnResult]:
    """Classify the columns of ``table`` from one in-memory sample (``TableScanner`` in one call)."""
    scanner = TableScanner(table, columns, options)
    scanner.feed(data)
    return scanner.result()


def stratum_sizes(candidates: pl.DataFrame) -> dict[int, int]:
    """Return the cells of each stratum (``bits``) among a batch's candidates.

    Summed with numpy, one pass per stratum while there are few (a structured column has one to three):
    on the thread that validates, a polars group-by waits for polars' pool, which the next batch's first
    pass keeps busy (5 ms a column-batch instead of 1; a tenth of a second on a million rows).
    """
    bits, counts = candidates["bits"].to_numpy(), candidates["count"].to_numpy()
    sizes: dict[int, int] = {}
    while len(bits) and len(sizes) < _FEW_STRATA:
        same = bits == bits[0]
        sizes[int(bits[0])] = int(counts[same].sum())
        bits, counts = bits[~same], counts[~same]
    if len(bits):
        values, where = np.unique(bits, return_inverse=True)
        sums = np.bincount(where, weights=counts)
        sizes.update({int(v): int(n) for v, n in zip(values, sums, strict=True)})
    return sizes


_FEW_STRATA = 8


def reportable(spans: tuple[Span, ...], floor: float) -> list[Span]:
    """Keep the spans a cell reports: scored at least ``floor``, and not part of a larger finding.

    One piece of text is one thing. As Presidio's anonymizer resolves conflicts, a span inside a longer
    span is dropped (the district ``서초구`` inside an address is no person's name), and of two spans
    over the same characters the higher score wins (both stay on a tie).
    """
    kept = [s for s in spans if s.score >= floor]
    return [
        s
        for s in kept
        if not any(
            o is not s
            and o.start <= s.start
            and s.end <= o.end
            and (o.end - o.start > s.end - s.start or o.score > s.score)
            for o in kept
        )
    ]


def _mask(entity: str, value: str) -> str:
    from detectors.masking import mask

    return mask(entity, value)


FIRST_PASS_THREADS = 2
"""Columns whose first pass runs at once (the machines this runs on have two cores or more)."""


@lru_cache(maxsize=1)
def _first_pass_pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(FIRST_PASS_THREADS, thread_name_prefix="clinicscan-first-pass")


# A forked child (a process pool's worker) has the pool object but not its threads: it builds its own.
os.register_at_fork(after_in_child=_first_pass_pool.cache_clear)


@lru_cache(maxsize=1)
def _default_analyzer() -> AnalyzerEngine:
    """Return the shared engine, warmed once per process.

    Each recognizer compiles its patterns, and spaCy's tokenizer its rules, on their first text: one short
    value of each kind (0.05 s) pays that here, when the first scanner is built, not in the first table's
    timing and timeout. None of them is a name inside longer text, which would load kiwipiepy's model
    (seconds, and 490 MB) in a scan that may never need it.
    """
    from detectors.analyzer import build_analyzer

    analyzer = build_analyzer()
    for text in _WARM_TEXTS:
        analyzer.analyze(text=text, language=_pick_language(analyzer))
    return analyzer


_WARM_TEXTS = (
    "김민수",
    "010-1234-5678",
    "user@example.co.kr",
    "900101-1234567",
    "서울특별시 강남구 테헤란로 1",
    "쌍꺼풀 수술",
    "2020-03-03 16:15:00",
    "4111-1111-1111-1111",
    "M12345678",
    "192.168.0.1",
    "+1 415 555 0100",
    "Kim Minsu",
    "(06236)",
)
"""Short synthetic values, one of each kind a recognizer reads (none of them anybody's)."""


def warm() -> None:
    """Build and warm the shared engine now (a worker process does so once, before its first table)."""
    _default_analyzer()


def _pick_language(analyzer: AnalyzerEngine) -> str:
    languages = list(analyzer.supported_languages)
    return DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in languages or not languages else languages[0]


@lru_cache(maxsize=8)
def _prefilter_for(analyzer: AnalyzerEngine, language: str) -> Prefilter:
    return Prefilter(filters_from_recognizers(analyzer.get_recognizers(language)))
