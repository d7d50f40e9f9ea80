"""What a statistician can still do with the dataset: detail kept per column, overlaps, accuracy, cross-tabs.

ARX reports utility as information loss plus the figures a study actually feels; so do we:

* per quasi-identifier, the share of rows at each level and the share of input rows whose value is gone
  (``*`` or the row suppressed), and how many pairs of categories overlap (``20-24`` beside ``20-29``; zero
  under global recoding);
* the average equivalence class size (rows), beside the discernibility metric;
* for each sensitive attribute, a classification metric: how well the quasi-identifiers predict it (the
  majority value of the row's class, learnt on 70 % of the rows and scored on the rest) in the input, in
  the output, and with no features at all, and the share of the input's advantage the output keeps;
* for each quasi-identifier x sensitive attribute, the total variation distance between the input's and the
  output's cross-tabulation at the output's common (coarsest used) level: 0 means the table a study draws
  (diagnosis distribution per procedure) is unchanged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from deid.encode import EncodedQI
from deid.hierarchies import SUPPRESSED_LEVEL
from deid.privacy import SearchData, class_ids
from deid.report import Classification, Crosstab, QIUtility
from deid.search import SearchResult

_SEED = 16


def overlapping_pairs(qi: EncodedQI, levels: np.ndarray, rows: np.ndarray) -> int:
    """Pairs of output categories of one column where one contains the other (``*`` not counted)."""
    used = [int(lv) for lv in np.unique(levels) if qi.level_names[int(lv)] != SUPPRESSED_LEVEL]
    total = 0
    for i, low in enumerate(used):
        at_low = rows[levels == low]
        for high in used[i + 1 :]:
            present = np.unique(qi.codes[high][rows[levels == high]])
            pairs = pd.unique(
                qi.codes[low][at_low].astype(np.int64) * qi.domain(high) + qi.codes[high][at_low]
            )
            total += int(np.isin(pairs % qi.domain(high), present).sum())
    return total


def per_qi(qis: list[EncodedQI], result: SearchResult, kept: np.ndarray, n_in: int) -> dict[str, QIUtility]:
    """Per quasi-identifier: share of output rows per level, share of input values lost, overlaps."""
    out = {}
    for index, qi in enumerate(qis):
        levels = result.levels_of(index, kept)
        used, counts = np.unique(levels, return_counts=True)
        starred = int(counts[used == len(qi.level_names) - 1].sum())
        out[qi.column] = QIUtility(
            levels={
                qi.level_names[int(lv)]: round(int(c) / max(len(kept), 1), 4)
                for lv, c in zip(used, counts, strict=True)
            },
            suppressed=round((n_in - len(kept) + starred) / max(n_in, 1), 4),
            overlapping_categories=overlapping_pairs(qi, levels, kept),
        )
    return out


def _majority_accuracy(features: np.ndarray, target: np.ndarray, train: np.ndarray) -> float:
    """Accuracy on the test rows of predicting ``target`` by the majority value of the row's feature class."""
    width = int(target.max(initial=0)) + 1
    pair_counts = pd.Series(features[train] * width + target[train]).value_counts()
    best = pair_counts[~pd.Index(pair_counts.index // width).duplicated()]  # value_counts sorts descending
    lookup = pd.Series(best.index % width, index=best.index // width)
    fallback = int(np.bincount(target[train]).argmax()) if train.any() else 0
    predicted = pd.Series(features[~train]).map(lookup).fillna(fallback).to_numpy()
    return float((predicted == target[~train]).mean()) if (~train).any() else 0.0


def classification(data: SearchData, result: SearchResult, kept: np.ndarray) -> dict[str, Classification]:
    """Per sensitive attribute: the majority-class accuracy with input, output and no features."""
    rng = np.random.default_rng(_SEED)
    train = rng.random(data.n_rows) < 0.7
    finest, _ = class_ids(data.qis, tuple(0 for _ in data.qis))
    output = np.full(data.n_rows, -1, dtype=np.int64)  # suppressed rows: one all-``*`` class
    output[kept] = result.classes.ids[kept]
    no_features = np.zeros(data.n_rows, dtype=np.int64)
    out = {}
    for sens in data.sensitive:
        got_in = _majority_accuracy(finest, sens.codes, train)
        got_out = _majority_accuracy(output + 1, sens.codes, train)
        base = _majority_accuracy(no_features, sens.codes, train)
        advantage = got_in - base
        out[sens.column] = Classification(
            input_accuracy=round(got_in, 4),
            output_accuracy=round(got_out, 4),
            baseline_accuracy=round(base, 4),
            relative=round((got_out - base) / advantage, 4) if advantage > 1e-9 else 1.0,
        )
    return out


def crosstabs(data: SearchData, result: SearchResult, kept: np.ndarray) -> list[Crosstab]:
    """Total variation distance of each QI x sensitive cross-tabulation at the output's common level."""
    out = []
    for index, qi in enumerate(data.qis):
        levels = result.levels_of(index, kept)
        common = int(levels.max(initial=0))
        for sens in data.sensitive:
            width = sens.n_values
            before = np.bincount(qi.codes[common] * width + sens.codes, minlength=qi.domain(common) * width)
            after = np.bincount(
                qi.codes[common][kept] * width + sens.codes[kept], minlength=qi.domain(common) * width
            )
            p, q = before / max(before.sum(), 1), after / max(after.sum(), 1)
            out.append(
                Crosstab(
                    quasi_identifier=qi.column,
                    sensitive=sens.column,
                    level=qi.level_names[common],
                    cells=int((before > 0).sum()),
                    total_variation=round(0.5 * float(np.abs(p - q).sum()), 4),
                )
            )
    return out
