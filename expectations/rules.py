"""The rules the checks enforce: their ids (a findings.json contract), severities and what to do about each.

Severity comes from a table of rule x category, so that the same rule weighs more when it touches what the
law protects most: unique identifiers, passwords, health data. A violation takes the highest severity among
the categories it involves; a category marked ``sensitive`` in the policy also matches the ``sensitive`` row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from expectations.model import Severity
from policy.schema import Policy

RETENTION_OVERDUE = "retention.overdue"
CONSENT_WITHDRAWN_RETAINED = "consent.withdrawn_retained"
MINORS_NO_GUARDIAN_CONSENT = "minors.no_guardian_consent"
SECURITY_PLAINTEXT_SECRET = "security.plaintext_secret"
COLLECTION_UNDECLARED = "collection.undeclared"
INVENTORY_UNMAPPED = "inventory.unmapped"
CONSIGNMENT_OUT_OF_SCOPE = "consignment.out_of_scope"

SEVERITY_ORDER: dict[str, int] = {"critical": 4, "high": 3, "medium": 2, "low": 1}
SENSITIVE = "sensitive"  # pseudo-category: any category the policy marks sensitive (health)
DEFAULT = "*"


@dataclass(frozen=True)
class RuleInfo:
    """What a rule checks and what to do when it fails, in both languages, plus its severity table."""

    id: str
    title_en: str
    title_ko: str
    remedy_en: str
    remedy_ko: str
    severity: dict[str, Severity]

    def title(self, lang: str) -> str:
        """Return the rule's title in ``lang``."""
        return self.title_ko if lang == "ko" else self.title_en

    def remedy(self, lang: str) -> str:
        """Return what to do about a violation of the rule, in ``lang``."""
        return self.remedy_ko if lang == "ko" else self.remedy_en


RULES: dict[str, RuleInfo] = {
    r.id: r
    for r in (
        RuleInfo(
            RETENTION_OVERDUE,
            "Kept past the retention period",
            "보유기간 경과 후 미파기",
            "Destroy or anonymise the rows (PIPA Art. 21); fix the job that should have done it.",
            "해당 행을 파기하거나 익명처리하고(개인정보 보호법 제21조), 파기 작업이 왜 빠졌는지 고치세요.",
            {DEFAULT: "medium", "unique_id": "high", SENSITIVE: "high"},
        ),
        RuleInfo(
            CONSENT_WITHDRAWN_RETAINED,
            "Withdrawn members' data still kept",
            "탈퇴 회원 정보 미파기",
            "Delete or null the personal columns of members who withdrew; keep only what a law requires.",
            "탈퇴한 회원의 개인정보 컬럼을 삭제하거나 비우고, 법이 보존을 요구하는 정보만 분리 보관하세요.",
            {DEFAULT: "high", "unique_id": "critical", SENSITIVE: "critical"},
        ),
        RuleInfo(
            MINORS_NO_GUARDIAN_CONSENT,
            "Child without guardian consent",
            "법정대리인 동의 없는 아동",
            "Obtain and record the legal representative's consent, or stop processing the child's data.",
            "법정대리인의 동의를 받아 기록하거나, 해당 아동의 개인정보 처리를 중단하세요.",
            {DEFAULT: "high", SENSITIVE: "critical"},
        ),
        RuleInfo(
            SECURITY_PLAINTEXT_SECRET,
            "Secret stored in plain text",
            "평문 저장된 비밀정보",
            "Hash passwords one-way; encrypt identifiers, card and account numbers; then list the column "
            "under `encrypted` in the column map.",
            "비밀번호는 일방향 암호화(해시)하고, 고유식별정보·카드·계좌번호는 암호화한 뒤 컬럼 맵의 "
            "`encrypted`에 등록하세요.",
            {DEFAULT: "high", "credentials": "critical", "unique_id": "critical"},
        ),
        RuleInfo(
            COLLECTION_UNDECLARED,
            "Data the policy does not declare",
            "방침에 없는 수집 항목",
            "Stop collecting the data and delete it, or declare it in the published policy first.",
            "해당 정보의 수집을 중단하고 삭제하거나, 먼저 처리방침에 수집 항목으로 공개하세요.",
            {DEFAULT: "medium", "credentials": "high", "unique_id": "high", SENSITIVE: "high"},
        ),
        RuleInfo(
            INVENTORY_UNMAPPED,
            "Personal data in an unmapped table",
            "관리되지 않는 테이블의 개인정보",
            "Delete a forgotten copy; otherwise map the table to a record type in scan.yaml.",
            "잊힌 복사본이면 삭제하고, 아니면 scan.yaml 컬럼 맵에 기록 유형을 지정하세요.",
            {
                DEFAULT: "medium",
                "credentials": "high",
                "unique_id": "high",
                "payment": "high",
                SENSITIVE: "high",
            },
        ),
        RuleInfo(
            CONSIGNMENT_OUT_OF_SCOPE,
            "Sent to a consignee beyond what is entrusted",
            "위탁 범위를 넘는 제공",
            "Remove the columns from the export before it is sent (clinicscan gate), or stop the transfer.",
            "전송 전에 해당 컬럼을 내보내기 파일에서 제거하거나(clinicscan gate) 전송을 중단하세요.",
            {
                DEFAULT: "high",
                "credentials": "critical",
                "unique_id": "critical",
                "payment": "critical",
                SENSITIVE: "critical",
            },
        ),
    )
}


def severity_for(rule: str, categories: Iterable[str], policy: Policy) -> Severity:
    """Grade a violation of ``rule`` involving ``categories``: the highest severity that applies."""
    table = RULES[rule].severity
    found: list[Severity] = [table[DEFAULT]]
    for key in categories:
        if key in table:
            found.append(table[key])
        category = policy.category(key)
        if category is not None and category.sensitive and SENSITIVE in table:
            found.append(table[SENSITIVE])
    return max(found, key=lambda s: SEVERITY_ORDER[s])
