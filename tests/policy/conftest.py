"""Fixtures: the shipped policy as data, and a corrected copy that fixes every flaw the lint reports."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
import yaml

from policy.law import Law
from policy.load import load_law, shipped_file

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="session")
def law() -> Law:
    return load_law()


@pytest.fixture(scope="session")
def _shipped_data() -> dict[str, Any]:
    return yaml.safe_load(shipped_file("default.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def shipped_data(_shipped_data: dict[str, Any]) -> dict[str, Any]:
    """The shipped policy as a plain dict, a fresh copy per test so tests can break it."""
    return copy.deepcopy(_shipped_data)


def _record_type(data: dict[str, Any], rt_id: str) -> dict[str, Any]:
    return next(r for r in data["record_types"] if r["id"] == rt_id)


def _medical(rt_id: str, ko: str, en: str, period: str) -> dict[str, Any]:
    return {
        "id": rt_id,
        "label": {"ko": ko, "en": en},
        "ref": "4.c",
        "context": "treatment",
        "categories": ["identity", "unique_id", "health"],
        "retention": [
            {
                "event": "last_visit",
                "period": period,
                "legal_basis": ["medical_service_rule_15"],
                "ref": "4.c",
            }
        ],
        "legal_hold": True,
        "medical_record_type": rt_id,
        "kept_items": ["name", "health_info"],
    }


@pytest.fixture
def corrected_data(shipped_data: dict[str, Any]) -> dict[str, Any]:
    """The shipped policy with every flaw fixed the way the lint's messages advise."""
    data = shipped_data
    # 4.a: dormancy is the clinic's own policy now, not a (repealed) legal duty.
    _record_type(data, "member")["retention"][1]["legal_basis"] = []
    # Unverified or conditional citations dropped: the periods stay as the clinic's own choice.
    for rt_id in ("complaint", "payment", "identity_verification", "access_log"):
        _record_type(data, rt_id)["retention"][0]["legal_basis"] = []
    next(p for p in data["purposes"] if p["id"] == "consumer_information")["legal_basis"] = []
    # 4.c: every medical record type the clinic keeps, with the law's period.
    data["record_types"] += [
        _medical("surgery_record", "수술기록", "Surgery records", "10y"),
        _medical("prescription", "처방전", "Prescriptions", "2y"),
        _medical("radiograph", "방사선 사진", "Radiographs", "5y"),
    ]
    # 9: passwords one-way hashed; identifiers and card numbers stated in the published policy.
    for rule in data["security"]:
        rule["assumed"] = False
        if rule["category"] == "credentials":
            rule["measure"] = "one_way_hash"
    # 1: photos' capture time and camera named among the items collected.
    for category in data["categories"]:
        category["assumed"] = False
    # 10: the CCTV period stated.
    data["cctv"]["retention"] = "30d"
    _record_type(data, "cctv_request")["retention"][0]["assumed"] = False
    # 6: a verification method for guardians, and requests as easy as collection.
    data["minors"]["verification_methods"] = ["mobile_identity_verification"]
    data["subject_rights"]["request_channels"] = [
        "visit",
        "homepage",
        "written_form",
        "fax",
        "telephone",
        "email",
    ]
    return data
