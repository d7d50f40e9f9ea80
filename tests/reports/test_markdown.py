from datetime import date

from reports.context import ReportOptions, build_context
from reports.findings import Findings
from reports.markdown import TOP_VIOLATIONS, cell, render_markdown
from reports.waivers import Waiver
from tests.reports.factories import make_findings, violation


def test_summary_has_counts_top_violations_failures_and_changes(
    findings: Findings, previous_findings: Findings
) -> None:
    waivers = [Waiver(id="2c3d4e5f6a1b", reason="r", owner="o", expires=date(2025, 12, 31))]
    md = render_markdown(build_context(findings, ReportOptions(waivers=waivers, previous=previous_findings)))
    assert md.startswith("# Privacy compliance report")
    assert "| Critical | 2 | 0 |" in md
    assert "| Low | 0 | 1 |" in md
    assert "| **Total** | **8** | **1** |" in md
    assert "## Top open violations" in md and "`security.plaintext_secret`" in md
    assert "- **legacy_crm** (Failed): cannot connect" in md
    assert "New: **2** · Resolved: **1** · Still open: **7** · Not rechecked: **1**" in md


def test_korean_summary(findings: Findings) -> None:
    md = render_markdown(build_context(findings, ReportOptions(lang="ko")))
    assert md.startswith("# 개인정보 컴플라이언스 점검 보고서")
    assert "| 심각 | 2 | 0 |" in md
    assert "처음 기록된 점검" in md


def test_clean_scan() -> None:
    f = make_findings(violations=[], sources=[])
    md = render_markdown(build_context(f))
    assert "**No open violations.**" in md
    assert "could not be read" not in md


def test_long_lists_are_cut_with_a_pointer_to_the_html() -> None:
    many = [violation(f"v{i:03d}", "retention.overdue", "high", f"t{i}") for i in range(TOP_VIOLATIONS + 5)]
    md = render_markdown(build_context(make_findings(violations=many)))
    assert "…and 5 more in report.html." in md


def test_table_cells_cannot_break_the_table() -> None:
    assert cell("a|b\nc") == "a\\|b c"
    f = make_findings(
        violations=[violation("v1", "inventory.unmapped", "low", "x|y", message="line1\nline2 | z")]
    )
    row = next(line for line in render_markdown(build_context(f)).splitlines() if "x\\|y" in line)
    assert row.count("|") - row.count("\\|") == 7


def test_artifact_rows_are_the_open_violations(findings: Findings, previous_findings: Findings) -> None:
    from reports.markdown import artifact_rows

    waivers = [Waiver(id="2c3d4e5f6a1b", reason="r", owner="o", expires=date(2025, 12, 31))]
    rows = artifact_rows(build_context(findings, ReportOptions(waivers=waivers, previous=previous_findings)))
    assert len(rows) == len(findings.violations) - 1
    assert rows[0]["severity"] == "critical"
    assert {r["id"] for r in rows if r["new"]} == {"0a1b2c3d4e5f", "1b2c3d4e5f6a"}
