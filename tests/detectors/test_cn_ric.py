import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from detectors.recognizers.cn_ric import ChineseResidentIdRecognizer

RECOGNIZER = ChineseResidentIdRecognizer()


def _check(body: str) -> str:
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(body))
    return "10X98765432"[total % 11]


@st.composite
def valid_rics(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(["110101", "310104", "440305", "510107", "330106"]))
    born = draw(st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2020, 12, 31)))
    body = region + f"{born:%Y%m%d}" + draw(st.text("0123456789", min_size=3, max_size=3))
    return body + _check(body)


@pytest.mark.parametrize(
    "text, value",
    [
        ("11010519491231002X", "11010519491231002X"),  # the standard's published example
        ("11010519491231002x", "11010519491231002x"),
        ("身份证号 510107199001310184 已登记。", "510107199001310184"),
        ("중국신분증: 110101196903034557", "110101196903034557"),
    ],
)
def test_finds_valid_numbers(text: str, value: str, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, 1.0)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "110101196903034558",  # check character wrong
        "110101199913014557",  # month 13
        "000000199001310184",  # no such region
        "110101209901010017",  # born in the future
        "1101011969030345571",  # 19 digits
        "주문번호 110101196903034557X",
    ],
)
def test_rejects_invalid_numbers(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@given(number=valid_rics())
def test_every_valid_number_scores_one(number: str, spans) -> None:
    assert ric.calc_check_digit(number) == number[-1]
    assert spans(RECOGNIZER, number) == [(number, 1.0)]


@given(number=valid_rics(), last=st.sampled_from("0123456789X"))
def test_a_changed_check_character_is_dropped(number: str, last: str, spans) -> None:
    changed = number[:-1] + last
    assert bool(spans(RECOGNIZER, changed)) is (changed == number)
