import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.kr_person import KoreanNameRecognizer

RECOGNIZER = KoreanNameRecognizer()
_FAKER = Faker("ko_KR")


def _fake_name(seed: int) -> str:
    _FAKER.seed_instance(seed)
    return _FAKER.name()


FAKE_NAMES = st.builds(_fake_name, st.integers(0, 10**6))
NOISE = st.text(st.sampled_from("김이박최정가나다환자님씨은는 :,\n0123"), max_size=16) | st.text(max_size=10)

# Clinic notes without a name: none of them may report a PERSON.
NOTES_WITHOUT_NAMES = [
    "쌍꺼풀 매몰법 상담 후 예약함",
    "고민이 많아서 다음 주에 다시 상담하기로 함",
    "전문의가 부작용 설명함",
    "조영제를 투여함",
    "한의원에 다녀온 뒤 내원",
    "신규 고객, 인스타그램 광고 보고 방문",
    "정기 검진 결과 이상 없음",
    "원장님 면담 후 수술 결정",
    "서울에서 오신 분, 강남역 근처 숙소 안내",
    "상담실장 통해 견적 전달",
    "정상적으로 회복 중",
    "장기간 복용 약 없음, 알레르기 없음",
    "고객 불만 접수",
    "민감성 피부라 레이저 주의",
    "양쪽 광대 축소 원함",
    "진통제 처방, 항생제 3일분",
    "이번 주 금요일 오후 3시 수술 예정",
    "유선으로 안내 완료",
]


@pytest.mark.parametrize(
    "text, values",
    [
        # alone in a cell
        ("김민수", [("김민수", 0.5)]),
        ("이서연 ", [("이서연", 0.5)]),
        ("김훈", [("김훈", 0.3)]),
        ("남궁민", [("남궁민", 0.7)]),  # two-syllable surname
        ("황보혜정", [("황보혜정", 0.7)]),
        ("선우진", [("선우진", 0.7)]),
        ("김민수 님", [("김민수", 0.7)]),
        # in free text: honorific, title, label, or the morphological analyser
        ("박지훈님이 코성형 문의하셨습니다", [("박지훈", 0.7)]),
        ("보호자 김영희씨 동의", [("김영희", 0.7)]),
        ("오늘 정민호 원장님 수술", [("정민호", 0.7)]),
        ("환자 이서연(32세)은 눈매교정 후 재내원함", [("이서연", 0.7)]),
        ("성명: 홍길동", [("홍길동", 0.7)]),
        ("담당: 윤준호", [("윤준호", 0.7)]),
        ("김준호는 수술 후 회복 중", [("김준호", 0.5)]),
        ("이예원은 수술 후 회복 중", [("이예원", 0.5)]),
        # romanized, alone in a cell
        ("Kim Minsu", [("Kim Minsu", 0.3)]),
        ("KIM MIN-SU", [("KIM MIN-SU", 0.3)]),
        ("Seo-yeon Park", [("Seo-yeon Park", 0.3)]),
    ],
)
def test_finds_names(text: str, values: list[tuple[str, float]], spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == values
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "김*수",  # masked
        "K** M****",
        "서울",  # places
        "강남구",
        "서울시",
        "원장님",  # titles and clinic words
        "고객님",
        "신청서",
        "이벤트",
        "정상",
        "John Smith",  # not Korean
        "Park Avenue",
        "쌍꺼풀",
        "010-1234-5678",
        *NOTES_WITHOUT_NAMES,
    ],
)
def test_ignores_non_names(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


def test_context_words_confirm_a_two_syllable_name() -> None:
    alone = analyze_text("김훈", entities=["PERSON"])
    in_name_column = analyze_text("김훈", context=["환자성명"], entities=["PERSON"])
    assert alone[0].score < 0.4 <= in_name_column[0].score


@settings(max_examples=60, deadline=None)
@given(name=FAKE_NAMES)
def test_faker_names_alone_in_a_cell_are_reported(name: str, spans) -> None:
    assert spans(RECOGNIZER, name) == [(name, 0.5)]


@settings(max_examples=60, deadline=None)
@given(
    name=FAKE_NAMES,
    template=st.sampled_from(["{n}님 예약 변경", "보호자 {n}씨 동의", "{n} 환자 상담", "성명: {n}"]),
)
def test_faker_names_with_a_title_or_label_are_reported(name: str, template: str, spans) -> None:
    assert (name, 0.7) in spans(RECOGNIZER, template.format(n=name))


@settings(max_examples=60, deadline=None)
@given(before=NOISE, middle=FAKE_NAMES | st.sampled_from(["Kim Minsu", ""]), after=NOISE)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)
