"""``clinicscan retention`` and ``clinicscan subject``: the flows that act on the policy (in enforce/).

Both are dry runs unless ``--apply``: they write a plan report and change nothing. With ``--apply`` they write
to the clinic database with the ``enforcement:`` block's own credentials, in batches, with a destruction log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow

from enforce import (
    RunOptions,
    access_report,
    apply_erasure,
    apply_retention,
    find_subject,
    parse_find,
    plan_erasure,
    plan_retention,
    write_access_report,
    write_enforcement_report,
)
from flows.config import load_config
from flows.progress import say
from policy.load import load_law, load_policy
from reports.exit_codes import RunVerdict
from reports.findings import Findings
from reports.findings_json import read_findings


@dataclass(frozen=True)
class EnforceSummary:
    """What a retention or subject run hands back to the CLI: rows planned and done, reports written."""

    files: list[str]
    rows: int = 0
    done: int = 0
    applied: bool = False
    warnings: list[str] = field(default_factory=list)
    not_enforced: list[str] = field(default_factory=list)  # rules that could not be enforced: a gap (exit 3)
    not_searched: list[str] = field(default_factory=list)  # columns a subject search could not compare


def _latest_findings(findings: Path | None) -> Findings | None:
    """Read the scan's column map (which column holds what); without it enforce/ uses column names."""
    if findings is None:
        return None
    return read_findings(findings)


def _on_batch(*args: object) -> None:
    say("batch committed: " + " ".join(str(a) for a in args[:3]))


@flow(name="clinicscan-retention", log_prints=False)
def retention_flow(
    config: str, out: str, apply: bool = False, findings: str | None = None, lang: str = "ko"
) -> EnforceSummary:
    """Plan (or, with ``apply``, carry out) the destruction of every record past its retention period."""
    cfg = load_config(Path(config))
    options = RunOptions(
        policy=load_policy(cfg.policy),
        findings=_latest_findings(Path(findings) if findings else None),
        on_batch=_on_batch,
    )
    report = apply_retention(cfg, options) if apply else plan_retention(cfg, options)
    files = write_enforcement_report(report, Path(out), lang="en" if lang == "en" else "ko")
    return EnforceSummary(
        files=[str(f) for f in files],
        rows=report.total("rows"),
        done=report.total("done"),
        applied=report.applied,
        warnings=list(report.warnings),
        not_enforced=[str(n) for n in report.not_enforced],
    )


@flow(name="clinicscan-subject-request", log_prints=False)
def subject_flow(
    config: str,
    out: str,
    find: list[str],
    erase: bool = False,
    apply: bool = False,
    findings: str | None = None,
    lang: str = "ko",
) -> EnforceSummary:
    """Find every record about one person; report access, or plan (and apply) the erasure."""
    cfg = load_config(Path(config))
    policy = load_policy(cfg.policy)
    latest = _latest_findings(Path(findings) if findings else None)
    search = find_subject(cfg, parse_find(find), policy, findings=latest)
    answer = access_report(search, policy, load_law(), lang="en" if lang == "en" else "ko")
    files = write_access_report(answer, Path(out))
    not_searched = [str(c) for c in search.not_searched + search.unread_exports]
    if not erase:
        return EnforceSummary(files=[str(f) for f in files], not_searched=not_searched)
    options = RunOptions(policy=policy, findings=latest, on_batch=_on_batch)
    report = apply_erasure(cfg, search, options) if apply else plan_erasure(cfg, search, options)
    files += write_enforcement_report(report, Path(out), lang="en" if lang == "en" else "ko")
    return EnforceSummary(
        files=[str(f) for f in files],
        rows=report.total("rows"),
        done=report.total("done"),
        applied=report.applied,
        not_searched=not_searched,
    )


def run_retention(config: Path, out: Path, apply: bool, findings: Path | None, lang: str) -> RunVerdict:
    """Run the retention flow and print what it planned or did; a rule it could not enforce is a gap (3)."""
    load_config(config)  # a broken scan.yaml is a usage error before Prefect starts
    result = retention_flow(str(config), str(out), apply, str(findings) if findings else None, lang)
    verb = "destroyed" if result.applied else "would be destroyed (dry run; --apply carries it out)"
    print(f"Retention: {result.done if result.applied else result.rows} rows {verb}")
    for warning in result.warnings:
        print(f"warning: {warning}")
    print("Report: " + ", ".join(f for f in result.files if f.endswith(".html")))
    return RunVerdict(incomplete=tuple(result.not_enforced))


def run_subject(
    config: Path, out: Path, find: list[str], erase: bool, apply: bool, findings: Path | None, lang: str
) -> RunVerdict:
    """Run the subject-request flow and print where the person's report is.

    Columns that hold an identifier but could not be searched (encrypted at rest) make the answer
    incomplete (3): the person may have more records than the report shows.
    """
    load_config(config)  # a broken scan.yaml or --find is a usage error before Prefect starts
    parse_find(find)
    result = subject_flow(
        str(config), str(out), find, erase, apply, str(findings) if findings else None, lang
    )
    if erase:
        verb = "erased" if result.applied else "would be erased (dry run; --apply carries it out)"
        print(f"Erasure: {result.done if result.applied else result.rows} rows {verb}")
    print("Report: " + ", ".join(f for f in result.files if f.endswith(".html")))
    return RunVerdict(incomplete=tuple(f"not searched: {c}" for c in result.not_searched))
