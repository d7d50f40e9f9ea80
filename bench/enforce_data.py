"""A synthetic clinic for the enforcement tests and benchmark: the demo clinic's shape, any size.

The schema is a frozen copy of the demo clinic's (EMR abbreviations, Hangul column names, dates as
``YYYYMMDD`` text in the roster, foreign keys between patients, records, members and their guardians),
plus ``xray_notes``, a side table outside the column map that still refers to patients. ``load_bulk``
fills it fast (``COPY`` on PostgreSQL) with patients whose records are all overdue, or all recent, so
a benchmark knows exactly how many rows retention must destroy. Every value is synthetic.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from expectations.column_map import TableMapping

_MYSQL: dict[str, Any] = {
    "mysql_engine": "InnoDB",
    "mysql_charset": "utf8mb4",
    "mysql_collate": "utf8mb4_unicode_ci",
}


def _t(md: sa.MetaData, name: str, *columns: Any) -> sa.Table:
    return sa.Table(name, md, *columns, **_MYSQL)


def C(name: str, kind: Any, *args: Any, **kw: Any) -> sa.Column:
    kw.setdefault("nullable", False)
    return sa.Column(name, kind, *args, **kw)


def metadata(schema: str | None) -> sa.MetaData:
    """The demo clinic's schema (frozen copy of its shape: EMR abbreviations, Hangul columns, text dates)."""
    md = sa.MetaData(schema=schema)
    S, B, Dt, Tm = sa.String, sa.BigInteger, sa.Date, sa.DateTime
    kcd = _t(md, "kcd_codes", C("code", S(10), primary_key=True), C("name_ko", S(200)), C("name_en", S(200)))
    proc = _t(
        md,
        "procedures",
        C("proc_code", S(10), primary_key=True),
        C("proc_name", S(100)),
        C("body_area", S(20)),
        C("price_krw", sa.Integer),
        C("kcd_code", S(10), sa.ForeignKey(kcd.c.code)),
        C("surgical", sa.Boolean),
    )
    patients = _t(
        md,
        "patients",
        C("PT_NO", S(10), primary_key=True),
        C("PT_NM", S(50)),
        C("JUMIN_NO", S(14)),
        C("BIRTH_YMD", S(8)),
        C("SEX_CD", S(1)),
        C("HP_NO", S(20), nullable=True),
        C("TEL_NO", S(20), nullable=True),
        C("ZIP_CD", S(5), nullable=True),
        C("ADDR", S(200), nullable=True),
        C("ADDR_DTL", S(100), nullable=True),
        C("FIRST_VISIT_YMD", S(8)),
        C("LAST_VISIT_YMD", S(8)),
        C("REG_DTM", Tm),
    )
    pt = patients.c.PT_NO
    _t(
        md,
        "medical_records",
        C("MR_NO", B, primary_key=True, autoincrement=False),
        C("PT_NO", S(10), sa.ForeignKey(pt), index=True),
        C("VISIT_DT", Dt),
        C("DEPT_NM", S(20)),
        C("DR_NM", S(50)),
        C("DIAG_CD", S(10), sa.ForeignKey(kcd.c.code)),
        C("DIAG_NM", S(200)),
        C("PROC_CD", S(10), sa.ForeignKey(proc.c.proc_code), nullable=True),
        C("CHART_MEMO", sa.Text, nullable=True),
    )
    _t(
        md,
        "consultations",
        C("상담번호", B, primary_key=True, autoincrement=False),
        C("환자번호", S(10), sa.ForeignKey(pt)),
        C("상담일시", Tm),
        C("상담실장", S(50)),
        C("상담경로", S(10)),
        C("관심시술", S(100), nullable=True),
        C("상담내용", sa.Text, nullable=True),
    )
    _t(
        md,
        "payments",
        C("payment_id", B, primary_key=True, autoincrement=False),
        C("patient_no", S(10), sa.ForeignKey(pt)),
        C("paid_at", Tm),
        C("amount_krw", sa.Integer),
        C("pay_method", S(10)),
        C("card_company", S(20), nullable=True),
        C("card_no_enc", S(100), nullable=True),
        C("installment_months", sa.Integer, nullable=True),
        C("approval_no", S(8), nullable=True),
        C("item", S(30)),
    )
    members = _t(
        md,
        "members",
        C("member_id", B, primary_key=True, autoincrement=False),
        C("user_id", S(60), unique=True),
        C("password_hash", S(128)),
        C("name", S(50)),
        C("email", S(100), index=True),
        C("phone", S(20), nullable=True),
        C("birth_date", Dt),
        C("gender", S(1)),
        C("signup_at", Tm),
        C("last_login_at", Tm),
        C("withdrawn_at", Tm, nullable=True),
        C("guardian_consent_at", Tm, nullable=True),
        C("sms_opt_in", sa.Boolean),
        C("email_opt_in", sa.Boolean),
        C("interest_procedures", S(200), nullable=True),
        C("medical_history", S(200), nullable=True),
        C("patient_no", S(10), sa.ForeignKey(pt), nullable=True),
    )
    mid = members.c.member_id
    _t(
        md,
        "guardians",
        C("guardian_id", B, primary_key=True, autoincrement=False),
        C("member_id", B, sa.ForeignKey(mid)),
        C("guardian_name", S(50)),
        C("relation", S(10)),
        C("guardian_phone", B),
        C("consented_at", Tm),
    )
    _t(
        md,
        "identity_verifications",
        C("verification_id", B, primary_key=True, autoincrement=False),
        C("member_id", B, sa.ForeignKey(mid), nullable=True),
        C("method", S(10)),
        C("name", S(50)),
        C("birth_date", Dt),
        C("gender", S(1)),
        C("phone", S(20), nullable=True),
        C("carrier", S(10)),
        C("ci", S(88)),
        C("di", S(64)),
        C("verified_at", Tm),
    )
    _t(
        md,
        "access_logs",
        C("log_id", B, primary_key=True, autoincrement=False),
        C("user_id", S(60), nullable=True),
        C("ip_address", S(45)),
        C("accessed_at", Tm),
        C("http_method", S(6)),
        C("path", S(100)),
        C("status_code", sa.Integer),
        C("user_agent", S(300)),
        C("session_id", S(40)),
    )
    events = _t(
        md,
        "events",
        C("event_id", sa.Integer, primary_key=True, autoincrement=False),
        C("title", S(100)),
        C("kind", S(10)),
        C("starts_at", Tm),
        C("ends_at", Tm),
    )
    _t(
        md,
        "event_participants",
        C("participant_id", B, primary_key=True, autoincrement=False),
        C("event_id", sa.Integer, sa.ForeignKey(events.c.event_id)),
        C("member_id", B, sa.ForeignKey(mid), nullable=True),
        C("name", S(50)),
        C("phone", S(20)),
        C("email", S(100), nullable=True),
        C("joined_at", Tm),
        C("ends_at", Tm),
        C("survey_answer", S(300), nullable=True),
        C("marketing_agree", sa.Boolean),
    )
    _t(
        md,
        "complaints",
        C("민원번호", B, primary_key=True, autoincrement=False),
        C("접수일시", Tm),
        C("민원인", S(50)),
        C("연락처", S(20)),
        C("이메일", S(100), nullable=True),
        C("환자번호", S(10), sa.ForeignKey(pt), nullable=True),
        C("유형", S(20)),
        C("내용", sa.Text),
        C("처리상태", S(10)),
        C("처리일시", Tm, nullable=True),
    )
    # Not in the column map: a forgotten side table that still refers to patients.
    _t(
        md,
        "xray_notes",
        C("note_id", sa.Integer, primary_key=True, autoincrement=False),
        C("PT_NO", S(10), sa.ForeignKey(pt)),
        C("note", S(100), nullable=True),
    )
    return md


