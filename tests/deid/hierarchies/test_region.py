import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deid.hierarchies.region import SIDO, SIDO_ALIASES
from tests.deid.hierarchies.helpers import generalize


@pytest.mark.parametrize(
    ("address", "sigungu", "sido"),
    [
        ("서울특별시 강남구 테헤란로 123", "서울특별시 강남구", "서울특별시"),
        ("서울 강남구 역삼동 738-1", "서울특별시 강남구", "서울특별시"),
        ("강원도 춘천시 중앙로 1", "강원특별자치도 춘천시", "강원특별자치도"),
        ("전라북도 전주시 완산구 효자로 225", "전북특별자치도 전주시", "전북특별자치도"),
        ("(06236) 경기 성남시 분당구 판교역로 166", "경기도 성남시", "경기도"),
        ("세종특별자치시 한누리대로 2130", "세종특별자치시", "세종특별자치시"),
        ("제주도 서귀포시 중정로 1", "제주특별자치도 서귀포시", "제주특별자치도"),
        ("경북 울릉군 울릉읍 도동리 1", "경상북도 울릉군", "경상북도"),
    ],
)
def test_region_levels(address, sigungu, sido):
    assert generalize("region", [address], "sigungu") == [sigungu]
    assert generalize("region", [address], "sido") == [sido]
    assert generalize("region", [address], "suppressed") == ["*"]


@pytest.mark.parametrize("address", ["Tokyo Shibuya", "", None, "강남구 테헤란로 1"])
def test_unknown_addresses_become_missing_not_raw_text(address):
    assert generalize("region", [address], "sigungu") == [None]


@settings(deadline=None, max_examples=40)
@given(
    st.sampled_from(sorted(SIDO_ALIASES)),
    st.sampled_from(["중구", "수원시", "양평군"]),
    st.text(alphabet="가나다라 0123456789-", max_size=15),
)
def test_only_the_first_two_words_reach_the_output(alias, sigungu, rest):
    out = generalize("region", [f"{alias} {sigungu} {rest}"], "sigungu")[0]
    sido = SIDO_ALIASES[alias]
    assert out in (f"{sido} {sigungu}", sido)
    assert out.split(" ")[0] in SIDO
