"""After the tables are read: run the policy checks, assemble findings.json, write every report.

Plain functions (no Prefect): the scan flow calls ``finish_scan``; tests can call it directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import get_args

from detectors.model import ColumnResult
from expectations.model import CheckOptions, CheckOutcome, FrameTable, Lang, SqlTable, TableCheckInput
from flows.check_worker import CheckRun, run_in_process
from flows.config import ScanConfig, SourceConfig
from flows.coverage import build_coverage
from flows.inventory import SourceInventory, bare_name, mapping_for
from flows.progress import say
from flows.steps import TableScan
from policy.load import load_policy
from policy.schema import Policy
from reports.context import ReportContext, ReportOptions, build_context
from reports.data_docs import make_offline
from reports.exit_codes import RunVerdict, describe_violation, failing_violations
from reports.findings import ColumnFinding, Findings, PolicyRef, Severity, SourceStatus, Violation
from reports.history import default_history_url, previous_scan, record_scan, trend
from reports.render import write_reports
from reports.times import now_in, zone
from reports.waivers import load_waivers

ArtifactRow = dict[str, str | int]


@dataclass(frozen=True)
class ScanSummary:
    """What a scan hands back: what the CLI prints, what the exit code is judged on, the Prefect artifacts.

    Attributes:
        out: the report folder, absolute.
        report: report.html in it.
        files: every file written (reports and the Data Docs index).
        sources: how reading each source went.
        gaps: one line per thing that was not looked at (the coverage's gaps).
        tables_read: tables read in all sources.
        columns: columns found holding personal data.
        open_violations: violations not waived, most severe first.
        waived: how many violations a waiver covers.
        markdown: the Markdown summary (the Prefect Markdown artifact).
        violation_rows: one row per open violation (the Prefect table artifact).

    """

    out: str
    report: str
    files: list[str]
    sources: list[SourceStatus]
    gaps: list[str]
    tables_read: int
    columns: int
    open_violations: list[Violation]
    waived: int
    markdown: str
    violation_rows: list[ArtifactRow]


def _column_finding(policy: Policy, scan: TableScan, det: ColumnResult) -> ColumnFinding:
    categories = sorted({c for e in det.entities for c in policy.categories_of(e.entity)})
    evidence = [ex for e in det.entities for ex in e.evidence][:3]
    return ColumnFinding(
        source=scan.source,
        table=det.table,
        column=det.column,
        entities=det.entity_names,
        categories=categories,
        confidence=round(max(e.confidence for e in det.entities), 3),
        rows_scanned=det.rows_scanned,
        rows_total=scan.rows_total,
        hits=max(e.hits for e in det.entities),
        evidence=evidence,
    )


def _data_handle(src: SourceConfig, scan: TableScan) -> SqlTable | FrameTable | None:
    """Where the row rules find the rows: the database itself, or an export file read into pandas."""
    mapping = mapping_for(src, scan.table)
    if mapping is None or mapping.record_type is None:
        return None
    if src.url is not None:
        return SqlTable(url=src.url, schema=src.schema_, name=bare_name(src, scan.table))
    import pyarrow as pa

    from flows.sources_cache import source_for

    batches = list(source_for(src).stream(scan.table))
    return FrameTable(
        frame=pa.Table.from_batches(batches).to_pandas() if batches else pa.table({}).to_pandas()
    )


def check_inputs(cfg: ScanConfig, scans: Sequence[TableScan]) -> list[TableCheckInput]:
    """One check input per table that was read, with its column map entry and where its rows are."""
    by_name = {s.name: s for s in cfg.sources}
    inputs = []
    for scan in scans:
        if scan.error is not None:
            continue
        src = by_name[scan.source]
        inputs.append(
            TableCheckInput(
                source=src.name,
                kind=src.kind,
                table=scan.table,
                mapping=mapping_for(src, scan.table),
                detections=scan.detections,
                consignee=src.consignee,
                data=_data_handle(src, scan),
            )
        )
    return inputs


def _statuses(
    cfg: ScanConfig,
    inventories: dict[str, SourceInventory],
    scans: Sequence[TableScan],
    check_errors: dict[str, list[str]],
) -> list[SourceStatus]:
    statuses = []
    for src in cfg.sources:
        error = inventories[src.name].error if src.name in inventories else None
        if error is not None:
            statuses.append(SourceStatus(name=src.name, kind=src.kind, status="error", error=error, tables=0))
            continue
        mine = [s for s in scans if s.source == src.name]
        problems = [f"{s.table}: {s.error}" for s in mine if s.error] + check_errors.get(src.name, [])
        statuses.append(
            SourceStatus(
                name=src.name,
                kind=src.kind,
                status="partial" if problems else "ok",
                error="; ".join(problems) if problems else None,
                tables=len(mine),
            )
        )
    return statuses


def finish_scan(
    cfg: ScanConfig,
    out: Path,
    inventories: dict[str, SourceInventory],
    scans: Sequence[TableScan],
    scan_id: str,
    started: datetime,
    lang: str | None = None,
    checks: CheckRun | None = None,
) -> ScanSummary:
    """Check, assemble and report; returns what the CLI prints and the Prefect artifacts show.

    ``checks`` runs the policy checks (``flows.check_worker``: in a worker process that imported Great
    Expectations while the tables were read); by default they run in this process.
    """
    policy = load_policy(cfg.policy)
    run_lang: Lang = "en" if (lang or cfg.lang or policy.language) == "en" else "ko"
    clinic_zone = cfg.timezone or policy.timezone
    out.mkdir(parents=True, exist_ok=True)
    say(f"checking {len(scans)} tables against policy '{policy.id}' {policy.version}")
    outcome = (checks or run_in_process)(
        policy,
        check_inputs(cfg, scans),
        CheckOptions(today=date.today(), data_docs_dir=out / "data_docs", lang=run_lang),
    )
    check_errors: dict[str, list[str]] = {}
    for err in outcome.errors:
        check_errors.setdefault(err.source, []).append(f"{err.table}: {err.message}")
    findings = Findings(
        scan_id=scan_id,
        started_at=started.astimezone(zone(clinic_zone)).isoformat(timespec="milliseconds"),
        finished_at=_finished(outcome, clinic_zone),
        policy=PolicyRef(id=policy.id, version=policy.version),
        sources=_statuses(cfg, inventories, scans, check_errors),
        coverage=build_coverage(cfg, inventories, scans, outcome.errors),
        columns=[_column_finding(policy, s, d) for s in scans for d in s.detections if d.entities],
        violations=outcome.violations,
    )
    index = outcome.data_docs_index
    docs = make_offline(index.parent, run_lang, clinic_zone) if index else None
    ctx = _report_context(cfg, out, findings, policy, run_lang, docs)
    written = write_reports(ctx, out)
    say(f"reports written to {out}")
    return _summary(ctx, out, written, outcome.data_docs_index)


def _finished(outcome: CheckOutcome, clinic_zone: str) -> str:
    """When the findings were complete: the checks' end (the Data Docs and reports are written after)."""
    if outcome.checked_at is None:
        return now_in(clinic_zone).isoformat(timespec="milliseconds")
    return outcome.checked_at.astimezone(zone(clinic_zone)).isoformat(timespec="milliseconds")


def _report_context(
    cfg: ScanConfig, out: Path, findings: Findings, policy: Policy, lang: Lang, docs: Path | None = None
) -> ReportContext:
    history = cfg.history or default_history_url(out)
    previous = previous_scan(history, findings.scan_id)
    record_scan(findings, history)
    labels = {c.key: {"ko": c.label.ko, "en": c.label.en} for c in policy.categories}
    options = ReportOptions(
        lang=lang,
        waivers=load_waivers(cfg.waivers) if cfg.waivers else [],
        previous=previous,
        trend=trend(history, 10),
        category_labels=labels,
        timezone=cfg.timezone or policy.timezone,
        data_docs=docs.resolve().relative_to(out.resolve()).as_posix() if docs else None,
        organisation={"ko": policy.organisation.ko, "en": policy.organisation.en},
    )
    return build_context(findings, options)


def _summary(ctx: ReportContext, out: Path, written: list[Path], docs: Path | None) -> ScanSummary:
    from reports.markdown import render_markdown

    f = ctx.findings
    return ScanSummary(
        out=str(out.resolve()),
        report=str((out / "report.html").resolve()),
        files=[str(p) for p in written] + ([str(docs)] if docs else []),
        sources=list(f.sources),
        gaps=f.coverage.gaps() if f.coverage is not None else [],
        tables_read=sum(len(s.scanned) for s in f.coverage.sources) if f.coverage is not None else 0,
        columns=len(f.columns),
        open_violations=list(ctx.open_violations),
        waived=len(ctx.waived),
        markdown=render_markdown(ctx),
        violation_rows=[
            {
                "severity": v.severity,
                "rule": v.rule,
                "source": v.source,
                "table": v.table,
                "column": v.column or "",
                "count": v.count if v.count is not None else "",
                "policy": v.policy_ref,
            }
            for v in ctx.open_violations
        ],
    )


def print_summary(summary: ScanSummary) -> None:
    """Print the few lines a person reads after a scan: where the report is, and what it found."""
    by_sev: dict[str, int] = {}
    for v in summary.open_violations:
        by_sev[v.severity] = by_sev.get(v.severity, 0) + 1
    sev = (
        ", ".join(f"{by_sev[s]} {s}" for s in ("critical", "high", "medium", "low") if s in by_sev) or "none"
    )
    print(f"Report: {summary.report}")
    print(
        f"Personal data found in {_counted(summary.columns, 'column')}; open violations: {sev}"
        + (f"; {summary.waived} waived" if summary.waived else "")
    )
    gaps = len(summary.gaps)
    read = f"{_counted(summary.tables_read, 'table')} read in {_counted(len(summary.sources), 'source')}"
    print(
        f"Coverage: {read}; "
        + (f"incomplete: {gaps} thing(s) not read or checked" if gaps else "nothing missed")
    )  # what was missed is listed by the verdict (reports.exit_codes)


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def scan_verdict(summary: ScanSummary, fail_on: str | None) -> RunVerdict:
    """Decide the scan's exit code from open violations at ``--fail-on``, and what was not looked at."""
    failing = failing_violations(summary.open_violations, _threshold(fail_on))
    return RunVerdict(
        failing=tuple(describe_violation(v) for v in failing),
        incomplete=tuple(summary.gaps),
        failing_means=f"at or above --fail-on {fail_on}",
    )


def _threshold(fail_on: str | None) -> Severity | None:
    """Return the ``--fail-on`` name as a severity (the CLI offers only these names)."""
    if fail_on is None:
        return None
    for severity in get_args(Severity):
        if severity == fail_on:
            return severity  # get_args(Severity) holds exactly the Literal's values
    raise ValueError(f"--fail-on {fail_on!r}: expected one of {', '.join(get_args(Severity))}")
