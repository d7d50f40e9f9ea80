"""Post-checks run on the finished dataset before anything is written; any failure blocks the write.

1. Our own scanner (``detectors.classify.classify_table``) finds no direct identifier in any output column.
2. The Great Expectations suite (``gx_suite.py``) holds.
3. k, l and t recomputed from the output with a plain pandas groupby meet the targets.
4. No free-text note writes an exact day beside a date column that is generalised (or absent).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from deid.gx_suite import SuiteInputs, run_suite
from deid.redact import KEPT_ENTITIES
from deid.report import ResidualFinding
from deid.textdates import day_mentions

BLOCKING_ENTITIES = frozenset(
    {
        "PERSON",
        "KR_RRN",
        "KR_FRN",
        "KR_PASSPORT",
        "PASSPORT",
        "CN_RIC",
        "KR_DRIVER_LICENSE",
        "PHONE_NUMBER",
        "EMAIL_ADDRESS",
        "ADDRESS",
        "CREDIT_CARD",
        "BANK_ACCOUNT",
        "IP_ADDRESS",
    }
)


@dataclass(frozen=True)
class _Column:
    name: str
    declared_type: str


@dataclass(frozen=True)
class Recomputed:
    """k, l and t measured on the output alone."""

    k: int
    l: int | None  # noqa: E741
    t: float | None


def scan_dataset(
    dataset: pd.DataFrame, analyzer: Any, sample_rows: int
) -> tuple[list[str], list[ResidualFinding]]:
    """Run the scanner over (a sample of) the output: blocking problems, and non-blocking residual findings.

    A finding blocks when the scanner saw a direct identifier in the values. Hints from a column name alone
    (``address`` holding ``서울특별시``) and non-identifying shapes (a pseudonym looks like a hash) are
    residual;
    medical information is the dataset's purpose (protected by l/t) and is not reported.
    """
    from detectors.classify import ClassifyOptions, classify_table

    sample = dataset.sample(n=min(sample_rows, len(dataset)), random_state=0) if len(dataset) else dataset
    table = pa.Table.from_pandas(sample.astype("string"), preserve_index=False)
    columns = [_Column(c, "string") for c in dataset.columns]
    results = classify_table("dataset", columns, table, ClassifyOptions(analyzer=analyzer))
    blocking, residual = [], []
    for col in results:
        for hit in col.entities:
            if hit.entity in BLOCKING_ENTITIES and hit.found_by != "name" and hit.hits > 0:
                blocking.append(
                    f"scanner: column '{col.column}' still holds {hit.entity} "
                    f"({hit.hits} of {len(sample)} sampled rows, e.g. {', '.join(hit.evidence[:2])})"
                )
            elif hit.entity not in KEPT_ENTITIES:
                note = "column name only" if hit.found_by == "name" else "not a direct identifier"
                residual.append(
                    ResidualFinding(
                        column=col.column, entity=hit.entity, hits=hit.hits, found_by=hit.found_by, note=note
                    )
                )
    return blocking, residual


def class_ids_of(dataset: pd.DataFrame, qis: list[str]) -> np.ndarray:
    """Return each output row's equivalence class by pandas groupby on the QI columns."""
    if not qis:
        return np.zeros(len(dataset), dtype=np.int64)
    # each column's labels as integers first (missing is a value of its own), so the group-by stays small
    keys = pd.DataFrame({c: pd.factorize(dataset[c], use_na_sentinel=False)[0] for c in qis})
    return keys.groupby(qis, sort=False).ngroup().to_numpy()


def class_patients(group: np.ndarray, patients: pd.Series) -> pd.Series:
    """Distinct patients in each row's equivalence class."""
    frame = pd.DataFrame({"g": group, "p": patients.to_numpy()})
    return frame.groupby("g", sort=False)["p"].transform("nunique")


def recompute(
    dataset: pd.DataFrame, group: np.ndarray, sensitive: dict[str, pd.Series], patients: pd.Series
) -> Recomputed:
    """Measure k (patients), distinct l and t from the output alone.

    ``sensitive`` maps each sensitive column to its values in the input table: t-closeness compares each
    class with the distribution in the whole table before suppression, as ARX does.
    """
    if dataset.empty:
        return Recomputed(0, None, None)
    k = int(class_patients(group, patients).min())
    if not sensitive:
        return Recomputed(k, None, None)
    l_value, t_value = None, 0.0
    for column, reference in sensitive.items():
        values = dataset[column]
        l_col = int(values.astype("string").fillna("\x00null").groupby(group).nunique().min())
        l_value = l_col if l_value is None else min(l_value, l_col)
        t_value = max(
            t_value, max_emd(group, values, reference, ordinal=reference.attrs.get("ordinal", False))
        )
    return Recomputed(k, l_value, t_value)


