import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.lexicon import load_terms
from detectors.recognizers.medical_info import ICD10_RANGES, MedicalInfoRecognizer, icd10_code_ok

RECOGNIZER = MedicalInfoRecognizer()
PROCEDURES = load_terms("procedures.txt")
CONDITIONS = load_terms("conditions.txt")
TERMS = st.sampled_from([t for t in PROCEDURES + CONDITIONS if not t.isascii()])
VALID_CODES = st.builds(
    lambda letter, number, sub: f"{letter}{number:02d}.{sub}",
    st.sampled_from("ABCEFGIJKLMNQRSZ"), st.integers(0, 89), st.integers(0, 9),
)  # fmt: skip
NOISE = st.text(st.sampled_from("ABJLZ0123456789. -진단:환자\n"), max_size=16) | st.text(max_size=10)


@pytest.mark.parametrize(
    "text, values",
    [
        ("J30.1", [("J30.1", 0.5)]),
        ("진단: L90.5 위축성 반흔", [("L90.5", 0.5)]),
        ("K00.0, Z41.1", [("K00.0", 0.5), ("Z41.1", 0.5)]),
        ("J301", [("J301", 0.1)]),  # no dot: needs context
        ("쌍꺼풀 매몰법 상담", [("쌍꺼풀", 0.5), ("매몰법", 0.5)]),
        ("눈매교정술 후 2주 경과", [("눈매교정", 0.5)]),
        (
            "코재수술 희망, 과거력: 고혈압, 당뇨",
            [("코재수술", 0.5), ("과거력", 0.5), ("고혈압", 0.5), ("당뇨", 0.5)],
        ),
        ("켈로이드 체질, 가족력 없음", [("켈로이드", 0.5), ("가족력", 0.5)]),
        ("지흡 후 압박복 착용", [("지흡", 0.5)]),
        ("Rhinoplasty consult; history of hypertension", [("Rhinoplasty", 0.5), ("hypertension", 0.5)]),
    ],
)
def test_finds_medical_information(text: str, values: list[tuple[str, float]], spans, prefilter_hit) -> None:
    assert sorted(spans(RECOGNIZER, text)) == sorted(values)
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "J3*.*",  # masked
        "E95.0",  # outside every chapter (E00-E90)
        "K99.1",
        "SM-G991N",  # device model
        "G991N",
        "ORD-2024-000123",
        "Chrome/120.0.6099.109",
        "A1",
        "예약 변경 요청",
        "botoxy",  # English terms are whole words
        "시스템 구축",  # 구축 is construction outside surgery
    ],
)
def test_ignores_non_medical_text(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


def test_the_procedure_lexicon_is_large_enough() -> None:
    assert len(PROCEDURES) >= 80
    required = {"쌍꺼풀", "눈매교정", "코성형", "융비술", "지방흡입", "안면윤곽", "사각턱", "가슴확대"}
    assert required | {"보톡스", "필러", "리프팅", "안검하수"} <= set(PROCEDURES)


def test_codes_without_a_dot_need_diagnosis_context() -> None:
    alone = analyze_text("J301", entities=["MEDICAL_INFO"])
    labelled = analyze_text("상병코드 J301", entities=["MEDICAL_INFO"])
    assert alone[0].score < 0.4 <= labelled[0].score


@pytest.mark.parametrize("low, high", ICD10_RANGES)
def test_chapter_bounds_are_valid_codes(low: str, high: str) -> None:
    assert icd10_code_ok(low) and icd10_code_ok(high)


@settings(deadline=None)
@given(code=VALID_CODES)
def test_generated_codes_are_found(code: str, spans) -> None:
    assert spans(RECOGNIZER, f"진단 {code}") == [(code, 0.5)]


@settings(deadline=None)
@given(term=TERMS)
def test_every_lexicon_term_is_found_inside_a_sentence(term: str, spans) -> None:
    assert term in [value for value, _ in spans(RECOGNIZER, f"환자는 {term} 관련 상담을 받음")]


@settings(deadline=None)
@given(before=NOISE, middle=TERMS | VALID_CODES | st.just(""), after=NOISE)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)
