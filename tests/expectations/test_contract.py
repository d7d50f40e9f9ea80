"""The checks produce findings.json's own Violation; every rule they can raise has its text in reports/."""

from __future__ import annotations

from expectations import rules
from expectations.messages import Facts
from expectations.violations import make_violation, violation_id
from policy.schema import Policy
from reports.findings import Violation
from reports.rule_text import RULES as RULE_TEXT


def test_a_check_makes_the_findings_violation(policy: Policy) -> None:
    violation, messages = make_violation(
        rules.INVENTORY_UNMAPPED, "emr", Facts(table="t", count=2), ["unique_id"], "4", (policy, "en")
    )
    assert type(violation) is Violation
    assert violation.id == violation_id("inventory.unmapped", "emr", "t", None)
    assert (violation.severity, violation.count, violation.message) == ("high", 2, messages["en"])
    assert Violation.model_validate(violation.model_dump()) == violation


def test_every_rule_has_its_text_once_in_reports() -> None:
    assert set(rules.RULES) == set(RULE_TEXT)
