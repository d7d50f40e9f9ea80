"""Fixtures for the report tests (the data itself lives in factories.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.findings import Findings
from tests.reports.factories import base_violations, make_findings, violation


@pytest.fixture
def findings() -> Findings:
    return make_findings()


@pytest.fixture
def previous_findings() -> Findings:
    """The scan before: two violations since fixed, one in the source that failed today, one new today."""
    current = base_violations()
    kept = [v for v in current if v.id not in {"0a1b2c3d4e5f", "1b2c3d4e5f6a"}]
    gone = [
        violation(
            "9f8e7d6c5b4a",
            "retention.overdue",
            "high",
            "prescriptions",
            count=40,
            policy_ref="4.c",
            message="40 prescriptions are past their 2-year retention period",
        ),
        violation(
            "8e7d6c5b4a9f",
            "security.plaintext_secret",
            "critical",
            "customers",
            source="legacy_crm",
            column="rrn",
            count=300,
            message="Resident registration numbers are stored unencrypted",
        ),
    ]
    return make_findings("scan-0001", violations=kept + gone)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    return tmp_path / "out"
