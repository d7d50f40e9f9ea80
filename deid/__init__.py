"""De-identification: turn a clinic table into a research dataset with a measured re-identification risk.

Plain functions, no Prefect (the flow in ``flows/`` wraps them)::

    spec = load_spec(Path("deid.yaml"))
    frame = load_source(spec.source)
    result = deidentify(spec, frame, RunOptions(origin="deid.yaml"))   # raises if a post-check fails
    write_outputs(result, Path("out"))
"""

from deid.errors import (
    DeidError,
    DeidKeyError,
    DeidSourceError,
    DeidSpecError,
    PostCheckError,
    PrivacyNotReachedError,
)
from deid.keys import DEFAULT_KEY_ENV, resolve_key
from deid.output import write_outputs
from deid.pipeline import DeidResult, RunOptions, deidentify
from deid.source import load_source
from deid.spec import DeidSpec, load_spec, parse_spec

__all__ = [
    "DEFAULT_KEY_ENV",
    "DeidError",
    "DeidKeyError",
    "DeidResult",
    "DeidSourceError",
    "DeidSpec",
    "DeidSpecError",
    "PostCheckError",
    "PrivacyNotReachedError",
    "RunOptions",
    "deidentify",
    "load_source",
    "load_spec",
    "parse_spec",
    "resolve_key",
    "write_outputs",
]
