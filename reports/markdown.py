"""summary.md: the scan in one screen of Markdown, also published as the Prefect run's artifact."""

from __future__ import annotations

from reports.context import ReportContext
from reports.coverage_view import coverage_markdown, incomplete_banner
from reports.findings import SEVERITIES, Violation
from reports.i18n import Strings
from reports.times import shown

TOP_VIOLATIONS = 15
LISTED_CHANGES = 10


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no pipe or line break can break the row."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _where(v: Violation) -> str:
    return " · ".join(p for p in (v.source, v.table, v.column) if p)


def _counts(ctx: ReportContext, t: Strings) -> list[str]:
    lines = [f"| {t.severity} | {t.open} | {t.waived_count} |", "|---|---:|---:|"]
    for s in SEVERITIES:
        n_open = sum(1 for v in ctx.open_violations if v.severity == s)
        n_waived = sum(1 for m in ctx.waived if m.violation.severity == s)
        lines.append(f"| {t.severity_name(s)} | {n_open} | {n_waived} |")
    lines.append(f"| **{t.total}** | **{len(ctx.open_violations)}** | **{len(ctx.waived)}** |")
    return lines


def _top(ctx: ReportContext, t: Strings) -> list[str]:
    lines = [f"## {t.top_violations}", ""]
    if not ctx.open_violations:
        return [*lines, t.no_open_violations]
    lines += [
        f"| {t.severity} | {t.rule} | {t.where} | {t.count} | {t.message} | {t.policy_ref} |",
        "|---|---|---|---:|---|---|",
    ]
    for v in ctx.open_violations[:TOP_VIOLATIONS]:
        flag = f" ({t.badge_new})" if v.id in ctx.new_ids else ""
        count = f"{v.count:,}" if v.count is not None else "–"
        lines.append(
            f"| {t.severity_name(v.severity)} | `{cell(v.rule)}` | {cell(_where(v))} | {count} | "
            f"{cell(v.message)}{flag} | §{cell(v.policy_ref)} |"
        )
    rest = len(ctx.open_violations) - TOP_VIOLATIONS
    if rest > 0:
        lines += ["", t.fmt("more_violations", n=rest)]
    return lines


def _failed(ctx: ReportContext, t: Strings) -> list[str]:
    failed = [s for s in ctx.findings.sources if s.status != "ok"]
    if not failed:
        return []
    lines = [f"## {t.failed_sources}", ""]
    lines += [f"- **{cell(s.name)}** ({t.fmt('status_' + s.status)}): {cell(s.error or '–')}" for s in failed]
    return [*lines, "", t.failed_advice]


def _changes(ctx: ReportContext, t: Strings) -> list[str]:
    lines = [f"## {t.changes}", ""]
    if ctx.diff is None:
        return [*lines, t.first_scan]
    d = ctx.diff
    summary = (
        f"{t.new}: **{len(d.new)}** · {t.resolved}: **{len(d.resolved)}** · "
        f"{t.still_open}: **{len(d.still_open)}**"
    )
    if d.not_rechecked:
        summary += f" · {t.not_rechecked}: **{len(d.not_rechecked)}**"
    lines.append(summary)
    for title, items in ((t.new_violations, d.new), (t.resolved_violations, d.resolved)):
        if items:
            lines += ["", f"**{title}**", ""]
            lines += [
                f"- {t.severity_name(v.severity)} `{cell(v.rule)}` {cell(_where(v))}"
                for v in items[:LISTED_CHANGES]
            ]
            if len(items) > LISTED_CHANGES:
                lines.append(f"- … (+{len(items) - LISTED_CHANGES})")
    return lines


def render_markdown(ctx: ReportContext) -> str:
    """Render summary.md as text."""
    t = Strings(ctx.lang)
    f = ctx.findings
    serious = sum(1 for v in ctx.open_violations if v.severity in ("critical", "high"))
    if serious:
        verdict = t.fmt("verdict_bad", n=len(ctx.open_violations), serious=serious)
    elif ctx.open_violations:
        verdict = t.fmt("verdict_warn", n=len(ctx.open_violations))
    else:
        verdict = t.verdict_ok
    failed = sum(1 for s in f.sources if s.status == "error")
    if failed:
        verdict += " " + t.fmt("verdict_failed", n=failed)
    banner = incomplete_banner(f.coverage, t)
    tables = len({(c.source, c.table) for c in f.columns})
    parts = [
        f"# {t.title}",
        "",
        f"{t.policy}: `{cell(f.policy.id)}` v{cell(f.policy.version)} · {t.scan_id}: `{cell(f.scan_id)}` · "
        f"{t.started}: {cell(shown(f.started_at, ctx.timezone, seconds=True))} · "
        f"{t.finished}: {cell(shown(f.finished_at, ctx.timezone, seconds=True))}",
        "",
        *([f"> **{banner}**", ""] if banner else []),
        f"**{verdict}**",
        "",
        f"{t.sources_scanned}: {t.fmt('n_of_m', n=len(f.sources) - failed, m=len(f.sources))} · "
        + t.fmt("columns_in_tables", n=len(f.columns), m=tables),
        "",
        *_counts(ctx, t),
        "",
        *_top(ctx, t),
        "",
    ]
    failed_lines = _failed(ctx, t)
    if failed_lines:
        parts += [*failed_lines, ""]
    parts += [*coverage_markdown(f.coverage, t, cell), ""]
    parts += [*_changes(ctx, t), ""]
    return "\n".join(parts)


def artifact_rows(ctx: ReportContext) -> list[dict[str, str | int | bool | None]]:
    """Return the open violations as plain rows, for a Prefect table artifact (``create_table_artifact``)."""
    return [
        {
            "severity": v.severity,
            "rule": v.rule,
            "source": v.source,
            "table": v.table,
            "column": v.column,
            "count": v.count,
            "message": v.message,
            "policy_ref": v.policy_ref,
            "id": v.id,
            "new": v.id in ctx.new_ids,
        }
        for v in ctx.open_violations
    ]
