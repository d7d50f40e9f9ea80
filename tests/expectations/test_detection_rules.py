"""The rules decided from the detections alone: security, collection, inventory, consignment.

One run checks a set of tables, each planting one situation next to its clean counterpart; every test
then looks at the violations of its own table.
"""

from __future__ import annotations

import pytest

from detectors.model import ColumnResult, EntityHit
from expectations.checks import run_policy_checks
from expectations.column_map import TableMapping
from expectations.inventory import build_inventory, inventory_suite, scoped_inventory
from expectations.model import CheckOptions, CheckOutcome, SourceKind, TableCheckInput
from expectations.violations import violation_id
from policy.schema import Policy
from tests.expectations.clinic_tables import TODAY

MEMBER = TableMapping(record_type="member")
CHART = TableMapping(record_type="medical_record")
SECRETS = [
    "PASSWORD",
    "KR_RRN",
    "KR_FRN",
    "KR_PASSPORT",
    "PASSPORT",
    "CN_RIC",
    "KR_DRIVER_LICENSE",
    "CREDIT_CARD",
    "BANK_ACCOUNT",
]
SECRET_SEVERITY = {"PASSWORD": "critical", "CREDIT_CARD": "high", "BANK_ACCOUNT": "high"}


def table(
    name: str,
    columns: dict[str, str],
    mapping: TableMapping | None = MEMBER,
    kind: SourceKind = "database",
    consignee: str | None = None,
    hits: int = 3,
) -> TableCheckInput:
    detections = [
        ColumnResult(name, c, "VARCHAR", 10, 10, entities=(EntityHit(e, hits, 0.9),))
        for c, e in columns.items()
    ]
    source = "emr" if kind == "database" else "hosting"
    return TableCheckInput(source, kind, name, mapping, detections, consignee)


TABLES = [
    # security: one plaintext column per secret entity, and the same entity encrypted or hashed
    *[table(f"plain_{e.lower()}", {"secret": e}, CHART) for e in SECRETS],
    *[
        table(
            f"sealed_{e.lower()}",
            {"Secret": e},
            TableMapping(record_type="medical_record", encrypted=["secret"]),
        )
        for e in SECRETS
    ],
    table("hashed", {"pw_hash": "PASSWORD_HASH", "email": "EMAIL_ADDRESS"}),
    table("name_only", {"passwd": "PASSWORD"}, hits=0),
    # collection: member declares no unique identifier; medical records do; access logs declare no identity
    table(
        "members_rrn",
        {"rrn_enc": "KR_RRN", "notes": "MEDICAL_INFO"},
        TableMapping(record_type="member", encrypted=["rrn_enc"]),
    ),
    table(
        "charts_rrn", {"rrn_enc": "KR_RRN"}, TableMapping(record_type="medical_record", encrypted=["rrn_enc"])
    ),
    table("access_named", {"who": "PERSON", "ip": "IP_ADDRESS"}, TableMapping(record_type="access_log")),
    # inventory
    table("members_backup", {"name": "PERSON", "phone": "PHONE_NUMBER"}, None),
    table("lookup_codes", {"label": "PERSON"}, TableMapping(record_type=None)),
    table("empty_scratch", {}, None),
    table("loose_export.csv", {"name": "PERSON"}, None, kind="export"),
    # consignment: an export for the hosting consignee, by id and by name
    table(
        "members.csv",
        {"name": "PERSON", "email": "EMAIL_ADDRESS", "rrn": "KR_RRN"},
        None,
        "export",
        "infonet-hosting",
    ),
    table("notes.csv", {"note": "MEDICAL_INFO"}, None, "export", "Information net"),
    table("elsewhere.csv", {"name": "PERSON"}, None, "export", "acme-cloud"),
]


@pytest.fixture(scope="module")
def outcome(policy: Policy) -> CheckOutcome:
    return run_policy_checks(policy, TABLES, CheckOptions(today=TODAY, lang="en"))


def found(
    outcome: CheckOutcome, table_name: str, rule: str | None = None
) -> dict[tuple[str, str | None], str]:
    return {
        (v.rule, v.column): v.severity
        for v in outcome.violations
        if v.table == table_name and (rule is None or v.rule == rule)
    }


@pytest.mark.parametrize("entity", SECRETS)
def test_plaintext_secret_is_flagged(outcome: CheckOutcome, entity: str) -> None:
    severity = SECRET_SEVERITY.get(entity, "critical")
    assert found(outcome, f"plain_{entity.lower()}", "security.plaintext_secret") == {
        ("security.plaintext_secret", "secret"): severity
    }


@pytest.mark.parametrize("entity", SECRETS)
def test_secret_listed_as_encrypted_is_not_flagged(outcome: CheckOutcome, entity: str) -> None:
    assert found(outcome, f"sealed_{entity.lower()}", "security.plaintext_secret") == {}


