"""Turning the inventory suite's results into violations, listing the categories and entities involved.

One violation per offending column; one per table for ``inventory.unmapped``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from expectations import rules as r
from expectations.gx_run import Outcome
from expectations.inventory import InventoryCheck
from expectations.messages import Facts
from expectations.model import CheckError, Lang
from expectations.violations import make_violation
from policy.schema import Policy
from reports.findings import Violation


@dataclass
class _Finding:
    rule: str
    ref: str
    source: str
    table: str
    column: str | None
    subject: str | None = None
    categories: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    columns: set[str] = field(default_factory=set)
    hits: int = 0
    rows_scanned: int = 0
    no_record_type: bool = False
    free_text: bool = False


def _rows_by_key(inventory: pd.DataFrame) -> dict[tuple[str, str, str, str], list[dict[str, Any]]]:
    found: dict[tuple[str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in inventory.to_dict("records"):
        found[(row["source"], row["table"], row["column"], row["entity"])].append(row)
    return found


def _measure(policy: Policy, finding: _Finding) -> str | None:
    if "PASSWORD" in finding.entities:
        return "one_way_hash"  # the law asks passwords to be hashed, whatever the policy's wording
    return policy.measure_for(finding.subject or "")


def _facts(policy: Policy, f: _Finding) -> Facts:
    return Facts(
        table=f.table,
        column=f.column,
        count=(len(f.columns) if f.rule == r.INVENTORY_UNMAPPED else (f.hits or None)),
        record_type=f.subject if f.rule == r.COLLECTION_UNDECLARED else None,
        consignee=f.subject if f.rule == r.CONSIGNMENT_OUT_OF_SCOPE else None,
        columns=tuple(sorted(f.columns)),
        categories=tuple(sorted(f.categories)),
        entities=tuple(sorted(f.entities)),
        rows_scanned=f.rows_scanned,
        measure=_measure(policy, f) if f.rule == r.SECURITY_PLAINTEXT_SECRET else None,
        mapped_without_record_type=f.no_record_type,
        free_text=f.free_text,
    )


def inventory_violations(
    policy: Policy,
    inventory: pd.DataFrame,
    checks: Mapping[str, InventoryCheck],
    outcomes: Mapping[str, Outcome],
    lang: Lang,
) -> tuple[list[Violation], dict[str, dict[str, str]], list[CheckError]]:
    """Violations, their messages in both languages, and errors of expectations that could not run."""
    rows = _rows_by_key(inventory)
    findings: dict[tuple[str, str, str, str | None], _Finding] = {}
    errors: list[CheckError] = []
    for key, outcome in outcomes.items():
        check = checks[key]
        if outcome.error is not None:
            errors.append(
                CheckError("*", "*", None, f"the {check.rule} check could not run: {outcome.error}")
            )
            continue
        for hit in outcome.rows:
            matches = rows.get((hit["source"], hit["table"], hit["column"], hit["entity"]), [])
            if check.rule in (r.COLLECTION_UNDECLARED, r.CONSIGNMENT_OUT_OF_SCOPE):
                matches = [m for m in matches if m["category"] == hit.get(check.scope.column)]
            elif check.rule == r.SECURITY_PLAINTEXT_SECRET:
                matches = [m for m in matches if m["category"] == check.subject]
            column = None if check.rule == r.INVENTORY_UNMAPPED else hit["column"]
            f = findings.setdefault(
                (check.rule, hit["source"], hit["table"], column),
                _Finding(check.rule, check.ref, hit["source"], hit["table"], column, check.subject),
            )
            for m in matches:
                if m["category"] is not None:
                    f.categories.add(m["category"])
                f.entities.add(m["entity"])
                f.columns.add(m["column"])
                f.hits = max(f.hits, int(m["hits"]))
                f.rows_scanned = max(f.rows_scanned, int(m["rows_scanned"]))
                f.no_record_type = f.no_record_type or m["mapping"] == "no_record_type"
                f.free_text = f.free_text or bool(m.get("free_text"))
    violations: list[Violation] = []
    messages: dict[str, dict[str, str]] = {}
    for f in findings.values():
        violation, texts = make_violation(
            f.rule, f.source, _facts(policy, f), f.categories, f.ref, (policy, lang)
        )
        violations.append(violation)
        messages[violation.id] = texts
    return violations, messages, errors
