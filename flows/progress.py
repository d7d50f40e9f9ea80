"""One-line progress messages on stderr, so a long scan never looks stuck; quiet under --quiet."""

from __future__ import annotations

import sys
import threading
import time

_lock = threading.Lock()
_state = {"quiet": False, "start": time.monotonic()}


def set_quiet(quiet: bool, start: float | None = None) -> None:
    """Silence (or restore) progress messages; times count from ``start`` (``time.monotonic``) or now.

    A worker process is given its parent's ``start`` (``progress_state``), so its lines share one clock.
    """
    _state["quiet"] = quiet
    _state["start"] = time.monotonic() if start is None else start


def progress_state() -> tuple[bool, float]:
    """Return whether messages are silenced and when the run started (for ``set_quiet`` in a worker)."""
    return bool(_state["quiet"]), float(_state["start"])


def say(message: str) -> None:
    """Print ``[  12.3s] message`` to stderr."""
    if _state["quiet"]:
        return
    elapsed = time.monotonic() - float(_state["start"])
    with _lock:
        print(f"[{elapsed:6.1f}s] {message}", file=sys.stderr, flush=True)
