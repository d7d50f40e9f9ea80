"""The scan flow in Prefect: each source's listing and each table a Prefect task, then checks and reports.

Deployments (``clinicscan schedule``, prefect.yaml) run this flow, so every scheduled scan is recorded by
Prefect with its artifacts; the work itself is ``flows/scan_work.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.futures import PrefectFuture

from flows.check_worker import run_in_process
from flows.config import Sampling, ScanConfig, SourceConfig
from flows.inventory import SourceInventory
from flows.retries import TASK_RETRIES
from flows.scan_work import (
    Pending,
    T,
    TimedOut,
    list_source_tables,
    scan_and_report,
    scan_source_table,
)
from flows.steps import TableScan

if TYPE_CHECKING:  # scan_report imports the reports: only when a scan finishes
    from expectations.model import CheckOptions, CheckOutcome, TableCheckInput
    from flows.scan_report import ScanSummary
    from policy.schema import Policy


@task(name="list-tables", **TASK_RETRIES)
def list_tables_task(cfg: ScanConfig, index: int) -> SourceInventory:
    """List the tables (or files) of one source and check its column map against them."""
    return list_source_tables(cfg, index)


@task(name="scan-table", task_run_name="scan {cfg.name}.{table}", **TASK_RETRIES)
def scan_table_task(cfg: SourceConfig, table: str, sampling: Any) -> TableScan:
    """Read and classify one table."""
    return scan_source_table(cfg, table, sampling)


class _TaskPending(Pending[T]):
    def __init__(self, future: PrefectFuture[T]) -> None:
        self._future = future

    def get(self, timeout: float | None = None) -> T:
        self._future.wait(timeout)
        if self._future.state.is_pending() or self._future.state.is_running():
            raise TimedOut
        return self._future.result()


class TaskRunner:
    """The scan's tables as Prefect tasks of the running flow (on the flow's task runner)."""

    def list_tables(self, cfg: ScanConfig, index: int) -> Pending[SourceInventory]:
        """Submit the listing of source ``index``'s tables."""
        return _TaskPending(list_tables_task.submit(cfg, index))

    def expect(self, tables: int, sampling: Sampling) -> None:
        """Nothing to prepare: the flow's task runner (threads or Dask) runs the tables."""

    def scan_table(self, cfg: SourceConfig, table: str, sampling: Sampling) -> Pending[TableScan]:
        """Submit the scan of one table."""
        return _TaskPending(scan_table_task.submit(cfg, table, sampling))

    def check(self, policy: Policy, tables: Sequence[TableCheckInput], options: CheckOptions) -> CheckOutcome:
        """Run the policy checks in the flow's own process."""
        return run_in_process(policy, tables, options)


@flow(name="clinicscan-scan", log_prints=False)
def scan_flow(config_path: str, out_dir: str, lang: str | None = None, full: bool = False) -> ScanSummary:
    """Scan every configured source, check the findings against the policy, and write the reports."""
    summary = scan_and_report(Path(config_path), Path(out_dir), lang, full, TaskRunner())
    create_markdown_artifact(
        summary.markdown,
        key="compliance-scan-summary",
        description="clinicscan: summary of the compliance scan",
    )
    if summary.violation_rows:
        create_table_artifact(
            summary.violation_rows,
            key="compliance-scan-violations",
            description="clinicscan: open policy violations",
        )
    return summary


def task_runner_for(kind: str, max_workers: int) -> Any:
    """Threads on one machine (default), or a Dask cluster for scans larger than one machine.

    ``PREFECT_DASK_ADDRESS`` points Dask at an existing cluster; without it a local one is started.
    """
    if kind == "dask":
        import os

        from prefect_dask import DaskTaskRunner

        address = os.environ.get("PREFECT_DASK_ADDRESS")
        if address:
            return DaskTaskRunner(address=address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": max_workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=max_workers)
