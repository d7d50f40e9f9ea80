"""The rules the checks enforce: their ids (a findings.json contract) and their severities.

Severity comes from a table of rule x category, so that the same rule weighs more when it touches what the
law protects most: unique identifiers, passwords, health data. A violation takes the highest severity among
the categories it involves; a category marked ``sensitive`` in the policy also matches the ``sensitive`` row.
"""

from __future__ import annotations

from collections.abc import Iterable

from policy.schema import Policy
from reports.findings import SEVERITY_ORDER, Severity

RETENTION_OVERDUE = "retention.overdue"
CONSENT_WITHDRAWN_RETAINED = "consent.withdrawn_retained"
MINORS_NO_GUARDIAN_CONSENT = "minors.no_guardian_consent"
SECURITY_PLAINTEXT_SECRET = "security.plaintext_secret"
COLLECTION_UNDECLARED = "collection.undeclared"
INVENTORY_UNMAPPED = "inventory.unmapped"
CONSIGNMENT_OUT_OF_SCOPE = "consignment.out_of_scope"

SENSITIVE = "sensitive"  # pseudo-category: any category the policy marks sensitive (health)
DEFAULT = "*"


# Severity per rule and category: a violation takes the highest that applies (``DEFAULT`` always does).
# What each rule means and what to do about it is written once, for the reports: reports/rule_text.py.
RULES: dict[str, dict[str, Severity]] = {
    RETENTION_OVERDUE: {DEFAULT: "medium", "unique_id": "high", SENSITIVE: "high"},
    CONSENT_WITHDRAWN_RETAINED: {DEFAULT: "high", "unique_id": "critical", SENSITIVE: "critical"},
    MINORS_NO_GUARDIAN_CONSENT: {DEFAULT: "high", SENSITIVE: "critical"},
    SECURITY_PLAINTEXT_SECRET: {DEFAULT: "high", "credentials": "critical", "unique_id": "critical"},
    COLLECTION_UNDECLARED: {DEFAULT: "medium", "credentials": "high", "unique_id": "high", SENSITIVE: "high"},
    INVENTORY_UNMAPPED: {
        DEFAULT: "medium",
        "credentials": "high",
        "unique_id": "high",
        "payment": "high",
        SENSITIVE: "high",
    },
    CONSIGNMENT_OUT_OF_SCOPE: {
        DEFAULT: "high",
        "credentials": "critical",
        "unique_id": "critical",
        "payment": "critical",
        SENSITIVE: "critical",
    },
}


def severity_for(rule: str, categories: Iterable[str], policy: Policy) -> Severity:
    """Grade a violation of ``rule`` involving ``categories``: the highest severity that applies."""
    table = RULES[rule]
    found: list[Severity] = [table[DEFAULT]]
    for key in categories:
        if key in table:
            found.append(table[key])
        category = policy.category(key)
        if category is not None and category.sensitive and SENSITIVE in table:
            found.append(table[SENSITIVE])
    return max(found, key=lambda s: SEVERITY_ORDER[s])
