import pytest

from reports.exit_codes import EXIT_OK, EXIT_VIOLATIONS, exit_code
from tests.reports.factories import violation


@pytest.mark.parametrize(
    ("severities", "fail_on", "expected"),
    [
        ([], None, EXIT_OK),
        (["critical"], None, EXIT_OK),
        ([], "low", EXIT_OK),
        (["low"], "low", EXIT_VIOLATIONS),
        (["medium"], "high", EXIT_OK),
        (["high"], "high", EXIT_VIOLATIONS),
        (["critical"], "high", EXIT_VIOLATIONS),
        (["low", "medium"], "critical", EXIT_OK),
        (["low", "critical"], "critical", EXIT_VIOLATIONS),
    ],
)
def test_exit_code(severities: list[str], fail_on: str | None, expected: int) -> None:
    open_violations = [violation(f"v{i}", "retention.overdue", s, "t") for i, s in enumerate(severities)]
    assert exit_code(open_violations, fail_on) == expected  # type: ignore[arg-type]
