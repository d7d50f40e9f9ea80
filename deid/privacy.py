"""Check one generalization (a lattice node) against k-anonymity, distinct l-diversity and t-closeness.

Everything is integer arithmetic on the codes the encoder made: a node's rows are grouped by a mixed-radix key
of their level codes, then counted with ``np.bincount`` (or a hash factorization when the key space is large).
k is counted in distinct patients, not rows: a patient with five visits in a class is one person, so an
equivalence class must hold k different patients. Classes that fail a model are suppressed (their rows
removed) as long as the suppressed rows stay within the limit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from deid.codes import factorize
from deid.encode import EncodedQI

_DIRECT_BINCOUNT_LIMIT = 1 << 24


@dataclass(frozen=True)
class SensitiveCodes:
    """A sensitive attribute: a code per row (missing is a value of its own) and its global distribution."""

    column: str
    codes: np.ndarray
    n_values: int
    ordinal: bool
    global_freq: np.ndarray

    @classmethod
    def from_series(cls, column: str, values: pd.Series, ordinal: bool) -> SensitiveCodes:
        """Code a column; ordinal values are ranked in their natural sort order."""
        codes, uniques = pd.factorize(values, sort=ordinal, use_na_sentinel=True)
        n = len(uniques) + int((codes < 0).any())  # missing is a value (the last one) only when it occurs
        codes = np.where(codes < 0, n - 1, codes).astype(np.int32)
        freq = np.bincount(codes, minlength=n) / max(len(codes), 1)
        return cls(column, codes, n, ordinal, freq)


@dataclass(frozen=True)
class Targets:
    """What a node must satisfy: k (patients per class), l, t, and the most rows that may be suppressed."""

    k: int
    l: int | None  # noqa: E741
    t: float | None
    max_suppressed_rows: int


@dataclass
class SearchData:
    """Everything the search needs, coded: quasi-identifiers, patients and sensitive attributes.

    ``multi_rows`` are the rows of patients with more than one row and ``multi_patients`` their patient codes;
    a class's patient count is its single-row patients plus the distinct patients among these.
    """

    qis: list[EncodedQI]
    sensitive: list[SensitiveCodes]
    n_rows: int
    multi_rows: np.ndarray | None
    multi_patients: np.ndarray | None
    n_patients: int

    @classmethod
    def build(
        cls, qis: list[EncodedQI], sensitive: list[SensitiveCodes], patients: pd.Series | None
    ) -> SearchData:
        """Assemble the search input; ``patients`` None means every row is a different person."""
        n = len(qis[0].codes[0])
        if patients is None:
            return cls(qis, sensitive, n, None, None, n)
        codes = patient_codes(patients)
        counts = np.bincount(codes)
        multi = np.flatnonzero(counts[codes] > 1)
        if len(multi) == 0:
            return cls(qis, sensitive, n, None, None, int(codes.max(initial=-1) + 1))
        return cls(qis, sensitive, n, multi, codes[multi].astype(np.int64), int(codes.max() + 1))


def patient_codes(patients: pd.Series) -> np.ndarray:
    """Return a dense integer per patient; a row without a patient key counts as a patient of its own."""
    codes, uniques = factorize(patients)
    return np.where(codes < 0, len(uniques) + np.arange(len(codes)), codes).astype(np.int64)


@dataclass(frozen=True)
class Classes:
    """The equivalence classes of a node and how each fares.

    Attributes:
        ids: the class of each row.
        rows: rows per class.
        patients: distinct patients per class.
        failing: classes suppressed because they break a model.
        failing_kl: classes breaking k or l only (the monotone part, used for pruning).
        l_values: per sensitive attribute, distinct values per class (None without l or t).
        t_values: per sensitive attribute, the EMD of each class to the whole table (None without t).

    """

    ids: np.ndarray
    rows: np.ndarray
    patients: np.ndarray
    failing: np.ndarray
    failing_kl: np.ndarray
    l_values: list[np.ndarray] | None
    t_values: list[np.ndarray] | None


def class_ids(qis: list[EncodedQI], node: tuple[int, ...]) -> tuple[np.ndarray, int]:
    """Dense class ids of the rows at a node, and how many classes there are."""
    n = len(qis[0].codes[0])
    key: np.ndarray | None = None
    size = 1
    for qi, level in zip(qis, node, strict=True):
        domain = qi.domain(level)
        if domain == 1:
            continue
        codes = qi.codes[level]
        if key is None:
            key, size = codes.astype(np.int64), domain
            continue
        if size * domain >= 1 << 62:
            dense, uniques = pd.factorize(key)
            key, size = dense.astype(np.int64), len(uniques)
        key = key * domain + codes
        size *= domain
    if key is None:
        return np.zeros(n, dtype=np.int64), 1
    if size <= max(_DIRECT_BINCOUNT_LIMIT, 4 * n):
        present = np.bincount(key, minlength=size) > 0
        remap = np.cumsum(present) - 1
        return remap[key], int(present.sum())
    dense, uniques = pd.factorize(key)
    return dense.astype(np.int64), len(uniques)


def distinct_per_class(ids: np.ndarray, values: np.ndarray, n_values: int, n_classes: int) -> np.ndarray:
    """How many distinct ``values`` each class holds among the given rows."""
    if len(ids) == 0:
        return np.zeros(n_classes, dtype=np.int64)
    pairs = pd.unique(ids * n_values + values)
    return np.bincount(pairs // n_values, minlength=n_classes)


def patients_per_class(data: SearchData, ids: np.ndarray, rows: np.ndarray, need: np.ndarray) -> np.ndarray:
    """Return distinct patients per class, exact for the classes flagged in ``need``, else the row count."""
    if data.multi_rows is None or data.multi_patients is None:
        return rows
    multi_ids = ids[data.multi_rows]
    multi_rows_per_class = np.bincount(multi_ids, minlength=len(rows))
    keep = need[multi_ids]
    distinct = distinct_per_class(multi_ids[keep], data.multi_patients[keep], data.n_patients, len(rows))
    exact = rows - multi_rows_per_class + distinct
    return np.where(need, exact, rows)


def emd(sens: SensitiveCodes, ids: np.ndarray, rows: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Return the earth mover's distance of each class to the global distribution (NaN outside ``mask``).

    Categorical: half the L1 distance. Ordinal: the mean absolute cumulative difference (Li et al., 2007).
    """
    n_classes, n_values = len(rows), sens.n_values
    out = np.full(n_classes, np.nan)
    sel = mask[ids]
    cls_ids, values = ids[sel], sens.codes[sel]
    q = sens.global_freq
    if not sens.ordinal:
        pair_counts = pd.Series(cls_ids * n_values + values).value_counts(sort=False)
        keys = pair_counts.index.to_numpy()
        c, v = keys // n_values, keys % n_values
        p = pair_counts.to_numpy() / rows[c]
        adj = np.bincount(c, weights=np.abs(p - q[v]) - q[v], minlength=n_classes)
        out[mask] = 0.5 * (1.0 + adj[mask])
        return out
    chosen = np.flatnonzero(mask)
    local = np.full(n_classes, -1)
    local[chosen] = np.arange(len(chosen))
    step = max(1, 2_000_000 // max(n_values, 1))
    for start in range(0, len(chosen), step):
        block = chosen[start : start + step]
        in_block = np.isin(cls_ids, block)
        hist = np.bincount(
            (local[cls_ids[in_block]] - start) * n_values + values[in_block], minlength=len(block) * n_values
        ).reshape(len(block), n_values)
        p = hist / rows[block][:, None]
        cum = np.cumsum(p - q[None, :], axis=1)[:, :-1]
        out[block] = np.abs(cum).sum(axis=1) / max(n_values - 1, 1)
    return out


def classify(data: SearchData, node: tuple[int, ...], targets: Targets, exact: bool = True) -> Classes:
    """Group the rows at ``node`` and decide which classes break k, l or t.

    With ``exact=False`` it stops as soon as the suppression limit is certainly exceeded (the returned classes
    then under-count failures, which is enough to reject the node): most nodes a search checks fail.
    """
    ids, n_classes = class_ids(data.qis, node)
    rows = np.bincount(ids, minlength=n_classes)
    failing = rows < targets.k
    if not exact and int(rows[failing].sum()) > targets.max_suppressed_rows:
        return Classes(ids, rows, rows, failing, failing, None, None)
    patients = patients_per_class(data, ids, rows, need=~failing)
    failing = patients < targets.k
    if not exact and int(rows[failing].sum()) > targets.max_suppressed_rows:
        return Classes(ids, rows, patients, failing, failing, None, None)
    l_values: list[np.ndarray] | None = None
    t_values: list[np.ndarray] | None = None
    if targets.l is not None or targets.t is not None:
        l_values = []
        alive = ~failing
        keep = alive[ids]
        for sens in data.sensitive:
            distinct = distinct_per_class(ids[keep], sens.codes[keep], sens.n_values, n_classes)
            l_values.append(distinct)
            if targets.l is not None:
                failing = failing | (alive & (distinct < targets.l))
    failing_kl = failing.copy()
    if targets.t is not None:
        t_values = []
        for sens in data.sensitive:
            distance = emd(sens, ids, rows, ~failing_kl)
            t_values.append(distance)
            failing = failing | (~failing_kl & (distance > targets.t + 1e-12))
    return Classes(ids, rows, patients, failing, failing_kl, l_values, t_values)
