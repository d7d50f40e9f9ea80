"""Find the generalization with the least information loss that meets the privacy targets.

A full-domain generalization lattice search in the spirit of ARX's Flash: every node is one level per
quasi-identifier. Three facts keep the number of nodes actually checked small:

* k-anonymity and distinct l-diversity with record suppression are monotone: if a node breaks them beyond the
  suppression limit, every less generalized node does too (tagged without checking), and if it meets them,
  every more generalized node does too (predictive tagging).
* Information loss without suppression is a lower bound of the real loss and is known for every node without
  touching the data (per-level sums precomputed by the encoder); nodes whose bound is not below the best loss
  found so far are never checked (branch and bound), so the result is optimal for the loss metric.
* Paths are walked from cheap nodes upwards and bisected, as Flash does, so one check decides many nodes.

t-closeness is not monotone under suppression, so with ``t`` set only the k/l part prunes.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

import numpy as np

from deid.errors import PrivacyNotReachedError
from deid.privacy import Classes, SearchData, Targets, classify

_UNKNOWN, _ANON_TAGGED, _DONE, _FAILED = 0, 1, 2, -1


@dataclass(frozen=True)
class SearchResult:
    """The chosen generalization and how the search went (both methods return one).

    Attributes:
        node: the level index per quasi-identifier (``mondrian``: the coarsest level any row got).
        classes: the equivalence classes (suppressed rows are in failing classes).
        suppressed_rows: rows removed because their class breaks a model.
        information_loss: weighted mean loss per quasi-identifier cell in [0, 1] (suppressed cells count 1;
            each column weighs its ``weight``).
        nodes_total: ``lattice``: nodes in the lattice; ``mondrian``: partitions made.
        nodes_checked: ``lattice``: nodes whose classes were computed; ``mondrian``: rounds.
        seconds: time spent searching.
        method: ``lattice`` (one level per column) or ``mondrian`` (a level per row and column).
        row_levels: ``mondrian`` only: per quasi-identifier, the level of each row.

    """

    node: tuple[int, ...]
    classes: Classes
    suppressed_rows: int
    information_loss: float
    nodes_total: int
    nodes_checked: int
    seconds: float
    method: str = "lattice"
    row_levels: tuple[np.ndarray, ...] | None = None

    def levels_of(self, qi_index: int, rows: np.ndarray) -> np.ndarray:
        """Return the level of quasi-identifier ``qi_index`` for the given rows."""
        if self.row_levels is None:
            return np.full(len(rows), self.node[qi_index], dtype=np.int16)
        return self.row_levels[qi_index][rows]


def total_weight(data: SearchData) -> float:
    """Sum of the quasi-identifiers' weights: a suppressed row loses this much, a cell at most its weight."""
    return float(sum(q.weight for q in data.qis))


