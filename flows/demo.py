"""``clinicscan demo``: build the synthetic demo clinic, scan it, and say where the report is."""

from __future__ import annotations

from pathlib import Path

from flows.progress import say
from reports.exit_codes import RunVerdict


def run_demo(out: Path, url: str | None, patients: int, lang: str | None) -> RunVerdict:
    """Build the demo clinic into ``out`` (SQLite unless ``url``), then run the scan flow on it."""
    from demo import DemoOptions, build_demo
    from flows.scan_cmd import run_scan

    out.mkdir(parents=True, exist_ok=True)
    db_url = url or f"sqlite:///{(out / 'clinic.sqlite').resolve()}"
    say(f"building the demo clinic ({patients} patients) in {out}")
    manifest = build_demo(db_url, out, DemoOptions(patients=patients))
    say(f"demo clinic ready: {len(manifest.violations)} planted violations; scanning")
    return run_scan(out / "scan.yaml", out / "report", lang=lang, fail_on=None, full=False, task_runner=None)
