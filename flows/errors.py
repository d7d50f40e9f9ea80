"""The errors that mean 'fix your input': the CLI prints them as one line and exits with code 2."""

from __future__ import annotations


def user_errors() -> tuple[type[BaseException], ...]:
    """Every exception class whose message already names the file, field or source and what to do."""
    from flows.config import ConfigError
    from policy.errors import PolicyError
    from sources.base import SourceError

    errors: list[type[BaseException]] = [ConfigError, PolicyError, SourceError]
    for module, name in (("reports.waivers", "WaiverError"), ("deid.errors", "DeidError")):
        try:
            errors.append(getattr(__import__(module, fromlist=[name]), name))
        except (ImportError, AttributeError):
            continue
    return tuple(errors)
