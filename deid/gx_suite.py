"""The Great Expectations 1.x suites a de-identified dataset must pass before it is written.

They check the dataset against the spec, independently of the code that made it:

* ``columns``: the output columns are exactly the non-dropped ones;
* ``values``: pseudonyms have the pseudonym shape and every generalized value matches the pattern of the level
  the search chose (so no finer value slipped through). Checked on each column's distinct values, which is the
  same statement as checking every row and keeps a million-row dataset fast;
* ``classes``: every equivalence class (a plain pandas groupby of the output's quasi-identifiers) holds
  at least k distinct patients.
"""

from __future__ import annotations

import logging
import os
import warnings
from dataclasses import dataclass
from typing import Any

import pandas as pd

PATIENTS_COLUMN = "patients_in_class"


@dataclass(frozen=True)
class SuiteInputs:
    """What the suites check.

    Attributes:
        columns: the output columns, exactly.
        pseudonym_columns: columns holding pseudonyms.
        pseudonym_length: hex digits per pseudonym.
        level_patterns: QI column -> regular expression of its chosen level.
        k: patients each class must hold.

    """

    columns: list[str]
    pseudonym_columns: list[str]
    pseudonym_length: int
    level_patterns: dict[str, str]
    k: int


def distinct_values(dataset: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """One column per checked column holding its distinct values (padded with NA to a common length)."""
    series = {c: pd.Series(dataset[c].dropna().unique(), dtype="string") for c in columns}
    return pd.DataFrame(series)


def run_suite(dataset: pd.DataFrame, patients_per_class: pd.Series, inputs: SuiteInputs) -> list[str]:
    """Validate with an ephemeral GX context; the failed expectations, described (no values), or ``[]``.

    Args:
        dataset: the output.
        patients_per_class: one entry per equivalence class: its distinct patients.
        inputs: what to expect.

    """
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("deid")
    checked = [*inputs.pseudonym_columns, *inputs.level_patterns]
    batches: list[tuple[str, pd.DataFrame, list[Any]]] = [
        (
            "columns",
            dataset.iloc[:0],
            [gxe.ExpectTableColumnsToMatchSet(column_set=inputs.columns, exact_match=True)],
        ),
        (
            "values",
            distinct_values(dataset, checked),
            [
                *(
                    gxe.ExpectColumnValuesToMatchRegex(
                        column=c, regex=rf"^[0-9a-f]{{{inputs.pseudonym_length}}}$"
                    )
                    for c in inputs.pseudonym_columns
                ),
                *(
                    gxe.ExpectColumnValuesToMatchRegex(column=c, regex=p)
                    for c, p in inputs.level_patterns.items()
                ),
            ],
        ),
        (
            "classes",
            pd.DataFrame({PATIENTS_COLUMN: patients_per_class.to_numpy()}),
            [gxe.ExpectColumnValuesToBeBetween(column=PATIENTS_COLUMN, min_value=inputs.k)]
            if len(dataset)
            else [],
        ),
    ]
    failures = []
    for name, frame, expectations in batches:
        if not expectations:
            continue
        batch = (
            source.add_dataframe_asset(name)
            .add_batch_definition_whole_dataframe(name)
            .get_batch(batch_parameters={"dataframe": frame})
        )
        suite = context.suites.add(gx.ExpectationSuite(name=f"deid_{name}", expectations=expectations))
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="This pattern is interpreted as a regular expression")
            results = batch.validate(suite).results
        for res in results:
            if res.success:
                continue
            cfg = res.expectation_config
            kwargs = {k: v for k, v in (cfg.kwargs if cfg else {}).items() if k != "batch_id"}
            unexpected = (res.result or {}).get("unexpected_count")
            failures.append(
                f"Great Expectations ({name}): {cfg.type if cfg else '?'} {kwargs} failed"
                + (f" for {unexpected} values" if unexpected is not None else "")
            )
    return failures
