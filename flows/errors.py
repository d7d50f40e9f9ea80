"""The errors that mean 'fix your input': the CLI prints them as one line and exits with code 2."""

from __future__ import annotations


def user_errors() -> tuple[type[BaseException], ...]:
    """Every exception class whose message already names the file, field or source and what to do."""
    from deid.errors import DeidError
    from enforce.errors import EnforceError
    from flows.config import ConfigError
    from policy.errors import PolicyError
    from reports.findings_json import FindingsFileError
    from reports.history import HistoryError
    from reports.waivers import WaiverError
    from sources.base import SourceError

    return (
        ConfigError,
        PolicyError,
        SourceError,
        WaiverError,
        HistoryError,
        FindingsFileError,
        DeidError,
        EnforceError,
    )
