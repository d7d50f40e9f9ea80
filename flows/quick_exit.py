"""Leave the CLI without tearing the interpreter down: a second or more saved on every command.

When a command is done, its reports are written and closed and its verdict printed. What Python would still
do is free every object and module one by one (Presidio's recognizers, Great Expectations, pandas, polars):
1 to 1.5 s on the two-core machines clinicscan runs on, spent after the answer is known. ``leave`` runs the
exit handlers (logging's flush, multiprocessing's, any a library or a test registered), flushes stdout and
stderr, and ends the process with the command's exit code.

The sequence is the one a normal exit follows, minus the teardown: the threads are shut down and joined
(``threading._shutdown``: the pools' exit hooks, then every thread that is not a daemon, e.g. a table that
timed out), then the exit handlers run. It falls back to a normal exit when Prefect is loaded (its objects'
finalizers may still send logs to its API) or when this Python has no such hook.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import NoReturn


def leave(code: int) -> NoReturn:
    """End the process with ``code``, skipping the interpreter's teardown when that is safe."""
    shutdown_threads = getattr(threading, "_shutdown", None)
    if "prefect" in sys.modules or shutdown_threads is None:
        sys.exit(code)
    shutdown_threads()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError, ValueError):  # the reader left (`| head`), or it was closed
            stream.flush()
    os._exit(code)
