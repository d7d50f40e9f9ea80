"""What every browser test checks on a page people read: Chromium with JavaScript off, no network.

``Visit`` opens a local file at a width, records every request that leaves the machine (anything but
``file:``), failed requests and console errors; ``layout_problems`` finds page-level sideways scroll,
tables wider than their visible box, boxes cut off at the right edge and SVG labels cut by their chart;
``text_problems`` finds ``이(가)`` seams and times shown in UTC; ``pdf_text`` prints the page to A4 and
returns the text of each page, for the "every column on paper" checks.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from pypdf import PdfReader

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
WIDTHS = {"desktop": 1280, "phone": 390}
SEAM = re.compile(r"[이가은는을를과와]\([이가은는을를과와]\)|\(으\)로")
UTC_TIME = re.compile(r"\bUTC\b|\+00:00|\d{2}:\d{2}(:\d{2})?Z\b|\bGMT\b")

_LAYOUT_JS = (Path(__file__).parent / "layout_check.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make browser` (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@contextmanager
def visit(browser: Browser, page_file: Path, lang: str, width: int) -> Iterator[tuple[Page, list[str]]]:
    """Open a local page with JavaScript off at ``width`` px; yields the page and the problems seen.

    A request for another local file (Data Docs' own stylesheet) is fine; anything that would leave the
    machine, a failed request or a console error is a problem.
    """
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 900}, locale=f"{lang}-KR"
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
        lambda r: problems.append(f"network request: {r.url}") if not r.url.startswith("file:") else None,
    )
    page.goto(page_file.as_uri(), wait_until="load")
    try:
        yield page, problems
    finally:
        context.close()


def layout_problems(page: Page) -> list[str]:
    """Sideways page scroll, tables wider than their visible box, cut or repeated chart labels."""
    return list(page.evaluate(_LAYOUT_JS))


def text_problems(text: str) -> list[str]:
    """``이(가)``-style seams and times shown in UTC."""
    found = [
        f"seam {m.group(0)!r} in …{text[max(m.start() - 30, 0) : m.end() + 10]}…" for m in SEAM.finditer(text)
    ]
    found += [
        f"UTC time {m.group(0)!r} in …{text[max(m.start() - 30, 0) : m.end() + 10]}…"
        for m in UTC_TIME.finditer(text)
    ]
    return found


def shoot(page: Page, name: str) -> None:
    """Keep a full-page screenshot in tests/artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def pdf_pages(page: Page, name: str) -> list[str]:
    """Print the page to A4 as Chromium does (kept in tests/artifacts/); return each page's text."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.emulate_media(media="print")
    data = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(data)
    page.emulate_media(media="screen")
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]


def squeeze(text: str) -> str:
    """Text without whitespace, ligatures or case, so a word the layout broke or capitalised still matches."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())
