"""PASSWORD_HASH: one-way password hashes (bcrypt, argon2, scrypt, PBKDF2, crypt, LDAP, salted SHA)."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from detectors.recognizers.base import HIGH, LOW, KoPatternRecognizer

_B64 = r"[A-Za-z0-9+/.]"
_END = r"(?![A-Za-z0-9+/=.$:])"
_START = r"(?<![A-Za-z0-9+/=.$:_-])"

HASH_PATTERNS: list[Pattern] = [
    Pattern("bcrypt", _START + r"\$2[abxy]?\$(?:0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}" + _END, HIGH),
    Pattern(
        "argon2",
        _START
        + r"(?:argon2)?\$argon2(?:id|i|d)\$(?:v=[0-9]+\$)?m=[0-9]+,t=[0-9]+,p=[0-9]+\$"
        + _B64
        + r"{8,}={0,2}\$"
        + _B64
        + r"{16,}={0,2}"
        + _END,
        HIGH,
    ),
    Pattern(
        "scrypt (passlib, Django, Werkzeug, $7$)",
        _START + r"(?:\$scrypt\$ln=[0-9]+,r=[0-9]+,p=[0-9]+\$" + _B64 + r"+=*\$" + _B64 + r"{16,}=*"
        r"|scrypt\$[0-9]+\$[^$\s]{1,64}\$[0-9]+\$[0-9]+\$" + _B64 + r"{16,}=*"
        r"|scrypt:[0-9]+:[0-9]+:[0-9]+\$[^$\s]{1,64}\$[0-9a-f]{32,}"
        r"|\$7\$[./A-Za-z0-9]{11,}\$[./A-Za-z0-9]{43})" + _END,
        HIGH,
    ),
    Pattern(
        "PBKDF2 (Django, Werkzeug, passlib)",
        _START + r"(?:pbkdf2_sha(?:1|256|512)\$[0-9]+\$[^$\s]{1,64}\$" + _B64 + r"{16,}=*"
        r"|pbkdf2:sha(?:1|256|512)(?::[0-9]+)?\$[^$\s]{1,64}\$[0-9a-f]{32,}"
        r"|\$pbkdf2(?:-sha(?:256|512))?\$[0-9]+\$" + _B64 + r"+\$" + _B64 + r"{16,})" + _END,
        HIGH,
    ),
    Pattern(
        "Django bcrypt_sha256",
        _START + r"bcrypt(?:_sha256)?\$\$2[abxy]?\$[0-9]{2}\$[./A-Za-z0-9]{53}" + _END,
        HIGH,
    ),
    Pattern(
        "crypt (MD5, SHA-256, SHA-512)",
        _START + r"\$(?:1|5|6)\$(?:rounds=[0-9]+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{22,86}" + _END,
        HIGH,
    ),
    Pattern(
        "LDAP {SSHA}",
        r"\{(?:SSHA|SSHA256|SSHA512|SHA|SHA256|SHA512|SMD5|MD5|PBKDF2|CRYPT)\}[A-Za-z0-9+/=$.]{16,}" + _END,
        HIGH,
    ),
    Pattern(
        "Salted SHA (algorithm$salt$hex)",
        _START + r"(?:sha1|sha256|sha512|md5)\$[^$\s]{1,64}\$[0-9a-fA-F]{32,128}" + _END,
        HIGH,
    ),
    Pattern(
        "Salted hex (hex:salt or salt:hex)",
        _START + r"(?:[0-9a-fA-F]{32,128}[:$][^\s:$]{4,64}|[^\s:$]{4,64}[:$][0-9a-fA-F]{32,128})" + _END,
        LOW,
    ),
    Pattern("Bare hex digest (MD5, SHA-1, SHA-256, SHA-512)", _START + r"[0-9a-fA-F]{32,128}" + _END, LOW),
]
HASH_PREFILTER = (
    r"\$2[abxy]?\$|\$argon2|\$scrypt\$|scrypt[$:]|pbkdf2|\$[1567]\$|\{[A-Z0-9]+\}|[0-9a-fA-F]{32}"
)
_HEX_LENGTHS = frozenset({32, 40, 56, 64, 96, 128})
_HEX_RUN = regex.compile(r"[0-9a-fA-F]{32,128}")


class PasswordHashRecognizer(KoPatternRecognizer):
    """Password hashes as frameworks store them.

    A structured format (bcrypt ``$2b$12$``, argon2, scrypt, PBKDF2, crypt ``$6$``, ``{SSHA}``,
    ``sha256$salt$hex``) is certain (1.0). A digest with a salt beside it, or a bare hex digest, is LOW
    since file checksums and tokens look the same: it needs a password column or context. Hex digests must
    have a hash length (32, 40, 56, 64, 96 or 128 hex digits).
    """

    ENTITY: ClassVar[str] = "PASSWORD_HASH"
    PATTERNS: ClassVar[list[Pattern]] = HASH_PATTERNS
    CONTEXT: ClassVar[list[str]] = [
        "비밀번호", "비번", "패스워드", "암호", "password", "passwd", "pwd", "hash", "digest", "pw",
    ]  # fmt: skip
    PREFILTER: ClassVar[str | None] = HASH_PREFILTER

    def validate_result(self, pattern_text: str) -> bool | None:
        """Structured formats are certain (1.0); hex digests must have a hash length."""
        if pattern_text.startswith(("$", "{", "argon2", "bcrypt", "scrypt", "pbkdf2")):
            return True
        if regex.match(r"(?:sha1|sha256|sha512|md5)\$", pattern_text):
            return True
        runs = [len(run) for run in _HEX_RUN.findall(pattern_text)]
        return None if any(length in _HEX_LENGTHS for length in runs) else False
