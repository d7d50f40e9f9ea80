import pytest

from detectors.analyzer import analyze_text
from detectors.recognizers.lexicon import load_terms
from detectors.recognizers.number_labels import labelled_after_as_other_number, labelled_as_other_number

RRN_LABELS = ("주민", "생년월일", "resident", "rrn")


@pytest.mark.parametrize(
    "before",
    [
        "주문번호 ",
        "주문번호:",
        "주문번호는 ",
        "주문 번호: ",
        "고객 주문번호 조회 결과 ",  # a few words between label and number
        "송장 ",
        "운송장번호 ",
        "로트번호 ",
        "LOT ",
        "일련번호 ",
        "S/N: ",
        "카드 승인번호 ",
        "사업자등록번호 ",
        "Order No. ",
        "order #",
        "INVOICE ",
        "tracking number: ",
        "확인함. 주문번호 ",
    ],
)
def test_labels_that_call_the_number_something_else(before: str) -> None:
    assert labelled_as_other_number(before, RRN_LABELS)


@pytest.mark.parametrize(
    "before",
    [
        "",
        "주민번호 ",
        "주문번호 확인 후 주민번호 ",  # the nearest label wins
        "주문번호 없음, ",  # another clause
        "주문 취소함. ",  # another sentence
        "주문번호 2308182074181, ",  # another number in between
        "주문번호를 받았고 다음 날 다시 상담 예정인 고객 ",  # too far from the label
        "resident no. ",
        "환자 ",
        "border ",  # a Latin label is a whole word
        "pilot ",
    ],
)
def test_no_label_or_an_identity_label_nearest(before: str) -> None:
    assert not labelled_as_other_number(before, RRN_LABELS)


def test_no_label_names_an_identity_number() -> None:
    terms = load_terms("other_number_labels.txt")
    assert not [t for t in terms if any(word in t for word in ("주민", "외국인", "등록", "여권", "면허"))]
    assert "번호" not in terms


@pytest.mark.parametrize(
    "after",
    [
        " (주문번호)",
        "(송장번호)",
        " [로트번호]",
        " （주문번호임）",
        " 주문번호",
        " 송장.",
        " 주문번호, 다음 날 배송",
        " (Order No.)",
    ],
)
def test_a_label_right_after_calls_the_number_something_else(after: str) -> None:
    assert labelled_after_as_other_number(after, RRN_LABELS)


@pytest.mark.parametrize(
    "after",
    [
        "",
        " (주민번호)",
        " 주민번호",
        " 주문번호 2306147833427",  # the label belongs to the next number
        " 주문번호로 조회 후 재방문 안내",  # the clause goes on: no label of this number
        "    (주문번호)",  # too far
        " 환자 본인 확인",
    ],
)
def test_no_label_right_after_or_an_identity_label(after: str) -> None:
    assert not labelled_after_as_other_number(after, RRN_LABELS)


@pytest.mark.parametrize(
    ("text", "is_rrn"),
    [
        ("9001011234568 (주문번호)", False),
        ("900101-1234568(송장번호) 확인", False),
        ("주민번호 900101-1234568 (주문번호)", True),  # a label before the number decides
        ("900101-1234568 (주민번호)", True),
        ("900101-1234568 주문번호 2306147833427", True),
    ],
)
def test_the_rrn_recognizer_honours_labels_after_the_number(text: str, is_rrn: bool) -> None:
    found = analyze_text(text, entities=["KR_RRN"])
    assert any(r.start == text.index("9001") for r in found) is is_rrn
