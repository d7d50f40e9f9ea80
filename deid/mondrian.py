"""Multidimensional partitioning along the hierarchies (Mondrian-style top-down specialization).

Every row starts at the top (``*``) of every hierarchy in one partition. Each round, every partition that can
still be refined picks the quasi-identifier whose next level down gains the most information, and is split
into the children labels of that level. Children that meet k (in patients), l and t become partitions of their
own; the rows of children that do not are kept together one level up (a residual partition) when that group
meets the models; otherwise the partition does not split on
that attribute and tries another. A split is made only when every row stays in a class that meets
the models, so no row is suppressed during refinement (measured on the benchmark, suppressing residual rows to
allow more splits lost more information than it saved); rows are suppressed only when a ``max_level`` below
``*`` leaves classes that break the models from the start, within ``max_suppression``. All partitions of a
round are processed together with numpy and pandas group-bys, so the cost is a few passes over the rows per
round.

Unlike the lattice search (one level for the whole column), each class gets its own level: big groups keep
days and 시/군/구 while rare ones are coarsened, which loses far less information (see bench/bench_deid.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from deid.errors import PrivacyNotReachedError
from deid.privacy import Classes, SearchData, Targets, class_ids, distinct_per_class, emd, patients_per_class
from deid.search import SearchResult, total_weight


@dataclass
class _State:
    part: np.ndarray  # partition of each row (-1: suppressed)
    level: np.ndarray  # (partitions, QIs) current level
    tried: np.ndarray  # (partitions, QIs) attribute that could not be split further


def _valid(
    data: SearchData, ids: np.ndarray, n_groups: int, considered: np.ndarray, targets: Targets
) -> np.ndarray:
    """Which of ``n_groups`` groups (rows ``considered``, ids over all rows) meet k, l and t."""
    dummy = n_groups
    full = np.where(considered, ids, dummy)
    rows = np.bincount(full, minlength=n_groups + 1)
    ok = rows >= targets.k
    ok[dummy] = False
    patients = patients_per_class(data, full, rows, need=ok)
    ok &= patients >= targets.k
    if targets.l is not None:
        keep = ok[full]
        for sens in data.sensitive:
            ok &= distinct_per_class(full[keep], sens.codes[keep], sens.n_values, n_groups + 1) >= targets.l
    if targets.t is not None:
        for sens in data.sensitive:
            distance = emd(sens, full, np.maximum(rows, 1), ok)
            ok &= ~(distance > targets.t + 1e-12)
    return ok[:n_groups]


def _gains(data: SearchData) -> list[np.ndarray]:
    """Per QI and level L, the weighted mean loss saved by going from L to L-1 (-inf where not allowed)."""
    gains = []
    n = max(data.n_rows, 1) * total_weight(data)
    for q in data.qis:
        means = np.array([q.weight * q.row_loss_sum(lv) / n for lv in range(len(q.level_names))])
        g = np.full(len(means), -np.inf)
        for lv in range(q.min_level + 1, q.max_level + 1):
            g[lv] = means[lv] - means[lv - 1] + 1e-9
        gains.append(g)
    return gains


def _child_codes(data: SearchData, st: _State, rows: np.ndarray, choice: np.ndarray) -> np.ndarray:
    """For each of ``rows``, its code one level below its partition's current level of the chosen QI."""
    out = np.empty(len(rows), dtype=np.int64)
    parts = st.part[rows]
    chosen = choice[parts]
    for qi_index, qi in enumerate(data.qis):
        sel = chosen == qi_index
        if not sel.any():
            continue
        levels = st.level[parts[sel], qi_index] - 1
        sub = rows[sel]
        values = np.empty(len(sub), dtype=np.int64)
        for lv in np.unique(levels):
            at = levels == lv
            values[at] = qi.codes[lv][sub[at]]
        out[sel] = values
    return out


