"""The row rules (retention, consent withdrawal, under-age sign-ups) where the data lives.

The synthetic clinic of ``clinic_tables`` is loaded into SQLite, PostgreSQL and MariaDB (an isolated schema
or database each) and checked in one run per backend; the same tables as export DataFrames (every cell
text, as a CSV gives them) are checked on pandas. Each table holds breaking rows next to clean ones and rows
exactly at the deadline, and the expected counts are in the table's spec.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from expectations.checks import run_policy_checks
from expectations.model import CheckOptions, CheckOutcome
from policy.schema import Policy
from tests.expectations import clinic_tables as clinic
from tests.expectations.conftest import Scratch

SPECS = [s for s in clinic.ALL if s.expected]


def counts(outcome: CheckOutcome, table: str) -> dict[str, int]:
    return {
        v.rule: v.count or 0 for v in outcome.violations if v.table == table and v.rule in clinic.ROW_RULES
    }


@pytest.fixture(scope="module")
def sql_outcome(scratch: Scratch, policy: Policy, tmp_path_factory: pytest.TempPathFactory) -> CheckOutcome:
    for spec in clinic.ALL:
        scratch.create(spec.name, spec.columns, spec.rows)
    inputs = [spec.sql_input("emr", scratch.url, scratch.schema) for spec in clinic.ALL]
    docs = tmp_path_factory.mktemp("docs")
    return run_policy_checks(policy, inputs, CheckOptions(today=clinic.TODAY, data_docs_dir=docs, lang="en"))


@pytest.fixture(scope="module")
def frame_outcome(policy: Policy) -> CheckOutcome:
    inputs = [spec.frame_input("exports") for spec in clinic.ALL]
    return run_policy_checks(policy, inputs, CheckOptions(today=clinic.TODAY, lang="ko"))


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_database_counts_exactly_the_breaking_rows(sql_outcome: CheckOutcome, spec: clinic.Spec) -> None:
    assert counts(sql_outcome, spec.name) == spec.expected


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_export_counts_exactly_the_breaking_rows(frame_outcome: CheckOutcome, spec: clinic.Spec) -> None:
    assert counts(frame_outcome, spec.name) == spec.expected


def test_legal_hold_exempts_medical_records_from_consent_withdrawal(sql_outcome: CheckOutcome) -> None:
    rules = {v.rule for v in sql_outcome.violations if v.table == "charts"}
    assert "consent.withdrawn_retained" not in rules
    assert "retention.overdue" in rules


def test_row_violations_carry_policy_section_and_no_column(sql_outcome: CheckOutcome) -> None:
    members = {
        v.rule: v for v in sql_outcome.violations if v.table == "members" and v.rule in clinic.ROW_RULES
    }
    assert {rule: v.policy_ref for rule, v in members.items()} == {
        "retention.overdue": "4.a",
        "consent.withdrawn_retained": "7",
        "minors.no_guardian_consent": "6.b",
    }
    assert all(v.column is None for v in members.values())
    assert "withdrawn_at" in members["consent.withdrawn_retained"].message
    assert "guardian_ok" in members["minors.no_guardian_consent"].message


def assert_misnamed_column_error(outcome: CheckOutcome) -> None:
    errors = [e for e in outcome.errors if e.table == "logins"]
    assert len(errors) == 1
    message = errors[0].message
    assert errors[0].column == "last_login_dt"
    for part in (
        "roles.last_login",
        "'last_login_dt'",
        "last_login_at",
        "withdrawn_at",
        "scan.yaml",
        "did you mean 'last_login_at'",
    ):
        assert part in message


def test_misnamed_column_in_database_is_an_error_naming_field_and_columns(sql_outcome: CheckOutcome) -> None:
    assert_misnamed_column_error(sql_outcome)


def test_misnamed_column_in_export_is_an_error_naming_field_and_columns(frame_outcome: CheckOutcome) -> None:
    assert_misnamed_column_error(frame_outcome)


def test_unknown_record_type_is_an_error_listing_the_policy_ones(sql_outcome: CheckOutcome) -> None:
    (error,) = [e for e in sql_outcome.errors if e.table == "misc"]
    assert "'membr'" in error.message and "member, event_participant" in error.message


def test_only_the_planted_mistakes_are_errors(sql_outcome: CheckOutcome) -> None:
    assert sorted(e.table for e in sql_outcome.errors) == ["logins", "misc"]


def test_data_docs_are_written_and_hold_no_row_value(sql_outcome: CheckOutcome) -> None:
    index = sql_outcome.data_docs_index
    assert index is not None and index.is_file()
    pages = [p for p in index.parent.rglob("*") if p.suffix in (".html", ".json")]
    assert any("members" in p.name for p in pages)
    planted = [
        "Kim Overdue",
        "k1@example.com",
        "Han Consent",
        clinic.rrn(clinic.D(2010, 3, 1), "4"),
        "10.0.0.1",
    ]
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        assert not [value for value in planted if value in text], page


def test_messages_never_quote_a_value(sql_outcome: CheckOutcome) -> None:
    everything = " ".join(m for texts in sql_outcome.messages.values() for m in texts.values())
    for value in ("Kim Overdue", "k1@example.com", "20100301", "010-0000-0001"):
        assert value not in everything


def test_messages_exist_in_both_languages(frame_outcome: CheckOutcome) -> None:
    for violation in frame_outcome.violations:
        texts = frame_outcome.messages[violation.id]
        assert violation.message == texts["ko"]
        assert texts["en"] and texts["en"] != texts["ko"]


def test_no_data_docs_unless_asked(frame_outcome: CheckOutcome, tmp_path: Path) -> None:
    assert frame_outcome.data_docs_index is None
