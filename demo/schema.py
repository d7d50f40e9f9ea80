"""The demo clinic's tables, named the way Korean clinic systems name them: a realistic mix.

The EMR side uses romanized upper-case abbreviations (``PT_NO``, ``JUMIN_NO``, ``DIAG_CD``) and stores dates
as ``YYYYMMDD`` text in the roster; the counselling and complaint desks use Hangul column names; the
website uses English snake_case. Odd types are deliberate: an RRN in a BIGINT, a phone that lost its
leading zero in an integer column. Two tables are forgotten copies that no column map mentions.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.schema import SchemaItem


def _table(md: MetaData, name: str, *columns: SchemaItem) -> Table:
    # MariaDB: InnoDB for foreign keys, utf8mb4 for Hangul (the server default may still be latin1).
    return Table(
        name, md, *columns, mysql_engine="InnoDB", mysql_charset="utf8mb4", mysql_collate="utf8mb4_unicode_ci"
    )


def build_metadata(schema: str | None = None) -> MetaData:
    """All demo tables, in ``schema`` (a PostgreSQL schema or MariaDB database) when given."""
    md = MetaData(schema=schema)
    kcd = _table(
        md,
        "kcd_codes",
        Column("code", String(10), primary_key=True),
        Column("name_ko", String(200), nullable=False),
        Column("name_en", String(200), nullable=False),
    )
    proc = _table(
        md,
        "procedures",
        Column("proc_code", String(10), primary_key=True),
        Column("proc_name", String(100), nullable=False),
        Column("body_area", String(20), nullable=False),
        Column("price_krw", Integer, nullable=False),
        Column("kcd_code", String(10), ForeignKey(kcd.c.code), nullable=False),
        Column("surgical", Boolean, nullable=False),
    )
    patients = _table(
        md,
        "patients",
        Column("PT_NO", String(10), primary_key=True),
        Column("PT_NM", String(50), nullable=False),
        Column("JUMIN_NO", String(14), nullable=False),
        Column("BIRTH_YMD", String(8), nullable=False),
        Column("SEX_CD", String(1), nullable=False),
        Column("HP_NO", String(20)),
        Column("TEL_NO", String(20)),
        Column("ZIP_CD", String(5)),
        Column("ADDR", String(200)),
        Column("ADDR_DTL", String(100)),
        Column("FIRST_VISIT_YMD", String(8), nullable=False),
        Column("LAST_VISIT_YMD", String(8), nullable=False),
        Column("REG_DTM", DateTime, nullable=False),
    )
    pt_no = patients.c.PT_NO
    _table(
        md,
        "medical_records",
        Column("MR_NO", BigInteger, primary_key=True, autoincrement=False),
        Column("PT_NO", String(10), ForeignKey(pt_no), nullable=False, index=True),
        Column("VISIT_DT", Date, nullable=False),
        Column("DEPT_NM", String(20), nullable=False),
        Column("DR_NM", String(50), nullable=False),
        Column("DIAG_CD", String(10), ForeignKey(kcd.c.code), nullable=False),
        Column("DIAG_NM", String(200), nullable=False),
        Column("PROC_CD", String(10), ForeignKey(proc.c.proc_code)),
        Column("CHART_MEMO", Text),
    )
    _table(
        md,
        "consultations",
        Column("상담번호", BigInteger, primary_key=True, autoincrement=False),
        Column("환자번호", String(10), ForeignKey(pt_no), nullable=False),
        Column("상담일시", DateTime, nullable=False),
        Column("상담실장", String(50), nullable=False),
        Column("상담경로", String(10), nullable=False),
        Column("관심시술", String(100)),
        Column("상담내용", Text),
    )
    _table(
        md,
        "surgeries",
        Column("OP_NO", BigInteger, primary_key=True, autoincrement=False),
        Column("PT_NO", String(10), ForeignKey(pt_no), nullable=False),
        Column("OP_DT", Date, nullable=False),
        Column("OP_CD", String(10), ForeignKey(proc.c.proc_code), nullable=False),
        Column("OP_NM", String(100), nullable=False),
        Column("OP_PART", String(20), nullable=False),
        Column("ANES_TYPE", String(20), nullable=False),
        Column("SURGEON_NM", String(50), nullable=False),
        Column("OP_NOTE", Text),
    )
    _table(
        md,
        "prescriptions",
        Column("prescription_id", BigInteger, primary_key=True, autoincrement=False),
        Column("patient_no", String(10), ForeignKey(pt_no), nullable=False),
        Column("prescribed_on", Date, nullable=False),
        Column("patient_rrn_enc", String(100), nullable=False),
        Column("drug_name", String(100), nullable=False),
        Column("dosage", String(50), nullable=False),
        Column("days", Integer, nullable=False),
        Column("doctor_name", String(50), nullable=False),
    )
    _table(
        md,
        "payments",
        Column("payment_id", BigInteger, primary_key=True, autoincrement=False),
        Column("patient_no", String(10), ForeignKey(pt_no), nullable=False),
        Column("paid_at", DateTime, nullable=False),
        Column("amount_krw", Integer, nullable=False),
        Column("pay_method", String(10), nullable=False),
        Column("card_company", String(20)),
        Column("card_no_enc", String(100)),
        Column("installment_months", Integer),
        Column("approval_no", String(8)),
        Column("item", String(30), nullable=False),
    )
    _table(
        md,
        "card_approvals",
        Column("APPR_NO", String(12), primary_key=True),
        Column("APPR_DTM", DateTime, nullable=False),
        Column("PT_NO", String(10), ForeignKey(pt_no), nullable=False),
        Column("CARD_CO", String(20), nullable=False),
        Column("CARD_NO", String(19), nullable=False),
        Column("APPR_AMT", Integer, nullable=False),
        Column("INSTALL_MM", Integer, nullable=False),
        Column("CANCEL_YN", String(1), nullable=False),
    )
    _website_tables(md, pt_no)
    _office_tables(md, pt_no)
    return md


def _website_tables(md: MetaData, pt_no: Column) -> None:
    members = _table(
        md,
        "members",
        Column("member_id", BigInteger, primary_key=True, autoincrement=False),
        Column("user_id", String(60), nullable=False, unique=True),
        Column("password_hash", String(128), nullable=False),
        Column("name", String(50), nullable=False),
        Column("email", String(100), nullable=False, index=True),
        Column("phone", String(20)),
        Column("birth_date", Date, nullable=False),
        Column("gender", String(1), nullable=False),
        Column("signup_at", DateTime, nullable=False),
        Column("last_login_at", DateTime, nullable=False),
        Column("withdrawn_at", DateTime),
        Column("guardian_consent_at", DateTime),
        Column("sms_opt_in", Boolean, nullable=False),
        Column("email_opt_in", Boolean, nullable=False),
        Column("interest_procedures", String(200)),
        Column("medical_history", String(200)),
        Column("patient_no", String(10), ForeignKey(pt_no)),
    )
    member_id = members.c.member_id
    _table(
        md,
        "guardians",
        Column("guardian_id", BigInteger, primary_key=True, autoincrement=False),
        Column("member_id", BigInteger, ForeignKey(member_id), nullable=False),
        Column("guardian_name", String(50), nullable=False),
        Column("relation", String(10), nullable=False),
        Column("guardian_phone", BigInteger, nullable=False),
        Column("consented_at", DateTime, nullable=False),
        Column("withdrawn_at", DateTime),
    )
    _table(
        md,
        "identity_verifications",
        Column("verification_id", BigInteger, primary_key=True, autoincrement=False),
        Column("member_id", BigInteger, ForeignKey(member_id)),
        Column("method", String(10), nullable=False),
        Column("name", String(50), nullable=False),
        Column("birth_date", Date, nullable=False),
        Column("gender", String(1), nullable=False),
        Column("phone", String(20)),
        Column("carrier", String(10), nullable=False),
        Column("ci", String(88), nullable=False),
        Column("di", String(64), nullable=False),
        Column("verified_at", DateTime, nullable=False),
    )
    _table(
        md,
        "access_logs",
        Column("log_id", BigInteger, primary_key=True, autoincrement=False),
        Column("user_id", String(60)),
        Column("ip_address", String(45), nullable=False),
        Column("accessed_at", DateTime, nullable=False),
        Column("http_method", String(6), nullable=False),
        Column("path", String(100), nullable=False),
        Column("status_code", Integer, nullable=False),
        Column("user_agent", String(300), nullable=False),
        Column("session_id", String(40), nullable=False),
    )
    events = _table(
        md,
        "events",
        Column("event_id", Integer, primary_key=True, autoincrement=False),
        Column("title", String(100), nullable=False),
        Column("kind", String(10), nullable=False),
        Column("starts_at", DateTime, nullable=False),
        Column("ends_at", DateTime, nullable=False),
    )
    _table(
        md,
        "event_participants",
        Column("participant_id", BigInteger, primary_key=True, autoincrement=False),
        Column("event_id", Integer, ForeignKey(events.c.event_id), nullable=False),
        Column("member_id", BigInteger, ForeignKey(member_id)),
        Column("name", String(50), nullable=False),
        Column("phone", String(20), nullable=False),
        Column("email", String(100)),
        Column("joined_at", DateTime, nullable=False),
        Column("ends_at", DateTime, nullable=False),
        Column("survey_answer", String(300)),
        Column("marketing_agree", Boolean, nullable=False),
    )
    _table(
        md,
        "members_legacy",
        Column("USER_ID", String(60), primary_key=True),
        Column("PASSWD", String(50), nullable=False),
        Column("USER_NM", String(50), nullable=False),
        Column("EMAIL", String(100)),
        Column("HP_NO", String(20)),
        Column("JOIN_DT", Date, nullable=False),
        Column("LAST_LOGIN_DT", DateTime, nullable=False),
        Column("WITHDRAW_DT", DateTime),
    )


def _office_tables(md: MetaData, pt_no: Column) -> None:
    _table(
        md,
        "complaints",
        Column("민원번호", BigInteger, primary_key=True, autoincrement=False),
        Column("접수일시", DateTime, nullable=False),
        Column("민원인", String(50), nullable=False),
        Column("연락처", String(20), nullable=False),
        Column("이메일", String(100)),
        Column("환자번호", String(10), ForeignKey(pt_no)),
        Column("유형", String(20), nullable=False),
        Column("내용", Text, nullable=False),
        Column("처리상태", String(10), nullable=False),
        Column("처리일시", DateTime),
    )
    _table(
        md,
        "cctv_requests",
        Column("request_id", BigInteger, primary_key=True, autoincrement=False),
        Column("requested_at", DateTime, nullable=False),
        Column("requester_name", String(50), nullable=False),
        Column("requester_phone", String(20), nullable=False),
        Column("relation", String(10), nullable=False),
        Column("camera_location", String(20), nullable=False),
        Column("footage_from", DateTime, nullable=False),
        Column("footage_to", DateTime, nullable=False),
        Column("purpose", String(50), nullable=False),
        Column("decision", String(10), nullable=False),
        Column("decided_at", DateTime),
    )
    # Forgotten copies: a backup made before a 2019 homepage migration, and an ad-hoc extract.
    _table(
        md,
        "members_backup_2019",
        Column("MEM_ID", String(60)),
        Column("MEM_PW", String(128)),
        Column("MEM_NM", String(50)),
        Column("EMAIL", String(100)),
        Column("HP", String(20)),
        Column("BIRTH", String(10)),
        Column("REG_DATE", DateTime),
    )
    _table(
        md,
        "tmp_export",
        Column("PT_NO", String(10)),
        Column("성명", String(50)),
        Column("JUMIN_NO", BigInteger),
        Column("HP_NO", BigInteger),
        Column("최근시술", String(100)),
        Column("최근내원일", Date),
    )


#: Tables in the order they can be filled (parents before children, foreign keys hold throughout).
TABLE_ORDER: tuple[str, ...] = (
    "kcd_codes",
    "procedures",
    "patients",
    "medical_records",
    "consultations",
    "surgeries",
    "prescriptions",
    "payments",
    "card_approvals",
    "members",
    "guardians",
    "identity_verifications",
    "access_logs",
    "events",
    "event_participants",
    "members_legacy",
    "complaints",
    "cctv_requests",
    "members_backup_2019",
    "tmp_export",
)
