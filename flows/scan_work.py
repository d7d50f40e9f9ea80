"""The scan's work as plain functions: list every source's tables, scan them concurrently, check, report.

No Prefect here. ``flows/scan.py`` runs this work as a Prefect flow whose tables are Prefect tasks (a
deployment, or a CLI run while a Prefect API is configured: see ``flows/prefect_api.py``); a one-off CLI
run without an API runs the same work locally (``LocalRunner``: a thread pool, and for many tables in
sample mode a pool of processes, one per core), so it neither starts nor waits for Prefect's ephemeral API
server.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from flows.config import ConfigError, Sampling, ScanConfig, SourceConfig, load_config
from flows.inventory import SourceInventory, take_inventory
from flows.processes import PROCESSES_ENV, process_choice, use_processes
from flows.progress import progress_state, say, set_quiet
from flows.retries import with_retries
from flows.sources_cache import close_all, source_for
from flows.steps import TableScan, scan_table

if TYPE_CHECKING:  # scan_report imports the reports: only when a scan finishes
    from expectations.model import CheckOptions, CheckOutcome, TableCheckInput
    from flows.check_worker import CheckWorker, InProcessChecks
    from flows.scan_report import ScanSummary
    from policy.schema import Policy

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class TimedOut(Exception):
    """The task was still running when its time was up (its worker is left to finish; its result ignored)."""


class Pending(Protocol[T_co]):
    """A submitted piece of work."""

    def get(self, timeout: float | None = None) -> T_co:
        """Return its result (or raise its error); raise ``TimedOut`` if still running at ``timeout``."""
        ...


class Runner(Protocol):
    """Where the tables of a scan run: Prefect tasks, or a local thread pool."""

    def list_tables(self, cfg: ScanConfig, index: int) -> Pending[SourceInventory]:
        """Submit the listing of source ``index``'s tables."""
        ...

    def expect(self, tables: int, sampling: Sampling) -> None:
        """Hear how many tables are to be scanned, before the first is submitted."""
        ...

    def scan_table(self, cfg: SourceConfig, table: str, sampling: Sampling) -> Pending[TableScan]:
        """Submit the scan of one table."""
        ...

    def check(self, policy: Policy, tables: Sequence[TableCheckInput], options: CheckOptions) -> CheckOutcome:
        """Run the policy checks of the scanned tables."""
        ...


def list_source_tables(cfg: ScanConfig, index: int) -> SourceInventory:
    """List the tables (or files) of one source and check its column map against them."""
    return take_inventory(cfg, index, source_for(cfg.sources[index]))


def scan_source_table(cfg: SourceConfig, table: str, sampling: Sampling) -> TableScan:
    """Read and classify one table, and say so."""
    result = scan_table(source_for(cfg), table, sampling)
    found = sum(1 for d in result.detections if d.entities)
    say(
        f"{cfg.name}: {table}: {result.rows_scanned} rows read, {found} columns with personal data"
        + (f" (error: {result.error})" if result.error else "")
    )
    return result


def inventories(cfg: ScanConfig, runner: Runner) -> dict[str, SourceInventory]:
    """List every source (concurrently); a source that fails is recorded, the others go on.

    Raises:
        ConfigError: the column map names a table or column that does not exist (every such name, each
            with its line and the nearest real name), before any table is read.

    """
    listing = [(src, runner.list_tables(cfg, i)) for i, src in enumerate(cfg.sources)]
    found: dict[str, SourceInventory] = {}
    for src, pending in listing:
        try:
            found[src.name] = pending.get()
        except Exception as exc:  # any failure of one source must not stop the scan
            found[src.name] = SourceInventory(error=str(exc) or type(exc).__name__)
            say(f"{src.name}: FAILED: {found[src.name].error}")
    problems = [p for inv in found.values() for p in inv.problems]
    if problems:
        raise ConfigError("\n".join(problems))
    return found


def collect(
    cfg: ScanConfig, sampling: Sampling, runner: Runner
) -> tuple[dict[str, SourceInventory], list[TableScan]]:
    """Submit every selected table of every source; a failing source or table is recorded, the others go on.

    A table still running ``table_timeout_seconds`` after the scan starts waiting for it is reported as
    failed (its worker is left to finish in the background; its result is ignored).
    """
    found = inventories(cfg, runner)
    runner.expect(sum(len(inv.selected) for inv in found.values() if inv.error is None), sampling)
    pending: list[tuple[SourceConfig, str, Pending[TableScan]]] = []
    for src in cfg.sources:
        inv = found[src.name]
        if inv.error is not None:
            continue
        for gap in inv.unmatched:
            say(f"{src.name}: {gap}")
        say(f"{src.name}: {len(inv.selected)} of {len(inv.present)} tables to scan")
        pending += [(src, t, runner.scan_table(src, t, sampling)) for t in inv.selected]
    scans: list[TableScan] = []
    for src, table, work in pending:
        try:
            scans.append(work.get(cfg.table_timeout_seconds))
        except TimedOut:
            message = (
                f"timed out after {cfg.table_timeout_seconds:.0f} s; "
                "raise table_timeout_seconds or exclude the table"
            )
            say(f"{src.name}: {table}: {message}")
            scans.append(TableScan(source=src.name, table=table, error=message))
        except Exception as exc:  # a crashed table is reported, not fatal
            scans.append(TableScan(source=src.name, table=table, error=str(exc) or type(exc).__name__))
    return found, scans


