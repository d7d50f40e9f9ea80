import base64
import hashlib
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.recognizers.password_hash import PasswordHashRecognizer

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import crypt

RECOGNIZER = PasswordHashRecognizer()
SALTS = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=8, max_size=22)
PASSWORDS = st.text(min_size=1, max_size=20)


def django_pbkdf2(password: str, salt: str, iterations: int = 2) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations)
    return f"pbkdf2_sha256${iterations}${salt}${base64.b64encode(digest).decode()}"


def werkzeug_pbkdf2(password: str, salt: str, iterations: int = 2) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations)
    return f"pbkdf2:sha256:{iterations}${salt}${digest.hex()}"


def werkzeug_scrypt(password: str, salt: str) -> str:
    digest = hashlib.scrypt(password.encode(), salt=salt.encode(), n=16, r=8, p=1)
    return f"scrypt:16:8:1${salt}${digest.hex()}"


def salted_sha256(password: str, salt: str) -> str:
    return f"sha256${salt}${hashlib.sha256((salt + password).encode()).hexdigest()}"


HASHES = st.builds(
    lambda make, password, salt: make(password, salt),
    st.sampled_from([django_pbkdf2, werkzeug_pbkdf2, werkzeug_scrypt, salted_sha256]),
    PASSWORDS,
    SALTS,
)
NOISE = st.text(st.sampled_from("$:{}abcdef0123456789 =.\n"), max_size=16) | st.text(max_size=10)

BCRYPT = "$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"  # Wikipedia's bcrypt example
ARGON2 = "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"  # argon2 README
SHA256_HEX = hashlib.sha256(b"synthetic").hexdigest()


@pytest.mark.parametrize(
    "text, score",
    [
        (BCRYPT, 1.0),
        (BCRYPT.replace("$2a$", "$2b$"), 1.0),
        (BCRYPT.replace("$2a$", "$2y$"), 1.0),
        (ARGON2, 1.0),
        (ARGON2.replace("argon2i", "argon2id"), 1.0),
        ("argon2" + ARGON2.replace("argon2i", "argon2id"), 1.0),  # Django
        ("bcrypt_sha256$" + BCRYPT.replace("$2a$", "$2b$"), 1.0),  # Django
        (django_pbkdf2("pw", "abcdefgh12345678", 870000), 1.0),
        (werkzeug_pbkdf2("pw", "abcdefgh12345678", 600000), 1.0),
        (werkzeug_scrypt("pw", "abcdefgh12345678"), 1.0),
        ("$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E", 1.0),
        ("$pbkdf2-sha256$29000$N2YMIWQsBWBMae09x1jrPQ$1t8iyB2A.WF/Z5JZv.lfCIhXXN33N23OSgQYThBYRfk", 1.0),
        (crypt.crypt("synthetic", "$6$abcdefgh$"), 1.0),
        (crypt.crypt("synthetic", "$5$rounds=5000$abcdefgh$"), 1.0),
        (crypt.crypt("synthetic", "$1$abcdefgh$"), 1.0),
        ("{SSHA}" + base64.b64encode(hashlib.sha1(b"pwsalt").digest() + b"salt").decode(), 1.0),
        (salted_sha256("pw", "abc123"), 1.0),
        (SHA256_HEX + ":s4ltv4lue", 0.3),  # hex digest with a salt beside it
        (SHA256_HEX, 0.3),  # bare digest: needs a password column or context
        (hashlib.md5(b"synthetic").hexdigest(), 0.3),
    ],
)
def test_finds_password_hashes(text: str, score: float, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(text, score)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "$2b$12$…",  # masked
        "$2b$12$short",
        "$2b$99$" + BCRYPT[7:],  # impossible cost
        "********",
        "Abcd1234!",  # plaintext passwords are PASSWORD, not hashes
        "550e8400-e29b-41d4-a716-446655440000",  # UUID
        "0123456789abcdef0123456789abcdef0",  # 33 hex digits: no hash length
        "a3f5" * 9,  # 36 hex digits
        "Chrome/120.0.6099.109",
    ],
)
def test_ignores_non_hashes(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@settings(max_examples=40, deadline=None)
@given(hashed=HASHES)
def test_framework_hashes_are_always_certain(hashed: str, spans) -> None:
    assert spans(RECOGNIZER, hashed) == [(hashed, 1.0)]


@settings(max_examples=40, deadline=None)
@given(before=NOISE, middle=HASHES | st.just(SHA256_HEX) | st.just(""), after=NOISE)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)
