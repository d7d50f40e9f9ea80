"""What a statistician can still do with the dataset: detail kept per column, overlaps, accuracy, cross-tabs.

ARX reports utility as information loss plus the figures a study actually feels; so do we:

* per quasi-identifier, the share of rows at each level and the share of input rows whose value is gone
  (``*`` or the row suppressed), and how many pairs of categories overlap (``20-24`` beside ``20-29``; zero
  under global recoding);
* the average equivalence class size (rows), beside the discernibility metric;
* for each sensitive attribute, a classification metric: how well the quasi-identifiers predict it (naive
  Bayes, learnt on 70 % of the rows and scored on the rest) with the input's values, the output's, and no
  features at all, and the share of the input's advantage the output keeps;
* for each quasi-identifier x sensitive attribute, the total variation distance between the input's and the
  output's cross-tabulation at the output's common (coarsest used, ``*`` aside) level, rows at ``*`` or
  suppressed left out: 0 means the table a study draws (diagnosis distribution per procedure) is unchanged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from deid.encode import EncodedQI
from deid.hierarchies import SUPPRESSED_LEVEL
from deid.privacy import SearchData
from deid.report import Classification, Crosstab, QIUtility
from deid.search import SearchResult

_SEED = 16
_TEST_ROWS = 20_000


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


def _naive_bayes_accuracy(
    features: list[np.ndarray], target: np.ndarray, n_values: int, train: np.ndarray, test: np.ndarray
) -> float:
    """Accuracy on ``test`` rows of a naive Bayes classifier (Laplace smoothing) learnt on ``train`` rows.

    Naive Bayes over each column's category generalises to unseen combinations, unlike a class lookup, so the
    input's exact days and ages do not score as chance because no test row shares them with a training row.
    """
    prior = np.bincount(target[train], minlength=n_values) + 1.0
    scores = np.tile(np.log(prior / prior.sum()), (len(test), 1))
    for codes in features:
        width = int(codes.max(initial=0)) + 1
        counts = np.bincount(codes[train] * n_values + target[train], minlength=width * n_values)
        table = counts.reshape(width, n_values) + 1.0
        log_likelihood = np.log(table / table.sum(axis=0, keepdims=True))
        scores += log_likelihood[codes[test]]
    return float((scores.argmax(axis=1) == target[test]).mean()) if len(test) else 0.0


def _output_codes(qi: EncodedQI, levels: np.ndarray) -> np.ndarray:
    """Each row's output category as one integer (its level and its code at that level)."""
    width = max(qi.domain(lv) for lv in range(len(qi.level_names)))
    key = np.empty(len(levels), dtype=np.int64)
    for lv in np.unique(levels):
        at = levels == lv
        key[at] = int(lv) * width + qi.codes[int(lv)][at]
    return pd.factorize(key)[0].astype(np.int64)


def classification(data: SearchData, result: SearchResult, kept: np.ndarray) -> dict[str, Classification]:
    """Per sensitive attribute: naive Bayes accuracy with the input's, the output's and no features.

    Learnt on 70 % of the input rows and scored on (at most 20,000 of) the rest; a suppressed row's features
    are all ``*``.
    """
    rng = np.random.default_rng(_SEED)
    train = rng.random(data.n_rows) < 0.7
    test = np.flatnonzero(~train)
    if len(test) > _TEST_ROWS:
        test = np.sort(rng.choice(test, _TEST_ROWS, replace=False))
    removed = np.ones(data.n_rows, dtype=bool)
    removed[kept] = False
    inputs = [q.codes[0].astype(np.int64) for q in data.qis]
    outputs = []
    for index, qi in enumerate(data.qis):
        levels = result.levels_of(index, np.arange(data.n_rows)).astype(np.int64)
        levels[removed] = len(qi.level_names) - 1
        outputs.append(_output_codes(qi, levels))
    out = {}
    for sens in data.sensitive:
        args = (sens.codes.astype(np.int64), sens.n_values, train, test)
        got_in = _naive_bayes_accuracy(inputs, *args)
        got_out = _naive_bayes_accuracy(outputs, *args)
        base = _naive_bayes_accuracy([], *args)
        advantage = got_in - base
        out[sens.column] = Classification(
            input_accuracy=round(got_in, 4),
            output_accuracy=round(got_out, 4),
            baseline_accuracy=round(base, 4),
            relative=round((got_out - base) / advantage, 4) if advantage > 1e-9 else 1.0,
        )
    return out


def crosstabs(data: SearchData, result: SearchResult, kept: np.ndarray) -> list[Crosstab]:
    """Total variation distance of each QI x sensitive cross-tabulation at the output's common level.

    The common level is the coarsest level the output uses other than ``*``: a row whose value is ``*``
    cannot be tabulated, so it leaves the output's table as a suppressed row does (at ``*`` itself every
    table is the sensitive attribute's distribution alone and the distance would say nothing about the QI).
    Only when the whole column is ``*`` is the table taken at ``*``.
    """
    out = []
    for index, qi in enumerate(data.qis):
        levels = result.levels_of(index, kept)
        top = len(qi.level_names) - 1
        shown = levels[levels != top]
        common = int(shown.max()) if len(shown) else top
        rows = kept[levels != top] if len(shown) else kept
        for sens in data.sensitive:
            width = sens.n_values
            before = np.bincount(qi.codes[common] * width + sens.codes, minlength=qi.domain(common) * width)
            after = np.bincount(
                qi.codes[common][rows] * width + sens.codes[rows], minlength=qi.domain(common) * width
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
