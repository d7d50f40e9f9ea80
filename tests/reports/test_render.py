from pathlib import Path

from reports.context import build_context
from reports.findings import Findings
from reports.findings_json import read_findings
from reports.render import RENDERERS, write_reports


def test_renderer_table_lists_the_report_files() -> None:
    assert set(RENDERERS) == {"findings.json", "report.html", "findings.csv", "summary.md"}


def test_write_reports_writes_every_file_and_no_partials(findings: Findings, out_dir: Path) -> None:
    written = write_reports(build_context(findings), out_dir)
    assert sorted(p.name for p in written) == sorted(RENDERERS)
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(RENDERERS)
    assert read_findings(out_dir / "findings.json") == findings


def test_findings_json_is_not_changed_by_waivers(findings: Findings, out_dir: Path) -> None:
    from datetime import date

    from reports.context import ReportOptions
    from reports.waivers import Waiver

    waiver = Waiver(id="a1b2c3d4e5f6", reason="r", owner="o", expires=date(2099, 1, 1))
    write_reports(build_context(findings, ReportOptions(waivers=[waiver])), out_dir, ["findings.json"])
    assert len(read_findings(out_dir / "findings.json").violations) == len(findings.violations)
