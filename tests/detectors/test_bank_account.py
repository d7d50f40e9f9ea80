import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.bank_account import BANK_TEMPLATES, KoreanBankAccountRecognizer

RECOGNIZER = KoreanBankAccountRecognizer()


def _fill(groups: tuple[int, ...], digits: str) -> str:
    parts, at = [], 0
    for size in groups:
        parts.append(digits[at : at + size])
        at += size
    return "-".join(parts)


TEMPLATED = st.builds(
    _fill,
    st.sampled_from(sorted(BANK_TEMPLATES)),
    st.text("123456789", min_size=14, max_size=14).filter(lambda d: len(set(d)) > 1),
)
NOISE = st.text(st.sampled_from("0123456789- 계좌은행:\n"), max_size=16) | st.text(max_size=10)


@pytest.mark.parametrize(
    "text, value, score",
    [
        ("110-123-456789", "110-123-456789", 0.5),  # 신한 3-3-6
        ("123456-78-901234", "123456-78-901234", 0.5),  # KB국민 6-2-6
        ("1002-123-456789", "1002-123-456789", 0.5),  # 우리 4-3-6
        ("3333-12-3456789", "3333-12-3456789", 0.5),  # 카카오뱅크 4-2-7
        ("352-1234-5678-13", "352-1234-5678-13", 0.5),  # NH농협 3-4-4-2
        ("123-456789-01-234", "123-456789-01-234", 0.5),  # IBK기업 3-6-2-3
        ("입금계좌: 620-123456-789 하나은행", "620-123456-789", 0.5),
        ("12-3456-78901", "12-3456-78901", 0.1),  # dashed, no known template
        ("110123456789", "110123456789", 0.05),  # bare digits: needs banking context
    ],
)
def test_finds_accounts(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "***-***-****89",  # masked
        "010-1234-5678",  # a phone number
        "031-123-4567",
        "01012345678",
        "11-22-123456-12",  # a driver's licence
        "978-89-1234-567-9",  # ISBN-13
        "9788912345679",
        "2024-01-15",  # date
        "ORD-2024-000123",  # order number
        "LOT-20240115-001",  # lot number
        "111-111-111111",  # one digit repeated
        "12-34-56",  # too few digits
        "123456789012345",  # too many digits
    ],
)
def test_ignores_non_accounts(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


def test_bare_digits_count_only_with_banking_context() -> None:
    alone = analyze_text("110123456789", entities=["BANK_ACCOUNT"])
    with_context = analyze_text("환불 계좌 110123456789", entities=["BANK_ACCOUNT"])
    assert alone[0].score < 0.4 <= with_context[0].score


@settings(deadline=None)
@given(number=TEMPLATED)
def test_every_bank_template_is_found(number: str, spans) -> None:
    assert spans(RECOGNIZER, f"계좌 {number}") == [(number, 0.5)]


@settings(deadline=None)
@given(before=NOISE, middle=TEMPLATED | st.text("0123456789-", max_size=16), after=NOISE)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)
