"""Synthetic clinic visits for the de-identification benchmark: a million rows in a few seconds.

Faker (ko_KR) makes small pools of names and addresses; numpy draws rows from them with skewed weights that
look like a plastic-surgery clinic (mostly women in their 20s and 30s, mostly from Seoul and Gyeonggi).
Patients have one to five visits; birth date, sex, RRN and address stay the same across a patient's visits.
RRNs are fake, with a valid check digit.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from faker import Faker

from deid.spec import DeidSpec, parse_spec

PROCEDURES = (
    "쌍꺼풀 수술",
    "눈매교정",
    "앞트임",
    "눈밑지방 재배치",
    "코성형",
    "융비술",
    "콧볼 축소",
    "안면윤곽",
    "사각턱 축소",
    "광대 축소",
    "턱끝 성형",
    "가슴확대",
    "가슴 축소",
    "지방흡입",
    "복부성형",
    "보톡스",
    "필러",
    "실리프팅",
    "레이저 토닝",
    "모발이식",
)
DIAGNOSES = (
    "H02.8",
    "H02.4",
    "J34.2",
    "J34.8",
    "M26.0",
    "M95.0",
    "N62",
    "N64.8",
    "E65",
    "E66.0",
    "L90.5",
    "L91.0",
    "L57.4",
    "L65.9",
    "Z41.1",
    "Q17.9",
    "Q30.8",
    "T85.4",
    "L70.0",
    "L81.4",
)
_SIDO_WEIGHTS = {
    "서울특별시": 30,
    "경기도": 25,
    "인천광역시": 6,
    "부산광역시": 6,
    "대구광역시": 4,
    "대전광역시": 3,
    "광주광역시": 3,
    "울산광역시": 2,
    "세종특별자치시": 1,
    "강원특별자치도": 3,
    "충청북도": 3,
    "충청남도": 3,
    "전북특별자치도": 3,
    "전라남도": 3,
    "경상북도": 3,
    "경상남도": 5,
    "제주특별자치도": 1,
}
_WEIGHTS = np.array([1, 1.0, 3, 2, 3, 2, 1, 2, 1, 1, 1, 2, 1, 3, 1, 4, 4, 2, 2, 1])


def fake_rrns(birth: pd.Series, male: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Fake RRNs ``YYMMDD-GXXXXXC`` matching birth date and sex, with a valid check digit."""
    n = len(birth)
    years = birth.dt.year.to_numpy()
    gender = np.where(years >= 2000, 3, 1) + np.where(male, 0, 1)
    head = np.stack(
        [
            (years // 10) % 10,
            years % 10,
            birth.dt.month.to_numpy() // 10,
            birth.dt.month.to_numpy() % 10,
            birth.dt.day.to_numpy() // 10,
            birth.dt.day.to_numpy() % 10,
            gender,
        ],
        axis=1,
    )
    tail = rng.integers(0, 10, size=(n, 5))
    digits = np.concatenate([head, tail], axis=1)
    weights = np.array([2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5])
    check = (11 - (digits * weights).sum(axis=1) % 11) % 10
    text = np.concatenate([digits, check[:, None]], axis=1).astype(str)
    joined = pd.Series(["".join(row) for row in text]) if n <= 50_000 else _join_fast(digits, check)
    return (joined.str.slice(0, 6) + "-" + joined.str.slice(6)).to_numpy()


def _join_fast(digits: np.ndarray, check: np.ndarray) -> pd.Series:
    number = np.zeros(len(digits), dtype=np.int64)
    for j in range(digits.shape[1]):
        number = number * 10 + digits[:, j]
    number = number * 10 + check
    return pd.Series(number).astype(str).str.zfill(13)


def make_visits(n_rows: int = 1_000_000, seed: int = 7) -> pd.DataFrame:
    """``n_rows`` visits of about ``n_rows / 2.5`` patients, with direct identifiers, QIs and a diagnosis."""
    rng = np.random.default_rng(seed)
    fake = Faker("ko_KR")
    fake.seed_instance(seed)
    names = np.array([fake.name() for _ in range(3000)])
    phones = np.array([fake.phone_number() for _ in range(3000)])
    pool = pd.Series([fake.address() for _ in range(20_000)])
    sido = pool.str.split(" ").str[0]
    weight = sido.map(_SIDO_WEIGHTS).fillna(1).to_numpy(dtype=float)
    weight /= np.bincount(pd.factorize(sido)[0])[
        pd.factorize(sido)[0]
    ]  # per-province weight, not per address

    visits = rng.integers(1, 6, size=n_rows)
    patient_of_row = np.repeat(np.arange(n_rows), visits)[:n_rows]
    n_patients = int(patient_of_row.max()) + 1
    age_years = np.clip(rng.gamma(6.0, 5.5, size=n_patients) + 12, 14, 95)
    birth = pd.Series(
        pd.Timestamp("2024-12-31") - pd.to_timedelta(age_years * 365.25, unit="D")
    ).dt.normalize()
    male = rng.random(n_patients) < 0.2
    addresses = pool.to_numpy()[rng.choice(len(pool), size=n_patients, p=weight / weight.sum())]
    rrn = fake_rrns(birth, male, rng)
    proc_p = _WEIGHTS / _WEIGHTS.sum()
    frame = pd.DataFrame(
        {
            "visit_id": np.arange(n_rows),
            "patient_id": pd.Series(patient_of_row).map(lambda i: f"P{i:08d}")
            if n_rows <= 50_000
            else "P" + pd.Series(patient_of_row).astype(str).str.zfill(8),
            "name": names[rng.integers(0, len(names), size=n_patients)][patient_of_row],
            "rrn": rrn[patient_of_row],
            "phone": phones[rng.integers(0, len(phones), size=n_patients)][patient_of_row],
            "birth_date": birth.to_numpy()[patient_of_row],
            "address": addresses[patient_of_row],
            "visit_date": (
                pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 6 * 365, size=n_rows), unit="D")
            ).normalize(),
            "procedure": np.array(PROCEDURES)[rng.choice(len(PROCEDURES), size=n_rows, p=proc_p)],
            "referral_code": np.array(DIAGNOSES)[rng.integers(0, len(DIAGNOSES), size=n_rows)],
            "diagnosis": np.array(DIAGNOSES)[rng.integers(0, len(DIAGNOSES), size=n_rows)],
        }
    )
    return frame


