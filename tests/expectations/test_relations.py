"""Relations in the column map on every backend: clocks kept in another table, and rules that do not apply.

Guardians live as long as the child's account: their last-login clock is the child's, in ``accounts``. A
patient roster without a visit date of its own takes the latest visit from ``visits``, whose dates are
``YYYYMMDD`` text and whose key column has another name. Rows exactly at the deadline are clean.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from expectations.checks import run_policy_checks
from expectations.column_map import TableMapping
from expectations.model import CheckOptions, CheckOutcome
from policy.schema import Policy
from tests.expectations import clinic_tables as clinic
from tests.expectations.conftest import Scratch

D, T = clinic.D, clinic.T
# Cut-offs on TODAY (2025-03-10): last login on or after 2024-03-05; last visit on or after 2020-03-05.
ACCOUNTS = clinic.Spec(
    "accounts",
    {
        "member_id": sa.Integer,
        "name": sa.String(50),
        "last_login_at": sa.DateTime,
        "withdrawn_at": sa.DateTime,
    },
    [
        (1, "김하나", T(2023, 1, 1, 9), None),  # dormant: overdue, and so are its two guardians
        (2, "이두리", T(2024, 3, 5, 0), None),  # at the deadline: clean
        (3, "박세나", T(2025, 3, 1, 12), None),  # active: clean
    ],
    TableMapping(
        record_type="member",
        roles={"last_login": "last_login_at", "withdrawal": "withdrawn_at", "subject_key": "member_id"},
    ),
    {"name": "PERSON"},
    {"retention.overdue": 1},
)
GUARDIANS = clinic.Spec(
    "guardians",
    {"guardian_id": sa.Integer, "member_id": sa.Integer, "guardian_name": sa.String(50)},
    [
        (10, 1, "김보호"),
        (11, 1, "김보모"),
        (12, 2, "이보호"),
        (13, 3, "박보호"),
        (14, 9, "고아원"),
        (15, None, "무명"),
    ],
    TableMapping.model_validate(
        {
            "record_type": "member",
            "roles": {"subject_key": "member_id"},
            "clock_from": {
                "last_login": {"table": "accounts", "key": "member_id", "column": "last_login_at"}
            },
            "not_applicable": {"retention.withdrawal": "a guardian withdraws with the child's account"},
        }
    ),
    {"guardian_name": "PERSON"},
    {"retention.overdue": 2},
)
VISITS = clinic.Spec(
    "Visits",
    {"visit_no": sa.Integer, "patient_no": sa.String(10), "visit_ymd": sa.String(8)},
    [
        (1, "P1", "20120101"),
        (2, "P1", "20190101"),  # P1's latest visit: 2019, past 5 years
        (3, "P2", "20120101"),
        (4, "P2", "20240601"),  # P2 came back: the latest visit is recent
        (5, "P3", "20200305"),  # at the deadline: clean
        (6, "P4", "junk"),  # no readable day: no clock
    ],
    TableMapping(record_type=None),
    {},
)
ROSTER = clinic.Spec(
    "roster",
    {"PT_NO": sa.String(10), "PT_NM": sa.String(50)},
    [("P1", "최환자"), ("P2", "정환자"), ("P3", "한환자"), ("P4", "윤환자"), ("P5", "무방문")],
    TableMapping.model_validate(
        {
            "record_type": "patient_roster",
            "roles": {"subject_key": "PT_NO"},
            "clock_from": {
                "last_visit": {
                    "table": "visits",
                    "key": "pt_no",
                    "other_key": "PATIENT_NO",
                    "column": "Visit_YMD",
                }
            },
        }
    ),
    {"PT_NM": "PERSON"},
    {"retention.overdue": 1},
)
MISNAMED = clinic.Spec(
    "wards",
    {"ward_id": sa.Integer, "member_id": sa.Integer, "name": sa.String(50)},
    [(1, 1, "오피보")],
    TableMapping.model_validate(
        {
            "record_type": "member",
            "clock_from": {"last_login": {"table": "acounts", "key": "member_id", "column": "last_login_at"}},
            "not_applicable": {"retention.withdrawal": "wards never withdraw on their own"},
        }
    ),
    {"name": "PERSON"},
)
SPECS = [ACCOUNTS, GUARDIANS, VISITS, ROSTER, MISNAMED]


def _counts(outcome: CheckOutcome, table: str) -> dict[str, int]:
    return {
        v.rule: v.count or 0 for v in outcome.violations if v.table == table and v.rule in clinic.ROW_RULES
    }


@pytest.fixture(scope="module")
def outcome(scratch: Scratch, policy: Policy) -> CheckOutcome:
    for spec in SPECS:
        scratch.create(spec.name, spec.columns, spec.rows)
    inputs = [spec.sql_input("web", scratch.url, scratch.schema) for spec in SPECS]
    return run_policy_checks(policy, inputs, CheckOptions(today=clinic.TODAY, lang="en"))


@pytest.mark.parametrize("spec", [ACCOUNTS, GUARDIANS, ROSTER], ids=lambda s: s.name)
def test_clock_from_counts_the_rows_whose_latest_clock_is_overdue(
    outcome: CheckOutcome, spec: clinic.Spec
) -> None:
    assert _counts(outcome, spec.name) == spec.expected


def test_clock_from_message_names_the_table_the_clock_lives_in(outcome: CheckOutcome) -> None:
    (violation,) = [v for v in outcome.violations if v.table == "guardians" and v.rule == "retention.overdue"]
    assert "accounts.last_login_at" in violation.message


def test_not_applicable_is_reported_with_its_reason_not_as_an_error(outcome: CheckOutcome) -> None:
    exempt = {(n.table, n.rule): n.reason for n in outcome.not_applicable}
    assert exempt[("guardians", "retention.withdrawal")] == "a guardian withdraws with the child's account"
    assert not [e for e in outcome.errors if e.table == "guardians"]


def test_clock_from_naming_a_missing_table_is_an_error_with_the_nearest_name(outcome: CheckOutcome) -> None:
    (error,) = [e for e in outcome.errors if e.table == "wards"]
    assert "clock_from.last_login.table" in error.message and "did you mean 'accounts'" in error.message
    assert not _counts(outcome, "wards")


def test_only_the_misnamed_clock_is_an_error(outcome: CheckOutcome) -> None:
    assert {e.table for e in outcome.errors} == {"wards"}


def test_clock_from_on_an_export_is_reported_as_not_checked(policy: Policy) -> None:
    inp = GUARDIANS.frame_input("exports", "guardians.csv")
    result = run_policy_checks(policy, [inp], CheckOptions(today=clinic.TODAY, lang="en"))
    (error,) = [e for e in result.errors if e.table == "guardians.csv"]
    assert "clock_from.last_login" in error.message and "not checked" in error.message
