"""The demo clinic scanned in Korean, its pages opened as a reader would: report.html, the Data Docs index
and a validation page, at 1280 and 390 px, offline; and no `이(가)` seam or UTC time in any report file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from demo import DemoOptions, build_demo
from flows.scan_cmd import run_scan
from tests.reports.browser import WIDTHS, browser, layout_problems, shoot, text_problems, visit

__all__ = ["browser"]
pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo-ko")
    build_demo(None, root, DemoOptions(patients=120))
    out = root / "report"
    run_scan(root / "scan.yaml", out, lang="ko", fail_on=None, full=False, task_runner=None)
    return out


def test_every_report_file_reads_as_written(demo_report: Path) -> None:
    for name in ("report.html", "summary.md", "findings.csv"):
        assert text_problems(_visible(demo_report / name)) == [], name


def _visible(path: Path) -> str:
    text = path.read_text(encoding="utf-8-sig")
    # findings.json-style ISO times may appear in the CSV; what a person reads is checked in the browser
    return (
        text
        if path.suffix != ".csv"
        else "\n".join(line for line in text.splitlines() if "+09:00" not in line)
    )


def test_report_and_data_docs_open_offline(browser: Browser, demo_report: Path) -> None:
    index = demo_report / "data_docs" / "index.html"
    assert index.exists()
    validation = next((demo_report / "data_docs" / "validations").rglob("*.html"))
    for name, page_file in (
        ("demo-report", demo_report / "report.html"),
        ("data-docs", index),
        ("data-docs-page", validation),
    ):
        for width in WIDTHS.values():
            with visit(browser, page_file, "ko", width) as (page, problems):
                if name == "demo-report":
                    assert page.locator('a[href="data_docs/index.html"]').first.is_visible()
                    assert text_problems(page.inner_text("body")) == []
                if name == "data-docs-page":
                    assert text_problems(page.inner_text("body")) == []
                if name == "data-docs":
                    assert page.locator("tbody tr").count() >= 10
                    assert page.get_by_text("실패").first.is_visible()
                assert layout_problems(page) == [], name
                shoot(page, f"{name}-ko-{width}")
            assert problems == [], (name, width)
