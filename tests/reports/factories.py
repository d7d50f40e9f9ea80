"""Synthetic findings for the report tests: made-up tables, masked evidence only, no real person."""

from __future__ import annotations

from reports.findings import ColumnFinding, Findings, PolicyRef, SourceStatus, Violation

CATEGORY_LABELS = {
    "identity": {"en": "Identity", "ko": "신원 정보"},
    "contact": {"en": "Contact details", "ko": "연락처"},
    "unique_id": {"en": "Unique identifiers", "ko": "고유식별정보"},
    "health": {"en": "Health (sensitive)", "ko": "건강정보(민감)"},
    "payment": {"en": "Payment", "ko": "결제 정보"},
    "credentials": {"en": "Credentials", "ko": "인증 정보"},
}


def violation(vid: str, rule: str, severity: str, table: str, **kw: object) -> Violation:
    data: dict[str, object] = {
        "id": vid,
        "rule": rule,
        "severity": severity,
        "source": kw.pop("source", "emr"),
        "table": table,
        "column": kw.pop("column", None),
        "count": kw.pop("count", None),
        "message": kw.pop("message", f"{rule} in {table}"),
        "policy_ref": kw.pop("policy_ref", "4"),
    }
    return Violation.model_validate(data)


def column(table: str, name: str, entities: list[str], categories: list[str], **kw: object) -> ColumnFinding:
    data: dict[str, object] = {
        "source": kw.pop("source", "emr"),
        "table": table,
        "column": name,
        "entities": entities,
        "categories": categories,
        "confidence": kw.pop("confidence", 0.95),
        "rows_scanned": kw.pop("rows", 10_000),
        "hits": kw.pop("hits", 9_800),
        "evidence": kw.pop("evidence", []),
    }
    return ColumnFinding.model_validate(data)


def base_violations() -> list[Violation]:
    return [
        violation(
            "a1b2c3d4e5f6",
            "security.plaintext_secret",
            "critical",
            "members",
            column="rrn",
            count=4_812,
            message="Resident registration numbers are stored unencrypted",
            policy_ref="9",
        ),
        violation(
            "b2c3d4e5f6a1",
            "security.plaintext_secret",
            "critical",
            "members",
            column="password",
            count=4_812,
            message="Passwords are stored in plaintext",
            policy_ref="9",
        ),
        violation(
            "c3d4e5f6a1b2",
            "retention.overdue",
            "high",
            "reservations",
            count=1_203,
            message="1,203 reservations are past their 3-month retention period",
            policy_ref="4.g",
        ),
        violation(
            "d4e5f6a1b2c3",
            "consent.withdrawn_retained",
            "high",
            "members",
            count=57,
            message="57 members withdrew more than 5 days ago and their data is still kept",
            policy_ref="7",
        ),
        violation(
            "e5f6a1b2c3d4",
            "minors.no_guardian_consent",
            "high",
            "members",
            count=3,
            message="3 members under 14 have no guardian consent",
            policy_ref="6",
        ),
        violation(
            "f6a1b2c3d4e5",
            "inventory.unmapped",
            "medium",
            "members_backup_2023",
            message="Personal data in a table mapped to no record type",
            policy_ref="5",
        ),
        violation(
            "0a1b2c3d4e5f",
            "collection.undeclared",
            "medium",
            "consultations",
            column="blood_type",
            count=812,
            message="Health data is collected but not declared for consultations",
            policy_ref="1.b",
        ),
        violation(
            "1b2c3d4e5f6a",
            "consignment.out_of_scope",
            "high",
            "hosting/members_2025.xlsx#Sheet1",
            source="exports",
            column="phone",
            count=4_000,
            message="Phone numbers sent to the hosting consignee, who is entrusted with member info only",
            policy_ref="13",
        ),
        violation(
            "2c3d4e5f6a1b",
            "retention.overdue",
            "low",
            "access_log",
            source="homepage",
            count=90,
            message="90 access-log rows are older than 3 months",
            policy_ref="4.g",
        ),
    ]


def base_columns() -> list[ColumnFinding]:
    return [
        column("members", "name", ["PERSON"], ["identity"], evidence=["김**", "이**"]),
        column(
            "members",
            "rrn",
            ["KR_RRN"],
            ["unique_id"],
            confidence=1.0,
            hits=4_812,
            evidence=["900101-1******", "851224-2******"],
        ),
        column("members", "mobile", ["PHONE_NUMBER"], ["contact"], evidence=["010-****-5678"]),
        column("members", "email", ["EMAIL_ADDRESS"], ["contact"], evidence=["k***@example.com"]),
        column("members", "password", ["PASSWORD"], ["credentials"], confidence=0.7, hits=0),
        column("members_backup_2023", "jumin_no", ["KR_RRN"], ["unique_id"], evidence=["770707-1******"]),
        column(
            "consultations",
            "memo",
            ["MEDICAL_INFO", "PHONE_NUMBER"],
            ["health", "contact"],
            confidence=0.62,
            hits=1_402,
            evidence=["010-****-1234"],
        ),
        column("consultations", "blood_type", ["MEDICAL_INFO"], ["health"], confidence=0.8, hits=812),
        column("payments", "card_no", ["CREDIT_CARD"], ["payment"], evidence=["4***-****-****-1111"]),
        column(
            "access_log",
            "client_ip",
            ["IP_ADDRESS"],
            ["identity"],
            source="homepage",
            rows=2_000,
            hits=2_000,
            evidence=["192.168.***.***"],
        ),
        column(
            "hosting/members_2025.xlsx#Sheet1",
            "phone",
            ["PHONE_NUMBER"],
            ["contact"],
            source="exports",
            rows=4_000,
            hits=4_000,
            evidence=["010-****-0000"],
        ),
    ]


def make_findings(
    scan_id: str = "scan-0002",
    *,
    violations: list[Violation] | None = None,
    sources: list[SourceStatus] | None = None,
    columns: list[ColumnFinding] | None = None,
) -> Findings:
    return Findings(
        scan_id=scan_id,
        started_at="2025-06-02T02:00:00+09:00",
        finished_at="2025-06-02T02:07:41+09:00",
        policy=PolicyRef(id="atop-clinic", version="2018-06-15"),
        sources=sources
        if sources is not None
        else [
            SourceStatus(name="emr", kind="database", status="ok", tables=14),
            SourceStatus(
                name="homepage",
                kind="database",
                status="partial",
                tables=9,
                error="table 'visits_archive': permission denied; GRANT SELECT to the scan user",
            ),
            SourceStatus(
                name="legacy_crm",
                kind="database",
                status="error",
                error="cannot connect to mysql+pymysql://scanner:***@10.0.0.7/crm: connection refused",
            ),
            SourceStatus(name="exports", kind="export", status="ok", tables=3),
        ],
        columns=columns if columns is not None else base_columns(),
        violations=violations if violations is not None else base_violations(),
    )
