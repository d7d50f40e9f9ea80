"""The scan's exit code, so a scheduler or CI job can stop on what matters."""

from __future__ import annotations

from collections.abc import Sequence

from reports.findings import Severity, Violation, at_or_above

EXIT_OK = 0
"""The scan completed (whatever it found, unless ``--fail-on`` says otherwise)."""
EXIT_VIOLATIONS = 1
"""``--fail-on`` was given and an open (not waived) violation is at or above that severity."""
EXIT_USAGE = 2
"""A usage or configuration error (bad scan.yaml, policy or waiver file), found before any scan."""


def exit_code(open_violations: Sequence[Violation], fail_on: Severity | None) -> int:
    """Return 0 when the scan completed, 1 when ``fail_on`` is given and an open violation is at or above it.

    Waived violations must already be removed (``apply_waivers``): accepting a finding is exactly how the
    team tells the nightly job not to fail on it.
    """
    if fail_on is None:
        return EXIT_OK
    if any(at_or_above(v.severity, fail_on) for v in open_violations):
        return EXIT_VIOLATIONS
    return EXIT_OK
