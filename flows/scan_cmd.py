"""``clinicscan scan``: validate everything the user wrote, then run the scan through Prefect or locally.

Nothing heavy (Prefect, Great Expectations, Presidio, kiwipiepy) is imported before scan.yaml and the
policy are validated, so a typo is reported in well under a second; ``flows/prefect_api.py`` decides
whether the run goes through Prefect's API.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from flows.check_worker import start_worker
from flows.config import ConfigError, ScanConfig, load_config
from flows.prefect_api import use_prefect

if TYPE_CHECKING:
    from flows.check_worker import CheckWorker
    from flows.scan_report import ScanSummary
    from reports.exit_codes import RunVerdict


def run_scan(
    config: Path, out: Path, lang: str | None, fail_on: str | None, full: bool, task_runner: str | None
) -> RunVerdict:
    """Validate the configuration, run the scan, print where the report is, and return the verdict."""
    cfg = load_config(config)
    from policy.load import load_policy

    policy = load_policy(cfg.policy)  # a broken policy is a usage error before any source is touched
    kind = task_runner or cfg.task_runner
    local = not use_prefect(kind)
    every_row = full or cfg.sampling.mode == "full"
    # Great Expectations' import (seconds) is a small scan's long pole: the check worker starts as soon as
    # scan.yaml and the policy are valid, before the column map's check, whose error then stops it.
    worker = start_worker(every_row) if local else None
    try:
        from flows.inventory import unknown_record_types  # imports pandas: only once the policy is read

        problems = unknown_record_types(cfg, [rt.id for rt in policy.record_types])
        if problems:
            raise ConfigError("\n".join(problems))
        if local:
            summary = _locally(config, out, lang, full, cfg, every_row, worker)
        else:
            summary = _through_prefect(config, out, lang, full, kind, cfg.max_workers)
    finally:
        if worker is not None:
            worker.close()
    from flows.scan_report import print_summary, scan_verdict

    print_summary(summary)
    return scan_verdict(summary, fail_on)


def _through_prefect(
    config: Path, out: Path, lang: str | None, full: bool, kind: str, max_workers: int
) -> ScanSummary:
    from flows.scan import scan_flow, task_runner_for

    runner = task_runner_for(kind, max_workers)
    summary: ScanSummary = scan_flow.with_options(task_runner=runner)(str(config), str(out), lang, full)
    return summary


def _locally(
    config: Path,
    out: Path,
    lang: str | None,
    full: bool,
    cfg: ScanConfig,
    every_row: bool,
    worker: CheckWorker | None,
) -> ScanSummary:
    from flows.check_worker import InProcessChecks
    from flows.scan_work import LocalRunner, scan_and_report

    checks = worker or InProcessChecks()
    if every_row:
        # Every table of a full scan runs on this process's threads: the models are built before the
        # scan's clock starts, as a worker process builds them before its first table.
        from detectors.classify import warm

        warm()
    runner = LocalRunner(cfg.max_workers, checks)
    try:
        return scan_and_report(config, out, lang, full, runner)
    finally:
        runner.close()
