import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.lexicon import load_terms
from detectors.recognizers.medical_info import ICD10_RANGES, MedicalInfoRecognizer, icd10_code_ok

RECOGNIZER = MedicalInfoRecognizer()
PROCEDURES = load_terms("procedures.txt")
CONDITIONS = load_terms("conditions.txt")
SHORT_TERMS = load_terms("short_terms.txt")
TERMS = st.sampled_from([t for t in PROCEDURES + CONDITIONS + SHORT_TERMS if not t.isascii()])
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


@pytest.mark.parametrize(
    "text, value",
    [
        # what the lexicon missed in free text (bench corpus, recall 0.82)
        ("레이저 토닝 상담 진행.", "레이저 토닝"),
        ("레이저토닝 10회 패키지", "레이저토닝"),
        ("여드름 흉터 치료 상담 진행.", "여드름 흉터"),
        ("여드름 진단 받은 적 있음.", "여드름"),
        ("기미 진단 받은 적 있음.", "기미"),
        ("기미가 심해서 상담", "기미"),
        ("기미치료 3회차", "기미"),
        ("부정교합 진단 받은 적 있음.", "부정교합"),
        ("다한증 진단 받은 적 있음.", "다한증"),
        ("지방종 제거 문의", "지방종"),
        ("피지낭종 진단 받은 적 있음.", "피지낭종"),
        ("구순구개열 진단 받은 적 있음.", "구순구개열"),
        ("소이증 진단 받은 적 있음.", "소이증"),
        ("안면비대칭 진단 받은 적 있음.", "안면비대칭"),
        ("화상 흉터 진단 받은 적 있음.", "화상 흉터"),
        ("화상흉터 레이저 문의", "화상흉터"),
        # more dermatology and plastic surgery, and the shorthand staff write
        ("토닝 5회 후 재상담", "토닝"),
        ("겨드랑이 제모 5회", "제모"),
        ("점 제거 후 재생크림", "점 제거"),
        ("사마귀가 다시 생김", "사마귀"),
        ("앞트 같이 원함", "앞트"),
        ("가확 상담 원함", "가확"),
        ("주근깨, 잡티 고민", "주근깨"),
        ("원형탈모 치료 중", "원형탈모"),
        ("지루성피부염 있음", "지루성피부염"),
        ("안면홍조 심함", "안면홍조"),
        ("주걱턱 교정 원함", "주걱턱"),
        ("코뼈 골절 이력", "코뼈 골절"),
        ("하악각 절제 상담", "하악각 절제"),
        ("리쥬란, 쥬베룩 비교 문의", "쥬베룩"),
        ("BTX 50u 사각턱", "BTX"),
        ("IPL 3회 예정", "IPL"),
        ("history of acne and melasma", "melasma"),
    ],
)
def test_finds_dermatology_and_plastic_surgery_terms(text: str, value: str, spans, prefilter_hit) -> None:
    assert value in [found for found, _ in spans(RECOGNIZER, text)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "회복될 기미가 보이지 않는다",  # 기미 = a sign of
        "나아질 기미도 없다",
        "호전 기미 없음",
        "기미년 삼일운동",  # a short term only as a word of its own
        "기미상궁",
        "제모델명 확인 필요",
        "가확인 후 연락",
        "문제점 제거 완료",  # 점 제거 only where 점 starts a word
        "화상 회의로 진행함",  # 화상 alone is a video call
        "화상통화 예약",
        "주사비용 문의",
        "오늘 날씨가 좋아서 산책함",
        "모델 촬영 일정 변경",
        "주문 취소 요청",
        "포인트 적립 문의",
        "갈등 봉합",
        "여유 있게 도착함",
        "기록 보관 기간 안내",
    ],
)
def test_everyday_sentences_are_not_medical(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


def test_the_lexicons_cover_dermatology_and_plastic_surgery() -> None:
    assert len(PROCEDURES) + len(CONDITIONS) + len(SHORT_TERMS) >= 330
    required = {"레이저 토닝", "여드름", "부정교합", "다한증", "지방종", "피지낭종", "구순구개열", "소이증"}
    assert required | {"안면비대칭", "화상 흉터", "기미"} <= set(PROCEDURES + CONDITIONS + SHORT_TERMS)


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
