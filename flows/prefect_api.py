"""Whether a one-off CLI run goes through Prefect's API, decided without importing Prefect.

A run goes through Prefect (flow and task runs recorded, artifacts published) when a Prefect API is
configured: ``PREFECT_API_URL`` in the environment, in the active profile of Prefect's profiles.toml, or
in a prefect.toml / pyproject.toml ``[tool.prefect]`` of the working folder, the places Prefect itself
reads. Without one, Prefect would start its ephemeral API server for every run (5 to 60 s on a busy
two-core machine, and a timeout when it is slower still), so the CLI runs the same work on a local thread
pool instead and its reports on disk are the record. ``CLINICSCAN_PREFECT=always`` sends every run
through Prefect (the ephemeral server when no API is configured), ``never`` none. Scheduled runs are
Prefect deployments and always recorded.

Every command that has a flow (scan, retention, subject, deidentify) asks ``use_prefect`` here, through
``run_work`` where the flow and the plain work take the same arguments; ``gate`` has no flow and never
imports Prefect.
"""

from __future__ import annotations

import importlib
import os
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, TypeVar

Mode = Literal["auto", "always", "never"]
MODE_ENV = "CLINICSCAN_PREFECT"
T = TypeVar("T")


def mode() -> Mode:
    """``CLINICSCAN_PREFECT``: auto (default), always or never."""
    value = os.environ.get(MODE_ENV, "auto").strip().lower() or "auto"
    if value not in ("auto", "always", "never"):
        from flows.config import ConfigError

        raise ConfigError(f"{MODE_ENV}={value!r}: use auto, always or never")
    return value  # type: ignore[return-value]


def configured_api_url() -> str | None:
    """Return the Prefect API URL this process would use, or None (Prefect would start its ephemeral one)."""
    if "prefect.settings" in sys.modules:  # already imported (a test harness, a deployment): ask it
        from prefect.settings import get_current_settings

        return get_current_settings().api.url or None
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    return _from_profile() or _from_toml(Path("prefect.toml"), ()) or _from_toml(Path("pyproject.toml"))


def use_prefect(task_runner: str = "threads") -> bool:
    """Whether this run goes through a Prefect flow (a Dask task runner always does)."""
    chosen = mode()
    if chosen != "auto":
        return chosen == "always"
    return task_runner == "dask" or configured_api_url() is not None


def run_work(flow: str, work: Callable[..., T], *args: Any) -> T:
    """Run a command's work through its Prefect flow when ``use_prefect()``, else as a plain call.

    Args:
        flow: ``"module:name"`` of the flow, imported only when used (importing a flow imports Prefect);
            it takes the same arguments as ``work`` and does the same work, as Prefect tasks where it has any.
        work: the plain function; no Prefect is imported or started.
        *args: passed to either.

    """
    if not use_prefect():
        return work(*args)
    module, name = flow.split(":")
    result: T = getattr(importlib.import_module(module), name)(*args)
    return result


def _from_profile() -> str | None:
    home = Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect")).expanduser()
    path = Path(os.environ.get("PREFECT_PROFILES_PATH", home / "profiles.toml")).expanduser()
    data = _read_toml(path)
    active = os.environ.get("PREFECT_PROFILE") or data.get("active") or "ephemeral"
    value = data.get("profiles", {}).get(active, {}).get("PREFECT_API_URL")
    return str(value) if value else None


def _from_toml(path: Path, table: tuple[str, ...] = ("tool", "prefect")) -> str | None:
    data: Any = _read_toml(path)
    for key in (*table, "api"):
        data = data.get(key, {}) if isinstance(data, dict) else {}
    value = data.get("url") if isinstance(data, dict) else None
    return str(value) if value else None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
