"""``clinicscan retention`` and ``clinicscan subject``: validate what the user wrote, then run the work.

Both are dry runs unless ``--apply``: they write a plan report and change nothing. With ``--apply`` they write
to the clinic database with the ``enforcement:`` block's own credentials, in batches, with a destruction log.
scan.yaml, the policy and ``--find`` are checked before anything heavy is imported; the work then runs
through its Prefect flow or as a plain call, as ``flows/prefect_api.py`` decides.
"""

from __future__ import annotations

from pathlib import Path

from flows.config import load_config
from flows.enforce_work import retention_work, subject_work
from flows.prefect_api import run_work
from reports.exit_codes import RunVerdict


def _check_config(config: Path) -> None:
    """Validate scan.yaml and its policy: a mistake is a usage error before a database is touched."""
    from policy.load import load_policy

    load_policy(load_config(config).policy)


def run_retention(config: Path, out: Path, apply: bool, findings: Path | None, lang: str) -> RunVerdict:
    """Run the retention work and print what it planned or did; a rule it could not enforce is a gap (3)."""
    _check_config(config)
    result = run_work(
        "flows.enforce_flows:retention_flow",
        retention_work,
        str(config),
        str(out),
        apply,
        str(findings) if findings else None,
        lang,
    )
    verb = "destroyed" if result.applied else "would be destroyed (dry run; --apply carries it out)"
    print(f"Retention: {result.done if result.applied else result.rows} rows {verb}")
    for warning in result.warnings:
        print(f"warning: {warning}")
    print("Report: " + ", ".join(f for f in result.files if f.endswith(".html")))
    return RunVerdict(incomplete=tuple(result.gaps))


def run_subject(
    config: Path, out: Path, find: list[str], erase: bool, apply: bool, findings: Path | None, lang: str
) -> RunVerdict:
    """Run the subject-request work and print where the person's report is.

    Columns that hold an identifier but could not be searched (encrypted at rest) make the answer
    incomplete (3): the person may have more records than the report shows.
    """
    from enforce import parse_find

    _check_config(config)
    parse_find(find)
    result = run_work(
        "flows.enforce_flows:subject_flow",
        subject_work,
        str(config),
        str(out),
        find,
        erase,
        apply,
        str(findings) if findings else None,
        lang,
    )
    if erase:
        verb = "erased" if result.applied else "would be erased (dry run; --apply carries it out)"
        print(f"Erasure: {result.done if result.applied else result.rows} rows {verb}")
    print("Report: " + ", ".join(f for f in result.files if f.endswith(".html")))
    return RunVerdict(incomplete=tuple(result.gaps))