#: Counselling notes of the research variant; ``{md}`` is a day near the visit as ``M/D``, ``{iso}`` the same
#: day as ``YYYY-MM-DD``, ``{year}`` the year of a past procedure, ``{age}`` the age at the visit.
NOTE_TEMPLATES = (
    "{md} 수술 가예약. 붓기 관리 안내함.",
    "상담 후 {md} 재내원 예정.",
    "{year}년 본원 {proc} 이력. 재수술 상담.",
    "수술일 {iso} 확정, 보호자 동행.",
    "만 {age}세, {sido} 거주. {proc} 상담.",
    "{proc} 견적 안내. 특이사항 없음.",
    "흉터 양호. 추가 시술 권유하지 않음.",
    "{month}월 {day}일 실밥 제거 예정.",
)


def make_research_visits(n_rows: int = 40_000, seed: int = 16) -> pd.DataFrame:
    """The study variant: ``make_visits`` plus a counselling note that names dates, years, ages and regions.

    Issue 16's shape: QIs age at the visit, sex, region, visit date and procedure; the diagnosis is sensitive;
    the note is free text whose dates lie within two months of the visit (``12/6 수술 가예약``). Seven in ten
    diagnoses follow the procedure, so the study's cross-tabulation has something to lose.
    """
    frame = make_visits(n_rows, seed=seed).drop(columns=["referral_code"])
    rng = np.random.default_rng(seed + 1)
    proc_index = pd.Series(frame["procedure"]).map({p: i for i, p in enumerate(PROCEDURES)}).to_numpy()
    linked = (proc_index * 3 + rng.integers(0, 3, size=n_rows)) % len(DIAGNOSES)  # each procedure's own codes
    frame["diagnosis"] = np.where(rng.random(n_rows) < 0.7, np.array(DIAGNOSES)[linked], frame["diagnosis"])
    near = frame["visit_date"] + pd.to_timedelta(rng.integers(-20, 60, size=n_rows), unit="D")
    ages = (frame["visit_date"].dt.year - pd.to_datetime(frame["birth_date"]).dt.year).to_numpy()
    past = frame["visit_date"].dt.year.to_numpy() - rng.integers(1, 6, size=n_rows)
    sido = frame["address"].str.split(" ").str[0].to_numpy()
    template = rng.integers(0, len(NOTE_TEMPLATES), size=n_rows)
    month, day = near.dt.month.to_numpy(), near.dt.day.to_numpy()
    iso = near.dt.strftime("%Y-%m-%d").to_numpy()
    procs = frame["procedure"].to_numpy()
    frame["note"] = [
        NOTE_TEMPLATES[t].format(
            md=f"{month[i]}/{day[i]}",
            iso=iso[i],
            year=past[i],
            proc=procs[i],
            age=ages[i],
            sido=sido[i],
            month=month[i],
            day=day[i],
        )
        for i, t in enumerate(template)
    ]
    return frame


def research_spec(
    privacy: dict[str, Any], weight: float | None = 10, priority: list[str] | None = None
) -> DeidSpec:
    """The study's deid.yaml: QIs age at the visit, sex, region, visit date, procedure (weighted); note.

    ``weight`` is the procedure's; ``priority`` the spec's list (give ``weight=None`` with it).
    """
    procedure: dict[str, Any] = {"role": "quasi_identifier", "hierarchy": "procedure"}
    if weight is not None:
        procedure["weight"] = weight
    return parse_spec(
        {
            "source": {"path": "visits.parquet"},
            "purpose": "diagnosis distribution per procedure",
            "recipient": "A대학교 의료정보학 연구실",
            "operator": "정보보호팀 테스트",
            "processing_period": {"start": "2025-01-01", "end": "2025-12-31"},
            "patient_key": "patient_id",
            "columns": {
                "visit_id": {"role": "direct_identifier"},
                "patient_id": {"role": "linkage_key"},
                "name": {"role": "direct_identifier"},
                "rrn": {"role": "direct_identifier"},
                "phone": {"role": "direct_identifier"},
                "birth_date": {"role": "direct_identifier"},
                "age": {
                    "role": "quasi_identifier",
                    "from": "rrn",
                    "hierarchy": "age_rrn",
                    "options": {"at": "visit_date"},
                },
                "sex": {"role": "quasi_identifier", "from": "rrn", "hierarchy": "sex_rrn"},
                "region": {"role": "quasi_identifier", "from": "address", "hierarchy": "region"},
                "visit_date": {"role": "quasi_identifier", "hierarchy": "date"},
                "procedure": procedure,
                "diagnosis": {"role": "sensitive"},
                "note": {"role": "free_text"},
            },
            "privacy": privacy,
            "priority": priority or [],
        }
    )
