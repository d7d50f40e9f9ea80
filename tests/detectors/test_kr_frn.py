import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.recognizers.checks import frn_check_digit, rrn_check_digit
from detectors.recognizers.kr_frn import KoreanFrnRecognizer

RECOGNIZER = KoreanFrnRecognizer()


@st.composite
def valid_frns(draw: st.DrawFn, variant: str = "13") -> str:
    """A synthetic foreigner number with the check digit of one variant ('13', '11') or a random tail."""
    born = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date.today()))
    gender = draw(st.sampled_from("56" if born.year < 2000 else "78"))
    body = f"{born:%y%m%d}{gender}" + draw(st.text("0123456789", min_size=5, max_size=5))
    if variant == "13":
        return body + str(frn_check_digit(body))
    if variant == "11":
        return body + str(rrn_check_digit(body))
    wrong = set("0123456789") - {str(frn_check_digit(body)), str(rrn_check_digit(body))}
    return body + draw(st.sampled_from(sorted(wrong)))


NOISE = (
    st.text(st.sampled_from("0123456789-. +/:*abXY외국인주문송장번호\n"), max_size=20)
    | st.sampled_from(["주문번호 ", "invoice ", "외국인번호 "])
    | st.text(max_size=12)
)


@pytest.mark.parametrize(
    "text, value, score",
    [
        # Presidio's published vectors (13- variant)
        ("911124-5678906", "911124-5678906", 1.0),
        ("9111245678906", "9111245678906", 1.0),
        ("050912-6000012", "050912-6000012", 1.0),
        ("His FRN is 9111245678906", "9111245678906", 1.0),
        ("911124-5678901", "911124-5678901", 0.5),
        ("000505-7637892", "000505-7637892", 0.5),
        ("0005056637892", "0005056637892", 0.5),
        # python-stdnum's generated numbers use the RRN (11-) variant
        ("940624-5149547", "940624-5149547", 1.0),
        ("931112-6271351", "931112-6271351", 1.0),
        ("881219-5460537", "881219-5460537", 1.0),
        ("외국인등록번호: 741213-6670511", "741213-6670511", 1.0),
    ],
)
def test_finds_foreigner_numbers(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "911124-5******",  # masked
        "001332-5234567",  # month 13
        "910230-5678906",  # 30 February
        "991231-8019906",  # 2099
        "960121+5021413",
        "960111-50214131",
        "760413-1212134",  # Presidio: gender 1 is an RRN
        "000402-2214431",
        "051102-9234110",
        "19111245678906",
    ],
)
def test_ignores_non_foreigner_numbers(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "주문번호 2306147833427 확인.",
        "주문 번호: 230614-7833427",
        "송장번호 2306147833427",
        "로트번호 2306147833427",
        "일련번호 2306147833427",
        "승인번호 911124-5678906",
        "invoice 9111245678906",
        "order no. 9111245678906",
    ],
)
def test_numbers_labelled_as_orders_invoices_or_lots_are_not_foreigner_numbers(text: str, spans) -> None:
    number = re.search(r"[0-9]{6}-?[0-9]{7}", text)
    assert number and spans(RECOGNIZER, number.group()), "the number alone must look like one"
    assert spans(RECOGNIZER, text) == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("외국인등록번호 911124-5678906", "911124-5678906"),
        ("주문번호 확인 후 외국인번호 9111245678906", "9111245678906"),
        ("주문 취소함. 911124-5678906 본인 확인", "911124-5678906"),
        ("Alien registration 9111245678906", "9111245678906"),
    ],
)
def test_foreigner_numbers_near_an_order_word_are_still_found(text: str, value: str, spans) -> None:
    assert spans(RECOGNIZER, text) == [(value, 1.0)]


@settings(deadline=None)
@given(frn=valid_frns("13") | valid_frns("11"), separator=st.sampled_from(["-", ""]))
def test_both_check_digit_variants_are_certain(frn: str, separator: str, spans) -> None:
    value = frn[:6] + separator + frn[6:]
    assert spans(RECOGNIZER, f"외국인번호 {value}") == [(value, 1.0)]


@settings(deadline=None)
@given(frn=valid_frns("random"))
def test_random_tails_keep_a_medium_score(frn: str, spans) -> None:
    assert spans(RECOGNIZER, frn) == [(frn, 0.5)]


@settings(deadline=None)
@given(before=NOISE, middle=valid_frns("random") | st.text("0123456789-", max_size=15), after=NOISE)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)
