"""``clinicscan deidentify``: check deid.yaml, then make the research or statistics dataset (work in deid/).

No Prefect here unless asked: ``flows/deidentify.py`` runs the same work as a Prefect flow (a deployment, or a
CLI run while a Prefect API is configured: see ``flows/prefect_api.py``), its read a Prefect task; without an
API the read is retried the same way (``flows/retries.py``) and nothing of Prefect is imported, unless the key
is in a Prefect Secret block (``--key-secret``), which only Prefect can read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from flows.prefect_api import run_work
from flows.progress import say
from flows.retries import with_retries
from reports.exit_codes import RunVerdict

if TYPE_CHECKING:
    import pandas as pd


def read_source(spec_path: str) -> pd.DataFrame:
    """Read the rows deid.yaml's ``source`` names (read-only)."""
    from deid import load_source, load_spec

    return load_source(load_spec(Path(spec_path)).source)


def key_from_secret_block(name: str | None) -> bytes | None:
    """Read the pseudonymization key from a named Prefect Secret block (else deid reads the env)."""
    if not name:
        return None
    from prefect.blocks.system import Secret

    block: Secret[str] = Secret.load(name)  # type: ignore[assignment]
    value = block.get()
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def make_dataset(
    config: str, out: str, lang: str, key_secret: str | None, read: Callable[[str], pd.DataFrame]
) -> dict[str, str]:
    """Read the source with ``read``, de-identify it, run every post-check, write the dataset and records."""
    from deid import RunOptions, deidentify, load_spec, write_outputs

    spec = load_spec(Path(config))
    say(f"deidentify: reading {spec.source.table or spec.source.path or 'the query'}")
    frame = read(config)
    say(f"deidentify: {len(frame)} rows read; generalizing to k={spec.privacy.k}")
    result = deidentify(spec, frame, RunOptions(key=key_from_secret_block(key_secret), origin=config))
    files = write_outputs(result, Path(out), language=lang)
    gaps = result.report.not_derived()
    checked = (
        f"post-checks passed, but {len(gaps)} quasi-identifier(s) partly empty"
        if gaps
        else "all post-checks passed"
    )
    say(f"deidentify: {checked}; written to {out}")
    return {kind: str(path) for kind, path in files.items()}


def deidentify_work(config: str, out: str, lang: str = "ko", key_secret: str | None = None) -> dict[str, str]:
    """``make_dataset`` without Prefect: the read retried locally while it fails transiently."""
    return make_dataset(config, out, lang, key_secret, lambda path: with_retries(read_source, path))


def run_deidentify(config: Path, out: Path, lang: str, key_secret: str | None = None) -> RunVerdict:
    """Check the spec, run the work and print where the dataset and its report are.

    A post-check that fails stops the run with a DeidError (exit 2): no dataset is released half-checked.
    A quasi-identifier left empty for more rows than ``post_checks.max_underived`` (deid_report.json's
    ``underived``) makes the run incomplete (exit 3): the dataset is written, but says less than it seems.
    """
    from deid.report import DeidReport
    from deid.spec import load_spec

    load_spec(config)  # a broken deid.yaml is a usage error before the source or Prefect is touched
    files = run_work(
        "flows.deidentify:deidentify_flow", deidentify_work, str(config), str(out), lang, key_secret
    )
    for kind, path in files.items():
        print(f"{kind}: {path}")
    report = DeidReport.model_validate_json(Path(files["report"]).read_text(encoding="utf-8"))
    return RunVerdict(incomplete=tuple(report.not_derived()))
