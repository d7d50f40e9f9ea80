"""One-line progress messages on stderr, so a long scan never looks stuck; quiet under --quiet."""

from __future__ import annotations

import sys
import threading
import time

_lock = threading.Lock()
_state = {"quiet": False, "start": time.monotonic()}


def set_quiet(quiet: bool) -> None:
    """Silence (or restore) progress messages."""
    _state["quiet"] = quiet
    _state["start"] = time.monotonic()


def say(message: str) -> None:
    """Print ``[  12.3s] message`` to stderr."""
    if _state["quiet"]:
        return
    elapsed = time.monotonic() - float(_state["start"])
    with _lock:
        print(f"[{elapsed:6.1f}s] {message}", file=sys.stderr, flush=True)