def _map(record_type: str | None, **roles: str) -> TableMapping:
    return TableMapping.model_validate({"record_type": record_type, "roles": roles})


COLUMN_MAP: dict[str, TableMapping] = {
    "kcd_codes": _map(None),
    "procedures": _map(None),
    "events": _map(None),
    "patients": _map(
        "patient_roster", last_visit="LAST_VISIT_YMD", birth_date="BIRTH_YMD", subject_key="PT_NO"
    ),
    "medical_records": _map("medical_record", last_visit="VISIT_DT", subject_key="PT_NO"),
    "consultations": _map("medical_record", last_visit="상담일시", subject_key="환자번호"),
    "payments": _map("payment", creation="paid_at", subject_key="patient_no"),
    "members": _map(
        "member",
        withdrawal="withdrawn_at",
        last_login="last_login_at",
        signup="signup_at",
        birth_date="birth_date",
        subject_key="member_id",
    ),
    "guardians": _map("member", subject_key="member_id"),
    "identity_verifications": _map("identity_verification", creation="verified_at", subject_key="member_id"),
    "access_logs": _map("access_log", creation="accessed_at", subject_key="user_id"),
    "event_participants": _map("event_participant", event_end="ends_at", subject_key="member_id"),
    "complaints": _map("complaint", creation="접수일시", subject_key="환자번호"),
}


