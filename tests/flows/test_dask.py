"""The scan's table tasks run on a local Dask cluster (prefect-dask) and give the same findings as threads."""

from __future__ import annotations

from pathlib import Path

import pytest

from demo import DemoOptions, build_demo
from flows.scan_cmd import run_scan
from reports.findings_json import read_findings

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]


def test_scan_on_a_local_dask_cluster_matches_threads(tmp_path: Path) -> None:
    build_demo(None, tmp_path, DemoOptions(patients=60))
    config = tmp_path / "scan.yaml"
    assert (
        run_scan(
            config, tmp_path / "threads", lang="en", fail_on=None, full=False, task_runner=None
        ).exit_code()
        == 0
    )
    assert (
        run_scan(
            config, tmp_path / "dask", lang="en", fail_on=None, full=False, task_runner="dask"
        ).exit_code()
        == 0
    )
    threads = read_findings(tmp_path / "threads" / "findings.json")
    dask = read_findings(tmp_path / "dask" / "findings.json")
    assert all(s.status == "ok" for s in dask.sources), [s.error for s in dask.sources]
    assert {v.id for v in dask.violations} == {v.id for v in threads.violations}
    assert len(dask.columns) == len(threads.columns)
