"""What identifies a data subject (``--find KEY=VALUE``), normalized, and the stored forms to look for.

People write the same phone as ``010-1234-5678``, ``01012345678`` or ``+82 10 1234 5678``, and databases
store it in any of those forms (or as the integer 1012345678 once a leading zero is lost). Each identifier
is reduced to one canonical form, and expanded into the stored forms an indexed column may hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from enforce.errors import EnforceError

KEYS = ("name", "phone", "email", "rrn", "id")
_NON_DIGIT = re.compile(r"\D")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class SubjectQuery(BaseModel):
    """The identifiers of one person, canonical: phone ``01012345678``, rrn 13 digits, email lower-case.

    A name alone identifies nobody (namesakes): it only narrows a match made by a phone, an e-mail, an
    RRN or an id.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    names: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    rrns: tuple[str, ...] = ()
    ids: tuple[str, ...] = Field(default=())

    def strong(self) -> bool:
        """Whether something besides a name was given."""
        return bool(self.phones or self.emails or self.rrns or self.ids)


def normalize_phone(text: str) -> str | None:
    """``+82 10-1234-5678`` / ``010.1234.5678`` -> ``01012345678``; None when it is not a phone number."""
    stripped = text.strip()
    digits = _NON_DIGIT.sub("", stripped)
    if stripped.startswith("+"):
        if not digits.startswith("82"):
            return None
        digits = digits[2:]
        digits = digits if digits.startswith("0") else "0" + digits
    elif digits.startswith("82") and len(digits) in (11, 12) and not digits.startswith("820"):
        digits = "0" + digits[2:]
    if not digits.startswith("0") or not 9 <= len(digits) <= 11:
        return None
    return digits


def _phone_groups(digits: str) -> tuple[str, str, str]:
    head = 2 if digits.startswith("02") else 3
    rest = digits[head:]
    middle = len(rest) - 4
    return digits[:head], rest[:middle], rest[middle:]


def phone_forms(digits: str) -> list[str]:
    """List the stored forms of a canonical phone: dashed, bare, spaced, dotted, international."""
    a, b, c = _phone_groups(digits)
    intl = a[1:]
    return list(
        dict.fromkeys(
            [
                f"{a}-{b}-{c}",
                digits,
                f"{a} {b} {c}",
                f"{a}.{b}.{c}",
                f"+82-{intl}-{b}-{c}",
                f"+82 {intl}-{b}-{c}",
                f"+82 {intl} {b} {c}",
                f"+82{intl}{b}{c}",
            ]
        )
    )


def normalize_rrn(text: str) -> str | None:
    """``900101-1234567`` or ``9001011234567`` -> 13 digits; None when it has not 13 digits."""
    digits = _NON_DIGIT.sub("", text)
    return digits if len(digits) == 13 else None


def rrn_forms(digits: str) -> list[str]:
    """List the stored forms of an RRN: with and without the dash."""
    return [f"{digits[:6]}-{digits[6:]}", digits]


def normalize_email(text: str) -> str | None:
    """Trim and lower-case an address (the domain is case-blind and nearly every site folds the rest)."""
    value = text.strip().lower()
    return value if _EMAIL.match(value) else None


def normalize_name(text: str) -> str:
    """Drop spaces (``김 민준`` = ``김민준``) and fold case (``Kim Minjun`` = ``kimminjun``)."""
    return "".join(text.split()).casefold()


def parse_find(pairs: Iterable[str]) -> SubjectQuery:
    """Turn ``--find KEY=VALUE`` arguments into a query.

    Raises:
        EnforceError: a pair is malformed, a key unknown, a value not what its key says, or only a name
            was given; the message names the argument and the forms accepted.

    """
    found: dict[str, list[str]] = {k: [] for k in KEYS}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().lower().replace("-", "_")
        key = {"member_id": "id", "patient_no": "id", "mobile": "phone", "resident_number": "rrn"}.get(
            key, key
        )
        if not sep or not value.strip():
            raise EnforceError(f"--find {pair!r}: expected KEY=VALUE with KEY one of {', '.join(KEYS)}")
        if key not in found:
            raise EnforceError(
                f"--find {pair.partition('=')[0]!r}: unknown key; use one of {', '.join(KEYS)}"
            )
        canonical = _canonical(key, value)
        if canonical is None:
            raise EnforceError(f"--find {key}=...: {_EXPECTED[key]}")
        found[key].append(canonical)
    query = SubjectQuery(
        names=tuple(found["name"]),
        phones=tuple(found["phone"]),
        emails=tuple(found["email"]),
        rrns=tuple(found["rrn"]),
        ids=tuple(found["id"]),
    )
    if not query.strong():
        raise EnforceError(
            "--find: a name alone does not identify a person (namesakes); add phone=, email=, rrn= or id="
        )
    return query


_EXPECTED = {
    "phone": "not a Korean phone number; write it as 010-1234-5678, 01012345678 or +82 10-1234-5678",
    "email": "not an e-mail address (name@example.com)",
    "rrn": "not a resident registration number; write 13 digits, with or without the dash (YYMMDD-NNNNNNN)",
}


def _canonical(key: str, value: str) -> str | None:
    if key == "phone":
        return normalize_phone(value)
    if key == "email":
        return normalize_email(value)
    if key == "rrn":
        return normalize_rrn(value)
    if key == "name":
        return normalize_name(value) or None
    return value.strip()
