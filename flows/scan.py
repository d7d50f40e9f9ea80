"""The scan flow: sources and tables as concurrent Prefect tasks, then policy checks, then reports."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.futures import PrefectFuture

from flows.config import ConfigError, ScanConfig, SourceConfig, load_config
from flows.inventory import SourceInventory, take_inventory, unknown_record_types
from flows.progress import say
from flows.sources_cache import close_all, source_for
from flows.steps import TableScan, scan_table
from reports.exit_codes import RunVerdict
from sources.base import SourceError

if TYPE_CHECKING:  # scan_report imports the reports: only when a scan finishes
    from flows.scan_report import ScanSummary


def _transient(task: Any, task_run: Any, state: Any) -> bool:
    """Retry only errors a second try can fix: dropped connections, timeouts, deadlocks."""
    try:
        state.result()
    except SourceError as exc:
        return "temporar" in str(exc).lower() or "timeout" in str(exc).lower()
    except Exception as exc:
        return type(exc).__name__ in {"OperationalError", "InterfaceError", "TimeoutError", "ConnectionError"}
    return False


@task(name="list-tables", retries=2, retry_delay_seconds=[1, 5], retry_condition_fn=_transient)
def list_tables_task(cfg: ScanConfig, index: int) -> SourceInventory:
    """List the tables (or files) of one source and check its column map against them."""
    return take_inventory(cfg, index, source_for(cfg.sources[index]))


@task(
    name="scan-table",
    retries=2,
    retry_delay_seconds=[1, 5],
    retry_condition_fn=_transient,
    task_run_name="scan {cfg.name}.{table}",
)
def scan_table_task(cfg: SourceConfig, table: str, sampling: Any) -> TableScan:
    """Read and classify one table."""
    result = scan_table(source_for(cfg), table, sampling)
    found = sum(1 for d in result.detections if d.entities)
    say(
        f"{cfg.name}: {table}: {result.rows_scanned} rows read, {found} columns with personal data"
        + (f" (error: {result.error})" if result.error else "")
    )
    return result


def _inventories(cfg: ScanConfig) -> dict[str, SourceInventory]:
    """List every source (concurrently); a source that fails is recorded, the others go on.

    Raises:
        ConfigError: the column map names a table or column that does not exist (every such name, each
            with its line and the nearest real name), before any table is read.

    """
    listing = [(src, list_tables_task.submit(cfg, i)) for i, src in enumerate(cfg.sources)]
    inventories: dict[str, SourceInventory] = {}
    for src, future in listing:
        try:
            inventories[src.name] = future.result()
        except Exception as exc:  # any failure of one source must not stop the scan
            inventories[src.name] = SourceInventory(error=str(exc) or type(exc).__name__)
            say(f"{src.name}: FAILED: {inventories[src.name].error}")
    problems = [p for inv in inventories.values() for p in inv.problems]
    if problems:
        raise ConfigError("\n".join(problems))
    return inventories


def _collect(
    cfg: ScanConfig, sampling: Any, timeout: float
) -> tuple[dict[str, SourceInventory], list[TableScan]]:
    """Submit every selected table of every source; a failing source or table is recorded, the others go on.

    A table still running ``timeout`` seconds after the scan starts waiting for it is reported as failed
    (its worker is left to finish in the background; its result is ignored).
    """
    inventories = _inventories(cfg)
    futures: list[tuple[SourceConfig, str, PrefectFuture[TableScan]]] = []
    for src in cfg.sources:
        inv = inventories[src.name]
        if inv.error is not None:
            continue
        for gap in inv.unmatched:
            say(f"{src.name}: {gap}")
        say(f"{src.name}: {len(inv.selected)} of {len(inv.present)} tables to scan")
        futures += [(src, t, scan_table_task.submit(src, t, sampling)) for t in inv.selected]
    scans: list[TableScan] = []
    for src, table, fut in futures:
        fut.wait(timeout)
        if fut.state.is_pending() or fut.state.is_running():
            message = f"timed out after {timeout:.0f} s; raise table_timeout_seconds or exclude the table"
            say(f"{src.name}: {table}: {message}")
            scans.append(TableScan(source=src.name, table=table, error=message))
            continue
        try:
            scans.append(fut.result())
        except Exception as exc:  # a crashed table is reported, not fatal
            scans.append(TableScan(source=src.name, table=table, error=str(exc) or type(exc).__name__))
    return inventories, scans


@flow(name="clinicscan-scan", log_prints=False)
def scan_flow(config_path: str, out_dir: str, lang: str | None = None, full: bool = False) -> ScanSummary:
    """Scan every configured source, check the findings against the policy, and write the reports."""
    from flows.scan_report import finish_scan

    cfg = load_config(Path(config_path))
    started = datetime.now(UTC)
    sampling = cfg.sampling.model_copy(update={"mode": "full"}) if full else cfg.sampling
    say(
        f"scanning {len(cfg.sources)} sources ({sampling.mode} mode"
        + (f", {sampling.rows} rows per table)" if sampling.mode == "sample" else ")")
    )
    try:
        inventories, scans = _collect(cfg, sampling, cfg.table_timeout_seconds)
    finally:
        close_all()
    summary = finish_scan(
        cfg, Path(out_dir), inventories, scans, scan_id=uuid.uuid4().hex[:12], started=started, lang=lang
    )
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


def run_scan(
    config: Path, out: Path, lang: str | None, fail_on: str | None, full: bool, task_runner: str | None
) -> RunVerdict:
    """Validate the configuration, run the scan flow, print where the report is, and return the verdict."""
    from flows.scan_report import print_summary, scan_verdict
    from policy.load import load_policy

    cfg = load_config(config)
    policy = load_policy(cfg.policy)  # a broken policy is a usage error before any source is touched
    problems = unknown_record_types(cfg, [rt.id for rt in policy.record_types])
    if problems:
        raise ConfigError("\n".join(problems))
    runner = task_runner_for(task_runner or cfg.task_runner, cfg.max_workers)
    summary = scan_flow.with_options(task_runner=runner)(str(config), str(out), lang, full)
    print_summary(summary)
    return scan_verdict(summary, fail_on)
