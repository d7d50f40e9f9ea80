"""report.html in a real headless Chromium (Debian's package), with JavaScript disabled.

Fails on any request that would leave the machine, console error, sideways scroll, table wider than its
visible box, cut chart label, `이(가)` seam or UTC time, at 1280 and 390 px; prints A4 and checks that
every inventory column is on paper and the summary prints alone; checks that
the summary, the violations and the inventory are visible in both languages, and keeps screenshots in
tests/artifacts/ for a human to look at.
"""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from reports.context import ReportOptions, build_context
from reports.findings import Findings
from reports.history import TrendPoint
from reports.i18n import Strings
from reports.render import write_reports
from reports.waivers import Waiver
from tests.reports.browser import (
    WIDTHS,
    browser,
    layout_problems,
    pdf_pages,
    shoot,
    squeeze,
    text_problems,
    visit,
)
from tests.reports.factories import CATEGORY_LABELS, violation

__all__ = ["browser"]  # the fixture, imported for pytest
pytestmark = pytest.mark.browser

EXPECTED = {
    "en": {
        "summary": "Summary",
        "violations": "Violations",
        "inventory": "Personal data inventory",
        "advice": "What to do",
        "severity": "Critical",
    },
    "ko": {
        "summary": "요약",
        "violations": "위반 사항",
        "inventory": "개인정보 보유 현황",
        "advice": "조치 방법",
        "severity": "심각",
    },
}


def write_report(findings: Findings, previous: Findings, lang: str, out: Path) -> Path:
    trend = [
        TrendPoint(
            f"s{i}", f"2025-05-{26 + i}T02:00:00+09:00", {"critical": 3 - i // 2, "high": 4, "medium": 2}
        )
        for i in range(6)
    ]
    waivers = [
        Waiver(
            id="2c3d4e5f6a1b",
            reason="Purge job fixed; rows go on 15 June",
            owner="park.jisoo",
            expires=date(2025, 6, 30),
        ),
        Waiver(
            match={"rule": "inventory.unmapped", "source": "emr", "table": "members_backup_2023"},  # type: ignore[arg-type]
            reason="Kept until the audit closes",
            owner="data-team",
            expires=date(2025, 5, 31),
        ),
    ]
    options = ReportOptions(
        lang=lang,  # type: ignore[arg-type]
        waivers=waivers,
        previous=previous,
        trend=trend,
        category_labels=CATEGORY_LABELS,
    )
    write_reports(build_context(findings, options), out, ["report.html"])
    return out / "report.html"


def test_the_watch_catches_a_page_that_fetches_anything(browser: Browser, tmp_path: Path) -> None:
    # A missing local file rather than a web address: the test itself must not touch the network.
    page_file = tmp_path / "fetching.html"
    page_file.write_text('<!doctype html><title>x</title><img src="pixel.png" alt="">', encoding="utf-8")
    page_file.write_text(
        '<!doctype html><title>x</title><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
        '<div style="width:2000px">wide</div><svg viewBox="0 0 50 20" width="50"><text x="0" y="15">'
        "a label far too long for its chart</text></svg><p>주민등록번호이(가) 2025-06-01 02:00 UTC</p>",
        encoding="utf-8",
    )
    with visit(browser, page_file, "ko", 390) as (page, problems):
        layout = layout_problems(page)
        text = page.inner_text("body")
    assert any("network request" in p and "127.0.0.1:9" in p for p in problems)
    assert any("page scrolls sideways" in p for p in layout)
    assert any("chart label cut" in p for p in layout)
    assert {p.split()[0] for p in text_problems(text)} == {"seam", "UTC"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_report_renders_in_chromium(
    browser: Browser, findings: Findings, previous_findings: Findings, tmp_path: Path, lang: str
) -> None:
    report = write_report(findings, previous_findings, lang, tmp_path)
    text = EXPECTED[lang]
    for device, width in WIDTHS.items():
        with visit(browser, report, lang, width) as (page, problems):
            assert page.locator("html").get_attribute("lang") == lang
            for section, heading in (
                ("summary", text["summary"]),
                ("violations", text["violations"]),
                ("inventory", text["inventory"]),
            ):
                h2 = page.locator(f"#h-{section}")
                assert h2.is_visible(), section
                assert heading in h2.inner_text()
            assert page.locator(".tile").first.is_visible()
            assert page.get_by_text(text["advice"]).first.is_visible()
            violation_rows = page.locator("#violations .rule-card tbody tr")
            assert violation_rows.count() == 8 and violation_rows.first.is_visible()
            inventory_rows = page.locator("#inventory tbody tr")
            assert inventory_rows.count() == len(findings.columns) and inventory_rows.last.is_visible()
            assert page.locator("#sev-critical").get_by_text(text["severity"]).first.is_visible()
            assert page.locator("svg.chart").count() == 4
            assert layout_problems(page) == [], device
            assert text_problems(page.inner_text("body")) == [], device
            shoot(page, f"report-{lang}-{width}")
            if device == "desktop":
                pages = pdf_pages(page, f"report-{lang}")
        assert problems == [], device
    _assert_on_paper(pages, findings, lang)


def _assert_on_paper(pages: list[str], findings: Findings, lang: str) -> None:
    """Every inventory column and header on paper; the summary alone on the first page."""
    t = Strings(lang)
    paper = squeeze("".join(pages))
    for header in (
        t.table,
        t.column,
        t.personal_data,
        t.categories,
        t.confidence,
        t.rows_scanned,
        t.hits,
        t.evidence,
    ):
        assert squeeze(header) in paper, header
    for c in findings.columns:
        assert squeeze(c.column) in paper, f"inventory column {c.column} is missing on paper"
        for e in c.evidence:
            assert squeeze(e) in paper, e
    first = squeeze(pages[0])
    assert squeeze(t.summary) in first and squeeze(t.open_violations) in first
    assert squeeze(t.changes) not in first, "the summary must print alone"
    assert text_problems("".join(pages)) == []


def test_a_long_file_name_wraps_inside_its_cell_on_a_phone(
    browser: Browser, findings: Findings, previous_findings: Findings, tmp_path: Path
) -> None:
    long_name = "homepage_backup_20261204.xlsx#상담신청"
    findings.violations.append(
        violation(
            "9a9a9a9a9a9a",
            "consignment.out_of_scope",
            "critical",
            long_name,
            source="infonet-hosting-export",
            column="주민등록번호",
            count=3,
        )
    )
    report = write_report(findings, previous_findings, "ko", tmp_path)
    with visit(browser, report, "ko", WIDTHS["phone"]) as (page, problems):
        cells = page.locator("td.where", has_text=long_name)
        assert cells.count() >= 1
        for i in range(cells.count()):
            box = cells.nth(i).evaluate("c => [c.scrollWidth, c.clientWidth]")
            assert box[0] <= box[1], f"{long_name} overflows its cell: {box}"
            assert box[1] <= WIDTHS["phone"] // 2, f"{long_name} widens its column to {box[1]} px"
        assert layout_problems(page) == []
    assert problems == []