def scan_sampling(cfg: ScanConfig, full: bool) -> Sampling:
    """Return the scan's sampling: scan.yaml's, or every row under ``--full``."""
    return cfg.sampling.model_copy(update={"mode": "full"}) if full else cfg.sampling


def scan_and_report(
    config_path: Path, out_dir: Path, lang: str | None, full: bool, runner: Runner
) -> ScanSummary:
    """Run the whole scan: read every table through ``runner``, check the findings, write the reports."""
    from flows.scan_report import finish_scan

    cfg = load_config(config_path)
    started = datetime.now(UTC)
    sampling = scan_sampling(cfg, full)
    say(
        f"scanning {len(cfg.sources)} sources ({sampling.mode} mode"
        + (f", {sampling.rows} rows per table)" if sampling.mode == "sample" else ")")
    )
    try:
        found, scans = collect(cfg, sampling, runner)
    finally:
        close_all()
    scan_id = uuid.uuid4().hex[:12]
    return finish_scan(cfg, out_dir, found, scans, scan_id, started, lang, checks=runner.check)


class _LocalPending(Pending[T]):
    def __init__(self, future: concurrent.futures.Future[T]) -> None:
        self._future = future

    def get(self, timeout: float | None = None) -> T:
        try:
            return self._future.result(timeout)
        except concurrent.futures.TimeoutError:
            if self._future.done():  # the task itself raised a TimeoutError
                raise
            raise TimedOut from None


def _start_worker(quiet: bool, start: float) -> None:
    """Prepare a worker process: the CLI's offline switches and progress clock, the models loaded once."""
    from detectors.classify import warm
    from flows.offline import go_offline

    go_offline()
    set_quiet(quiet, start)
    warm()


def _scan_in_worker(cfg: SourceConfig, table: str, sampling: Sampling) -> TableScan:
    return with_retries(scan_source_table, cfg, table, sampling)


class LocalRunner:
    """The tables on a local pool, with the same retries as the Prefect tasks; no Prefect at all.

    Sources are listed on a thread pool. Tables are scanned there too, unless ``use_processes`` says a pool
    of processes (one per core, "spawn": polars' threads do not survive a fork), each of which loads the
    models once and keeps its own connection to each source. The policy checks run in a process of their
    own that imports Great Expectations meanwhile (``flows.check_worker``), when that pays.
    """

    def __init__(self, max_workers: int, checks: CheckWorker | InProcessChecks | None = None) -> None:
        """Start a pool of ``max_workers`` threads; ``checks`` runs the policy checks (None: here, lazily).

        Raises:
            ConfigError: ``CLINICSCAN_PROCESSES`` holds another value than auto, always or never.

        """
        self._choice = process_choice()
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers, thread_name_prefix="clinicscan-table")
        self._processes: concurrent.futures.ProcessPoolExecutor | None = None
        self._checks = checks

    def list_tables(self, cfg: ScanConfig, index: int) -> Pending[SourceInventory]:
        """Submit the listing of source ``index``'s tables."""
        return _LocalPending(self._pool.submit(with_retries, list_source_tables, cfg, index))

    def expect(self, tables: int, sampling: Sampling) -> None:
        """Choose threads or processes for the tables to come (``use_processes``), and say which."""
        workers = os.cpu_count() or 1
        if self._processes is not None or not use_processes(self._choice, tables, sampling, workers):
            return
        say(f"scanning tables in {workers} worker processes ({PROCESSES_ENV}=never: threads)")
        self._processes = concurrent.futures.ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=progress_state(),
        )

    def scan_table(self, cfg: SourceConfig, table: str, sampling: Sampling) -> Pending[TableScan]:
        """Submit the scan of one table."""
        if self._processes is not None:
            return _LocalPending(self._processes.submit(_scan_in_worker, cfg, table, sampling))
        return _LocalPending(self._pool.submit(with_retries, scan_source_table, cfg, table, sampling))

    def check(self, policy: Policy, tables: Sequence[TableCheckInput], options: CheckOptions) -> CheckOutcome:
        """Run the policy checks in the check worker when there is one, else here."""
        from flows.check_worker import run_in_process

        if self._checks is None:
            return run_in_process(policy, tables, options)
        return self._checks.run(policy, tables, options)

    def close(self) -> None:
        """Let running tables finish in the background; drop the ones not started; stop the check worker."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self._checks is not None:
            self._checks.close()
        if self._processes is not None:
            self._processes.shutdown(wait=False, cancel_futures=True)
