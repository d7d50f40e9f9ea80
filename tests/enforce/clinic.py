"""A tiny synthetic clinic on the demo schema, with one row per enforcement case and its clean twin.

Everything is made up (names from a fixed list, RRNs with a valid check digit built here). TODAY is the
day every test plans from; with the 5-day deadline the cut-offs are: roster last visit before 2020-03-05
(5y), medical records before 2015-03-05 (10y), member last login before 2024-03-05 (1y), withdrawal
before 2025-03-05, access log before 2024-12-05 (3m), payment before 2022-03-05 (3y), event end before
2025-03-05, complaint before 2022-03-05.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from bench.enforce_data import COLUMN_MAP, build_clinic, metadata
from demo.identifiers import rrn_check_digit

TODAY = dt.date(2025, 3, 10)
D, T = dt.date, dt.datetime
SOURCE = "clinic"


def rrn(birth: dt.date, gender: str, serial: str) -> str:
    body = f"{birth:%y%m%d}{gender}{serial}"
    return f"{body[:6]}-{body[6:]}{rrn_check_digit(body)}"


@dataclass(frozen=True)
class Person:
    pt_no: str
    name: str
    birth: dt.date
    phone: str
    last_visit: dt.date

    @property
    def rrn(self) -> str:
        return rrn(self.birth, "1" if self.birth.year < 2000 else "3", self.pt_no[-5:])


PEOPLE = {
    # past 10 years: roster and medical records destroyed; payments too
    "old": Person("P000000001", "김민준", D(1970, 1, 2), "010-1111-0001", D(2013, 1, 10)),
    # past 5 years but medical records still held: roster reduced to name + address
    "held": Person("P000000002", "이서연", D(1980, 5, 6), "010-1111-0002", D(2018, 6, 1)),
    # recent: nothing happens
    "recent": Person("P000000003", "박지호", D(1990, 7, 8), "010-1111-0003", D(2024, 1, 1)),
    # past 10 years, an active website member points at the roster row: the member is detached
    "linked": Person("P000000004", "최하은", D(1975, 3, 4), "010-1111-0004", D(2012, 2, 2)),
    # past 10 years but a table outside the column map refers to it: blocked
    "blocked": Person("P000000005", "정도윤", D(1965, 9, 9), "010-1111-0005", D(2011, 11, 11)),
}


def _patient(p: Person) -> dict[str, Any]:
    return {
        "PT_NO": p.pt_no,
        "PT_NM": p.name,
        "JUMIN_NO": p.rrn,
        "BIRTH_YMD": p.birth.strftime("%Y%m%d"),
        "SEX_CD": "M",
        "HP_NO": p.phone,
        "TEL_NO": "02-555-0101",
        "ZIP_CD": "06000",
        "ADDR": "서울특별시 강남구 테헤란로 1",
        "ADDR_DTL": "101호",
        "FIRST_VISIT_YMD": p.last_visit.strftime("%Y%m%d"),
        "LAST_VISIT_YMD": p.last_visit.strftime("%Y%m%d"),
        "REG_DTM": T(2010, 1, 1, 9, 0),
    }


def _record(no: int, p: Person) -> dict[str, Any]:
    return {
        "MR_NO": no,
        "PT_NO": p.pt_no,
        "VISIT_DT": p.last_visit,
        "DEPT_NM": "성형외과",
        "DR_NM": "한의사",
        "DIAG_CD": "L90.5",
        "DIAG_NM": "흉터",
        "PROC_CD": "P001",
        "CHART_MEMO": "경과 양호",
    }


def _member(
    no: int,
    *,
    login: dt.datetime,
    withdrawn: dt.datetime | None = None,
    pt: str | None = None,
    email: str | None = None,
    phone: str = "010-2222-0000",
    name: str = "윤서준",
) -> dict[str, Any]:
    return {
        "member_id": no,
        "user_id": f"user{no}",
        "password_hash": "$2b$12$" + "a" * 53,
        "name": name,
        "email": email or f"user{no}@example.com",
        "phone": phone,
        "birth_date": D(1992, 2, 2),
        "gender": "F",
        "signup_at": T(2020, 1, 1),
        "last_login_at": login,
        "withdrawn_at": withdrawn,
        "guardian_consent_at": None,
        "sms_opt_in": False,
        "email_opt_in": False,
        "interest_procedures": None,
        "medical_history": "없음",
        "patient_no": pt,
    }


def rows() -> dict[str, list[dict[str, Any]]]:
    people = PEOPLE
    members = [
        _member(1, login=T(2025, 1, 5), withdrawn=T(2025, 2, 1)),  # withdrawn > 5 days: destroyed
        _member(2, login=T(2025, 3, 7), withdrawn=T(2025, 3, 8)),  # withdrawn 2 days ago: kept
        _member(3, login=T(2023, 1, 1)),  # dormant > 1y + 5d: destroyed
        _member(4, login=T(2025, 3, 1), pt=people["linked"].pt_no),  # active, roster row destroyed: detached
        _member(
            5,
            login=T(2025, 3, 1),
            pt=people["recent"].pt_no,
            email="Seo.Yun@Example.com",
            phone="+82 10-3333-0005",
            name="박지호",
        ),
        _member(6, login=T(2024, 3, 6)),  # last login just inside 1y + 5d: kept
    ]
    return {
        "kcd_codes": [{"code": "L90.5", "name_ko": "흉터", "name_en": "Scar"}],
        "procedures": [
            {
                "proc_code": "P001",
                "proc_name": "흉터 교정",
                "body_area": "face",
                "price_krw": 500000,
                "kcd_code": "L90.5",
                "surgical": True,
            }
        ],
        "patients": [_patient(p) for p in people.values()],
        "medical_records": [_record(i + 1, p) for i, p in enumerate(people.values())],
        "consultations": [
            {
                "상담번호": 1,
                "환자번호": people["held"].pt_no,
                "상담일시": T(2018, 5, 1, 10, 0),
                "상담실장": "오실장",
                "상담경로": "visit",
                "관심시술": "흉터",
                "상담내용": "상담",
            }
        ],
        "payments": [
            {
                "payment_id": 1,
                "patient_no": people["old"].pt_no,
                "paid_at": T(2013, 1, 10),
                "amount_krw": 1000,
                "pay_method": "card",
                "card_company": "신한",
                "card_no_enc": "enc:xx",
                "installment_months": 0,
                "approval_no": "12345678",
                "item": "진료비",
            },
            {
                "payment_id": 2,
                "patient_no": people["recent"].pt_no,
                "paid_at": T(2024, 1, 1),
                "amount_krw": 1000,
                "pay_method": "card",
                "card_company": "신한",
                "card_no_enc": "enc:yy",
                "installment_months": 0,
                "approval_no": "12345679",
                "item": "진료비",
            },
        ],
        "members": members,
        "guardians": [
            {
                "guardian_id": 1,
                "member_id": 1,
                "guardian_name": "윤보호",
                "relation": "모",
                "guardian_phone": 1044440001,
                "consented_at": T(2020, 1, 1),
            }
        ],
        "identity_verifications": [
            {
                "verification_id": 1,
                "member_id": 1,
                "method": "mobile",
                "name": "윤서준",
                "birth_date": D(1992, 2, 2),
                "gender": "F",
                "phone": "010-2222-0000",
                "carrier": "SKT",
                "ci": "c" * 88,
                "di": "d" * 64,
                "verified_at": T(2025, 1, 20),
            },
            {
                "verification_id": 2,
                "member_id": 5,
                "method": "mobile",
                "name": "박지호",
                "birth_date": D(1992, 2, 2),
                "gender": "F",
                "phone": "01033330005",
                "carrier": "KT",
                "ci": "e" * 88,
                "di": "f" * 64,
                "verified_at": T(2025, 1, 20),
            },
        ],
        "access_logs": [
            {
                "log_id": i,
                "user_id": "user5",
                "ip_address": "10.0.0.1",
                "accessed_at": at,
                "http_method": "GET",
                "path": "/",
                "status_code": 200,
                "user_agent": "ua",
                "session_id": "s",
            }
            for i, at in ((1, T(2024, 11, 1)), (2, T(2025, 1, 1)))
        ],
        "events": [
            {
                "event_id": 1,
                "title": "봄 이벤트",
                "kind": "event",
                "starts_at": T(2024, 12, 1),
                "ends_at": T(2025, 3, 31),
            }
        ],
        "event_participants": [
            {
                "participant_id": 1,
                "event_id": 1,
                "member_id": 1,
                "name": "윤서준",
                "phone": "010-2222-0000",
                "email": None,
                "joined_at": T(2024, 12, 2),
                "ends_at": T(2025, 3, 31),
                "survey_answer": None,
                "marketing_agree": False,
            },
            {
                "participant_id": 2,
                "event_id": 1,
                "member_id": None,
                "name": "한지민",
                "phone": "010-5555-0002",
                "email": None,
                "joined_at": T(2024, 12, 2),
                "ends_at": T(2025, 1, 1),
                "survey_answer": None,
                "marketing_agree": False,
            },
        ],
        "complaints": [
            {
                "민원번호": 1,
                "접수일시": T(2021, 1, 1),
                "민원인": "강민서",
                "연락처": "010-6666-0001",
                "이메일": None,
                "환자번호": None,
                "유형": "불만",
                "내용": "대기 시간",
                "처리상태": "완료",
                "처리일시": T(2021, 1, 2),
            },
            {
                "민원번호": 2,
                "접수일시": T(2023, 1, 1),
                "민원인": "강민서",
                "연락처": "010-6666-0001",
                "이메일": None,
                "환자번호": None,
                "유형": "불만",
                "내용": "주차",
                "처리상태": "완료",
                "처리일시": T(2023, 1, 2),
            },
        ],
        "xray_notes": [{"note_id": 1, "PT_NO": people["blocked"].pt_no, "note": "필름 보관"}],
    }


def references(md: sa.MetaData) -> dict[str, dict[str, str]]:
    """The clinic's foreign keys as column-map ``references`` (table -> column -> table.column)."""
    out: dict[str, dict[str, str]] = {}
    for t in md.sorted_tables:
        for fk in t.foreign_keys:
            out.setdefault(t.name, {})[fk.parent.name] = f"{fk.column.table.name}.{fk.column.name}"
    return out


