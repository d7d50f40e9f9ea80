"""``clinicscan deidentify``: the Prefect flow that makes a research or statistics dataset (work in deid/)."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pandas as pd
from prefect import flow, task

from deid import RunOptions, deidentify, load_source, load_spec, write_outputs
from flows.progress import say
from reports.exit_codes import RunVerdict


@task(name="read-source", retries=2, retry_delay_seconds=[1, 5])
def _read(spec_path: str) -> pd.DataFrame:
    spec = load_spec(Path(spec_path))
    return load_source(spec.source)


def _key_from_secret_block(name: str | None) -> bytes | None:
    """Read the pseudonymization key from a named Prefect Secret block (else deid reads the env)."""
    if not name:
        return None
    from prefect.blocks.system import Secret

    block: Secret[str] = Secret.load(name)  # type: ignore[assignment]
    value = block.get()
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


@flow(name="clinicscan-deidentify", log_prints=False)
def deidentify_flow(config: str, out: str, lang: str = "ko", key_secret: str | None = None) -> dict[str, str]:
    """Read the source, de-identify it, run every post-check, and write the dataset and its records."""
    spec = load_spec(Path(config))
    say(f"deidentify: reading {spec.source.table or spec.source.path or 'the query'}")
    frame = cast(pd.DataFrame, _read(config))  # a task called inside a flow returns its result
    say(f"deidentify: {len(frame)} rows read; generalizing to k={spec.privacy.k}")
    result = deidentify(spec, frame, RunOptions(key=_key_from_secret_block(key_secret), origin=config))
    files = write_outputs(result, Path(out), language=lang)
    say(f"deidentify: all post-checks passed; written to {out}")
    return {kind: str(path) for kind, path in files.items()}


def run_deidentify(config: Path, out: Path, lang: str, key_secret: str | None = None) -> RunVerdict:
    """Check the spec, run the flow and print where the dataset and its report are.

    A post-check that fails stops the run with a DeidError (exit 2): no dataset is released half-checked,
    so a finished run is complete.
    """
    load_spec(config)  # a broken deid.yaml is a usage error before Prefect starts
    files = deidentify_flow(str(config), str(out), lang, key_secret)
    for kind, path in files.items():
        print(f"{kind}: {path}")
    return RunVerdict()
