"""`clinicscan policy check` finds each flaw of the seed policy, and nothing once they are fixed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from policy.law import Law
from policy.lint import check_policy, format_lint, lint_exit_code, lint_policy
from policy.lint_base import LINT_CODES, LINT_CODES_KO, LintFinding
from policy.load import load_policy
from policy.schema import Policy

from .conftest import TODAY

# (level, code, field) the shipped (seed) policy must produce.
SEED_FINDINGS = {
    (
        "error",
        "legal_basis.repealed",
        "record_types[0].retention[1].legal_basis[0]",
    ),  # Network Act 29 -> PIPA 39-6
    ("error", "legal_basis.repealed", "record_types[0].retention[1].legal_basis[1]"),  # Decree 16 -> 48-5
    ("error", "security.encrypted_not_hashed", "security[0].measure"),  # passwords "encrypted"
    ("warning", "legal_basis.unverified", "record_types[5].retention[0].legal_basis[0]"),  # credit info 3y
    ("warning", "legal_basis.unverified", "record_types[6].retention[0].legal_basis[0]"),  # identity 6m
    ("warning", "legal_basis.unverified", "record_types[7].retention[0].legal_basis[0]"),  # CSPA logs 3m
    ("warning", "legal_basis.unverified", "purposes[10].legal_basis[0]"),  # Framework Act on Consumers 52
    ("warning", "medical_record.unnamed", "held_medical_records[2]"),  # surgery records
    ("warning", "medical_record.unnamed", "held_medical_records[3]"),  # prescriptions
    ("warning", "medical_record.unnamed", "held_medical_records[4]"),  # radiographs
    ("warning", "cctv.retention_unstated", "cctv.retention"),
    ("warning", "policy.assumed", "record_types[8].retention[0]"),  # CCTV request period 30d
    ("warning", "policy.assumed", "categories[7]"),  # photo metadata: not in the text (section 1)
    ("warning", "policy.assumed", "security[1]"),  # unique identifiers encrypted: not in the text
    ("warning", "policy.assumed", "security[2]"),  # card and account numbers encrypted: not in the text
    ("warning", "minors.no_verification_method", "minors.verification_methods"),
    ("warning", "subject_rights.harder_than_collection", "subject_rights.request_channels"),
    ("info", "legal_basis.conditional", "record_types[4].retention[0].legal_basis[0]"),  # e-commerce decree
}


def _codes(findings: list[LintFinding]) -> set[tuple[str, str, str]]:
    return {(f.level, f.code, f.field) for f in findings}


@pytest.fixture
def corrected(corrected_data: dict[str, Any]) -> Policy:
    return Policy.model_validate(corrected_data)


def test_seed_policy_findings_are_exactly_the_known_flaws(law: Law) -> None:
    findings = lint_policy(load_policy(), law, TODAY)
    assert _codes(findings) == SEED_FINDINGS
    assert all(f.ref for f in findings), "every finding points at a section of the policy"


def test_repealed_dormancy_rule_message_tells_the_story(law: Law) -> None:
    finding = next(f for f in lint_policy(load_policy(), law, TODAY) if f.code == "legal_basis.repealed")
    assert finding.ref == "4.a"
    assert "PIPA Art. 39-6" in finding.message and "2023-09-15" in finding.message


def test_corrected_copy_has_no_findings(corrected: Policy, law: Law) -> None:
    assert lint_policy(corrected, law, TODAY) == []


def test_before_the_repeal_the_moved_rule_is_only_a_warning(law: Law) -> None:
    findings = lint_policy(load_policy(), law, date(2022, 1, 1))
    moved = [f for f in findings if f.field.startswith("record_types[0].retention[1].legal_basis")]
    assert {(f.level, f.code) for f in moved} == {("warning", "legal_basis.moved")}
    assert "PIPA Art. 39-6 instead" in moved[0].message


def _rt(data: dict[str, Any], rt_id: str) -> dict[str, Any]:
    return next(r for r in data["record_types"] if r["id"] == rt_id)


def _add_consignee(data: dict[str, Any], **changes: Any) -> None:
    data["consignees"].append({**data["consignees"][0], "id": "mailer", "name": "Mailer", **changes})


# One defect planted in the corrected copy -> the (level, code, field) the lint must report.
DEFECTS = [
    (
        "unknown legal basis",
        lambda d: _rt(d, "complaint")["retention"][0].update(legal_basis=["made_up_act"]),
        ("error", "legal_basis.unknown", "record_types[4].retention[0].legal_basis[0]"),
    ),
    (
        "repealed basis",
        lambda d: d["minors"].update(legal_basis=["pipa_39_6"]),
        ("error", "legal_basis.repealed", "minors.legal_basis[0]"),
    ),
    (
        "unverified basis",
        lambda d: _rt(d, "access_log")["retention"][0].update(legal_basis=["cspa_15_2"]),
        ("warning", "legal_basis.unverified", "record_types[7].retention[0].legal_basis[0]"),
    ),
    (
        "consignee without task",
        lambda d: _add_consignee(d, task={"ko": "", "en": ""}),
        ("error", "consignee.no_task", "consignees[1].task"),
    ),
    (
        "consignee entrusted nothing",
        lambda d: _add_consignee(d, entrusted=[]),
        ("warning", "consignee.nothing_entrusted", "consignees[1].entrusted"),
    ),
    (
        "overseas consignee",
        lambda d: _add_consignee(d, overseas=True),
        ("info", "consignee.overseas", "consignees[1].overseas"),
    ),
    (
        "medical period shorter than the law",
        lambda d: _rt(d, "surgery_record")["retention"][0].update(period="5y"),
        ("error", "medical_record.too_short", "record_types[9].retention[0].period"),
    ),
    (
        "medical type not held under legal hold",
        lambda d: _rt(d, "prescription").update(legal_hold=False),
        ("warning", "medical_record.no_legal_hold", "record_types[10].legal_hold"),
    ),
    (
        "unknown medical type held",
        lambda d: d["held_medical_records"].append("xray_selfie"),
        ("error", "medical_record.unknown", "held_medical_records[5]"),
    ),
    (
        "medical type held but not named",
        lambda d: d["held_medical_records"].append("nursing_record"),
        ("warning", "medical_record.unnamed", "held_medical_records[5]"),
    ),
    (
        "legal hold without items",
        lambda d: _rt(d, "medical_record").update(kept_items=[]),
        ("warning", "legal_hold.no_items", "record_types[3].kept_items"),
    ),
    (
        "legal hold without basis",
        lambda d: _rt(d, "patient_roster")["retention"][0].update(legal_basis=[]),
        ("warning", "legal_hold.no_basis", "record_types[2].retention"),
    ),
    (
        "passwords only encrypted",
        lambda d: d["security"][0].update(measure="encrypted"),
        ("error", "security.encrypted_not_hashed", "security[0].measure"),
    ),
    (
        "card numbers unprotected",
        lambda d: d["security"].pop(2),
        ("error", "security.weaker_than_law", "security"),
    ),
    (
        "identifiers stored plain",
        lambda d: d["security"][1].update(measure="none"),
        ("error", "security.weaker_than_law", "security[1].measure"),
    ),
    (
        "cctv retention unstated",
        lambda d: d["cctv"].update(retention=None),
        ("warning", "cctv.retention_unstated", "cctv.retention"),
    ),
    (
        "assumed period",
        lambda d: _rt(d, "cctv_request")["retention"][0].update(assumed=True),
        ("warning", "policy.assumed", "record_types[8].retention[0]"),
    ),
    (
        "children age too low",
        lambda d: d["minors"].update(age_below=12),
        ("error", "minors.age_below_law", "minors.age_below"),
    ),
    (
        "no guardian consent",
        lambda d: d["minors"].update(guardian_consent_required=False),
        ("error", "minors.no_guardian_consent", "minors.guardian_consent_required"),
    ),
    (
        "slow answers",
        lambda d: d["subject_rights"].update(answer_within_days=30),
        ("error", "subject_rights.too_slow", "subject_rights.answer_within_days"),
    ),
    (
        "no deletion right",
        lambda d: d["subject_rights"].update(rights=["access", "correction"]),
        ("warning", "subject_rights.missing", "subject_rights.rights"),
    ),
    (
        "slow destruction",
        lambda d: d.update(destruction_deadline_days=30),
        ("warning", "destruction.slow", "destruction_deadline_days"),
    ),
]


@pytest.mark.parametrize(("defect", "plant", "expected"), DEFECTS, ids=[d[0] for d in DEFECTS])
def test_each_planted_defect_is_found_alone(
    corrected_data: dict[str, Any], law: Law, defect: str, plant: Any, expected: tuple[str, str, str]
) -> None:
    plant(corrected_data)
    assert _codes(lint_policy(Policy.model_validate(corrected_data), law, TODAY)) == {expected}


def test_old_knowledge_base_is_mentioned(corrected: Policy, law: Law) -> None:
    findings = lint_policy(corrected, law, date(2030, 1, 1))
    assert _codes(findings) == {("info", "law.outdated", "")}


@pytest.mark.parametrize(
    ("levels", "strict", "code"),
    [
        ([], False, 0),
        (["info"], False, 0),
        (["warning"], False, 0),
        (["warning"], True, 1),
        (["info", "error"], False, 1),
        (["error"], True, 1),
    ],
)
def test_exit_code(levels: list[Any], strict: bool, code: int) -> None:
    findings = [
        LintFinding(level=lv, code="policy.assumed", ref="1", message="m", message_ko="m", field="f")
        for lv in levels
    ]
    assert lint_exit_code(findings, strict=strict) == code


def test_format_lint_lists_each_finding_and_a_summary(law: Law) -> None:
    findings = lint_policy(load_policy(), law, TODAY)
    text = format_lint(findings)
    assert text.splitlines()[0].startswith("ERROR   legal_basis.repealed  [4.a] record_types[0]")
    assert text.splitlines()[-1] == "policy check: 3 errors, 14 warnings, 1 info"
    assert len(text.splitlines()) == 2 * len(findings) + 1


def test_format_lint_says_when_all_is_well() -> None:
    assert "no findings" in format_lint([])


def test_check_policy_loads_the_shipped_files() -> None:
    assert _codes(check_policy(today=TODAY)) == SEED_FINDINGS


def test_format_lint_in_korean(law: Law) -> None:
    findings = lint_policy(load_policy(), law, TODAY)
    text = format_lint(findings, "ko")
    assert text.splitlines()[0].startswith("오류      legal_basis.repealed  [4.a]")
    assert "확인일 기준 삭제·폐지된 조항" in text.splitlines()[1]
    assert text.splitlines()[-1] == "policy check: 오류 3건, 경고 14건, 정보 1건"
    assert "지적 사항 없음" in format_lint([], "ko")


def test_every_lint_code_has_a_korean_meaning() -> None:
    assert set(LINT_CODES_KO) == set(LINT_CODES)
