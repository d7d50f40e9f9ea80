"""report.html: one self-contained page (inline CSS and SVG, no script, no network) the data team reads daily.

This module turns a ``ReportContext`` into the plain values the Jinja2 template lays out; the template
(``reports/templates/report.html.j2``) holds no logic beyond loops and conditions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from reports.charts import Bar, horizontal_bars, trend_columns
from reports.context import ReportContext
from reports.coverage_view import coverage_view, incomplete_banner
from reports.findings import SCHEMA_VERSION, SEVERITIES, ColumnFinding, Violation
from reports.hashes import hash_scheme
from reports.i18n import Strings
from reports.rule_text import rule_text
from reports.times import shown

TOP_TABLES = 10


@dataclass
class RuleGroup:
    """The open violations of one rule within one severity, with the rule's meaning and advice."""

    rule: str
    title: str
    meaning: str
    advice: str
    policy_refs: list[str]
    violations: list[Violation] = field(default_factory=list)


@dataclass
class TableGroup:
    """The columns with personal data of one table, for the inventory."""

    table: str
    columns: list[ColumnFinding]


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _verdict(ctx: ReportContext, t: Strings, failed: int) -> tuple[str, list[str]]:
    level, lines = _violations_verdict(ctx, t, failed)
    banner = incomplete_banner(ctx.findings.coverage, t)
    if banner is None:
        return level, lines
    return ("bad" if level == "bad" else "warn"), [banner, *lines]


def _violations_verdict(ctx: ReportContext, t: Strings, failed: int) -> tuple[str, list[str]]:
    serious = sum(1 for v in ctx.open_violations if v.severity in ("critical", "high"))
    n = len(ctx.open_violations)
    if serious:
        level, lines = "bad", [t.fmt("verdict_bad", n=n, serious=serious)]
    elif n:
        level, lines = "warn", [t.fmt("verdict_warn", n=n)]
    else:
        level, lines = "ok", [t.verdict_ok]
    if failed:
        lines.append(t.fmt("verdict_failed", n=failed))
        level = "bad" if level == "bad" else "warn"
    return level, lines


def _severity_groups(ctx: ReportContext) -> list[tuple[str, int, list[RuleGroup]]]:
    groups: list[tuple[str, int, list[RuleGroup]]] = []
    for severity in SEVERITIES:
        by_rule: dict[str, RuleGroup] = {}
        for v in ctx.open_violations:
            if v.severity != severity:
                continue
            if v.rule not in by_rule:
                title, meaning, advice = rule_text(v.rule, ctx.lang)
                by_rule[v.rule] = RuleGroup(v.rule, title, meaning, advice, [])
            group = by_rule[v.rule]
            group.violations.append(v)
            if v.policy_ref not in group.policy_refs:
                group.policy_refs.append(v.policy_ref)
        if by_rule:
            rules = list(by_rule.values())
            groups.append((severity, sum(len(g.violations) for g in rules), rules))
    return groups


def _inventory(ctx: ReportContext) -> list[tuple[str, list[TableGroup]]]:
    by_source: dict[str, dict[str, list[ColumnFinding]]] = defaultdict(lambda: defaultdict(list))
    for c in sorted(ctx.findings.columns, key=lambda c: (c.source, c.table, c.column)):
        by_source[c.source][c.table].append(c)
    return [
        (source, [TableGroup(table, cols) for table, cols in tables.items()])
        for source, tables in by_source.items()
    ]


def _charts(ctx: ReportContext, t: Strings) -> dict[str, Any]:
    open_counts = Counter(v.severity for v in ctx.open_violations)
    severity_bars = [Bar(t.severity_name(s), open_counts[s], f"fill-{s}") for s in SEVERITIES]
    per_category = Counter(cat for c in ctx.findings.columns for cat in c.categories)
    category_bars = [Bar(ctx.category_label(k), n) for k, n in per_category.most_common()]
    per_table = Counter(f"{c.source} · {c.table}" for c in ctx.findings.columns)
    table_bars = [Bar(k, n, "fill-accent-2") for k, n in per_table.most_common(TOP_TABLES)]
    unit = f" {t.chart_columns_unit}" if ctx.lang == "en" else t.chart_columns_unit
    charts: dict[str, Any] = {
        "severity": horizontal_bars(severity_bars, t.chart_severity, t.chart_empty),
        "category": horizontal_bars(category_bars, t.chart_category, t.chart_empty, unit),
        "table": horizontal_bars(table_bars, t.chart_table, t.chart_empty, unit),
        "trend": None,
        "trend_title": t.fmt("chart_trend", n=len(ctx.trend)),
    }
    if len(ctx.trend) >= 2:
        names: dict[str, str] = {s: t.severity_name(s) for s in SEVERITIES}
        charts["trend"] = trend_columns(ctx.trend, charts["trend_title"], names, ctx.timezone)
    return charts


def view_model(ctx: ReportContext) -> dict[str, Any]:
    """Compute the values the template shows from the context (exposed for tests)."""
    t = Strings(ctx.lang)
    f = ctx.findings
    failed = [s for s in f.sources if s.status != "ok"]
    level, verdict_lines = _verdict(ctx, t, sum(1 for s in f.sources if s.status == "error"))
    return {
        "lang": ctx.lang,
        "t": t,
        "f": f,
        "started": shown(f.started_at, ctx.timezone, seconds=True),
        "finished": shown(f.finished_at, ctx.timezone, seconds=True),
        "organisation": ctx.organisation,
        "schema_version": SCHEMA_VERSION,
        "verdict_level": level,
        "verdict_lines": verdict_lines,
        "tiles": {
            "sources_ok": sum(1 for s in f.sources if s.status != "error"),
            "sources_total": len(f.sources),
            "sources_failed": sum(1 for s in f.sources if s.status == "error"),
            "tables": sum(s.tables for s in f.sources),
            "tables_with_pd": len({(c.source, c.table) for c in f.columns}),
            "columns_with_pd": len(f.columns),
            "open": len(ctx.open_violations),
            "waived": len(ctx.waived),
        },
        "severity_counts": [(s, sum(1 for v in ctx.open_violations if v.severity == s)) for s in SEVERITIES],
        "charts": _charts(ctx, t),
        "diff": ctx.diff,
        "new_ids": ctx.new_ids,
        "expired_ids": ctx.expired_ids,
        "severity_groups": _severity_groups(ctx),
        "inventory": _inventory(ctx),
        "category_label": ctx.category_label,
        "rule_title": lambda rule: rule_text(rule, ctx.lang)[0],
        "failed_sources": failed,
        "coverage": coverage_view(f.coverage, t),
        "waived": ctx.waived,
        "expired": ctx.expired,
        "today": ctx.today,
        "data_docs": ctx.data_docs,
        "hash_scheme": hash_scheme,
    }


def render_html(ctx: ReportContext) -> str:
    """Render report.html as text."""
    return _environment().get_template("report.html.j2").render(**view_model(ctx))
