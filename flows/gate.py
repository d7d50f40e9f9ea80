"""``clinicscan gate PATH --consignee NAME``: stop a transfer before it happens, not a month later.

Reads the file or folder about to be sent, detects what it holds, and runs the consignment rule of the policy
checks. Exit 0: only entrusted categories; exit 1: each offending file, column and category is printed;
exit 3: a file could not be read, so nobody can say what it holds (do not send it either).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flows.config import ConfigError, Sampling
from flows.progress import say
from policy.load import load_policy
from reports.coverage import Coverage, ScannedTable, SkippedTable, SourceCoverage
from reports.coverage_view import coverage_headline
from reports.exit_codes import RunVerdict
from reports.i18n import Strings


def run_gate(path: Path, consignee: str, policy_source: str) -> RunVerdict:
    """Check ``path`` (a file or a folder) against what the policy entrusts to ``consignee``.

    The policy, the consignee and the path are checked before the detectors and the policy checks are
    imported (Presidio, Great Expectations), so a mistake is reported at once. No Prefect: a gate is one
    quick check before a transfer, its verdict the exit code.
    """
    policy = load_policy(policy_source)
    target = policy.consignee(consignee)
    if target is None:
        known = ", ".join(f"{c.id} ({c.display_name('ko')})" for c in policy.consignees) or "none"
        raise ConfigError(
            f"consignee '{consignee}' is not in policy '{policy.id}' (known: {known}); "
            "give one of those ids or names, or add the consignee to the policy"
        )
    if not path.exists():
        raise ConfigError(f"{path}: no such file or folder; give the export file or folder about to be sent")
    from expectations.checks import run_policy_checks
    from expectations.model import CheckOptions, TableCheckInput
    from expectations.rules import CONSIGNMENT_OUT_OF_SCOPE
    from flows.steps import scan_table
    from sources import open_source

    source = open_source("gate", path=path)
    try:
        tables = source.list_tables()
        say(f"gate: checking {len(tables)} file(s) for consignee '{target.id}'")
        scans = [scan_table(source, t, Sampling(mode="full")) for t in tables]
    finally:
        source.close()
    failed = [s for s in scans if s.error]
    inputs = [
        TableCheckInput(
            source="gate", kind="export", table=s.table, detections=s.detections, consignee=target.id
        )
        for s in scans
        if not s.error
    ]
    outcome = run_policy_checks(policy, inputs, CheckOptions(today=date.today()))
    offending = [v for v in outcome.violations if v.rule == CONSIGNMENT_OUT_OF_SCOPE]
    coverage = Coverage(
        sources=[
            SourceCoverage(
                source=str(path),
                kind="export",
                tables_present=len(tables),
                scanned=[
                    ScannedTable(name=s.table, mode="full", rows_read=s.rows_scanned)
                    for s in scans
                    if not s.error
                ],
                skipped=[SkippedTable(name=s.table, reason=s.error) for s in failed if s.error],
            )
        ]
    ).settle()
    verdict = RunVerdict(
        failing=tuple(
            f"BLOCK {v.table}" + (f" column {v.column}" if v.column else "") + f": {v.message}"
            for v in offending
        ),
        incomplete=tuple(f"UNREADABLE {s.table}: {s.error}" for s in failed),
        failing_means=f"that consignee '{target.id}' may not receive",
    )
    print(coverage_headline(coverage, Strings("en")))
    if offending or failed:
        print(
            f"gate: do not send: {len(offending)} out-of-scope finding(s), {len(failed)} unreadable file(s)"
        )
    else:
        print(f"gate: OK to send to {target.name}: only entrusted categories found in {len(scans)} file(s)")
    return verdict
