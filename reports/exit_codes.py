"""The exit-code contract of every clinicscan command, in one place, so a scheduler or CI job can rely on it.

A compliance tool's worst failure is a false "clean": a run that could not look at something must not end
like a run that looked at everything. Hence four codes, shared by scan, gate, retention, subject and
deidentify (the CLI's ``--help`` prints ``EXIT_CODES_HELP``; docs and README show the same table):

- 0: the run is complete and clean;
- 1: findings at or above ``--fail-on`` (or, for the gate, data the consignee may not receive);
- 2: a usage or configuration error, found before anything is read;
- 3: the run is incomplete: a source, table, file, column or rule could not be read or checked.

1 wins over 3 when both hold (what was found matters most), and the summary always says both.
``--allow-incomplete`` turns 3 into 0 for those who knowingly accept a partial result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reports.findings import Severity, Violation, at_or_above

EXIT_OK = 0
"""Complete and clean (whatever was found below ``--fail-on``)."""
EXIT_FINDINGS = 1
"""Findings at or above ``--fail-on`` (open, not waived), or data the gate blocks."""
EXIT_VIOLATIONS = EXIT_FINDINGS
"""The scan's name for ``EXIT_FINDINGS``."""
EXIT_USAGE = 2
"""A usage or configuration error (bad scan.yaml, policy, deid.yaml or waiver file, a wrong argument)."""
EXIT_INCOMPLETE = 3
"""Something could not be read or checked: the result is not a complete answer."""

EXIT_CODES_HELP = """\
exit codes:
  0  complete and clean
  1  findings at or above --fail-on (the summary lists them); the gate: data the consignee may not receive
  2  usage or configuration error (one line naming the file, line and field)
  3  incomplete: a source, table, file, column or rule could not be read or checked (the summary and the
     report's coverage section say which and why); 1 wins over 3; --allow-incomplete turns 3 into 0
"""
"""The table every subcommand's ``--help`` ends with."""

SHOWN_ITEMS = 20
"""How many findings or gaps the summary names before it says how many more there are."""


@dataclass(frozen=True)
class RunVerdict:
    """What decides a run's exit code: what it found that fails the run, and what it could not look at.

    Attributes:
        failing: one line per finding that fails the run (for the summary).
        incomplete: one line per source, table, file, column or rule that could not be read or checked.
        failing_means: what the failing findings are, for the summary's heading.

    """

    failing: tuple[str, ...] = ()
    incomplete: tuple[str, ...] = ()
    failing_means: str = "at or above the --fail-on threshold"

    def exit_code(self, allow_incomplete: bool = False) -> int:
        """1 if anything fails the run, else 3 if something was not looked at (0 with allow_incomplete)."""
        if self.failing:
            return EXIT_FINDINGS
        if self.incomplete and not allow_incomplete:
            return EXIT_INCOMPLETE
        return EXIT_OK

    def summary(self, allow_incomplete: bool = False) -> list[str]:
        """Return the lines that explain the exit code: the failing findings, then what was not looked at."""
        lines: list[str] = []
        if self.failing:
            lines.append(f"Exit 1: {len(self.failing)} finding(s) {self.failing_means}:")
            lines += _listed(self.failing)
        if self.incomplete:
            if self.failing:
                lead = "Also incomplete"
            elif allow_incomplete:
                lead = "Incomplete (exit 0 because of --allow-incomplete)"
            else:
                lead = "Exit 3: incomplete"
            lines.append(f"{lead}: {len(self.incomplete)} thing(s) could not be read or checked:")
            lines += _listed(self.incomplete)
        return lines


def _listed(items: Sequence[str]) -> list[str]:
    shown = [f"  - {item}" for item in items[:SHOWN_ITEMS]]
    if len(items) > SHOWN_ITEMS:
        shown.append(f"  ... and {len(items) - SHOWN_ITEMS} more (see the report)")
    return shown


def failing_violations(open_violations: Sequence[Violation], fail_on: Severity | None) -> list[Violation]:
    """Return the open violations at or above ``fail_on`` (none when no threshold is given).

    Waived violations must already be removed (``apply_waivers``): accepting a finding is exactly how the
    team tells the nightly job not to fail on it.
    """
    if fail_on is None:
        return []
    return [v for v in open_violations if at_or_above(v.severity, fail_on)]


def describe_violation(v: Violation) -> str:
    """One summary line for a violation: severity, rule and where (no values, only names)."""
    where = ".".join(p for p in (v.source, v.table, v.column) if p)
    count = f" ({v.count} rows)" if v.count is not None else ""
    return f"{v.severity} {v.rule} at {where}{count}"


def exit_code(open_violations: Sequence[Violation], fail_on: Severity | None) -> int:
    """Return 1 when ``fail_on`` is given and an open violation is at or above it, else 0 (findings only)."""
    return EXIT_FINDINGS if failing_violations(open_violations, fail_on) else EXIT_OK
