"""Turning what a check found into a ``Violation``: stable id, severity, message, policy reference."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from expectations.messages import Facts, render
from expectations.model import Lang
from expectations.rules import severity_for
from policy.schema import Policy
from reports.findings import SEVERITY_ORDER, Violation

ID_LENGTH = 12


def violation_id(rule: str, source: str, table: str, column: str | None) -> str:
    """Hash (rule, source, table, column), shortened: the same finding keeps its id from scan to scan.

    The count and the message are left out on purpose: they change as rows are fixed, the finding does not.
    """
    key = "\x1f".join((rule, source, table, column or ""))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:ID_LENGTH]


def make_violation(
    rule: str, source: str, facts: Facts, categories: Iterable[str], ref: str, context: tuple[Policy, Lang]
) -> tuple[Violation, dict[str, str]]:
    """Build the violation of ``rule`` that ``facts`` describe, and its message in both languages.

    Args:
        rule: the rule id.
        source: the source name.
        facts: what the check found (table, column, count, ...).
        categories: the personal-data categories involved, for the severity.
        ref: the policy section the rule rests on.
        context: the policy and the language of ``Violation.message``.

    """
    policy, lang = context
    messages = render(rule, facts, policy)
    violation = Violation(
        id=violation_id(rule, source, facts.table, facts.column),
        rule=rule,
        severity=severity_for(rule, categories, policy),
        source=source,
        table=facts.table,
        column=facts.column,
        count=facts.count,
        message=messages[lang],
        policy_ref=ref,
    )
    return violation, messages


def sort_violations(violations: list[Violation]) -> list[Violation]:
    """Most severe first, then by rule, source, table and column, so reports and diffs are stable."""
    return sorted(
        violations,
        key=lambda v: (-SEVERITY_ORDER[v.severity], v.rule, v.source, v.table, v.column or ""),
    )
