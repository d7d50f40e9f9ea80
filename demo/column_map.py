"""The demo clinic's column map: which record type each table holds and which columns carry the clocks.

Written into ``scan.yaml`` as each table's ``record_type``, ``roles``, ``encrypted`` columns and, for the
guardians, ``clock_from``: their dormancy clock is the child's last login, in ``members``. Two tables
are left out on purpose (``members_backup_2019``, ``tmp_export``): forgotten copies a scan must find.
Lookup tables map to ``record_type: null``: they hold no personal data by design.
"""

from __future__ import annotations

from expectations.column_map import TableMapping

DATABASE_SOURCE = "clinic"
EXPORT_SOURCE = "infonet-hosting-export"
CONSIGNEE = "infonet-hosting"
EXPORT_SUBDIR = "exports/infonet-hosting"

#: Tables no column map mentions: a scan must report them as inventory.unmapped.
UNMAPPED_TABLES: tuple[str, ...] = ("members_backup_2019", "tmp_export")


def _map(record_type: str | None, encrypted: tuple[str, ...] = (), **roles: str) -> TableMapping:
    return TableMapping.model_validate(
        {"record_type": record_type, "roles": roles, "encrypted": list(encrypted)}
    )


COLUMN_MAP: dict[str, TableMapping] = {
    "kcd_codes": _map(None),
    "procedures": _map(None),
    "events": _map(None),
    "patients": _map(
        "patient_roster", last_visit="LAST_VISIT_YMD", birth_date="BIRTH_YMD", subject_key="PT_NO"
    ),
    "medical_records": _map("medical_record", last_visit="VISIT_DT", subject_key="PT_NO"),
    "consultations": _map("medical_record", last_visit="상담일시", subject_key="환자번호"),
    "surgeries": _map("medical_record", last_visit="OP_DT", subject_key="PT_NO"),
    "prescriptions": _map(
        "medical_record", ("patient_rrn_enc",), last_visit="prescribed_on", subject_key="patient_no"
    ),
    "payments": _map("payment", ("card_no_enc",), creation="paid_at", subject_key="patient_no"),
    "card_approvals": _map("payment", creation="APPR_DTM", subject_key="PT_NO"),
    "members": _map(
        "member",
        withdrawal="withdrawn_at",
        last_login="last_login_at",
        signup="signup_at",
        birth_date="birth_date",
        guardian_consent="guardian_consent_at",
        subject_key="member_id",
    ),
    # A guardian's data lives as long as the child's account: its dormancy clock is the child's last login.
    "guardians": TableMapping.model_validate(
        {
            "record_type": "member",
            "roles": {"withdrawal": "withdrawn_at", "subject_key": "member_id"},
            "clock_from": {"last_login": {"table": "members", "key": "member_id", "column": "last_login_at"}},
        }
    ),
    "members_legacy": _map(
        "member",
        withdrawal="WITHDRAW_DT",
        last_login="LAST_LOGIN_DT",
        signup="JOIN_DT",
        subject_key="USER_ID",
    ),
    "identity_verifications": _map("identity_verification", creation="verified_at", subject_key="member_id"),
    "access_logs": _map("access_log", creation="accessed_at", subject_key="user_id"),
    "event_participants": _map("event_participant", event_end="ends_at", subject_key="member_id"),
    "complaints": _map("complaint", creation="접수일시", subject_key="환자번호"),
    "cctv_requests": _map("cctv_request", creation="requested_at"),
}
