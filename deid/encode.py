"""Integer-code every level of every quasi-identifier once, so the search only adds and counts integers.

For each level the encoder keeps: a code per row (int32), the label of each code, and the loss of each code
(the share of the column's distinct finest values the label covers, 0 for an exact value, 1 for ``*``: the
loss metric of Iyengar and ARX). Level functions run on the distinct bottom values only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from deid.hierarchies import SUPPRESSED_LABEL, SUPPRESSED_LEVEL, Hierarchy, HierarchyOptions


@dataclass(frozen=True)
class EncodedQI:
    """One quasi-identifier, coded at each level of its hierarchy (the last level is ``suppressed``).

    Attributes:
        column: the output column name.
        hierarchy: the hierarchy's name.
        level_names: names of the levels, finest first, ending with ``suppressed``.
        codes: per level, the code of each row (int32; a missing value has its own code, labelled None).
        labels: per level, the label of each code.
        loss: per level, the loss of each code in [0, 1].
        patterns: per level, the regular expression every non-missing label matches.
        min_level / max_level: the level indices the search may use.
        weight: how much a cell of this column counts in the information loss (the study's attributes
            weigh more, so the search keeps their detail first).

    """

    column: str
    hierarchy: str
    level_names: tuple[str, ...]
    codes: tuple[np.ndarray, ...]
    labels: tuple[np.ndarray, ...]
    loss: tuple[np.ndarray, ...]
    patterns: tuple[str, ...]
    min_level: int
    max_level: int
    weight: float = 1.0

    def domain(self, level: int) -> int:
        """Return number of codes at a level."""
        return len(self.labels[level])

    def row_loss_sum(self, level: int) -> float:
        """Sum over rows of the loss at a level (without suppression)."""
        counts = np.bincount(self.codes[level], minlength=self.domain(level))
        return float(counts @ self.loss[level])

    def values_at(self, levels: np.ndarray, rows: np.ndarray) -> pd.Series:
        """Return the labels of ``rows``, each at its own level (``levels`` is aligned with ``rows``)."""
        out = np.empty(len(rows), dtype=object)
        for level in np.unique(levels):
            at = levels == level
            out[at] = self.labels[level][self.codes[level][rows[at]]]
        return pd.Series(out, dtype="string")

    def values(self, level: int, rows: np.ndarray | None = None) -> pd.Series:
        """Return the labels of the rows (all, or the given row indices) at a level."""
        codes = self.codes[level] if rows is None else self.codes[level][rows]
        return pd.Series(self.labels[level][codes], dtype="string")


def encode_qi(
    column: str,
    hierarchy: Hierarchy,
    options: HierarchyOptions,
    bottom: pd.Series,
    level_range: tuple[int, int],
    weight: float = 1.0,
) -> EncodedQI:
    """Code a quasi-identifier's bottom values at every level of its hierarchy."""
    leaf_codes, leaves = pd.factorize(bottom, use_na_sentinel=True)
    leaf_codes = leaf_codes.astype(np.int32)
    n_leaves = len(leaves)
    missing = leaf_codes < 0
    codes: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    losses: list[np.ndarray] = []
    patterns: list[str] = []
    for level in hierarchy.levels(options):
        mapped = level.label(pd.Series(leaves)).astype("string")
        sub_codes, sub_labels = pd.factorize(mapped, use_na_sentinel=True)
        null_code = len(sub_labels)
        sub_codes = np.where(sub_codes < 0, null_code, sub_codes).astype(np.int32)
        row_codes = (
            np.where(missing, null_code, sub_codes[np.clip(leaf_codes, 0, None)])
            if n_leaves
            else np.full(len(bottom), null_code, dtype=np.int32)
        )
        covered = np.bincount(sub_codes, minlength=null_code + 1)[:null_code]
        loss = (covered - 1) / (n_leaves - 1) if n_leaves > 1 else np.zeros(null_code)
        codes.append(row_codes.astype(np.int32))
        labels.append(np.array([*map(str, sub_labels), None], dtype=object))
        losses.append(np.append(loss, 0.0))
        patterns.append(level.pattern)
    codes.append(np.zeros(len(bottom), dtype=np.int32))
    labels.append(np.array([SUPPRESSED_LABEL], dtype=object))
    losses.append(np.ones(1))
    patterns.append(r"^\*$")
    names = (*tuple(lv.name for lv in hierarchy.levels(options)), SUPPRESSED_LEVEL)
    return EncodedQI(
        column,
        hierarchy.name,
        names,
        tuple(codes),
        tuple(labels),
        tuple(losses),
        tuple(patterns),
        level_range[0],
        level_range[1],
        weight,
    )
