"""The one table of report renderers, and the function that writes them all next to each other.

A renderer is a plain function ``ReportContext -> str``; adding a report format means adding one entry
here. Files are written as UTF-8 (the CSV renderer puts the BOM at the start of its text itself).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from reports.context import ReportContext
from reports.csv_report import render_csv
from reports.findings_json import dumps_findings
from reports.html import render_html
from reports.markdown import render_markdown

Renderer = Callable[[ReportContext], str]


def render_json(ctx: ReportContext) -> str:
    """Render findings.json: the findings as found (waivers do not change it: docs/findings-json.md)."""
    return dumps_findings(ctx.findings)


RENDERERS: dict[str, Renderer] = {
    "findings.json": render_json,
    "report.html": render_html,
    "findings.csv": render_csv,
    "summary.md": render_markdown,
}
"""File name -> renderer. Every file a scan writes into ``--out`` besides the history and GX Data Docs."""


def write_reports(ctx: ReportContext, out_dir: Path, names: Iterable[str] | None = None) -> list[Path]:
    """Render and write the reports (all of ``RENDERERS``, or only ``names``) and return their paths.

    Each file is written to a temporary name first and then renamed, so a reader (a browser refreshing
    report.html, a dashboard polling findings.json) never sees half a file.

    Raises:
        KeyError: a name is not in ``RENDERERS``.
        OSError: the folder cannot be written.

    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in names if names is not None else RENDERERS:
        text = RENDERERS[name](ctx)
        target = out_dir / name
        partial = out_dir / f".{name}.partial"
        partial.write_text(text, encoding="utf-8", newline="")
        partial.replace(target)
        written.append(target)
    return written
