"""The policy checks in a second process, which loads Great Expectations while the tables are read.

Great Expectations takes two seconds or more to import on the two-core machines the CLI runs on, and the
checks cannot start before the detections are in (what a table must satisfy depends on what was found in
it). A one-off local scan therefore starts one spawned process as soon as its configuration is valid: it
imports the checks while the parent reads and classifies the tables, then runs them. The parent never
imports Great Expectations.

The worker is a speed-up only, never a second behaviour: the same ``run_policy_checks`` runs on the same
inputs. It is not used for a Prefect run (its tasks are Prefect's), on a one-core machine, with
``CLINICSCAN_PROCESSES=never``, in a full scan (its memory stays one process's), or when the tables to
check carry large export frames (copying them would cost more than the import); then the parent imports
the checks before the scan starts (``InProcessChecks``). If the worker cannot start or dies, the checks
run in the parent.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING

from flows.processes import process_choice, use_check_worker
from flows.progress import progress_state, say, set_quiet

if TYPE_CHECKING:
    from expectations.model import CheckOptions, CheckOutcome, TableCheckInput
    from policy.schema import Policy

CheckRun = Callable[["Policy", Sequence["TableCheckInput"], "CheckOptions"], "CheckOutcome"]
"""How a scan's policy checks are run: ``run_in_process``, or ``CheckWorker.run``."""

MAX_FRAME_BYTES = 64 * 2**20
"""Export frames larger than this in all are checked in the parent: pickling them would cost more."""


def _prepare(quiet: bool, start: float) -> None:
    """Set the CLI's offline switches and progress clock, then import the checks (the slow part)."""
    import threading

    from flows.offline import go_offline

    go_offline()
    set_quiet(quiet, start)
    try:  # GX draws (disabled) tqdm bars, whose default lock is a semaphore the killed worker would leak
        from tqdm import tqdm

        tqdm.set_lock(threading.RLock())
    except ImportError:
        pass
    import expectations.checks  # noqa: F401  (imported here so that the parent's checks find it loaded)


def _check(policy: Policy, tables: Sequence[TableCheckInput], options: CheckOptions) -> CheckOutcome:
    from expectations.checks import run_policy_checks

    return run_policy_checks(policy, tables, options)


def run_in_process(policy: Policy, tables: Sequence[TableCheckInput], options: CheckOptions) -> CheckOutcome:
    """Run the policy checks in this process (the Prefect flow, and the worker's fallback)."""
    return _check(policy, tables, options)


class CheckWorker:
    """One spawned process that imports the checks at once and runs them when the detections are in.

    A bare process and a pipe, not a process pool: one job, and the process is killed as soon as its answer
    is in (a pool would be joined at exit, while Great Expectations' modules are torn down).
    """

    def __init__(self) -> None:
        """Spawn the process; it starts importing at once ("spawn": polars' threads do not survive a fork)."""
        spawn = multiprocessing.get_context("spawn")
        self._conn, child = spawn.Pipe()
        quiet, start = progress_state()
        self._process: BaseProcess | None = spawn.Process(
            target=_serve, args=(child, quiet, start), name="clinicscan-checks", daemon=True
        )
        self._process.start()
        child.close()

    def run(self, policy: Policy, tables: Sequence[TableCheckInput], options: CheckOptions) -> CheckOutcome:
        """Run the checks in the worker; in this process when the inputs are large or the worker failed.

        An error of the checks themselves is raised here as it would be in this process.
        """
        if self._process is None or _frame_bytes(tables) > MAX_FRAME_BYTES:
            self.close()
            return run_in_process(policy, tables, options)
        try:
            self._conn.send((policy, list(tables), options))
            ok, answer = self._conn.recv()
        except (EOFError, OSError, pickle.PicklingError):
            say("the policy-check process stopped; checking in this process instead")
            self.close()
            return run_in_process(policy, tables, options)
        self.close()
        if not ok:
            raise answer
        outcome: CheckOutcome = answer
        return outcome

    def close(self) -> None:
        """Stop the worker at once: it has nothing left to do, and holds Great Expectations' memory."""
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
            self._process = None
            self._conn.close()


def _serve(conn: Connection, quiet: bool, start: float) -> None:
    """Import the checks, wait for the one job, answer ``(ok, outcome or error)``: the worker's life."""
    _prepare(quiet, start)
    try:
        policy, tables, options = conn.recv()
    except EOFError:  # the parent finished (or failed) before the checks: nothing to do
        return
    try:
        answer: tuple[bool, object] = (True, _check(policy, tables, options))
    except Exception as exc:  # the parent raises it as its own checks would have
        answer = (False, exc)
    conn.send(answer)


class InProcessChecks:
    """The checks in this process, Great Expectations imported up front: before the scan's clock starts."""

    def __init__(self) -> None:
        """Import the checks now (seconds), so that the scan's span is the scan's work."""
        import expectations.checks  # noqa: F401

    def run(self, policy: Policy, tables: Sequence[TableCheckInput], options: CheckOptions) -> CheckOutcome:
        """Run the checks here."""
        return run_in_process(policy, tables, options)

    def close(self) -> None:
        """Nothing to stop."""


def start_worker(full: bool) -> CheckWorker | None:
    """Start the check worker when ``use_check_worker`` says it pays; None: check in this process.

    Raises:
        ConfigError: ``CLINICSCAN_PROCESSES`` holds another value than auto, always or never.

    """
    if use_check_worker(process_choice(), full, os.cpu_count() or 1):
        try:
            return CheckWorker()
        except OSError:  # no process could be started (limits of the machine): this process checks
            say("the policy-check process could not be started; checking in this process")
    return None


def _frame_bytes(tables: Sequence[TableCheckInput]) -> int:
    from expectations.model import FrameTable

    frames = [t.data.frame for t in tables if isinstance(t.data, FrameTable)]
    return sum(int(frame.memory_usage(deep=False).sum()) for frame in frames)
