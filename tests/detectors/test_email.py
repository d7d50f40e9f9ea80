import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from detectors.recognizers.email import EmailAddressRecognizer

RECOGNIZER = EmailAddressRecognizer()

ADDRESSES = st.builds(
    lambda local, domain, tld: f"{local}@{domain}.{tld}",
    st.from_regex(r"\A[a-z0-9][a-z0-9._+-]{0,15}[a-z0-9]\Z"),
    st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,10}[a-z0-9]\Z"),
    st.sampled_from(["com", "co.kr", "kr", "net", "org", "ac.kr", "io"]),
)
NOISE = st.text(st.sampled_from("ab@.-_ 이메일:<>*\n"), max_size=16) | st.text(max_size=10)


@pytest.mark.parametrize(
    "text, value",
    [
        ("hong@example.com", "hong@example.com"),
        ("이메일: kim.minsu+clinic@naver.com", "kim.minsu+clinic@naver.com"),
        ("<lee_99@daum.net>", "lee_99@daum.net"),
        ("park@hospital.co.kr로 회신", "park@hospital.co.kr"),
        ("a@b.io", "a@b.io"),
        ("user@xn--3e0b707e.kr", "user@xn--3e0b707e.kr"),
        ("Contact: John.Doe@Example.ORG.", "John.Doe@Example.ORG"),
    ],
)
def test_finds_email_addresses(text: str, value: str, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, 0.85)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "h***@example.com",  # masked
        "****@example.com",
        "logo@2x.png",  # asset names
        "icon@3x.webp",
        "user@localhost",
        "john..doe@example.com",
        "@example.com",
        "user@",
        "P@ssw0rd!",
        "a@b.c",
    ],
)
def test_ignores_non_addresses(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@settings(deadline=None)
@given(address=ADDRESSES)
def test_generated_addresses_are_found(address: str, spans) -> None:
    assume(".." not in address.split("@")[0])
    assert spans(RECOGNIZER, f"메일 {address} 입니다") == [(address, 0.85)]


@settings(deadline=None)
@given(before=NOISE, middle=ADDRESSES | st.just(""), after=NOISE)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)