class _Lattice:
    """Node bookkeeping: statuses, bounds, and the best node so far."""

    def __init__(self, data: SearchData, targets: Targets) -> None:
        self.data, self.targets = data, targets
        ranges = [range(q.min_level, q.max_level + 1) for q in data.qis]
        self.grid = np.array(list(itertools.product(*ranges)), dtype=np.int16)
        self.level_sums = [
            q.weight * np.array([q.row_loss_sum(lv) for lv in range(len(q.level_names))]) for q in data.qis
        ]
        self.cells = data.n_rows * total_weight(data)
        gen = np.zeros(len(self.grid))
        for j, sums in enumerate(self.level_sums):
            gen += sums[self.grid[:, j]]
        self.bound = gen / max(self.cells, 1)
        self.height = self.grid.sum(axis=1)
        self.status = np.zeros(len(self.grid), dtype=np.int8)
        self.supp_bound = np.full(len(self.grid), np.iinfo(np.int64).max)
        self.loss = np.full(len(self.grid), np.inf)
        self.monotone = targets.t is None
        self.best: tuple[float, int, int] | None = None  # (loss, suppressed, index)
        self.best_classes: Classes | None = None
        self.checked = 0
        self.index = {tuple(int(x) for x in row): i for i, row in enumerate(self.grid)}

    def best_loss(self) -> float:
        return self.best[0] if self.best else np.inf

    def _offer(self, i: int, loss: float, suppressed: int, classes: Classes | None) -> None:
        self.loss[i] = loss
        self.status[i] = _DONE
        if self.best is None or (loss, suppressed, self.height[i]) < (
            self.best[0],
            self.best[1],
            self.height[self.best[2]],
        ):
            self.best = (loss, suppressed, i)
            self.best_classes = classes

    def check(self, i: int) -> bool:
        """Compute node i's classes; tag what follows from the result; True when it meets the targets."""
        if self.status[i] == _ANON_TAGGED and self.supp_bound[i] == 0:
            self._offer(i, float(self.bound[i]), 0, None)  # no suppression possible: loss is the bound
            return True
        node = tuple(int(x) for x in self.grid[i])
        classes = classify(self.data, node, self.targets, exact=False)
        self.checked += 1
        supp_kl = int(classes.rows[classes.failing_kl].sum())
        suppressed = int(classes.rows[classes.failing].sum())
        limit = self.targets.max_suppressed_rows
        if supp_kl > limit:
            below = np.all(self.grid <= self.grid[i], axis=1)
            self.status[below] = _FAILED
            return False
        if suppressed > limit:
            self.status[i] = _FAILED
            return False
        loss = self._loss(node, classes, suppressed)
        self._offer(i, loss, suppressed, classes)
        if self.monotone:
            above = np.all(self.grid >= self.grid[i], axis=1)
            self.supp_bound[above] = np.minimum(self.supp_bound[above], suppressed)
            self.status[above & (self.status == _UNKNOWN)] = _ANON_TAGGED
        return True

    def _loss(self, node: tuple[int, ...], classes: Classes, suppressed: int) -> float:
        total = sum(float(sums[lv]) for sums, lv in zip(self.level_sums, node, strict=True))
        if suppressed:
            rows = np.flatnonzero(classes.failing[classes.ids])
            for qi, lv in zip(self.data.qis, node, strict=True):
                total -= qi.weight * float(qi.loss[lv][qi.codes[lv][rows]].sum())
            total += suppressed * total_weight(self.data)
        return total / max(self.cells, 1)

    def open_nodes(self) -> np.ndarray:
        return np.flatnonzero(
            ((self.status == _UNKNOWN) | (self.status == _ANON_TAGGED))
            & (self.bound < self.best_loss() - 1e-12)
        )

    def path_from(self, start: int, is_open: np.ndarray) -> list[int]:
        """Return a greedy path up from ``start`` through open nodes, always to the cheapest successor."""
        path = [start]
        current = self.grid[start].astype(int)
        while True:
            successors = []
            for j in range(len(current)):
                nxt = current.copy()
                nxt[j] += 1
                i = self.index.get(tuple(int(x) for x in nxt))
                if i is not None and is_open[i]:
                    successors.append(i)
            if not successors:
                return path
            best = min(successors, key=lambda s: (self.bound[s], self.height[s]))
            path.append(best)
            current = self.grid[best].astype(int)


def search(data: SearchData, targets: Targets) -> SearchResult:
    """Return the least-loss node meeting ``targets``.

    Raises:
        PrivacyNotReachedError: even the most generalized allowed node breaks the targets.

    """
    started = time.perf_counter()
    if data.n_patients < targets.k:
        raise PrivacyNotReachedError(
            f"no generalization meets k={targets.k}: the source has only {data.n_patients} patients"
        )
    lat = _Lattice(data, targets)
    top = int(np.argmax(lat.height))
    if not lat.check(top):
        raise PrivacyNotReachedError(
            f"no generalization meets k={targets.k}"
            + (f", l={targets.l}" if targets.l else "")
            + (f", t={targets.t}" if targets.t else "")
            + f" with at most {targets.max_suppressed_rows} suppressed rows, even at the highest allowed "
            "levels; raise max_level, the suppression limit, or lower k/l, or give more rows"
        )
    while True:
        candidates = lat.open_nodes()
        if len(candidates) == 0:
            break
        is_open = np.zeros(len(lat.grid), dtype=bool)
        is_open[candidates] = True
        start = int(candidates[np.lexsort((lat.height[candidates], lat.bound[candidates]))[0]])
        path = lat.path_from(start, is_open)
        lo, hi = 0, len(path) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            i = path[mid]
            status = lat.status[i]
            if status == _FAILED:
                lo = mid + 1
            elif status == _DONE or lat.bound[i] >= lat.best_loss() - 1e-12 or lat.check(i):
                hi = mid - 1
            else:
                lo = mid + 1
    assert lat.best is not None
    loss, suppressed, index = lat.best
    node = tuple(int(x) for x in lat.grid[index])
    classes = lat.best_classes or classify(data, node, targets)
    return SearchResult(
        node, classes, suppressed, loss, len(lat.grid), lat.checked, time.perf_counter() - started
    )