def test_password_hash_and_contact_data_are_not_secrets(outcome: CheckOutcome) -> None:
    assert found(outcome, "hashed", "security.plaintext_secret") == {}


def test_password_found_by_name_says_so(outcome: CheckOutcome) -> None:
    (violation,) = [v for v in outcome.violations if v.table == "name_only"]
    assert violation.count is None and "found by the column name" in violation.message
    assert "one-way hashing" in violation.message and violation.policy_ref == "9"


def test_undeclared_category_is_flagged_with_the_collection_section(outcome: CheckOutcome) -> None:
    assert found(outcome, "members_rrn", "collection.undeclared") == {
        ("collection.undeclared", "rrn_enc"): "high"
    }
    (violation,) = [v for v in outcome.violations if v.table == "members_rrn"]
    assert violation.policy_ref == "1.b" and "Unique identifiers" in violation.message


def test_declared_category_is_not_flagged(outcome: CheckOutcome) -> None:
    assert found(outcome, "charts_rrn") == {}


def test_identity_in_access_logs_is_undeclared_at_medium(outcome: CheckOutcome) -> None:
    assert found(outcome, "access_named") == {("collection.undeclared", "who"): "medium"}


def test_unmapped_table_with_personal_data_is_flagged_once(outcome: CheckOutcome) -> None:
    (violation,) = [v for v in outcome.violations if v.table == "members_backup"]
    assert (violation.rule, violation.column, violation.count, violation.policy_ref) == (
        "inventory.unmapped",
        None,
        2,
        "4",
    )
    assert "name, phone" in violation.message and "not in the column map" in violation.message


def test_table_mapped_as_holding_nothing_personal_is_flagged(outcome: CheckOutcome) -> None:
    (violation,) = [v for v in outcome.violations if v.table == "lookup_codes"]
    assert violation.rule == "inventory.unmapped" and "record_type: null" in violation.message


def test_unmapped_table_without_personal_data_is_fine(outcome: CheckOutcome) -> None:
    assert found(outcome, "empty_scratch") == {}


def test_export_for_nobody_is_unmapped_but_export_for_consignee_is_not(outcome: CheckOutcome) -> None:
    assert found(outcome, "loose_export.csv") == {("inventory.unmapped", None): "medium"}
    assert ("inventory.unmapped", None) not in found(outcome, "members.csv")


def test_export_beyond_entrusted_categories_names_the_column(outcome: CheckOutcome) -> None:
    assert found(outcome, "members.csv", "consignment.out_of_scope") == {
        ("consignment.out_of_scope", "rrn"): "critical"
    }
    (violation,) = [
        v for v in outcome.violations if v.table == "members.csv" and v.rule == "consignment.out_of_scope"
    ]
    assert violation.policy_ref == "13" and "Information net" in violation.message


def test_consignee_given_by_name_is_resolved(outcome: CheckOutcome) -> None:
    assert found(outcome, "notes.csv") == {("consignment.out_of_scope", "note"): "critical"}


def test_unknown_consignee_is_an_error(outcome: CheckOutcome) -> None:
    (error,) = [e for e in outcome.errors if e.table == "elsewhere.csv"]
    assert "'acme-cloud'" in error.message and "infonet-hosting" in error.message
    assert found(outcome, "elsewhere.csv") == {}


def test_violation_ids_are_stable_across_runs(outcome: CheckOutcome, policy: Policy) -> None:
    again = run_policy_checks(policy, list(reversed(TABLES)), CheckOptions(today=TODAY, lang="ko"))
    assert sorted(v.id for v in again.violations) == sorted(v.id for v in outcome.violations)
    for v in outcome.violations:
        assert v.id == violation_id(v.rule, v.source, v.table, v.column)


def test_violations_come_most_severe_first(outcome: CheckOutcome) -> None:
    order = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    ranks = [order[v.severity] for v in outcome.violations]
    assert ranks == sorted(ranks)


def test_each_clause_reads_only_its_own_rows_of_the_inventory(policy: Policy) -> None:
    """A clause's scoped column holds the constrained value in its rows and nothing elsewhere."""
    frame, _ = build_inventory(
        policy, [table("t_member", {"email": "EMAIL_ADDRESS"}), table("t_chart", {"jumin": "KR_RRN"}, CHART)]
    )
    _, checks = inventory_suite(policy)
    scoped = scoped_inventory(frame, checks)
    member = scoped[checks["collection:member"].scope.column]
    assert checks["collection:member"].scope.column == "category where record_type = 'member'"
    assert (
        member[frame["record_type"] == "member"].tolist()
        == frame.loc[frame["record_type"] == "member", "category"].tolist()
    )
    assert member[frame["record_type"] != "member"].isna().all()
    assert scoped[frame.columns].equals(frame)  # the inventory itself is unchanged