def max_emd(group: np.ndarray, values: pd.Series, reference: pd.Series, ordinal: bool) -> float:
    """Compute the largest EMD between a class's distribution of ``values`` and ``reference``'s."""
    categories = pd.Index(pd.unique(reference.dropna()))
    if ordinal:
        categories = categories.sort_values()
    slots = len(categories) + int(reference.isna().any())  # missing, when it occurs, is the last value
    ref_codes = np.where(reference.isna(), slots - 1, categories.get_indexer(reference))
    q = np.bincount(ref_codes, minlength=slots) / max(len(reference), 1)
    codes = np.where(values.isna(), slots - 1, categories.get_indexer(values))
    table = pd.DataFrame({"g": group, "v": codes}).groupby(["g", "v"]).size().unstack(fill_value=0)
    table = table.reindex(columns=range(slots), fill_value=0)
    p = table.to_numpy(dtype=float)
    p /= p.sum(axis=1, keepdims=True)
    if ordinal:
        return float((np.abs(np.cumsum(p - q, axis=1)[:, :-1]).sum(axis=1) / max(slots - 1, 1)).max())
    return float((0.5 * np.abs(p - q).sum(axis=1)).max())


@dataclass(frozen=True)
class PostCheckInput:
    """What the post-checks look at.

    Attributes:
        dataset: the output, exactly as it would be written.
        patients: the patient of each output row (internal codes; never written).
        suite: the Great Expectations suite's inputs (its ``level_patterns`` keys are the QI columns).
        targets: (k, l, t).
        sensitive: sensitive column -> its values in the input table (``attrs["ordinal"]`` for ordinal ones).
        analyzer: the Presidio analyzer for the scanner; None skips the scanner (tests of other parts only).
        scan_rows: rows the scanner samples.
        text_dates: free-text column -> the date quasi-identifier its dates follow (None: no date column).

    """

    dataset: pd.DataFrame
    patients: pd.Series
    suite: SuiteInputs
    targets: tuple[int, int | None, float | None]
    sensitive: dict[str, pd.Series]
    analyzer: Any | None
    scan_rows: int = 2000
    text_dates: dict[str, str | None] = field(default_factory=dict)


def text_date_failures(dataset: pd.DataFrame, text_dates: dict[str, str | None]) -> list[str]:
    """List notes writing an exact day in rows whose date column is not at day level (counts only)."""
    failures = []
    for column, date_column in text_dates.items():
        if date_column is None:
            hidden = np.ones(len(dataset), dtype=bool)
        else:
            day = dataset[date_column].astype("string").str.fullmatch(r"\d{4}-\d{2}-\d{2}")
            hidden = ~day.fillna(False).to_numpy(dtype=bool)
        notes = pd.Series(dataset[column][hidden].dropna().unique())
        leaking = int(notes.map(lambda text: bool(day_mentions(str(text)))).sum())
        if leaking:
            beside = f"a generalised '{date_column}'" if date_column else "no date quasi-identifier"
            failures.append(
                f"free text: {leaking} distinct notes in '{column}' write an exact day beside {beside}"
            )
    return failures


def run_post_checks(inp: PostCheckInput) -> tuple[list[str], list[ResidualFinding], Recomputed]:
    """All four checks: (failures, residual findings, recomputed k/l/t)."""
    failures: list[str] = []
    residual: list[ResidualFinding] = []
    if inp.analyzer is not None:
        blocking, residual = scan_dataset(inp.dataset, inp.analyzer, inp.scan_rows)
        failures += blocking
    group = class_ids_of(inp.dataset, list(inp.suite.level_patterns))
    per_class = pd.DataFrame({"g": group, "p": inp.patients.to_numpy()}).groupby("g")["p"].nunique()
    failures += run_suite(inp.dataset, per_class, inp.suite)
    failures += text_date_failures(inp.dataset, inp.text_dates)
    got = recompute(inp.dataset, group, inp.sensitive, inp.patients)
    k, l_target, t_target = inp.targets
    if len(inp.dataset) and got.k < k:
        failures.append(f"recomputed k is {got.k}, below the target {k}")
    if l_target is not None and got.l is not None and got.l < l_target:
        failures.append(f"recomputed l is {got.l}, below the target {l_target}")
    if t_target is not None and got.t is not None and got.t > t_target + 1e-9:
        failures.append(f"recomputed t is {got.t:.4f}, above the target {t_target}")
    return failures, residual, got
