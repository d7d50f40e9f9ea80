import pytest

from reports.exit_codes import (
    EXIT_FINDINGS,
    EXIT_INCOMPLETE,
    EXIT_OK,
    EXIT_VIOLATIONS,
    SHOWN_ITEMS,
    RunVerdict,
    exit_code,
)
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


@pytest.mark.parametrize(
    ("failing", "incomplete", "allow", "expected"),
    [
        ((), (), False, EXIT_OK),
        (("f",), (), False, EXIT_FINDINGS),
        ((), ("gap",), False, EXIT_INCOMPLETE),
        ((), ("gap",), True, EXIT_OK),
        (("f",), ("gap",), False, EXIT_FINDINGS),  # 1 wins over 3
        (("f",), ("gap",), True, EXIT_FINDINGS),  # --allow-incomplete never hides findings
    ],
)
def test_verdict_exit_code(
    failing: tuple[str, ...], incomplete: tuple[str, ...], allow: bool, expected: int
) -> None:
    assert RunVerdict(failing=failing, incomplete=incomplete).exit_code(allow) == expected


def test_summary_always_says_both() -> None:
    lines = RunVerdict(
        failing=("high retention.overdue at emr.patients",), incomplete=("source crm: error",)
    ).summary()
    text = "\n".join(lines)
    assert "Exit 1: 1 finding(s) at or above the --fail-on threshold" in text
    assert "retention.overdue at emr.patients" in text
    assert "Also incomplete" in text and "source crm: error" in text


def test_summary_of_a_clean_run_is_empty_and_long_lists_are_cut() -> None:
    assert RunVerdict().summary() == []
    lines = RunVerdict(incomplete=tuple(f"table t{i}" for i in range(SHOWN_ITEMS + 5))).summary()
    assert lines[-1] == "  ... and 5 more (see the report)"
