"""De-identify one table: derive, pseudonymize, search, generalize, suppress, redact, then prove it.

``deidentify`` returns a ``DeidResult`` only when every post-check passed; ``output.write_outputs`` then
writes it. Nothing here touches the disk or Prefect, so the flow, the CLI and the tests call the same
function.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from deid.encode import EncodedQI
from deid.errors import PostCheckError, PrivacyNotReachedError
from deid.gx_suite import SuiteInputs
from deid.hierarchies.base import HierarchyOptions, PrepareContext
from deid.hierarchies.dates import shift_dates
from deid.keys import resolve_key
from deid.metrics import achieved
from deid.mondrian import partition
from deid.postcheck import PostCheckInput, run_post_checks
from deid.prepare import check_columns, encode_quasi_identifiers, encode_sensitive, patient_series, underived
from deid.privacy import SearchData, Targets, patient_codes
from deid.pseudonym import pseudonymize
from deid.record import build_record
from deid.redact import default_analyzer, redact_texts
from deid.report import DeidReport, ProcessingRecord
from deid.search import SearchResult, search
from deid.spec import DeidSpec
from deid.summary import ReportInput, build_report, level_patterns, level_shares
from deid.textqi import consistent_texts, first_qi_of, row_levels


@dataclass(frozen=True)
class RunOptions:
    """How to run, beyond the spec.

    Attributes:
        key: the secret key as bytes (e.g. from a Prefect Secret block); None reads ``pseudonym.key_env``.
        analyzer: the Presidio analyzer for redaction and the scanner post-check; None builds ours.
        scan_output: run the scanner post-check (the GX suite and the k/l/t recomputation always run).
        origin: how messages name the spec (its path).
        now: the time recorded as when the dataset was made; None is the current time.

    """

    key: bytes | None = None
    analyzer: Any | None = None
    scan_output: bool = True
    origin: str = "deid.yaml"
    now: datetime | None = None


@dataclass
class DeidResult:
    """A de-identified dataset that passed its post-checks, with everything the outputs report."""

    spec: DeidSpec
    dataset: pd.DataFrame
    report: DeidReport
    record: ProcessingRecord
    class_sizes: np.ndarray
    search: SearchResult
    level_shares: dict[str, dict[str, float]]
    timings: dict[str, float] = field(default_factory=dict)
    post_checks_passed: bool = False


def deidentify(spec: DeidSpec, frame: pd.DataFrame, options: RunOptions | None = None) -> DeidResult:
    """Make the research dataset ``spec`` describes from ``frame`` and prove it.

    Raises:
        DeidSpecError: the spec does not fit the table.
        DeidKeyError: a key is needed and missing.
        PrivacyNotReachedError: no allowed generalization meets the targets.
        PostCheckError: the finished dataset failed a post-check (nothing may be written).

    """
    opts = options or RunOptions()
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    check_columns(spec, list(frame.columns), opts.origin)
    if not frame.index.equals(pd.RangeIndex(len(frame))):
        frame = frame.reset_index(drop=True)  # positions and labels must agree; a copy only when they do not
    key = resolve_key(spec.pseudonym.key_env, opts.key, opts.origin) if spec.needs_key else None
    qis = encode_quasi_identifiers(spec, frame, key)
    not_derived = underived(spec, frame, qis, opts.origin)
    patients = patient_series(spec, frame)
    data = SearchData.build(qis, encode_sensitive(spec, frame), patients)
    targets = Targets(
        spec.privacy.k,
        spec.privacy.l,
        spec.privacy.t,
        int(np.floor(spec.privacy.max_suppression * len(frame))),
    )
    timings["prepare"] = time.perf_counter() - clock
    result = anonymize(data, targets, spec.privacy.method)
    timings["search"] = result.seconds
    clock = time.perf_counter()
    got = achieved(data, result.classes, spec.privacy.risk_threshold)
    needs_analyzer = bool(spec.by_role("free_text")) or opts.scan_output
    analyzer = (opts.analyzer or default_analyzer()) if needs_analyzer else None
    dataset, text_counts = build_dataset(spec, frame, qis, result, got.kept_rows, key, analyzer)
    timings["build"] = time.perf_counter() - clock
    clock = time.perf_counter()
    kept_patients = (
        pd.Series(patient_codes(patients)[got.kept_rows])
        if patients is not None
        else pd.Series(np.arange(len(got.kept_rows)))
    )
    failures, residual, _ = run_post_checks(
        PostCheckInput(
            dataset=dataset,
            patients=kept_patients,
            suite=SuiteInputs(
                columns=list(dataset.columns),
                pseudonym_columns=spec.by_role("linkage_key"),
                pseudonym_length=spec.pseudonym.length,
                level_patterns=level_patterns(qis, result, got.kept_rows),
                k=spec.privacy.k,
            ),
            targets=(spec.privacy.k, spec.privacy.l, spec.privacy.t),
            sensitive=sensitive_reference(spec, frame),
            analyzer=analyzer if opts.scan_output else None,
            scan_rows=spec.post_checks.scan_values,
            text_dates={name: first_qi_of(spec, "date") for name in spec.by_role("free_text")},
        )
    )
    timings["post_checks"] = time.perf_counter() - clock
    if failures:
        raise PostCheckError(failures)
    report = build_report(
        ReportInput(spec, data, result, got, len(frame), residual, text_counts, not_derived)
    )
    now = opts.now or datetime.now(UTC)
    record = build_record(spec, report, now, opts.key is not None, result.method)
    return DeidResult(
        spec,
        dataset,
        report,
        record,
        got.class_sizes,
        result,
        level_shares(qis, result, got.kept_rows),
        timings,
        post_checks_passed=True,
    )


def anonymize(data: SearchData, targets: Targets, method: str) -> SearchResult:
    """Run the chosen method; ``auto`` runs both and keeps the lower loss (then the fewer suppressed rows)."""
    if method == "lattice":
        return search(data, targets)
    if method == "mondrian":
        return partition(data, targets)
    results, errors = [], []
    for run in (partition, search):
        try:
            results.append(run(data, targets))
        except PrivacyNotReachedError as exc:
            errors.append(exc)
    if not results:
        raise errors[0]
    best = min(results, key=lambda r: (r.information_loss, r.suppressed_rows))
    return replace(best, seconds=sum(r.seconds for r in results))


def sensitive_reference(spec: DeidSpec, frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Each sensitive column's input values, flagged ordinal or not, for the t-closeness recomputation."""
    out = {}
    for name in spec.sensitive_attributes:
        values = frame[spec.input_of(name)].copy()
        values.attrs["ordinal"] = spec.columns[name].distance == "ordinal"
        out[name] = values
    return out


