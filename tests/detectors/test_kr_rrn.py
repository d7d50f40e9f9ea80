import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.recognizers.checks import rrn_check_digit
from detectors.recognizers.kr_rrn import KoreanRrnRecognizer

RECOGNIZER = KoreanRrnRecognizer()


@st.composite
def valid_rrns(draw: st.DrawFn, check_digit: bool = True) -> str:
    """A synthetic RRN: a past birth date, the matching gender digit, and (optionally) a valid check digit."""
    born = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date.today()))
    gender = draw(st.sampled_from("12" if born.year < 2000 else "34"))
    body = f"{born:%y%m%d}{gender}" + draw(st.text("0123456789", min_size=5, max_size=5))
    check = rrn_check_digit(body)
    return body + str(check if check_digit else (check + 1) % 10)


NOISE = (
    st.text(st.sampled_from("0123456789-. +/:*abXY가주민문송장로트번호\n"), max_size=20)
    | st.sampled_from(["주문번호 ", "order no. ", "주민번호 ", "로트 "])
    | st.text(max_size=12)
)


@pytest.mark.parametrize(
    "text, value, score",
    [
        # Presidio's published vectors: checksum passes -> 1.0, date and gender only -> 0.5
        ("960121-1021413", "960121-1021413", 1.0),
        ("9601211021413", "9601211021413", 1.0),
        ("050912-2000019", "050912-2000019", 1.0),
        ("His RRN is 9601211021413", "9601211021413", 1.0),
        ("960121-1234567", "960121-1234567", 0.5),
        ("000505-3637892", "000505-3637892", 0.5),
        ("His Korean RRN is 960121-1234567", "960121-1234567", 0.5),
        # python-stdnum's vectors (1800s by gender digit 9, and generated numbers)
        ("971013-9019902", "971013-9019902", 1.0),
        ("9710131019901", "9710131019901", 1.0),
        ("880411-2238459", "880411-2238459", 1.0),
        ("760406-1679592", "760406-1679592", 1.0),
        ("900417-2806195", "900417-2806195", 1.0),
        # Korean text, space separator, float column
        ("주민등록번호: 900101-1234567", "900101-1234567", 0.5),
        ("환자 주민번호는 9001011234567입니다", "9001011234567", 0.5),
        ("900101 1234567", "900101 1234567", 0.5),
        ("9601211021413.0", "9601211021413", 1.0),
        # an integer column dropped the leading zero of a 1905 / 2005 birth: LOW, checksum must pass
        ("509122000019", "509122000019", 0.3),
    ],
)
def test_finds_rrns(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "900101-1******",  # masked
        "900101-*******",
        "001332-1234567",  # month 13 (Presidio)
        "0013321234567",
        "900230-1234567",  # 30 February
        "991231-4019906",  # 2099: a birth date in the future (stdnum with allow_future=False)
        "960303-0021413",  # gender 0 = 1896, but an 1800s number always has a valid check digit
        "051102-9234110",  # gender 9 = 1805: before any living registrant (Presidio rejects it too)
        "971013-9019903",  # stdnum: 1800s number with a wrong check digit
        "971310-9019908",  # stdnum: month 13
        "960121+1021413",  # '+' is no separator (Presidio)
        "960111-10214131",  # one digit too many (Presidio)
        "760413-5212134",  # gender 5 is a foreigner number (KR_FRN)
        "000402-6214431",
        "19601211021413",  # inside a longer digit run
        "20240101123045",  # timestamp
        "ORD-960121-1021413",  # order number
        "A9601211021413",
        "509122000018",  # 12 digits without the leading zero, checksum fails
        "",
    ],
)
def test_ignores_non_rrns(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "주문번호 9601211021413",
        "주문번호 9601211021413 확인.",
        "주문번호는 9601211021413입니다",
        "주문 번호: 960121-1021413",
        "송장번호 9601211021413",
        "운송장 9601211021413 발송",
        "로트 9601211021413 제품 사용",
        "로트번호: 9601211021413",
        "일련번호 9601211021413",
        "승인번호 9601211021413",
        "카드 승인 번호 9601211021413",
        "사업자등록번호 9601211021413",
        "법인등록번호 110111-1021413",
        "order no 9601211021413",
        "Order No. 9601211021413",
        "invoice #9601211021413",
        "Tracking: 9601211021413",
        "serial 9601211021413",
        "결제 방법 문의함. 주문번호 2308182074181 확인.",
    ],
)
def test_numbers_labelled_as_orders_invoices_or_lots_are_not_rrns(text: str, spans) -> None:
    number = re.search(r"[0-9]{6}-?[0-9]{7}", text)
    assert number and spans(RECOGNIZER, number.group()), "the number alone must look like one"
    assert spans(RECOGNIZER, text) == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("주민번호 9601211021413", "9601211021413"),
        ("주문번호 확인 후 주민번호 9601211021413", "9601211021413"),  # the nearest label wins
        ("주문번호 2308182074181, 주민번호 960121-1021413", "960121-1021413"),
        ("주문 취소함. 960121-1021413 본인 확인", "960121-1021413"),  # another sentence
        ("주문번호 없음, 9601211021413", "9601211021413"),  # another clause
        ("카드로 결제한 환자의 주민등록번호는 9601211021413", "9601211021413"),
        ("resident no. 9601211021413 (order pending)", "9601211021413"),
        ("주소 변경 요청, 생년월일 포함 9601211021413", "9601211021413"),
        ("보호자 연락처 및 주민번호 9601211021413", "9601211021413"),
    ],
)
def test_rrns_near_an_order_word_are_still_found(text: str, value: str, spans) -> None:
    assert spans(RECOGNIZER, text) == [(value, 1.0)]


@settings(deadline=None)
@given(
    rrn=valid_rrns(),
    label=st.sampled_from(
        ["주문번호 ", "송장번호: ", "로트 ", "일련번호 ", "승인번호 ", "order no ", "INVOICE "]
    ),
)
def test_an_order_label_right_before_drops_any_rrn(rrn: str, label: str, spans) -> None:
    assert spans(RECOGNIZER, label + rrn) == []
    assert spans(RECOGNIZER, label + "조회 후 주민번호 " + rrn) == [(rrn, 1.0)]


@settings(deadline=None)
@given(
    rrn=valid_rrns(),
    separator=st.sampled_from(["-", ""]),
    prefix=st.sampled_from(["", "주민번호 ", "RRN: ", "(", "x "]),
)
def test_generated_valid_rrns_are_always_certain(rrn: str, separator: str, prefix: str, spans) -> None:
    value = rrn[:6] + separator + rrn[6:]
    assert spans(RECOGNIZER, f"{prefix}{value})") == [(value, 1.0)]


@settings(deadline=None)
@given(rrn=valid_rrns(check_digit=False))
def test_random_tail_rrns_keep_a_medium_score(rrn: str, spans) -> None:
    # numbers issued since October 2020 end in random digits: a failed check digit never rejects
    assert spans(RECOGNIZER, rrn) == [(rrn, 0.5)]


@settings(deadline=None)
@given(
    before=NOISE,
    middle=valid_rrns() | valid_rrns(check_digit=False) | st.text("0123456789-", max_size=15),
    after=NOISE,
)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)
