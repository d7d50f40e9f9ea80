import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.analyzer import analyze_text
from detectors.recognizers.password import PlaintextPasswordRecognizer, looks_like_chosen_password

RECOGNIZER = PlaintextPasswordRecognizer()

CHOSEN = st.builds(
    lambda word, digits, symbol: word + digits + symbol,
    st.from_regex(r"\A[a-z]{4,10}\Z"),
    st.from_regex(r"\A[0-9]{2,6}\Z"),
    st.sampled_from(["", "!", "@", "#", "!!", "*"]),
)
NOISE = st.text(st.sampled_from("abcXYZ012!@# :=비밀번호pw\n"), max_size=16) | st.text(max_size=12)


@pytest.mark.parametrize(
    "text, value, score",
    [
        ("비밀번호: qwer1234!", "qwer1234!", 0.5),
        ("초기 비번=0000", "0000", 0.5),
        ("password: Summer2024", "Summer2024", 0.5),
        ("PW:abcd", "abcd", 0.5),
        ("고객 요청으로 패스워드 : Dltjdus12 로 변경", "Dltjdus12", 0.5),
        ("Abcd1234!", "Abcd1234!", 0.1),  # a whole cell shaped like a chosen password
        ("qwer1234", "qwer1234", 0.1),
        ("sky2024!!", "sky2024!!", 0.1),
        ("P@ssw0rd", "P@ssw0rd", 0.1),
        ("HELLO123!", "HELLO123!", 0.1),
    ],
)
def test_finds_passwords(text: str, value: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "비밀번호: ********",  # masked
        "********",
        "비밀번호: $2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",  # a hash: PASSWORD_HASH
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
        "pbkdf2_sha256$870000$abcdefgh12345678$abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=",
        "hong@example.com",
        "https://clinic.example/login",
        "550e8400-e29b-41d4-a716-446655440000",
        "SM-G991N",
        "ORD-2024-000123",
        "M123A4567",
        "Chrome/120.0.6099.109",
        "1.2.3-beta",
        "2024-01-15T10:30:00Z",
        "photo_001.jpg",
        "user_name",
        "password",  # letters only
        "12345678",  # digits only (a PIN or an id, not a chosen password)
        "abc1!",  # too short
        "쌍꺼풀 상담 예약",
        "correct horse battery staple",
    ],
)
def test_ignores_non_passwords(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


def test_a_password_column_name_makes_a_password_shaped_cell_a_finding() -> None:
    alone = analyze_text("Abcd1234!", entities=["PASSWORD"])
    in_password_column = analyze_text("Abcd1234!", context=["user_pw"], entities=["PASSWORD"])
    assert alone[0].score < 0.4 <= in_password_column[0].score


@settings(deadline=None)
@given(password=CHOSEN)
def test_chosen_passwords_look_like_passwords(password: str) -> None:
    assert looks_like_chosen_password(password) == (len(password) >= 8)


@settings(deadline=None)
@given(password=CHOSEN, keyword=st.sampled_from(["비밀번호", "비번", "패스워드", "password", "PW", "pwd"]))
def test_values_after_a_keyword_are_found(password: str, keyword: str, spans) -> None:
    assert spans(RECOGNIZER, f"{keyword}: {password}") == [(password, 0.5)]


@settings(deadline=None)
@given(before=NOISE, middle=CHOSEN | st.just(""), after=NOISE)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)
