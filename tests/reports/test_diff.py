from hypothesis import given
from hypothesis import strategies as st

from reports.diff import diff
from reports.findings import Findings
from tests.reports.factories import make_findings, violation


def ids(vs: list) -> set[str]:
    return {v.id for v in vs}


def test_first_scan_everything_is_new(findings: Findings) -> None:
    d = diff(None, findings)
    assert ids(d.new) == ids(findings.violations)
    assert not d.resolved and not d.still_open and d.previous_scan_id is None


def test_new_resolved_still_open_and_not_rechecked(previous_findings: Findings, findings: Findings) -> None:
    d = diff(previous_findings, findings)
    assert ids(d.new) == {"0a1b2c3d4e5f", "1b2c3d4e5f6a"}
    assert ids(d.resolved) == {"9f8e7d6c5b4a"}
    # legacy_crm failed today: its violation is not "resolved", nobody looked
    assert ids(d.not_rechecked) == {"8e7d6c5b4a9f"}
    assert len(d.still_open) == len(findings.violations) - 2
    assert d.previous_scan_id == "scan-0001"


def test_still_open_carries_todays_count() -> None:
    before = make_findings("s1", violations=[violation("v1", "retention.overdue", "high", "t", count=10)])
    after = make_findings("s2", violations=[violation("v1", "retention.overdue", "high", "t", count=25)])
    assert diff(before, after).still_open[0].count == 25


def test_new_violations_listed_most_serious_first() -> None:
    now = make_findings(
        violations=[
            violation("a", "retention.overdue", "low", "t"),
            violation("b", "security.plaintext_secret", "critical", "t"),
            violation("c", "inventory.unmapped", "medium", "t"),
        ]
    )
    assert [v.severity for v in diff(None, now).new] == ["critical", "medium", "low"]


id_sets = st.sets(st.sampled_from([f"v{i}" for i in range(12)]), max_size=12)


@given(id_sets, id_sets)
def test_diff_partitions_both_scans(before_ids: set[str], after_ids: set[str]) -> None:
    before = make_findings(
        "s1", violations=[violation(i, "retention.overdue", "high", "t") for i in sorted(before_ids)]
    )
    after = make_findings(
        "s2", violations=[violation(i, "retention.overdue", "high", "t") for i in sorted(after_ids)]
    )
    d = diff(before, after)
    assert ids(d.new) | ids(d.still_open) == after_ids
    assert ids(d.resolved) | ids(d.still_open) | ids(d.not_rechecked) == before_ids
    assert not ids(d.new) & ids(d.still_open)
    assert not ids(d.resolved) & ids(d.still_open)
