"""The legal knowledge base holds the facts of the reference notes, each with its sources and dates."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from policy.base import walk
from policy.law import Law
from policy.load import load_policy

MEDICAL_RECORD_YEARS = {
    "patient_roster": 5,
    "medical_record": 10,
    "prescription": 2,
    "surgery_record": 10,
    "test_record": 5,
    "radiograph": 5,
    "nursing_record": 5,
    "midwifery_record": 5,
    "certificate_copy": 3,
}


def test_nine_medical_record_types_with_their_years(law: Law) -> None:
    assert {m.id: m.retention.years for m in law.medical_records} == MEDICAL_RECORD_YEARS
    assert [m.item for m in law.medical_records] == list(range(1, 10))
    assert all(m.retention.months == m.retention.days == 0 for m in law.medical_records)


@pytest.mark.parametrize(
    ("provision_id", "in_force", "repealed"),
    [
        ("pipa_39_6", date(2020, 8, 5), date(2023, 9, 15)),
        ("pipa_decree_48_5", date(2020, 8, 5), date(2023, 9, 15)),
        ("network_decree_16", date(2015, 8, 18), date(2020, 8, 5)),
        ("network_act_29", None, date(2020, 8, 5)),
        ("network_act_44_5", None, date(2012, 8, 23)),
        ("pipa_24_2", date(2014, 8, 7), None),
        ("pipa_22_2", date(2023, 9, 15), None),
        ("safety_standard_7", date(2023, 9, 22), None),
        ("pipa_28_2", date(2020, 8, 5), None),
    ],
)
def test_dates_of_force(law: Law, provision_id: str, in_force: date | None, repealed: date | None) -> None:
    provision = law.provision(provision_id)
    assert provision is not None
    assert (provision.in_force, provision.repealed) == (in_force, repealed)


@pytest.mark.parametrize(
    ("provision_id", "status"),
    [
        ("credit_information_act", "unverified"),
        ("cspa_15_2", "unverified"),
        ("network_act", "unverified"),
        ("ecommerce_decree_6", "verified"),
        ("medical_service_rule_15", "verified"),
        ("pipa_26", "verified"),
    ],
)
def test_verification_status(law: Law, provision_id: str, status: str) -> None:
    provision = law.provision(provision_id)
    assert provision is not None and provision.verification == status


def test_moved_rules_point_where_they_went(law: Law) -> None:
    old = law.provision("network_act_29")
    assert old is not None and old.replaced_by == "pipa_39_6"
    cspa = law.provision("cspa_15_2")
    assert cspa is not None and cspa.applies_to is not None and "telecommunications" in cspa.applies_to


@pytest.mark.parametrize("day", [date(2023, 9, 14), date(2023, 9, 15), date(2030, 1, 1)])
def test_is_repealed_depends_on_the_day(law: Law, day: date) -> None:
    provision = law.provision("pipa_39_6")
    assert provision is not None and provision.is_repealed(day) is (day >= date(2023, 9, 15))


def test_every_provision_has_a_citation_with_a_source_strength(law: Law) -> None:
    for p in law.provisions:
        assert p.sources and all(s.rstrip().endswith("]") or "seed privacy policy" in s for s in p.sources), (
            p.id
        )


def test_protection_requires_hashing_for_passwords_only(law: Law) -> None:
    hashed = {e for r in law.protection if r.measure == "one_way_hash" for e in r.entities}
    encrypted = {e for r in law.protection if r.measure == "encrypted" for e in r.entities}
    assert hashed == {"PASSWORD"}
    assert encrypted == {
        "KR_RRN",
        "KR_FRN",
        "KR_PASSPORT",
        "PASSPORT",
        "CN_RIC",
        "KR_DRIVER_LICENSE",
        "CREDIT_CARD",
        "BANK_ACCOUNT",
    }


def test_every_basis_the_shipped_policy_cites_is_known(law: Law) -> None:
    cited = {b for _, name, value in walk(load_policy()) if name == "legal_basis" for b in value}
    assert cited and all(law.provision(b) is not None for b in cited)


def test_law_rejects_dangling_references(law: Law) -> None:
    data = law.model_dump(mode="json")
    data["protection"][0]["legal_basis"] = ["nowhere_1"]
    with pytest.raises(
        ValidationError, match=r"protection\[0\]\.legal_basis\[0\]: unknown provision 'nowhere_1'"
    ):
        Law.model_validate(data)
