"""Acting on the policy: retention enforcement and data-subject requests (the only code that writes).

Everything here plans read-only by default; ``apply_*`` writes, with the ``enforcement:`` block's own
credentials, in batches that each commit with their destruction-log entry.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from enforce.access import AccessReport, access_report
    from enforce.config import EnforcementConfig
    from enforce.erasure import apply_erasure, plan_erasure
    from enforce.errors import EnforceError
    from enforce.identify import SubjectQuery, parse_find
    from enforce.log import read_log
    from enforce.model import EnforcementReport, KeptRecords, TargetLine
    from enforce.render import write_access_report, write_enforcement_report
    from enforce.retention import apply_retention, plan_retention
    from enforce.runner import RunOptions
    from enforce.search import SubjectSearch, find_subject

# Imported on first use: scan.yaml's loader needs only enforce.config, and reading a config must not
# pay for the search and report modules (Presidio, SQLAlchemy reflection, Jinja) it never calls.
_WHERE: dict[str, str] = {
    "AccessReport": "enforce.access",
    "access_report": "enforce.access",
    "EnforcementConfig": "enforce.config",
    "apply_erasure": "enforce.erasure",
    "plan_erasure": "enforce.erasure",
    "EnforceError": "enforce.errors",
    "SubjectQuery": "enforce.identify",
    "parse_find": "enforce.identify",
    "read_log": "enforce.log",
    "EnforcementReport": "enforce.model",
    "KeptRecords": "enforce.model",
    "TargetLine": "enforce.model",
    "write_access_report": "enforce.render",
    "write_enforcement_report": "enforce.render",
    "apply_retention": "enforce.retention",
    "plan_retention": "enforce.retention",
    "RunOptions": "enforce.runner",
    "SubjectSearch": "enforce.search",
    "find_subject": "enforce.search",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)


__all__ = [
    "AccessReport",
    "EnforceError",
    "EnforcementConfig",
    "EnforcementReport",
    "KeptRecords",
    "RunOptions",
    "SubjectQuery",
    "SubjectSearch",
    "TargetLine",
    "access_report",
    "apply_erasure",
    "apply_retention",
    "find_subject",
    "parse_find",
    "plan_erasure",
    "plan_retention",
    "read_log",
    "write_access_report",
    "write_enforcement_report",
]
