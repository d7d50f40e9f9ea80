"""``clinicscan deidentify`` as a Prefect flow, for deployments and runs with an API (work in deid/).

The flow reads its source in a Prefect task (retried like every read, ``flows/retries.py``) and does the rest
as ``flows/deidentify_cmd.py`` does without Prefect; it takes exactly the arguments of ``deidentify_work``.
"""

from __future__ import annotations

from typing import cast

import pandas as pd
from prefect import flow, task

from flows.deidentify_cmd import make_dataset, read_source
from flows.retries import TASK_RETRIES


@task(name="read-source", **TASK_RETRIES)
def _read(spec_path: str) -> pd.DataFrame:
    return read_source(spec_path)


@flow(name="clinicscan-deidentify", log_prints=False)
def deidentify_flow(config: str, out: str, lang: str = "ko", key_secret: str | None = None) -> dict[str, str]:
    """Read the source, de-identify it, run every post-check, and write the dataset and its records."""
    return make_dataset(config, out, lang, key_secret, lambda path: cast(pd.DataFrame, _read(path)))
