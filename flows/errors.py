"""The errors that mean 'fix your input': the CLI prints them as one line and exits with code 2."""

from __future__ import annotations

import sys

# module -> exception class whose message already names the file, field or source and what to do
_USER_ERRORS = {
    "flows.config": "ConfigError",
    "policy.errors": "PolicyError",
    "sources.base": "SourceError",
    "reports.waivers": "WaiverError",
    "reports.history": "HistoryError",
    "reports.findings_json": "FindingsFileError",
    "deid.errors": "DeidError",
    "enforce.errors": "EnforceError",
}


def user_errors() -> tuple[type[BaseException], ...]:
    """Every user-error class this run could have raised.

    Only the modules already imported are looked at: an exception can only come from a module the run
    loaded, and importing the others (the de-identification and enforcement packages load pandas,
    Presidio and more) would make a one-line configuration error take seconds.
    """
    return tuple(getattr(sys.modules[m], name) for m, name in _USER_ERRORS.items() if m in sys.modules)
