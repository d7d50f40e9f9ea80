"""Acting on the policy: retention enforcement and data-subject requests (the only code that writes).

Everything here plans read-only by default; ``apply_*`` writes, with the ``enforcement:`` block's own
credentials, in batches that each commit with their destruction-log entry.
"""

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
