"""The violations handed to reports/ fit findings.json's Violation model field for field."""

from __future__ import annotations

import dataclasses

from expectations.model import Violation
from expectations.violations import violation_id
from reports.findings import Violation as FindingsViolation


def test_fields_match_findings_json() -> None:
    assert [f.name for f in dataclasses.fields(Violation)] == list(FindingsViolation.model_fields)


def test_a_violation_validates_as_a_finding() -> None:
    v = Violation(
        violation_id("inventory.unmapped", "emr", "t", None),
        "inventory.unmapped",
        "medium",
        "emr",
        "t",
        None,
        2,
        "message",
        "4",
    )
    assert FindingsViolation.model_validate(dataclasses.asdict(v)).model_dump() == dataclasses.asdict(v)
