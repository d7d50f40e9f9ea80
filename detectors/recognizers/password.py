"""PASSWORD: plaintext passwords, a value after '비밀번호:' or a whole cell shaped like a chosen password."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.recognizers.base import MEDIUM, REGEX_FLAGS, WEAK, KoPatternRecognizer
from detectors.recognizers.password_hash import HASH_PATTERNS

_KEYWORD = r"(?:비밀번호|비번|패스워드|암호|[Pp][Aa][Ss][Ss][Ww](?:[Oo][Rr])?[Dd]|[Pp][Ww][Dd]?)"

# Shapes that mix letters, digits and symbols without being chosen passwords.
_NOT_A_PASSWORD = regex.compile(
    r"""\A(?:
        [^@\s]+@[^@\s]+\.[A-Za-z]{2,}                       # e-mail
      | [A-Za-z][A-Za-z0-9+.-]*://.*|www\..*                # URL
      | [0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12} # UUID
      | [A-Z0-9]+(?:[-_/.][A-Z0-9]+)+                         # upper-case code: SM-G991N, ORD-2024-000123
      | [A-Za-z][A-Za-z ]*/[0-9][0-9.]*                      # product/version: Chrome/120.0.6099.109
      | [vV]?[0-9]+(?:\.[0-9]+)+[A-Za-z0-9-]*                # version or decimal: 1.2.3-beta
      | [0-9][0-9:./ -]*(?:T[0-9:.]+)?(?:Z|[+-][0-9:]+)?      # dates, times, timestamps, numbers
      | [\w.-]+\.(?:png|jpe?g|gif|svg|webp|pdf|txt|csv|xlsx?|docx?|zip|html?|json|xml|js|css|py)
      | [A-Za-z]+_[A-Za-z0-9_]+                              # snake_case identifiers
    )\Z""",
    regex.VERBOSE,
)
_HASHES = [regex.compile(r"\A(?:" + p.regex + r")\Z") for p in HASH_PATTERNS[:-2]]


def looks_like_chosen_password(value: str) -> bool:
    """Check whether ``value`` looks like a password a person chose.

    8-64 printable ASCII characters mixing classes as chosen passwords do (lower case with digits or
    symbols, or upper case with both), and not an e-mail, URL, UUID, code, version, date, file name or
    password hash.
    """
    if not 8 <= len(value) <= 64 or not all("!" <= ch <= "~" for ch in value):
        return False
    has_lower = any(ch.islower() for ch in value)
    has_upper = any(ch.isupper() for ch in value)
    has_digit = any(ch.isdigit() for ch in value)
    has_symbol = any(not ch.isalnum() for ch in value)
    mixed_lower = has_lower and (has_digit or has_symbol)
    mixed_upper = has_upper and has_digit and has_symbol
    if not (mixed_lower or mixed_upper):
        return False
    if _NOT_A_PASSWORD.match(value):
        return False
    return not any(h.match(value) for h in _HASHES)


class PlaintextPasswordRecognizer(KoPatternRecognizer):
    """Plaintext passwords, which the policy forbids storing.

    After a keyword ('비밀번호: Abcd1234!', 'pw=...') the value is MEDIUM. A whole cell shaped like a
    chosen password is WEAK: alone it proves nothing, and the column classifier combines it with a column
    name such as ``password``, ``user_pw`` or ``비밀번호``. Hashes belong to PASSWORD_HASH and masked
    values (********) are no password, so neither is reported here.
    """

    ENTITY: ClassVar[str] = "PASSWORD"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "Password after keyword", r"(?<=" + _KEYWORD + r"[ ]*[:=：][ ]*)[!-~]{4,64}(?![!-~])", MEDIUM
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "비밀번호", "비번", "패스워드", "암호", "password", "passwd", "pwd", "passwort", "pw", "pass",
    ]  # fmt: skip
    PREFILTER: ClassVar[str | None] = r"^[ ]*[!-~]{8,64}[ ]*$|비밀번호|비번|패스워드|암호|(?i:pw|passw)"

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Values after a password keyword, else the whole cell when it is shaped like a password."""
        results: list[RecognizerResult] = super().analyze(text, entities, nlp_artifacts, regex_flags)
        value = text.strip(" ")
        if results or not looks_like_chosen_password(value):
            return results
        start = text.index(value)
        explanation = self.build_regex_explanation(
            type(self).__name__, "Password-shaped cell", "(whole cell)", WEAK, False, REGEX_FLAGS
        )
        metadata = {
            RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        }
        return [RecognizerResult(self.ENTITY, start, start + len(value), WEAK, explanation, metadata)]

    def validate_result(self, pattern_text: str) -> bool | None:
        """Drop hashes (PASSWORD_HASH) and masked values; keep the rest at the pattern's score."""
        if set(pattern_text) <= set("*•●x#") or any(h.match(pattern_text) for h in _HASHES):
            return False
        return None