def build_dataset(
    spec: DeidSpec,
    frame: pd.DataFrame,
    qis: list[EncodedQI],
    result: SearchResult,
    kept: np.ndarray,
    key: bytes | None,
    analyzer: Any | None,
) -> tuple[pd.DataFrame, dict[str, dict[str, int]]]:
    """Return the output table (kept rows only, columns in spec order, each transformed by its role).

    Also returns, per free-text column, how many dates, ages and regions were rewritten at their
    quasi-identifier's level before redaction.
    """
    needed = {
        spec.input_of(n)
        for n, c in spec.columns.items()
        if c.role not in ("direct_identifier", "quasi_identifier")
    }
    if spec.patient_key:
        needed.add(spec.patient_key)
    date_qi = first_qi_of(spec, "date")
    if date_qi is not None and spec.by_role("free_text"):
        needed.add(spec.input_of(date_qi))
    rows = frame[[c for c in frame.columns if c in needed]].iloc[kept].reset_index(drop=True)
    by_name = {q.column: (i, q) for i, q in enumerate(qis)}
    patients = patient_series(spec, rows)
    out: dict[str, pd.Series] = {}
    text_counts: dict[str, dict[str, int]] = {}
    for name, col in spec.columns.items():
        source = spec.input_of(name)
        if col.role == "direct_identifier":
            continue
        if col.role == "linkage_key":
            assert key is not None
            out[name] = pseudonymize(rows[source], key, spec.pseudonym.length, spec.pseudonym.namespace)
        elif col.role == "quasi_identifier":
            index, qi = by_name[name]
            out[name] = qi.values_at(result.levels_of(index, kept), kept)
        elif col.role == "free_text":
            levels = row_levels(spec, qis, lambda i: result.levels_of(i, kept), rows, key)
            consistent, text_counts[name] = consistent_texts(rows[source], levels)
            out[name] = redact_texts(consistent, analyzer, col.entities)
        elif col.shift_days:
            ctx = PrepareContext(
                frame=rows,
                source=source,
                output=name,
                options=HierarchyOptions(),
                reference_date=spec.processing_period.start,
                key=key,
                patients=patients,
                shift_days=col.shift_days,
            )
            out[name] = shift_dates(pd.to_datetime(rows[source], errors="coerce"), ctx)
        else:
            out[name] = rows[source]
    dataset = pd.DataFrame({name: series.reset_index(drop=True) for name, series in out.items()})
    return dataset, text_counts