TODAY = date(2025, 3, 10)
_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
_GIVEN = "민서지현준우하윤도예은수아연호진영성"
_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def _name(i: int) -> str:
    return _SURNAMES[i % 20] + _GIVEN[(i // 20) % 18] + _GIVEN[(i // 360) % 18]


def _phone(i: int) -> str:
    return f"010-{1000 + (i // 10000) % 9000:04d}-{i % 10000:04d}"


def _rrn(i: int, birth: date) -> str:
    body = f"{birth:%y%m%d}{1 + i % 2}{(i // 15000) % 100000:05d}"  # unique: birth day repeats every 15,000
    check = (11 - sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11) % 10
    return f"{body[:6]}-{body[6:]}{check}"


def patient_no(i: int) -> str:
    """The roster number of bulk patient ``i``."""
    return f"P{i:09d}"


def person(i: int) -> dict[str, str]:
    """The identifiers of bulk patient ``i`` (synthetic): name, phone, email, RRN, roster number."""
    birth = date(1960, 1, 1) + timedelta(days=i % 15000)
    return {
        "name": _name(i),
        "phone": _phone(i),
        "email": f"user{i}@example.com",
        "rrn": _rrn(i, birth),
        "pt_no": patient_no(i),
    }


VISITS = {"overdue": date(2012, 1, 1), "held": date(2018, 1, 1), "recent": date(2024, 6, 1)}


def _rows(i: int, kind: str, records: int) -> dict[str, list[tuple[Any, ...]]]:
    p = person(i)
    birth = date(1960, 1, 1) + timedelta(days=i % 15000)
    visit = VISITS[kind] + timedelta(days=i % 200)
    paid = datetime(2023, 1, 1) if kind == "held" else datetime.combine(visit, datetime.min.time())
    ymd = visit.strftime("%Y%m%d")
    login = datetime(2025, 3, 1) if kind == "recent" else datetime(2024, 1, 1) + timedelta(days=i % 300)
    return {
        "patients": [
            (
                p["pt_no"],
                p["name"],
                p["rrn"],
                birth.strftime("%Y%m%d"),
                "MF"[i % 2],
                p["phone"],
                "02-555-0101",
                "06000",
                "서울특별시 강남구 테헤란로 1",
                f"{i % 900 + 100}호",
                ymd,
                ymd,
                datetime(2010, 1, 1),
            )
        ],
        "medical_records": [
            (i * records + k, p["pt_no"], visit, "성형외과", "한의사", "L90.5", "흉터", "P001", "경과 양호")
            for k in range(records)
        ],
        "payments": [
            (i, p["pt_no"], paid, 100000, "card", "신한", "enc:00", 0, f"{i % 10**8:08d}", "진료비")
        ],
        "members": [
            (
                i,
                f"user{i}",
                "$2b$12$" + "a" * 53,
                p["name"],
                p["email"],
                p["phone"],
                birth,
                "MF"[i % 2],
                datetime(2020, 1, 1),
                login,
                None if kind == "recent" else login,
                None,
                False,
                False,
                None,
                None,
                p["pt_no"],
            )
        ],
        "guardians": [(i, i, _name(i + 7), "모", 1040000000 + i % 10**8, datetime(2020, 1, 1))],
    }


LOOKUPS: dict[str, list[tuple[Any, ...]]] = {
    "kcd_codes": [("L90.5", "흉터", "Scar")],
    "procedures": [("P001", "흉터 교정", "face", 500000, "L90.5", True)],
    "events": [(1, "봄 이벤트", "event", datetime(2024, 12, 1), datetime(2025, 3, 31))],
}
BULK_TABLES = ("patients", "medical_records", "payments", "members", "guardians")


def rows_per_patient(records: int) -> int:
    """Rows one bulk patient adds: roster, records, payment, member, guardian."""
    return 1 + records + 1 + 1 + 1


def _chunks(first: int, count: int, kind: str, records: int, size: int) -> Iterator[dict[str, list[Any]]]:
    for start in range(first, first + count, size):
        out: dict[str, list[Any]] = {t: [] for t in BULK_TABLES}
        for i in range(start, min(start + size, first + count)):
            for table, rows in _rows(i, kind, records).items():
                out[table].extend(rows)
        yield out


def _copy(engine: sa.Engine, table: sa.Table, rows: list[tuple[Any, ...]]) -> None:
    preparer = engine.dialect.identifier_preparer
    columns = ", ".join(preparer.quote(c.name) for c in table.columns)
    raw = engine.raw_connection()
    driver: Any = raw.driver_connection  # psycopg's own connection: COPY is not in the DB-API
    try:
        with (
            driver.cursor() as cursor,
            cursor.copy(f"COPY {preparer.format_table(table)} ({columns}) FROM STDIN") as cp,
        ):
            for row in rows:
                cp.write_row(row)
        raw.commit()
    finally:
        raw.close()


def _insert(engine: sa.Engine, table: sa.Table, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    if engine.dialect.name == "postgresql":
        _copy(engine, table, rows)
        return
    names = [c.name for c in table.columns]
    with engine.begin() as connection:
        for start in range(0, len(rows), 5000):
            connection.execute(
                table.insert(), [dict(zip(names, r, strict=True)) for r in rows[start : start + 5000]]
            )


def load_bulk(
    engine: sa.Engine, schema: str | None, overdue: int, recent: int, records: int = 2, held: int = 0
) -> sa.MetaData:
    """Create the tables and fill them: ``overdue`` patients with every row past retention, ``recent`` clean.

    Each overdue patient adds ``rows_per_patient(records)`` rows that retention destroys on ``TODAY``: the
    roster row (last visit in 2012), its medical records and payment, and a withdrawn member (pointing at
    the roster row) with a guardian. Recent patients add the same shape, all within retention. ``held``
    patients last visited in 2018: their roster row is past 5 years but their medical records are held
    for 10, so retention erases the roster row down to name and address; their payment (2023) is kept and
    their withdrawn member is destroyed with its guardian.
    """
    md = metadata(schema)
    md.create_all(engine)
    tables = {t.name: t for t in md.sorted_tables}
    for name, rows in LOOKUPS.items():
        _insert(engine, tables[name], rows)
    parts = ((0, overdue, "overdue"), (overdue, recent, "recent"), (overdue + recent, held, "held"))
    for first, count, kind in parts:
        for chunk in _chunks(first, count, kind, records, 20_000):
            for name in BULK_TABLES:
                _insert(engine, tables[name], chunk[name])
    return md
