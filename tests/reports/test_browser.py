"""report.html in a real headless Chromium (Debian's package), with JavaScript disabled.

Fails on any console error, failed request or request that is not the report file itself, checks that
the summary, the violations and the inventory are visible in both languages, and keeps screenshots in
tests/artifacts/ for a human to look at.
"""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from reports.context import ReportOptions, build_context
from reports.findings import Findings
from reports.history import TrendPoint
from reports.render import write_reports
from reports.waivers import Waiver
from tests.reports.factories import CATEGORY_LABELS

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

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


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make browser` (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


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


def open_page(browser: Browser, report: Path, lang: str = "en") -> tuple[BrowserContext, Page, list[str]]:
    """Open a file with JavaScript off, collecting console errors, failed and unexpected requests."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}, locale=f"{lang}-KR"
    )
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} {r.failure}"))
    page.on(
        "request",
        lambda r: problems.append(f"unexpected request: {r.url}") if r.url != report.as_uri() else None,
    )
    page.goto(report.as_uri(), wait_until="load")
    return context, page, problems


def test_the_watch_catches_a_page_that_fetches_anything(browser: Browser, tmp_path: Path) -> None:
    # A missing local file rather than a web address: the test itself must not touch the network.
    page_file = tmp_path / "fetching.html"
    page_file.write_text('<!doctype html><title>x</title><img src="pixel.png" alt="">', encoding="utf-8")
    context, _page, problems = open_page(browser, page_file)
    context.close()
    assert any("unexpected request" in p and "pixel.png" in p for p in problems)
    assert any("request failed" in p for p in problems)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_report_renders_in_chromium(
    browser: Browser, findings: Findings, previous_findings: Findings, tmp_path: Path, lang: str
) -> None:
    report = write_report(findings, previous_findings, lang, tmp_path)
    context, page, problems = open_page(browser, report, lang)
    text = EXPECTED[lang]
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
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report-{lang}.png"), full_page=True)
    page.screenshot(path=str(ARTIFACTS / f"report-{lang}-top.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), (
        "the page scrolls sideways on a phone: a wide table must scroll inside its own box"
    )
    page.screenshot(path=str(ARTIFACTS / f"report-{lang}-phone.png"))
    context.close()
    assert problems == []
