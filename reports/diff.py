"""What changed between two scans, followed by the stable violation id."""

from __future__ import annotations

from dataclasses import dataclass, field

from reports.findings import SEVERITY_ORDER, Findings, Violation


@dataclass(frozen=True)
class ScanDiff:
    """Violations of the current scan compared with the previous one.

    Attributes:
        new: in the current scan, not in the previous one.
        resolved: in the previous scan, gone now, and their source was read this time.
        still_open: in both scans (the current scan's copy, with today's count and message).
        not_rechecked: in the previous scan, gone now, but their source failed this time, so nobody knows
            whether they were fixed; reporting them as resolved would be a false "clean".
        previous_scan_id: the scan compared against, None when there was none.

    """

    new: list[Violation] = field(default_factory=list)
    resolved: list[Violation] = field(default_factory=list)
    still_open: list[Violation] = field(default_factory=list)
    not_rechecked: list[Violation] = field(default_factory=list)
    previous_scan_id: str | None = None


def _by_severity(violations: list[Violation]) -> list[Violation]:
    return sorted(violations, key=lambda v: (-SEVERITY_ORDER[v.severity], v.rule, v.source, v.table, v.id))


def diff(previous: Findings | None, current: Findings) -> ScanDiff:
    """Compare two scans by violation id; with no previous scan every violation is new."""
    if previous is None:
        return ScanDiff(new=_by_severity(list(current.violations)))
    before = {v.id: v for v in previous.violations}
    now = {v.id: v for v in current.violations}
    failed = {s.name for s in current.sources if s.status == "error"}
    gone = [v for i, v in before.items() if i not in now]
    return ScanDiff(
        new=_by_severity([v for i, v in now.items() if i not in before]),
        resolved=_by_severity([v for v in gone if v.source not in failed]),
        still_open=_by_severity([v for i, v in now.items() if i in before]),
        not_rechecked=_by_severity([v for v in gone if v.source in failed]),
        previous_scan_id=previous.scan_id,
    )
