"""Which failures are tried again, and how: one rule for Prefect tasks and for local runs alike.

No Prefect here: ``TASK_RETRIES`` holds the keyword arguments a Prefect ``@task`` takes, and
``with_retries`` does the same for work run without Prefect (``flows/prefect_api.py`` decides which).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from sources.base import SourceError

T = TypeVar("T")

RETRY_DELAYS_SECONDS = (1, 5)
"""A read that fails with a transient error is tried again after these pauses."""


def is_transient(exc: BaseException) -> bool:
    """Whether a second try can fix this error: dropped connections, timeouts, deadlocks."""
    if isinstance(exc, SourceError):
        return "temporar" in str(exc).lower() or "timeout" in str(exc).lower()
    return type(exc).__name__ in {"OperationalError", "InterfaceError", "TimeoutError", "ConnectionError"}


def with_retries(work: Callable[..., T], *args: Any) -> T:
    """Run ``work``, trying again after ``RETRY_DELAYS_SECONDS`` while it fails transiently."""
    for delay in RETRY_DELAYS_SECONDS:
        try:
            return work(*args)
        except Exception as exc:
            if not is_transient(exc):
                raise
        time.sleep(delay)
    return work(*args)


def _transient_state(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect's ``retry_condition_fn``: retry only errors a second try can fix (``is_transient``)."""
    try:
        state.result()
    except Exception as exc:
        return is_transient(exc)
    return False


TASK_RETRIES: dict[str, Any] = {
    "retries": len(RETRY_DELAYS_SECONDS),
    "retry_delay_seconds": list(RETRY_DELAYS_SECONDS),
    "retry_condition_fn": _transient_state,
}
"""``@task(**TASK_RETRIES)``: the same retries as ``with_retries``, on Prefect's side."""