def build(engine: sa.Engine, schema: str | None, foreign_keys: bool = True) -> sa.MetaData:
    """The demo clinic's tables with one row per enforcement case (``rows()``), through the one builder."""
    return build_clinic(engine, schema, [rows()], foreign_keys=foreign_keys)


def config_dict(
    url: str,
    schema: str | None,
    writer_url: str | None = None,
    storage_url: str | None = None,
    declare_references: bool = False,
) -> dict[str, Any]:
    """scan.yaml of the clinic; ``declare_references`` writes its foreign keys into the column map."""
    tables = {name: m.serialized() for name, m in COLUMN_MAP.items()}
    if declare_references:
        for name, refs in references(metadata(schema)).items():
            tables.setdefault(name, {"record_type": None})["references"] = refs
    cfg: dict[str, Any] = {"sources": [{"name": SOURCE, "url": url, "schema": schema, "tables": tables}]}
    enforcement: dict[str, Any] = {"url": writer_url or url, "batch_rows": 2}
    if storage_url:
        enforcement["separate_storage_url"] = storage_url
    cfg["enforcement"] = enforcement
    return cfg


def snapshot(engine: sa.Engine, schema: str | None) -> dict[str, list[tuple[Any, ...]]]:
    md = metadata(schema)
    out = {}
    with engine.connect() as connection:
        for table in md.sorted_tables:
            pk = list(table.primary_key.columns) or list(table.columns)
            out[table.name] = [tuple(r) for r in connection.execute(sa.select(table).order_by(*pk))]
    return out
