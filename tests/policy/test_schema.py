"""The shipped policy encodes the seed policy, with the ids the other packages code against."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from detectors.entities import ALL_ENTITIES
from policy.base import PERIOD_PATTERN, Period, is_ref_field, walk
from policy.load import load_policy
from policy.schema import Policy

CATEGORIES = {
    "identity": ["PERSON", "DATE_OF_BIRTH"],
    "contact": ["PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS"],
    "unique_id": ["KR_RRN", "KR_FRN", "KR_PASSPORT", "PASSPORT", "CN_RIC", "KR_DRIVER_LICENSE"],
    "health": ["MEDICAL_INFO"],
    "credentials": ["PASSWORD", "PASSWORD_HASH"],
    "payment": ["CREDIT_CARD", "BANK_ACCOUNT"],
    "online": ["IP_ADDRESS"],
    "photo_metadata": ["PHOTO_METADATA"],
}
# record type -> (ref, [(clock event, period)], legal_hold)
RECORD_TYPES = {
    "member": ("4.a", [("withdrawal", "0d"), ("last_login", "1y")], False),
    "event_participant": ("4.b", [("event_end", "0d")], False),
    "patient_roster": ("4.c", [("last_visit", "5y")], True),
    "medical_record": ("4.c", [("last_visit", "10y")], True),
    "complaint": ("4.d", [("creation", "3y")], False),
    "payment": ("4.e", [("creation", "3y")], False),
    "identity_verification": ("4.f", [("creation", "6m")], False),
    "access_log": ("4.g", [("creation", "3m")], False),
    "cctv_request": ("10", [("creation", "30d")], False),
}


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy()


def test_shipped_policy_loads_with_the_fixed_category_ids(policy: Policy) -> None:
    assert {c.key: c.entities for c in policy.categories} == CATEGORIES
    assert [c.key for c in policy.categories if c.sensitive] == ["health"]


def test_every_detector_entity_belongs_to_exactly_one_category(policy: Policy) -> None:
    assert {e: len(policy.categories_of(e)) for e in ALL_ENTITIES} == dict.fromkeys(ALL_ENTITIES, 1)


@pytest.mark.parametrize(("rt_id", "expected"), RECORD_TYPES.items())
def test_record_types_encode_section_4_retention(
    policy: Policy, rt_id: str, expected: tuple[Any, ...]
) -> None:
    ref, rules, legal_hold = expected
    rt = policy.record_type(rt_id)
    assert rt is not None and rt.ref == ref and rt.legal_hold is legal_hold
    assert [(r.event, str(r.period)) for r in rt.retention] == rules
    assert rt.categories, "every record type declares what it collects"


def test_medical_record_kept_items_and_law_types(policy: Policy) -> None:
    medical = policy.record_type("medical_record")
    assert medical is not None and medical.kept_items == ["name", "address", "health_info"]
    assert medical.medical_record_type == "medical_record"
    assert policy.held_medical_records == [
        "patient_roster",
        "medical_record",
        "surgery_record",
        "prescription",
        "radiograph",
    ]


def test_dormancy_rule_cites_the_repealed_network_act(policy: Policy) -> None:
    member = policy.record_type("member")
    assert member is not None
    assert member.retention[1].legal_basis == ["network_act_29", "network_decree_16"]


def test_cctv_request_period_is_marked_assumed(policy: Policy) -> None:
    rt = policy.record_type("cctv_request")
    assert rt is not None and rt.retention[0].assumed
    assert policy.cctv is not None and policy.cctv.retention is None and policy.cctv.recording_hours == 24


def test_security_encodes_section_9_wording(policy: Policy) -> None:
    assert policy.measure_for("credentials") == "encrypted"  # as the policy words it; the lint flags it
    assert policy.measure_for("unique_id") == "encrypted"
    assert policy.measure_for("payment") == "encrypted"
    assert policy.measure_for("health") is None


def test_hosting_consignee_gets_member_data_only(policy: Policy) -> None:
    con = policy.consignee("infonet-hosting")
    assert con is not None and con.ref == "13"
    assert set(con.entrusted) == {"identity", "contact", "credentials", "online"}
    assert not {"unique_id", "health", "payment"} & set(con.entrusted)
    assert policy.consignee(con.name) == con
    assert policy.consignee("nobody") is None


def test_children_withdrawal_and_rights(policy: Policy) -> None:
    assert (policy.minors.age_below, policy.minors.ref) == (14, "6.b")
    assert policy.minors.guardian_items == ["guardian_name", "guardian_contact"]
    assert policy.consent_withdrawal.destroy_within_days == 5 and policy.consent_withdrawal.ref == "7"
    assert set(policy.subject_rights.rights) == {"access", "correction", "deletion"}
    assert policy.subject_rights.answer_within_days == 10
    assert [r.id for r in policy.legal_holds()] == ["patient_roster", "medical_record"]
    assert policy.destruction_deadline_days == 5 and policy.destruction_ref == "5.b"


def test_every_section_of_the_seed_policy_is_referenced(policy: Policy) -> None:
    refs = {value for _, name, value in walk(policy) if is_ref_field(name)}
    assert {r.split(".")[0] for r in refs} == {str(n) for n in range(1, 14)}
    assert {"1.a", "1.b", "1.c", "1.d", "4.a", "4.b", "4.c", "4.d", "4.e", "4.f", "4.g", "5.b", "6.b"} <= refs


def test_section_titles_resolve(policy: Policy) -> None:
    assert policy.section_title("4.g") == "Retention and use period"
    assert policy.section_title("10", "ko") == "영상정보처리기기 운영·관리"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: d["record_types"][0]["categories"].append("genome"),
            "record_types[0].categories[5]: unknown category 'genome'",
        ),
        (
            lambda d: d["collection"][0]["items"][0].update(category="nope"),
            "collection[0].items[0].category: unknown category",
        ),
        (
            lambda d: d["collection"][0]["purposes"].append("spam"),
            "collection[0].purposes[6]: unknown purpose 'spam'",
        ),
        (
            lambda d: d["consignees"][0]["entrusted"].append("money"),
            "consignees[0].entrusted[4]: unknown category",
        ),
        (lambda d: d["security"][0].update(category="secrets"), "security[0].category: unknown category"),
        (
            lambda d: d["record_types"][1].update(context="fax"),
            "record_types[1].context: unknown collection context",
        ),
        (
            lambda d: d["record_types"][2]["kept_items"].append("shoe_size"),
            "record_types[2].kept_items[2]: unknown item",
        ),
        (lambda d: d["minors"]["guardian_items"].append("x"), "minors.guardian_items[2]: unknown item 'x'"),
        (
            lambda d: d["record_types"].append(d["record_types"][0]),
            "record_types: record type 'member' is defined 2 times",
        ),
        (lambda d: d["cctv"].update(ref="14"), "cctv.ref: section '14' is not among the policy's sections"),
    ],
)
def test_dangling_references_are_named_by_path(
    shipped_data: dict[str, Any], mutate: Any, expected: str
) -> None:
    mutate(shipped_data)
    with pytest.raises(ValidationError, match=re.escape(expected)):
        Policy.model_validate(shipped_data)


def test_the_unbroken_data_validates(shipped_data: dict[str, Any]) -> None:
    assert Policy.model_validate(shipped_data).id == "a-top-clinic"


@given(st.builds(Period, years=st.integers(0, 500), months=st.integers(0, 500), days=st.integers(0, 5000)))
def test_period_text_round_trip(period: Period) -> None:
    assert Period.parse(str(period)) == period


@given(st.from_regex(PERIOD_PATTERN, fullmatch=True))
def test_every_text_the_json_schema_allows_parses(text: str) -> None:
    period = Period.parse(text)
    assert Period.parse(str(period)) == period


@pytest.mark.parametrize("text", ["", "10", "y", "10 years", "1m1y", "-1y", "1.5y", "10Y", "1w", "1y1y"])
def test_period_rejects_what_is_not_a_period(text: str) -> None:
    with pytest.raises(ValueError, match="must look like"):
        Period.parse(text)


@pytest.mark.parametrize(
    ("short", "long"), [("6m", "1y"), ("364d", "1y"), ("2y", "10y"), ("0d", "1d"), ("11m", "1y")]
)
def test_period_ordering(short: str, long: str) -> None:
    a, b = Period.parse(short), Period.parse(long)
    assert a.is_shorter_than(b) and not b.is_shorter_than(a)
    assert not Period.parse("12m").is_shorter_than(Period.parse("1y"))


@pytest.mark.parametrize(
    "given", ["infonet-hosting", "Information net", "인포넷", "information NET", " 인포넷 "]
)
def test_a_consignee_is_found_by_its_id_name_or_label(policy: Policy, given: str) -> None:
    """`gate --consignee 인포넷`: the data team names the consignee as the reports do."""
    found = policy.consignee(given)
    assert found is not None and found.id == "infonet-hosting"


def test_an_unknown_consignee_is_none(policy: Policy) -> None:
    assert policy.consignee("인포") is None
