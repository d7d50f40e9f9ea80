"""One open Source per configured source and process, shared by the tasks that scan its tables.

Tasks receive the (picklable) SourceConfig, not the Source, so they also run on Dask workers, where each
worker process opens its own.
"""

from __future__ import annotations

import contextlib
import threading

from flows.config import SourceConfig
from flows.steps import open_configured
from sources.base import Source

_lock = threading.Lock()
_open: dict[str, Source] = {}


def _key(cfg: SourceConfig) -> str:
    return f"{cfg.name}|{cfg.url}|{cfg.path}|{cfg.schema_}"


def source_for(cfg: SourceConfig) -> Source:
    """Return the open Source for this configuration, opening it on first use."""
    key = _key(cfg)
    with _lock:
        if key not in _open:
            _open[key] = open_configured(cfg)
        return _open[key]


def close_all() -> None:
    """Close every source this process opened."""
    with _lock:
        for source in _open.values():
            with contextlib.suppress(Exception):  # closing must never hide the scan's own result
                source.close()
        _open.clear()
