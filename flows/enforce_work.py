"""The work of ``clinicscan retention`` and ``clinicscan subject`` as plain functions (the acts: enforce/).

No Prefect here: ``flows/enforce_flows.py`` runs the same functions as Prefect flows (a deployment, or a CLI
run while a Prefect API is configured: see ``flows/prefect_api.py``). Both are dry runs unless ``apply``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from flows.config import load_config
from flows.progress import say

if TYPE_CHECKING:
    from reports.findings import Findings


@dataclass(frozen=True)
class EnforceSummary:
    """What a retention or subject run hands back to the CLI: rows planned and done, reports written."""

    files: list[str]
    rows: int = 0
    done: int = 0
    applied: bool = False
    warnings: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # what could not be looked at (coverage): exit 3


def _latest_findings(findings: str | None) -> Findings | None:
    """Read the scan's column map (which column holds what); without it enforce/ uses column names."""
    if findings is None:
        return None
    from reports.findings_json import read_findings

    return read_findings(Path(findings))


def _on_batch(*args: object) -> None:
    say("batch committed: " + " ".join(str(a) for a in args[:3]))


def retention_work(
    config: str, out: str, apply: bool = False, findings: str | None = None, lang: str = "ko"
) -> EnforceSummary:
    """Plan (or, with ``apply``, carry out) the destruction of every record past its retention period."""
    from enforce import RunOptions, apply_retention, plan_retention, write_enforcement_report
    from policy.load import load_policy

    cfg = load_config(Path(config))
    options = RunOptions(
        policy=load_policy(cfg.policy), findings=_latest_findings(findings), on_batch=_on_batch
    )
    report = apply_retention(cfg, options) if apply else plan_retention(cfg, options)
    files = write_enforcement_report(report, Path(out), lang="en" if lang == "en" else "ko")
    return EnforceSummary(
        files=[str(f) for f in files],
        rows=report.total("rows"),
        done=report.total("done"),
        applied=report.applied,
        warnings=list(report.warnings),
        gaps=report.coverage.gaps(),
    )


def subject_work(
    config: str,
    out: str,
    find: list[str],
    erase: bool = False,
    apply: bool = False,
    findings: str | None = None,
    lang: str = "ko",
) -> EnforceSummary:
    """Find every record about one person; report access, or plan (and apply) the erasure."""
    import enforce
    from policy.load import load_law, load_policy

    cfg = load_config(Path(config))
    policy = load_policy(cfg.policy)
    latest = _latest_findings(findings)
    search = enforce.find_subject(cfg, enforce.parse_find(find), policy, findings=latest)
    report_lang: Literal["ko", "en"] = "en" if lang == "en" else "ko"
    answer = enforce.access_report(search, policy, load_law(), lang=report_lang)
    files = enforce.write_access_report(answer, Path(out))
    gaps = search.coverage.gaps()
    if not erase:
        return EnforceSummary(files=[str(f) for f in files], gaps=gaps)
    options = enforce.RunOptions(policy=policy, findings=latest, on_batch=_on_batch)
    act = enforce.apply_erasure if apply else enforce.plan_erasure
    report = act(cfg, search, options)
    files += enforce.write_enforcement_report(report, Path(out), lang=report_lang)
    return EnforceSummary(
        files=[str(f) for f in files],
        rows=report.total("rows"),
        done=report.total("done"),
        applied=report.applied,
        gaps=gaps,
    )
