import pytest
from faker import Faker
from hypothesis import example, given, settings
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.kr_person import KoreanNameRecognizer
from detectors.recognizers.name_shapes import SURNAMES

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


# Chart words shaped like a surname plus name syllables, as nurses and doctors write them.
CHART_WORDS = [
    "경미", "양호", "미약", "소량", "다량", "미량", "정상", "미세", "경도", "중등도", "고도", "심함", "양성",
    "음성", "안정", "부종", "진통", "진정", "국소", "전신", "홍반", "경화", "고열", "오한", "부기", "주사",
    "금식", "금연", "예후", "원활", "조무사", "마사지", "배우자", "지인",
]  # fmt: skip


@pytest.mark.parametrize("word", CHART_WORDS)
@pytest.mark.parametrize(
    "template",
    ["{w}", "{w}함", "부종 {w}", "출혈 {w}함", "통증 {w}, 경과 관찰", "환자 상태 {w}", "환자분 {w} 소견"],
)
def test_chart_words_are_not_names(word: str, template: str) -> None:
    text = template.format(w=word)
    assert [text[r.start : r.end] for r in analyze_text(text, entities=["PERSON"])] == []


@pytest.mark.parametrize(
    "text",
    [
        "주소지 인천광역시 연수구 중앙로2길 지하 220-29 (송도동) 로 우편 발송.",
        "충청남도 천안시 동남구 논현로 710 (신부동)",
        "서울특별시 서초구 학동로 278 (서초동) 로 발송",
    ],
)
def test_districts_inside_an_address_are_not_names(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("김민수 환자 부종 경미, 출혈 소량", "김민수"),
        ("이서연님 통증 경미함, 상태 양호", "이서연"),
        ("경과 양호. 박지훈 환자분 재내원 예정", "박지훈"),
        ("김경미 환자 부종 경미", "김경미"),  # 경미 inside a full name is still a name
        ("보호자 최양호씨 동의", "최양호"),
        ("서울시 거주 정민호 님 내원", "정민호"),
    ],
)
def test_names_with_titles_in_chart_notes_are_found(text: str, name: str) -> None:
    found = [(text[r.start : r.end], r.score) for r in analyze_text(text, entities=["PERSON"])]
    assert [value for value, score in found if score >= 0.4] == [name]


def test_context_words_confirm_a_two_syllable_name() -> None:
    alone = analyze_text("김훈", entities=["PERSON"])
    in_name_column = analyze_text("김훈", context=["환자성명"], entities=["PERSON"])
    assert alone[0].score < 0.4 <= in_name_column[0].score


@settings(max_examples=60, deadline=None)
@given(name=FAKE_NAMES)
@example(name="황보람")  # Faker's 황 + 보람, which the shape also reads as 황보 + 람
def test_faker_names_alone_in_a_cell_are_reported(name: str, spans) -> None:
    # MEDIUM (0.5) alone in a cell; HIGH (0.7) when it reads as a two-syllable surname too (황보 + 람)
    [(found, score)] = spans(RECOGNIZER, name)
    assert found == name and score in (0.5, 0.7)
    assert score == 0.5 or name[:2] in SURNAMES


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


def test_a_title_listed_as_no_name_is_decided_without_the_analyser() -> None:
    """전문의 must not become 전문 + 의 for kiwipiepy to reject: its model costs seconds and ~500 MB."""
    from detectors.recognizers import name_shapes
    from detectors.recognizers.kr_person import KoreanNameRecognizer

    recognizer = KoreanNameRecognizer()
    before = name_shapes._tokens.cache_info().misses
    for title in ("전문의", "부원장", "대표원장", "수간호사"):
        assert recognizer.analyze(title, ["PERSON"]) == []
    assert name_shapes._tokens.cache_info().misses == before
