"""Violation ids, severities and messages: the parts of a finding a reader and a diff rely on."""

from __future__ import annotations

import pytest

from expectations import rules as r
from expectations.messages import ClockRule, Facts, period_text, render
from expectations.violations import violation_id
from policy.schema import Period, Policy

CONTRACT_RULES = {
    "retention.overdue",
    "consent.withdrawn_retained",
    "minors.no_guardian_consent",
    "security.plaintext_secret",
    "collection.undeclared",
    "inventory.unmapped",
    "consignment.out_of_scope",
}


def test_rule_ids_are_the_contract() -> None:
    assert set(r.RULES) == CONTRACT_RULES


def test_id_is_short_stable_hex() -> None:
    first = violation_id("security.plaintext_secret", "emr", "members", "rrn")
    assert first == violation_id("security.plaintext_secret", "emr", "members", "rrn")
    assert len(first) == 12 and int(first, 16) >= 0


@pytest.mark.parametrize(
    "changed",
    [
        ("retention.overdue", "emr", "members", "rrn"),
        ("security.plaintext_secret", "crm", "members", "rrn"),
        ("security.plaintext_secret", "emr", "members_bak", "rrn"),
        ("security.plaintext_secret", "emr", "members", "rrn2"),
        ("security.plaintext_secret", "emr", "members", None),
        ("security.plaintext_secret", "emr", "membersrrn", ""),
    ],
)
def test_id_changes_with_each_part(changed: tuple[str, str, str, str | None]) -> None:
    assert violation_id(*changed) != violation_id("security.plaintext_secret", "emr", "members", "rrn")


@pytest.mark.parametrize(
    ("rule", "categories", "expected"),
    [
        ("security.plaintext_secret", ["credentials"], "critical"),
        ("security.plaintext_secret", ["unique_id"], "critical"),
        ("security.plaintext_secret", ["payment"], "high"),
        ("retention.overdue", ["identity", "contact"], "medium"),
        ("retention.overdue", ["identity", "health"], "high"),
        ("consent.withdrawn_retained", ["identity"], "high"),
        ("consent.withdrawn_retained", ["unique_id"], "critical"),
        ("minors.no_guardian_consent", ["identity"], "high"),
        ("minors.no_guardian_consent", ["health"], "critical"),
        ("collection.undeclared", ["online"], "medium"),
        ("collection.undeclared", ["health"], "high"),
        ("inventory.unmapped", ["contact"], "medium"),
        ("inventory.unmapped", ["payment"], "high"),
        ("consignment.out_of_scope", ["online"], "high"),
        ("consignment.out_of_scope", ["health"], "critical"),
        ("consignment.out_of_scope", [], "high"),
    ],
)
def test_severity_table(policy: Policy, rule: str, categories: list[str], expected: str) -> None:
    assert r.severity_for(rule, categories, policy) == expected


@pytest.mark.parametrize(
    ("text", "en", "ko"),
    [
        ("0d", "0 days", "0일"),
        ("1y", "1 year", "1년"),
        ("3m", "3 months", "3개월"),
        ("1y6m", "1 year 6 months", "1년 6개월"),
    ],
)
def test_period_in_words(text: str, en: str, ko: str) -> None:
    assert (period_text(Period.parse(text), "en"), period_text(Period.parse(text), "ko")) == (en, ko)


FACTS = Facts(
    table="members",
    column="rrn",
    role_column="withdrawn_at",
    count=3,
    record_type="member",
    clock_rules=(ClockRule("last_login", Period.parse("1y"), "last_login_at"),),
    days=5,
    columns=("name", "rrn"),
    categories=("unique_id",),
    entities=("KR_RRN",),
    rows_scanned=10,
    measure="encrypted",
    consignee="infonet-hosting",
    age=14,
)


@pytest.mark.parametrize("rule", sorted(CONTRACT_RULES))
def test_every_rule_speaks_both_languages(policy: Policy, rule: str) -> None:
    texts = render(rule, FACTS, policy)
    assert set(texts) == {"ko", "en"}
    assert "members" in texts["ko"] and "members" in texts["en"]
    assert "{" not in texts["en"] + texts["ko"] and "None" not in texts["en"] + texts["ko"]
