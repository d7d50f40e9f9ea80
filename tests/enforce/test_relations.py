"""References and clocks the column map declares, in enforcement, on SQLite, PostgreSQL and MariaDB.

The legacy clinic is the small clinic with not one foreign key in the database: its links live in the
column map (``references``). Retention and subject requests must treat them exactly as foreign keys: a
held medical record keeps its patient's identity row (Medical Service Act Enforcement Rule Art. 14-15).
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from enforce import EnforceError, RunOptions, apply_retention, find_subject, parse_find, plan_retention
from expectations.column_map import TableMapping
from policy.schema import Policy
from tests.enforce import clinic
from tests.enforce.conftest import Place
from tests.enforce.test_retention import EXPECTED

HELD = clinic.PEOPLE["held"]


def _options(policy: Policy) -> RunOptions:
    return RunOptions(policy=policy, today=clinic.TODAY)


def _lines(report: object) -> dict[tuple[str, str, str], int]:
    return {(x.table, x.rule, x.action): x.rows for x in report.lines if x.rows}  # type: ignore[attr-defined]


def test_declared_references_plan_exactly_what_foreign_keys_plan(
    legacy_clinic: Place, policy: Policy
) -> None:
    assert not any(
        sa.inspect(legacy_clinic.engine).get_foreign_keys(t, schema=legacy_clinic.schema)
        for t in (
            "medical_records",
            "members",
        )
    )
    report = plan_retention(legacy_clinic.config(declare_references=True), _options(policy))
    assert _lines(report) == EXPECTED


def test_without_the_references_the_held_patient_would_be_destroyed(
    legacy_clinic: Place, policy: Policy
) -> None:
    report = plan_retention(legacy_clinic.config(), _options(policy))
    lines = _lines(report)
    assert ("patients", "hold.medical_record", "erase") not in lines
    assert lines[("patients", "retention.last_visit", "delete")] == 4  # the held and the blocked row too


def test_a_held_record_keeps_the_identity_row_it_refers_to(legacy_clinic: Place, policy: Policy) -> None:
    config = legacy_clinic.config(declare_references=True)
    plan = plan_retention(config, _options(policy))
    (hold,) = [x for x in plan.lines if x.table == "patients" and x.rule == "hold.medical_record"]
    assert (hold.rows, hold.action) == (1, "erase")
    assert "medical_service_rule_15" in hold.legal_basis and "medical_records" in hold.detail
    assert set(hold.kept_columns) >= {"PT_NM", "ADDR"}

    apply_retention(config, _options(policy))
    patients = {row[0]: row for row in legacy_clinic.snapshot()["patients"]}
    held = patients[HELD.pt_no]
    assert held[1] == HELD.name and held[2] == ""  # name kept for the record, RRN erased
    records = {row[1] for row in legacy_clinic.snapshot()["medical_records"]}
    assert HELD.pt_no in records  # the record still has the patient it refers to


@pytest.mark.parametrize(
    ("find", "expected"),
    [
        (
            ["email=SEO.YUN@example.com"],
            {"members": 1, "identity_verifications": 1, "patients": 1, "medical_records": 1, "payments": 1},
        ),
        (["id=1"], {"members": 1, "guardians": 1, "identity_verifications": 1, "event_participants": 1}),
    ],
)
def test_a_subject_request_follows_declared_references(
    legacy_clinic: Place, policy: Policy, find: list[str], expected: dict[str, int]
) -> None:
    search = find_subject(legacy_clinic.config(declare_references=True), parse_find(find), policy)
    assert {t: len(f.rows) for (_, t), f in search.found.items()} == expected


def test_retention_reads_a_clock_kept_in_another_table(clinic_db: Place, policy: Policy) -> None:
    guardian = {"guardian_id": 2, "member_id": 3, "guardian_name": "조보호", "relation": "부"}
    guardian |= {"guardian_phone": 1044440002, "consented_at": clinic.T(2020, 1, 1)}
    table = sa.Table("guardians", sa.MetaData(schema=clinic_db.schema), autoload_with=clinic_db.engine)
    with clinic_db.engine.begin() as connection:
        connection.execute(table.insert(), [guardian])
    config = clinic_db.config()
    config.sources[0].tables["guardians"] = TableMapping.model_validate(
        {
            "record_type": "member",
            "roles": {"subject_key": "member_id"},
            "clock_from": {"last_login": {"table": "members", "key": "member_id", "column": "last_login_at"}},
            "not_applicable": {"retention.withdrawal": "a guardian withdraws with the child's account"},
        }
    )
    report = plan_retention(config, _options(policy))
    lines = _lines(report)
    # member 3 is dormant: its guardian's own clock ran out; member 1's guardian goes with member 1
    assert lines[("guardians", "retention.last_login", "delete")] == 1
    assert lines[("guardians", "cascade.members", "delete")] == 1
    (line,) = [x for x in report.lines if x.rule == "retention.last_login" and x.table == "guardians"]
    assert "latest members.last_login_at" in line.detail
    assert [(e.table, e.rule) for e in report.not_applicable] == [("guardians", "retention.withdrawal")]
    assert not [w for w in report.not_enforced + report.warnings if "'guardians'" in w and "roles." in w]

    apply_retention(config, _options(policy))
    assert clinic_db.snapshot()["guardians"] == []


def test_a_reference_to_a_missing_column_names_the_nearest(sqlite_clinic: Place, policy: Policy) -> None:
    config = sqlite_clinic.config()
    config.sources[0].tables["members"] = TableMapping.model_validate(
        {
            **config.sources[0].tables["members"].serialized(),
            "references": {"patient_no": "patients.PT_N"},
        }
    )
    with pytest.raises(
        EnforceError, match=r"references\.patient_no names column 'PT_N'.*did you mean 'PT_NO'"
    ):
        plan_retention(config, _options(policy))
