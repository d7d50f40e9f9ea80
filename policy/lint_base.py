"""The lint's result type, shared by the rule modules and the driver."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

Level = Literal["error", "warning", "info"]
LEVEL_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

# Every code the lint can report, with what it means: docs/policy.md lists them all (a test checks it).
LINT_CODES: dict[str, str] = {
    "legal_basis.unknown": "a legal_basis id the knowledge base does not know (error)",
    "legal_basis.repealed": "cites a provision repealed by the check's day, nothing in force after (error)",
    "legal_basis.moved": "cites a provision that moved to another article still in force (warning)",
    "legal_basis.not_in_force": "cites a provision that takes effect only later (warning)",
    "legal_basis.unverified": "cites a basis no statute text supports (warning)",
    "legal_basis.conditional": "cites a law that binds only some businesses (info)",
    "policy.assumed": "a clause marked assumed: the published policy does not state it (warning)",
    "medical_record.unknown": "not one of the Medical Service Act's nine medical record types (error)",
    "medical_record.unnamed": "a medical record type the clinic holds that no record type names (warning)",
    "medical_record.too_short": "a medical record type kept shorter than the law requires (error)",
    "medical_record.no_legal_hold": "a medical record type not marked legal_hold (warning)",
    "legal_hold.no_basis": "a legal hold whose retention cites no law (warning)",
    "legal_hold.no_items": "a legal hold that does not name the items kept (warning)",
    "security.encrypted_not_hashed": "'encrypted' where the law asks for one-way hashing (error)",
    "security.weaker_than_law": "a category protected less than the law requires, or not at all (error)",
    "cctv.retention_unstated": "the CCTV clause states no retention period (warning)",
    "consignee.no_task": "a consignee without a named task (error)",
    "consignee.nothing_entrusted": "a consignee entrusted with no category (warning)",
    "consignee.overseas": "a consignee abroad: cross-border rules apply too (info)",
    "minors.age_below_law": "guardian consent asked only below an age lower than the law's (error)",
    "minors.no_guardian_consent": "no guardian consent for children (error)",
    "minors.no_verification_method": "no stated way to verify the guardian's consent (warning)",
    "subject_rights.too_slow": "requests answered later than the law allows (error)",
    "subject_rights.missing": "access, correction or deletion not offered (warning)",
    "subject_rights.harder_than_collection": "requests take fewer channels than collection (warning)",
    "destruction.slow": "destruction deadline longer than the law's 'without delay' reading (warning)",
    "law.outdated": "the legal knowledge base is more than a year old (info)",
}


# The same codes in Korean, for `policy check --lang ko` (a test holds both tables to the same keys).
LINT_CODES_KO: dict[str, str] = {
    "legal_basis.unknown": "법령 지식 베이스에 없는 legal_basis id (오류)",
    "legal_basis.repealed": "확인일 기준 삭제·폐지된 조항을 근거로 들었고, 이를 잇는 현행 조항이 없음 (오류)",
    "legal_basis.moved": "다른 조로 옮겨진 조항을 근거로 들었음: 현행 조항으로 고치세요 (경고)",
    "legal_basis.not_in_force": "아직 시행 전인 조항을 근거로 들었음 (경고)",
    "legal_basis.unverified": "법령 원문으로 확인되지 않는 근거 (경고)",
    "legal_basis.conditional": "일부 사업자에게만 적용되는 법령을 근거로 들었음 (정보)",
    "policy.assumed": "assumed로 표시된 조항: 공개된 처리방침에는 적혀 있지 않음 (경고)",
    "medical_record.unknown": "의료법 시행규칙의 아홉 가지 진료기록 종류가 아님 (오류)",
    "medical_record.unnamed": "보유한다고 밝힌 진료기록 종류를 담는 기록 유형이 없음 (경고)",
    "medical_record.too_short": "법정 보존기간보다 짧게 보관하는 진료기록 (오류)",
    "medical_record.no_legal_hold": "legal_hold로 표시되지 않은 진료기록 종류 (경고)",
    "legal_hold.no_basis": "보존 근거 법령이 없는 법정 보존 (경고)",
    "legal_hold.no_items": "보존 항목을 밝히지 않은 법정 보존 (경고)",
    "security.encrypted_not_hashed": "법은 일방향 암호화를 요구하는데 'encrypted'로 적었음 (오류)",
    "security.weaker_than_law": "법이 요구하는 수준보다 약하게 보호하거나 보호 조치가 없는 항목 (오류)",
    "cctv.retention_unstated": "영상정보처리기기 조항에 보관 기간이 없음 (경고)",
    "consignee.no_task": "위탁 업무가 적히지 않은 수탁자 (오류)",
    "consignee.nothing_entrusted": "위탁한 항목이 없는 수탁자 (경고)",
    "consignee.overseas": "국외 수탁자: 국외 이전 규정도 적용됨 (정보)",
    "minors.age_below_law": "법보다 낮은 나이 기준으로만 법정대리인 동의를 받음 (오류)",
    "minors.no_guardian_consent": "아동에 대한 법정대리인 동의가 없음 (오류)",
    "minors.no_verification_method": "법정대리인 동의를 확인하는 방법이 적혀 있지 않음 (경고)",
    "subject_rights.too_slow": "법이 허용하는 기한보다 늦게 답변함 (오류)",
    "subject_rights.missing": "열람·정정·삭제 중 제공하지 않는 권리가 있음 (경고)",
    "subject_rights.harder_than_collection": "권리 행사 방법이 수집 방법보다 적음 (경고)",
    "destruction.slow": "파기 기한이 '지체 없이'로 읽히는 법정 기한보다 긺 (경고)",
    "law.outdated": "법령 지식 베이스가 1년 넘게 갱신되지 않음 (정보)",
}


class LintFinding(BaseModel):
    """One thing ``clinicscan policy check`` has to say about a policy.

    Attributes:
        level: ``error`` (the policy breaks or misstates the law), ``warning`` (a gap or an unverified
            claim to confirm), ``info`` (worth knowing, nothing to fix).
        code: a stable machine name, e.g. ``legal_basis.repealed``; tests and waivers key on it.
        ref: the section of the published policy concerned (``4.a``), or None for the policy as a whole.
        message: what is wrong and what to do, in plain words (English).
        message_ko: the same in Korean (``policy/lint_text.py`` holds both; ``policy check --lang ko``).
        field: where in the policy file, e.g. ``record_types[0].retention[1].legal_basis[0]``.

    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    level: Level
    code: str
    ref: str | None
    message: str
    message_ko: str
    field: str

    @field_validator("code")
    @classmethod
    def _known_code(cls, code: str) -> str:
        if code not in LINT_CODES:
            raise ValueError(f"lint code {code!r} is not listed in LINT_CODES; add it with its meaning")
        return code
