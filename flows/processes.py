"""Where a local run's work goes: threads, one process per core, a process for the policy checks.

``CLINICSCAN_PROCESSES`` (``auto``, ``always``, ``never``) lets a user override the choice, e.g. on a
machine where spawning processes is not allowed. Light on purpose: the CLI reads it before anything heavy.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from flows.config import ConfigError

if TYPE_CHECKING:
    from flows.config import Sampling

PROCESSES_ENV = "CLINICSCAN_PROCESSES"
"""``auto`` (default), ``always`` or ``never``: whether a local run scans its tables in worker processes."""

PROCESS_MIN_TABLES = 16
"""In ``auto``, a sample scan of this many tables or more uses processes (fewer: spawning costs more)."""


def process_choice() -> str:
    """Return ``CLINICSCAN_PROCESSES`` (``auto`` when unset).

    Raises:
        ConfigError: the variable holds another value than auto, always or never.

    """
    choice = os.environ.get(PROCESSES_ENV, "").strip().lower() or "auto"
    if choice not in ("auto", "always", "never"):
        raise ConfigError(f"{PROCESSES_ENV}={choice!r}: write auto, always or never")
    return choice


def use_processes(choice: str, tables: int, sampling: Sampling, cores: int) -> bool:
    """Whether a local run scans its tables in worker processes (docs/running-scans.md).

    The analysis of values holds the GIL, so threads share one core; a process per core uses them all, each
    loading its own models. ``auto`` takes processes only in sample mode (a full scan's batches are large and
    vectorised, and its memory must stay flat) for ``PROCESS_MIN_TABLES`` tables or more, on a machine with
    more than one core.
    """
    if choice != "auto":
        return choice == "always"
    return sampling.mode == "sample" and tables >= PROCESS_MIN_TABLES and cores > 1


def use_check_worker(choice: str, full: bool, cores: int) -> bool:
    """Whether a local run's policy checks run in a process of their own (``flows.check_worker``).

    ``auto`` takes it for a sample scan on more than one core: Great Expectations is imported there while
    the tables are read. A full scan keeps one process (its memory must stay that of one process).
    """
    if choice != "auto":
        return choice == "always"
    return not full and cores > 1
