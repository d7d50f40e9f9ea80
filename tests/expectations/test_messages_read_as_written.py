"""Every violation message, in both languages, for names no clinic we know uses: no seam, no code, real words.

A Korean particle must fit the word before it (``'tmp_export'는``, ``주민등록번호가``, ``성명이``), an English
message names entities in words (``resident registration no.``, never ``KR_RRN``), and the consignee is
named as readers know it (인포넷), not by its id.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.entities import ALL_ENTITIES
from expectations import rules as r
from expectations.messages import ClockRule, Facts, render
from policy.schema import Period, Policy
from reports.korean import particle

SEAM = re.compile(r"[이가은는을를과와]\([이가은는을를과와]\)|\(으\)로")
QUOTED_THEN_PARTICLE = re.compile(r"'([^']+)'(은|는|이|가|을|를|과|와|으로|로)(?![가-힣])")
CODE = re.compile(
    r"\b(?:KR_[A-Z_]+|PHONE_NUMBER|EMAIL_ADDRESS|DATE_OF_BIRTH|CREDIT_CARD|BANK_ACCOUNT|"
    r"IP_ADDRESS|PASSWORD(?:_HASH)?|MEDICAL_INFO|PERSON)\b"
)

names = st.one_of(
    st.sampled_from(
        [
            "tmp_export",
            "hwanja_list",
            "crm_member",
            "SMS_LOG",
            "환자정보",
            "상담메모",
            "tbl3",
            "memo_2",
            "고객(구)",
            "member_bak_2023",
            "url",
            "예약일",
        ]
    ),
    st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True),
    st.text(st.integers(0xAC00, 0xD7A3).map(chr), min_size=1, max_size=6),
)


def _facts(table: str, column: str, entities: list[str], categories: list[str], count: int) -> Facts:
    return Facts(
        table=table,
        column=column,
        role_column=column,
        count=count,
        record_type="members",
        clock_rules=(ClockRule("creation", Period.parse("1y"), column),),
        days=5,
        columns=(column, "name"),
        categories=tuple(categories),
        entities=tuple(entities),
        rows_scanned=max(count, 1) * 3,
        measure="encrypted",
        consignee="infonet-hosting",
        age=14,
    )


@settings(max_examples=150, deadline=None)
@given(
    table=names,
    column=names,
    entities=st.lists(st.sampled_from(ALL_ENTITIES), min_size=1, max_size=3, unique=True),
    count=st.integers(1, 2_000_000),
    rule=st.sampled_from(sorted(r.RULES)),
    data=st.data(),
)
def test_messages_read_as_written(
    policy: Policy, table: str, column: str, entities: list[str], count: int, rule: str, data: st.DataObject
) -> None:
    keys = [c.key for c in policy.categories]
    categories = data.draw(st.lists(st.sampled_from(keys), min_size=1, max_size=2, unique=True))
    messages = render(rule, _facts(table, column, entities, categories, count), policy)
    for lang, text in messages.items():
        assert not SEAM.search(text), (lang, text)
        assert ")(" not in text, (lang, text)  # a label's own parenthesis is never glossed by a second one
        assert not CODE.search(text), (lang, text)
        assert "infonet-hosting" not in text, (lang, text)
    for word, chosen in QUOTED_THEN_PARTICLE.findall(messages["ko"]):
        assert chosen == particle(word, chosen), messages["ko"]


def test_the_consignee_has_its_korean_name(policy: Policy) -> None:
    facts = _facts("tmp_export", "rrn", ["KR_RRN"], ["unique_id"], 3)
    messages = render(r.CONSIGNMENT_OUT_OF_SCOPE, facts, policy)
    assert "수탁자 인포넷에게" in messages["ko"]
    assert "resident registration no." in messages["en"]


def test_particles_after_category_names(policy: Policy) -> None:
    facts = _facts("tmp_export", "memo", ["PERSON"], ["identity"], 3)
    ko = render(r.INVENTORY_UNMAPPED, facts, policy)["ko"]
    assert ko.startswith("'tmp_export'는 ")
    label = policy.category("identity").label.ko  # type: ignore[union-attr]
    assert f"{label}{particle(label, '이')} 있습니다" in ko


def test_a_category_is_glossed_by_its_entities_only_where_that_adds_something(policy: Policy) -> None:
    def undeclared(entity: str, category: str) -> str:
        facts = _facts("photos", "col", [entity], [category], 3)
        return render(r.COLLECTION_UNDECLARED, facts, policy)["ko"]

    assert "컬럼에 사진 메타데이터 (촬영일시·촬영기기)가 있으나" in undeclared(
        "PHOTO_METADATA", "photo_metadata"
    )
    assert "컬럼에 결제정보 (카드·계좌번호) 중 카드번호가 있으나" in undeclared("CREDIT_CARD", "payment")
    assert "컬럼에 고유식별정보(주민등록번호)가 있으나" in undeclared("KR_RRN", "unique_id")


def test_a_secret_in_notes_is_redacted_not_encrypted(policy: Policy) -> None:
    facts = _facts("consultations", "상담내용", ["KR_RRN"], ["unique_id"], 7)
    notes = render(r.SECURITY_PLAINTEXT_SECRET, replace(facts, free_text=True), policy)
    column = render(r.SECURITY_PLAINTEXT_SECRET, facts, policy)
    assert "redact" in notes["en"] and "Encrypt it" not in notes["en"]
    assert "지우거나" in notes["ko"] and "'상담내용' 컬럼은 자유 기술 메모" in notes["ko"]
    assert "Encrypt it" in column["en"] and "drop it" in column["en"]
