"""Keep every library off the network: no telemetry, no model hub, no public-suffix download.

Imported first by the CLI (before prefect, great_expectations or presidio are imported), so that the
settings below are in place when those libraries read them. Values already set by the user win.
"""

from __future__ import annotations

import logging
import os
import warnings

OFFLINE_ENV: dict[str, str] = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # Prefect's usage telemetry
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "GX_ANALYTICS_ENABLED": "false",  # Great Expectations usage statistics
    "DO_NOT_TRACK": "1",
    "HF_HUB_OFFLINE": "1",  # never fetch a model from a hub
    "TRANSFORMERS_OFFLINE": "1",
    "TLDEXTRACT_CACHE": os.path.join(os.path.expanduser("~"), ".cache", "clinicscan-tldextract"),
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_UI_ENABLED": "false",
}


def go_offline() -> None:
    """Set the offline switches for this process and its children, keeping any value the user chose."""
    for name, value in OFFLINE_ENV.items():
        os.environ.setdefault(name, value)
    # A dependency of Prefect decorates its own functions with beartype and warns, with a traceback, when
    # it cannot; that is noise for a clinicscan user, not something they can act on.
    warnings.filterwarnings("ignore", message=r".*not decoratable by @beartype")
    logging.getLogger("great_expectations").setLevel(logging.WARNING)  # no INFO lines in the CLI's output
    # Prefect's ephemeral API server is a child process: silence the same warnings there (by message prefix).
    os.environ.setdefault(
        "PYTHONWARNINGS", "ignore:Function key_value,ignore:Coroutine factory function key_value"
    )
