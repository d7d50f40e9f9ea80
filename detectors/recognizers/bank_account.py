"""BANK_ACCOUNT: Korean bank account numbers by bank dash template, or with banking context."""

from __future__ import annotations

from typing import ClassVar

import phonenumbers
from presidio_analyzer import Pattern

from detectors.recognizers.base import FAINT, MEDIUM, WEAK, KoPatternRecognizer, digits_of
from detectors.recognizers.checks import isbn13_ok

# Group lengths of the banks' printed templates (KFTC CMS scheme, reference section 4.5).
BANK_TEMPLATES: dict[tuple[int, ...], str] = {
    (6, 2, 6): "KB국민 / NH농협 / 우체국 (14)",
    (3, 2, 4, 3): "KB국민 구 (12)",
    (3, 2, 4, 2, 1): "KB국민 구 (12)",
    (3, 3, 6): "신한 / 케이뱅크 (12)",
    (3, 2, 6): "신한 구 / SC제일 / NH농협 구 (11)",
    (4, 3, 6): "우리 (13)",
    (3, 6, 5): "하나 (14)",
    (3, 6, 3): "하나 / 씨티 (12)",
    (3, 4, 4, 2): "NH농협 (13)",
    (3, 6, 2, 3): "IBK기업 (14)",
    (3, 6, 2, 2, 1): "IBK기업 (14)",
    (4, 2, 7): "카카오뱅크 (13)",
    (4, 4, 4): "토스뱅크 (12)",
    (4, 2, 6, 1): "새마을금고 (13)",
    (3, 4, 4, 3): "부산 / 경남 (14)",
}

_BEFORE = r"(?<![0-9A-Za-z-])"
_AFTER = r"(?![0-9]|-[0-9])"


def _template_regex() -> str:
    alternatives = sorted(("-".join(f"[0-9]{{{n}}}" for n in groups) for groups in BANK_TEMPLATES), key=len)
    return "(?:" + "|".join(reversed(alternatives)) + ")"


class KoreanBankAccountRecognizer(KoPatternRecognizer):
    """Account numbers, graded by how much their shape alone proves.

    A bank's dash template is MEDIUM, another 10-14 digit dashed run WEAK, and a bare 10-14 digit run
    FAINT, so that bare digits count only next to 계좌/입금/은행 names or in an account column.
    Numbers that are valid Korean phone numbers, driver's licences (2-2-6-2) or ISBN-13s are dropped.
    """

    ENTITY: ClassVar[str] = "BANK_ACCOUNT"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("Account (bank template)", _BEFORE + _template_regex() + _AFTER, MEDIUM),
        Pattern("Account (dashed)", _BEFORE + r"[0-9]{2,6}(?:-[0-9]{1,7}){2,4}" + _AFTER, WEAK),
        Pattern("Account (digits only)", _BEFORE + r"[0-9]{10,14}" + _AFTER, FAINT),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "계좌번호", "계좌", "입금", "출금", "송금", "환불", "예금주", "은행", "국민", "신한", "우리", "하나",
        "농협", "기업", "카카오뱅크", "토스", "새마을", "우체국", "account", "bank", "acct",
    ]  # fmt: skip
    PREFILTER: ClassVar[str | None] = r"[0-9]{2}-[0-9]{1,7}-[0-9]|[0-9]{10}"

    def validate_result(self, pattern_text: str) -> bool | None:
        """Drop digit counts outside 10-14 and numbers that are phones, licences or ISBNs."""
        digits = digits_of(pattern_text)
        groups = tuple(len(g) for g in pattern_text.split("-"))
        if not 10 <= len(digits) <= 14 or len(set(digits)) == 1 or isbn13_ok(digits):
            return False
        if groups == (2, 2, 6, 2) and 11 <= int(digits[:2]) <= 28:
            return False
        if digits.startswith("0") and len(digits) <= 12 and _is_korean_phone(digits):
            return False
        return None


def _is_korean_phone(digits: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(digits, "KR"))
    except phonenumbers.NumberParseException:
        return False
