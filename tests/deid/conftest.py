"""Synthetic clinic visits (Faker ko_KR, fake RRNs with valid check digits) and spec builders."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
import pytest
from faker import Faker

from deid.spec import DeidSpec, parse_spec

KEY = b"test-key-0123456789abcdef-not-secret"
OTHER_KEY = b"another-key-fedcba9876543210-xyz"
PROCEDURES = [
    "쌍꺼풀 수술",
    "눈매교정",
    "코성형",
    "융비술",
    "지방흡입",
    "안면윤곽",
    "사각턱 축소",
    "가슴확대",
    "보톡스",
]
DIAGNOSES = ["H02.8", "J34.2", "M26.0", "N62", "E66.0", "L90.5", "Z41.1", "Q17.9"]
WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def fake_rrn(birth: date, male: bool, rng: np.random.Generator) -> str:
    """A fake RRN for a birth date and sex, with a valid check digit."""
    gender = (1 if birth.year < 2000 else 3) + (0 if male else 1)
    digits = [int(c) for c in birth.strftime("%y%m%d")] + [gender] + [int(x) for x in rng.integers(0, 10, 5)]
    check = (11 - sum(d * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11) % 10
    text = "".join(map(str, digits)) + str(check)
    return f"{text[:6]}-{text[6:]}"


def make_visits(patients: int = 300, seed: int = 1) -> pd.DataFrame:
    """Visits of ``patients`` patients (1 to 4 each), with identifiers, quasi-identifiers and a diagnosis."""
    fake = Faker("ko_KR")
    fake.seed_instance(seed)
    rng = np.random.default_rng(seed)
    rows: list[dict[str, Any]] = []
    for p in range(patients):
        birth = date(1950, 1, 1) + timedelta(days=int(rng.integers(0, 365 * 55)))
        male = bool(rng.random() < 0.3)
        person = {
            "patient_id": f"P{p:05d}",
            "name": fake.name(),
            "rrn": fake_rrn(birth, male, rng),
            "phone": fake.phone_number(),
            "birth_date": birth.isoformat(),
            "address": fake.address(),
        }
        for _ in range(int(rng.integers(1, 5))):
            rows.append(
                {
                    **person,
                    "visit_date": (date(2022, 1, 1) + timedelta(days=int(rng.integers(0, 900)))).isoformat(),
                    "procedure": PROCEDURES[int(rng.integers(0, len(PROCEDURES)))],
                    "diagnosis": DIAGNOSES[int(rng.integers(0, len(DIAGNOSES)))],
                }
            )
    return pd.DataFrame(rows)


BASE_SPEC: dict[str, Any] = {
    "source": {"path": "visits.csv"},
    "purpose": "쌍꺼풀 수술 만족도 연구",
    "recipient": "A대학교 의료정보학 연구실",
    "processing_period": {"start": "2025-01-01", "end": "2025-12-31"},
    "operator": "정보보호팀 테스트",
    "patient_key": "patient_id",
    "columns": {
        "patient_id": {"role": "linkage_key"},
        "name": {"role": "direct_identifier"},
        "rrn": {"role": "direct_identifier"},
        "phone": {"role": "direct_identifier"},
        "age": {"role": "quasi_identifier", "from": "birth_date", "hierarchy": "age"},
        "sex": {"role": "quasi_identifier", "from": "rrn", "hierarchy": "sex_rrn"},
        "address": {"role": "quasi_identifier", "hierarchy": "region"},
        "visit_date": {"role": "quasi_identifier", "hierarchy": "date"},
        "procedure": {"role": "quasi_identifier", "hierarchy": "procedure"},
        "diagnosis": {"role": "sensitive"},
    },
    "privacy": {"k": 5, "l": 2, "max_suppression": 0.05},
}


def spec_with(**changes: Any) -> DeidSpec:
    """BASE_SPEC with top-level keys replaced (``privacy={...}``) and validated."""
    data = copy.deepcopy(BASE_SPEC)
    data.update(changes)
    return parse_spec(data)


@pytest.fixture(scope="session")
def visits() -> pd.DataFrame:
    return make_visits()


@pytest.fixture(scope="session")
def analyzer() -> Any:
    from detectors.analyzer import build_analyzer

    return build_analyzer()
