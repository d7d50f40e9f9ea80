"""What the chosen generalization achieved: k, l and t on the kept classes, risk, and utility."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from deid.privacy import Classes, SearchData, distinct_per_class, emd


@dataclass(frozen=True)
class Achieved:
    """The privacy the kept classes have, and their sizes (in patients)."""

    k: int
    l: int | None  # noqa: E741
    t: float | None
    class_sizes: np.ndarray
    kept_rows: np.ndarray
    prosecutor_max: float
    prosecutor_avg: float
    records_at_risk: float
    discernibility: int


def achieved(data: SearchData, classes: Classes, risk_threshold: float) -> Achieved:
    """Measure the kept classes (those not suppressed)."""
    kept_class = ~classes.failing
    kept_rows = np.flatnonzero(kept_class[classes.ids])
    sizes = classes.patients[kept_class]
    k = int(sizes.min()) if len(sizes) else 0
    l_value: int | None = None
    t_value: float | None = None
    if data.sensitive:
        ids = classes.ids[kept_rows]
        l_value = min(
            _min_or_zero(
                distinct_per_class(ids, s.codes[kept_rows], s.n_values, len(classes.rows))[kept_class]
            )
            for s in data.sensitive
        )
        t_value = max(
            float(np.nanmax(emd(s, classes.ids, classes.rows, kept_class), initial=0.0))
            for s in data.sensitive
        )
    row_risk = 1.0 / classes.patients[classes.ids[kept_rows]] if len(kept_rows) else np.zeros(0)
    suppressed = int(classes.rows[classes.failing].sum())
    disc = int((classes.rows[kept_class].astype(np.int64) ** 2).sum()) + suppressed * data.n_rows
    return Achieved(
        k=k,
        l=l_value,
        t=t_value,
        class_sizes=sizes,
        kept_rows=kept_rows,
        prosecutor_max=float(row_risk.max(initial=0.0)),
        prosecutor_avg=float(row_risk.mean()) if len(row_risk) else 0.0,
        records_at_risk=float((row_risk > risk_threshold).mean()) if len(row_risk) else 0.0,
        discernibility=disc,
    )


def _min_or_zero(values: np.ndarray) -> int:
    return int(values.min()) if len(values) else 0
