import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.recognizers.kr_address import KoreanAddressRecognizer

RECOGNIZER = KoreanAddressRecognizer()
_FAKER = Faker("ko_KR")


def _fake_address(seed: int, kind: int) -> str:
    _FAKER.seed_instance(seed)
    makers = (_FAKER.road_address, _FAKER.land_address, _FAKER.address)
    return makers[kind]()


FAKE_ADDRESSES = st.builds(_fake_address, st.integers(0, 10**6), st.integers(0, 2))
NOISE = st.text(st.sampled_from("0123456789 -가나로길동리구시서울주소:\n"), max_size=16) | st.text(
    max_size=10
)


@pytest.mark.parametrize(
    "text, value, score",
    [
        ("서울특별시 강남구 테헤란로 123", "서울특별시 강남구 테헤란로 123", 0.85),
        ("서울 강남구 테헤란로8길 7, 101동 1203호", "서울 강남구 테헤란로8길 7, 101동 1203호", 0.85),
        ("경기도 성남시 분당구 판교역로 235", "경기도 성남시 분당구 판교역로 235", 0.85),
        ("경기도 성남시 분당구 판교역로 758번길 77", "경기도 성남시 분당구 판교역로 758번길 77", 0.85),
        ("서울특별시 강남구 논현로 12번길 5", "서울특별시 강남구 논현로 12번길 5", 0.85),
        ("경기도 용인시 수지구 풍덕천로 100번길 3-1", "경기도 용인시 수지구 풍덕천로 100번길 3-1", 0.85),
        ("부산광역시 해운대구 센텀중앙로 97 (우동)", "부산광역시 해운대구 센텀중앙로 97", 0.85),
        ("강원도 춘천시 중앙로 1", "강원도 춘천시 중앙로 1", 0.85),
        ("전라북도 전주시 완산구 효자로 225", "전라북도 전주시 완산구 효자로 225", 0.85),
        ("주소: 서울특별시 종로구 세종대로 지하 172", "서울특별시 종로구 세종대로 지하 172", 0.85),
        ("서울특별시 강남구 삼성동 159-1", "서울특별시 강남구 삼성동 159-1", 0.85),
        ("제주특별자치도 서귀포시 성산읍 성산리 160", "제주특별자치도 서귀포시 성산읍 성산리 160", 0.85),
        ("경북 안동시 풍천면 하회리 산 12", "경북 안동시 풍천면 하회리 산 12", 0.85),
        ("세종특별자치시 한누리대로 2130", "세종특별자치시 한누리대로 2130", 0.7),
        ("강남구 테헤란로 123", "강남구 테헤란로 123", 0.5),
        ("마포구 합정동 123-4번지", "마포구 합정동 123-4번지", 0.5),
        # A city and its district without the 시·도, then a lot or a road.
        ("이천시 서대문구 학동 203", "이천시 서대문구 학동 203", 0.7),
        ("수원시 팔달구 인계동 1012-3", "수원시 팔달구 인계동 1012-3", 0.7),
        ("안양시 만안구 마포구 학동 25", "안양시 만안구 마포구 학동 25", 0.7),
        ("용인시 수지구 광교중앙로 12, 101동 1203호", "용인시 수지구 광교중앙로 12, 101동 1203호", 0.7),
        # ... or a street without its 로/길: an address only with context.
        ("용인시 수지구 광진구 가락 166", "용인시 수지구 광진구 가락 166", 0.3),
    ],
)
def test_finds_addresses(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "서울특별시 강남구 ***",  # masked
        "서울특별시 강남구",  # a region, no address
        "서울 강남구 병원으로 10시",  # '으로' is a particle, 10시 a time
        "병원으로 3시에 오세요",
        "다음 수술은 3번 방",
        "역삼동 123-45",  # a 동 and a number without 시·군·구: too weak
        "강남역 3번 출구",
        "수원시 팔달구 거주 30대",  # a count, not a building number
        "성남시 분당구 병원 3곳",
        "강남구 성형외과 3층",  # a department and a floor
        "상담실장 2",
        "진료부 피부과 3팀",
        "쌍꺼풀 수술 2회",
        "서울",
        "",
    ],
)
def test_ignores_non_addresses(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@settings(deadline=None)
@given(address=FAKE_ADDRESSES)
def test_faker_addresses_are_found_with_their_region(address: str, spans) -> None:
    found = spans(RECOGNIZER, address)
    assert found and found[0][0].split()[0] == address.split()[0]


@settings(deadline=None)
@given(before=NOISE, middle=FAKE_ADDRESSES | st.just(""), after=NOISE)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)


@pytest.mark.parametrize("text", ["경기도", "경상남도", "충청북도 청주시", "서울특별시"])
def test_a_province_alone_is_no_name(text: str) -> None:
    from detectors.analyzer import analyze_text

    assert [r.entity_type for r in analyze_text(text) if r.score >= 0.4] == []
