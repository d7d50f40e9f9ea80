"""The whole scan on the demo clinic: every planted violation found, every clean counterpart not, no leak.

Runs on SQLite (the embedded default), PostgreSQL and MariaDB, through the real Prefect flow.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from demo import DemoOptions, build_demo, drop_schema
from demo.manifest import DemoManifest
from flows.scan_cmd import run_scan
from reports.findings_json import read_findings
from reports.leakguard import assert_no_raw_values
from tests.flows.conftest import MARIADB_URL, PG_URL

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _scan_demo(tmp_path: Path, url: str | None, schema: str | None) -> tuple[DemoManifest, Path, int]:
    manifest = build_demo(url, tmp_path, DemoOptions(patients=120, schema_name=schema))
    out = tmp_path / "report"
    code = run_scan(
        tmp_path / "scan.yaml", out, lang="en", fail_on="critical", full=False, task_runner=None
    ).exit_code()
    return manifest, out, code


def _assert_matches_manifest(manifest: DemoManifest, out: Path) -> None:
    findings = read_findings(out / "findings.json")
    assert all(s.status == "ok" for s in findings.sources), [s.error for s in findings.sources]
    found = {(v.rule, v.source, v.table, v.column): v for v in findings.violations}
    planted = manifest.expected("column")
    assert set(found) == planted, {"missed": planted - set(found), "extra": set(found) - planted}
    for p in manifest.violations:
        if p.count is not None:
            table = manifest.qualified(p.table) if p.source == manifest.database_source else p.table
            assert found[(p.rule, p.source, table, p.column)].count == p.count, (p.rule, table)


def test_demo_scan_on_sqlite_finds_exactly_the_planted_violations(tmp_path: Path) -> None:
    manifest, out, code = _scan_demo(tmp_path, None, None)
    assert code == 1  # --fail-on critical, and critical violations are planted
    _assert_matches_manifest(manifest, out)
    for name in ("findings.json", "report.html", "findings.csv", "summary.md"):
        assert (out / name).stat().st_size > 0
    assert (out / "data_docs").exists()
    _assert_artifacts_published()


def _assert_artifacts_published() -> None:
    """Every run publishes a Markdown summary and a table of violations as Prefect artifacts."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        for key, kind in (("compliance-scan-summary", "markdown"), ("compliance-scan-violations", "table")):
            found = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))
            assert found and found[0].type == kind, key


def test_no_raw_value_in_any_output(tmp_path: Path) -> None:
    _, out, _ = _scan_demo(tmp_path, None, None)
    values = _raw_identifiers(tmp_path / "clinic.sqlite")
    assert len(values) > 50, "the demo clinic should hold raw identifiers to look for"
    assert_no_raw_values([out], values)


_IDENTIFIER = re.compile(
    r"\d{6}-?[1-8]\d{6}|01[016-9]-?\d{3,4}-?\d{4}|[\w.+-]+@[\w-]+\.[\w.]+|\d{4}-?\d{4}-?\d{4}-?\d{4}"
)


def _raw_identifiers(db: Path) -> list[str]:
    """RRNs, phones, emails and card numbers as stored in the demo clinic: what must never be printed."""
    found: set[str] = set()
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}" LIMIT 300'):
                for cell in row:
                    if isinstance(cell, str | int):
                        found.update(m.group(0) for m in _IDENTIFIER.finditer(str(cell)))
    return sorted(found)


@pytest.mark.postgres
def test_demo_scan_on_postgres(tmp_path: Path, schema_name: str) -> None:
    try:
        manifest, out, _ = _scan_demo(tmp_path, PG_URL, schema_name)
        _assert_matches_manifest(manifest, out)
    finally:
        drop_schema(PG_URL, schema_name)


@pytest.mark.mariadb
def test_demo_scan_on_mariadb(tmp_path: Path, schema_name: str) -> None:
    try:
        manifest, out, _ = _scan_demo(tmp_path, MARIADB_URL, schema_name)
        _assert_matches_manifest(manifest, out)
    finally:
        drop_schema(MARIADB_URL, schema_name)