def _round(data: SearchData, st: _State, targets: Targets, gains: list[np.ndarray]) -> bool:
    """One round of splits; False when no partition can be refined any more."""
    n_parts, n_qis = st.level.shape
    scores = np.full((n_parts, n_qis), -np.inf)
    for j in range(n_qis):
        scores[:, j] = np.where(st.tried[:, j], -np.inf, gains[j][st.level[:, j]])
    choice = scores.argmax(axis=1)
    active = np.isfinite(scores[np.arange(n_parts), choice])
    if not active.any():
        return False
    rows = np.flatnonzero((st.part >= 0) & active[np.maximum(st.part, 0)])
    child = _child_codes(data, st, rows, choice)
    width = int(child.max(initial=0)) + 1
    groups, uniques = pd.factorize(st.part[rows].astype(np.int64) * width + child)
    n_groups = len(uniques)
    group_part = (np.asarray(uniques) // width).astype(np.int64)
    ids = np.zeros(data.n_rows, dtype=np.int64)
    ids[rows] = groups
    considered = np.zeros(data.n_rows, dtype=bool)
    considered[rows] = True
    valid = _valid(data, ids, n_groups, considered, targets)

    valid_children = np.bincount(group_part[valid], minlength=n_parts)
    in_residual = ~valid[groups]
    residual_rows = np.bincount(st.part[rows][in_residual], minlength=n_parts)
    residual_ids = np.zeros(data.n_rows, dtype=np.int64)
    residual_ids[rows[in_residual]] = st.part[rows][in_residual]
    residual_considered = np.zeros(data.n_rows, dtype=bool)
    residual_considered[rows[in_residual]] = True
    residual_ok = _valid(data, residual_ids, n_parts, residual_considered, targets) & (residual_rows > 0)

    split = active & (valid_children >= 1) & ((residual_rows == 0) | residual_ok)

    st.tried[np.flatnonzero(active & ~split), choice[active & ~split]] = True
    if not split.any():
        return True
    row_split = split[st.part[rows]]
    # new partition ids: valid child groups of split partitions, then residual groups of split partitions
    new_child = valid & split[group_part]
    child_new_id = np.full(n_groups, -1, dtype=np.int64)
    child_new_id[new_child] = n_parts + np.arange(int(new_child.sum()))
    keeps_residual = split & residual_ok
    residual_new_id = np.full(n_parts, -1, dtype=np.int64)
    residual_new_id[keeps_residual] = n_parts + int(new_child.sum()) + np.arange(int(keeps_residual.sum()))

    moved = rows[row_split]
    moved_groups = groups[row_split]
    target = np.where(valid[moved_groups], child_new_id[moved_groups], residual_new_id[st.part[moved]])
    parents_of_children = group_part[new_child]
    parents_of_residuals = np.flatnonzero(keeps_residual)
    child_levels = st.level[parents_of_children].copy()
    child_levels[np.arange(len(child_levels)), choice[parents_of_children]] -= 1
    residual_tried = st.tried[parents_of_residuals].copy()
    residual_tried[np.arange(len(residual_tried)), choice[parents_of_residuals]] = True
    st.part[moved] = target
    st.level = np.concatenate([st.level, child_levels, st.level[parents_of_residuals]])
    st.tried = np.concatenate([st.tried, np.zeros_like(child_levels, dtype=bool), residual_tried])
    st.tried[np.flatnonzero(split)] = True  # emptied parents never run again
    return True


def _start(data: SearchData, targets: Targets) -> _State:
    """Return the first partitions: the classes at every QI's highest allowed level.

    That is one partition for the whole table unless a ``max_level`` stops below ``*``. Classes that already
    break the models there are suppressed while that stays within the suppression limit.
    """
    top = tuple(q.max_level for q in data.qis)
    ids, n_classes = class_ids(data.qis, top)
    valid = _valid(data, ids, n_classes, np.ones(data.n_rows, dtype=bool), targets)
    bad_rows = int((~valid[ids]).sum())
    if bad_rows > targets.max_suppressed_rows or not valid.any():
        raise PrivacyNotReachedError(
            f"no generalization meets k={targets.k}"
            + (f", l={targets.l}" if targets.l else "")
            + (f", t={targets.t}" if targets.t else "")
            + f": even at the highest allowed levels {bad_rows} rows break it "
            f"(at most {targets.max_suppressed_rows} may be suppressed); "
            "lower k/l, raise t, max_level or max_suppression, or give more rows"
        )
    new_id = np.full(n_classes, -1, dtype=np.int64)
    new_id[valid] = np.arange(int(valid.sum()))
    n_parts = int(valid.sum())
    level = np.tile(np.array(top, dtype=np.int16), (n_parts, 1))
    return _State(new_id[ids], level, np.zeros(level.shape, dtype=bool))


def partition(data: SearchData, targets: Targets) -> SearchResult:
    """Refine every partition as far as the privacy models allow.

    Raises:
        PrivacyNotReachedError: even at the highest allowed levels more rows break the targets than may be
            suppressed.

    """
    started = time.perf_counter()
    st = _start(data, targets)
    gains = _gains(data)
    rounds = 0
    while _round(data, st, targets, gains):
        rounds += 1
    return _result(data, st, targets, rounds, time.perf_counter() - started)


def _result(data: SearchData, st: _State, targets: Targets, rounds: int, seconds: float) -> SearchResult:
    suppressed = st.part < 0
    used, dense = np.unique(np.where(suppressed, -1, st.part), return_inverse=True)
    n_classes = len(used)
    ids = dense.astype(np.int64)
    rows = np.bincount(ids, minlength=n_classes)
    failing = used < 0
    patients = patients_per_class(data, ids, rows, need=~failing)
    classes = Classes(ids, rows, patients, failing, failing.copy(), None, None)
    safe_part = np.maximum(st.part, 0)
    row_levels = tuple(st.level[safe_part, j].astype(np.int16) for j in range(len(data.qis)))
    loss = 0.0
    for qi, levels in zip(data.qis, row_levels, strict=True):
        for lv in np.unique(levels):
            at = (levels == lv) & ~suppressed
            loss += qi.weight * float(qi.loss[lv][qi.codes[lv][at]].sum())
    n_supp = int(suppressed.sum())
    loss += n_supp * total_weight(data)
    node = tuple(int(levels[~suppressed].max(initial=0)) for levels in row_levels)
    return SearchResult(
        node,
        classes,
        n_supp,
        loss / max(data.n_rows * total_weight(data), 1),
        len(st.level),
        rounds,
        seconds,
        method="mondrian",
        row_levels=row_levels,
    )
