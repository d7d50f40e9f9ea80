"""The report pages (reports, findings.json, exit codes) document every field, rule, waiver key, exit code."""

import pytest
from pydantic import BaseModel

from reports.coverage import Coverage, SourceCoverage
from reports.exit_codes import EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE, EXIT_VIOLATIONS
from reports.findings import ColumnFinding, Findings, PolicyRef, SourceStatus, Violation
from reports.rule_text import RULES
from reports.waivers import Waiver, WaiverScope
from tests.readme import doc_page

DOC = "\n".join(doc_page(name) for name in ("reports", "findings-json", "exit-codes"))


@pytest.mark.parametrize(
    ("model", "prefix"),
    [
        (Findings, ""),
        (PolicyRef, "policy."),
        (SourceStatus, "sources[]."),
        (ColumnFinding, "columns[]."),
        (Violation, "violations[]."),
        (Coverage, "coverage."),
        (SourceCoverage, "coverage.sources[]."),
    ],
)
def test_every_findings_field_is_documented(model: type[BaseModel], prefix: str) -> None:
    for name in model.model_fields:
        if model is Findings and name in {"policy", "sources", "columns", "violations"}:
            continue  # documented field by field under their own prefix
        listed = any(f"| `{prefix}{name}{tail}" in DOC for tail in ("` |", "[]` |", "[]."))
        assert listed, f"{prefix}{name} is missing from docs/findings-json.md"


def test_every_rule_waiver_key_and_exit_code_is_documented() -> None:
    for rule in RULES:
        assert f"`{rule}`" in DOC
    for key in [*Waiver.model_fields, *WaiverScope.model_fields]:
        assert f"{key}:" in DOC, key
    for code in (EXIT_OK, EXIT_VIOLATIONS, EXIT_USAGE, EXIT_INCOMPLETE):
        assert f"| {code} |" in DOC
