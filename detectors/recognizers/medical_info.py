"""MEDICAL_INFO: KCD-8/ICD-10 diagnosis codes, and procedures and conditions from the shipped lexicons."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from detectors.recognizers.base import MEDIUM, WEAK, KoPatternRecognizer
from detectors.recognizers.lexicon import alternation, load_terms

# ICD-10 chapter blocks (KCD-8 shares them; U is reserved for special purposes and Korean medicine).
ICD10_RANGES: tuple[tuple[str, str], ...] = (
    ("A00", "B99"), ("C00", "D48"), ("D50", "D89"), ("E00", "E90"), ("F00", "F99"), ("G00", "G99"),
    ("H00", "H59"), ("H60", "H95"), ("I00", "I99"), ("J00", "J99"), ("K00", "K93"), ("L00", "L99"),
    ("M00", "M99"), ("N00", "N99"), ("O00", "O99"), ("P00", "P96"), ("Q00", "Q99"), ("R00", "R99"),
    ("S00", "T98"), ("U00", "U99"), ("V01", "Y98"), ("Z00", "Z99"),
)  # fmt: skip


def icd10_code_ok(code: str) -> bool:
    """Check that the category (letter + 2 digits) falls inside an ICD-10/KCD chapter."""
    category = code[:3].upper()
    return any(low <= category <= high for low, high in ICD10_RANGES)


def _lexicon_terms() -> tuple[list[str], list[str]]:
    terms = load_terms("procedures.txt") + load_terms("conditions.txt")
    hangul = [t for t in terms if not t.isascii()]
    latin = [t.lower() for t in terms if t.isascii()]
    return hangul, latin


_HANGUL_TERMS, _LATIN_TERMS = _lexicon_terms()
_HANGUL = alternation(_HANGUL_TERMS, optional_spaces=True)
_SHORT = alternation(load_terms("short_terms.txt"), optional_spaces=True)
_LATIN = alternation(_LATIN_TERMS)
# A short term ends its word, or a particle or a clinical suffix follows (기미가, 제모후, 기미치료), so
# that 기미년, 제모델 and 가확인 are not read as terms.
_SHORT_TERM_FOLLOWERS = (
    "가", "이", "는", "은", "를", "을", "도", "와", "과", "의", "로", "으로", "에", "만", "랑", "후", "전",
    "술", "치료", "제거", "레이저", "시술", "수술", "부위", "관리", "주사", "토닝", "상담", "재발", "흉터",
)  # fmt: skip
_SHORT_END = r"(?=[^가-힣]|\Z|" + alternation(_SHORT_TERM_FOLLOWERS) + ")"
# '나아질 기미가 보이지 않음', '호전 기미도 없음': 기미 means 'a sign' there, not melasma.
_NOT_A_SIGN_OF = r"(?!(?:가|는|도|를|조차|라도)?[ ]?(?:보이|보여|보인|보였|없|안[ ]?보))"
_CODE_BEFORE = r"(?<![A-Za-z0-9.-])"
_CODE_AFTER = r"(?![A-Za-z0-9]|[.-][0-9A-Za-z])"


class MedicalInfoRecognizer(KoPatternRecognizer):
    """Health information: diagnosis codes and the words of clinical notes.

    A code with a decimal point (J30.1, L90.5) in a valid chapter is MEDIUM; without one (J30, J301) it
    is WEAK (room and parking numbers look the same) and needs 진단/상병/KCD context. A procedure or
    condition from ``detectors/lexicons`` (쌍꺼풀, 코성형, 레이저 토닝, 고혈압, 가족력, ...) is MEDIUM, with
    or without the spaces of a compound term; a short term that also sits inside everyday words
    (``short_terms.txt``: 기미, 제모, 앞트) counts only at the start of a word and not in the idiom '기미가
    보이지 않음'. Device models (SM-G991N) never match: a code must not be glued to other letters, digits
    or dashes.
    """

    ENTITY: ClassVar[str] = "MEDICAL_INFO"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "KCD/ICD-10 code (with subcategory)",
            _CODE_BEFORE + r"[A-Z][0-9]{2}\.[0-9]{1,2}" + _CODE_AFTER,
            MEDIUM,
        ),
        Pattern("KCD/ICD-10 code (no dot)", _CODE_BEFORE + r"[A-Z][0-9]{2,4}" + _CODE_AFTER, WEAK),
        Pattern("Procedure or condition (Korean)", _HANGUL, MEDIUM),
        Pattern(
            "Short term (Korean, word start)", r"(?<![가-힣])" + _SHORT + _SHORT_END + _NOT_A_SIGN_OF, MEDIUM
        ),
        Pattern("Procedure or condition (English)", r"(?<![A-Za-z])(?i:" + _LATIN + r")(?![A-Za-z])", MEDIUM),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "진단명", "진단", "상병", "질병", "병명", "시술", "수술", "처치", "kcd", "icd", "diagnosis", "dx",
        "procedure", "병력",
    ]  # fmt: skip
    PREFILTER: ClassVar[str | None] = r"[A-Z][0-9]{2}|" + _HANGUL + "|" + _SHORT + r"|(?i:" + _LATIN + r")"

    def validate_result(self, pattern_text: str) -> bool | None:
        """Codes must fall inside an ICD-10 chapter; lexicon terms are kept."""
        if pattern_text[:1].isupper() and pattern_text[1:3].isdigit():
            return None if icd10_code_ok(pattern_text) else False
        return None
