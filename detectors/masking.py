"""Masked evidence: what a finding may show of a value, so that a raw value never leaves the detector.

One rule per entity, the way Korean systems display them (주민번호 900101-1******, 010-****-5678):
enough for a reviewer to recognise the kind of value and the row, never enough to recover it. An entity
without a rule is masked completely.
"""

from __future__ import annotations

from collections.abc import Callable

import phonenumbers
import regex
from presidio_analyzer import RecognizerResult

from detectors.recognizers.kr_address import SIDO

FULL_MASK = "********"
"""Passwords and unknown entities: eight stars whatever the length, so not even the length leaks."""

_DIGIT = regex.compile(r"[0-9]")
_REGION_TOKEN = regex.compile(r"\A(?:" + SIDO + r"|[가-힣]{1,5}(?:시|군|구|도))\Z")
_YEAR = regex.compile(r"(?<![0-9])(?:19|20)[0-9]{2}")
_CODE = regex.compile(r"\A[A-Z][0-9]")
_FOREIGN_PREFIX = regex.compile(r"\A(?:\+[ ]?(?!82)|00(?!82))[1-9]")


def _digits(value: str) -> str:
    return "".join(_DIGIT.findall(value))


def _mask_rrn(value: str) -> str:
    digits = _digits(value)
    if len(digits) == 12:  # stored as an integer, leading zero lost
        digits = "0" + digits
    return f"{digits[:6]}-{digits[6]}******" if len(digits) == 13 else FULL_MASK


def _mask_phone(value: str) -> str:
    digits = _digits(value)
    stripped = value.strip()
    if _FOREIGN_PREFIX.match(stripped):
        return _mask_foreign_phone(stripped, digits)
    if stripped.startswith("+82"):
        digits = digits[2:] if digits[2:3] == "0" else "0" + digits[2:]
    elif stripped.startswith("10") and len(digits) == 10:
        digits = "0" + digits
    if len(digits) == 8 and digits[0] == "1":  # nationwide 1588-xxxx
        return f"{digits[:4]}-****"
    if len(digits) < 9:
        return FULL_MASK
    prefix = 2 if digits.startswith("02") else 4 if digits.startswith("050") else 3
    return f"{digits[:prefix]}-****-{digits[-4:]}"


def _mask_foreign_phone(value: str, digits: str) -> str:
    """Keep the country code, the first national group, the last four digits and the shape.

    ``+86 138 1234 5678`` becomes ``+86 138 **** 5678``: a reviewer sees a Chinese mobile number, not a
    broken Korean one. Unseparated, the first three national digits stand for the group.
    """
    trunk = 2 if value.startswith("00") else 0
    try:
        country = str(phonenumbers.parse("+" + digits[trunk:]).country_code)
    except phonenumbers.NumberParseException:
        return FULL_MASK
    national = len(digits) - trunk - len(country)
    groups = regex.findall(r"[0-9]+", value)
    first_group = len(groups[1]) if len(groups) > 2 and groups[0] == digits[: trunk + len(country)] else 3
    shown_head = min(first_group, national - 4 - 3)  # at least three digits stay hidden
    if shown_head < 0:
        return FULL_MASK
    keep_until = trunk + len(country) + shown_head
    keep_from = len(digits) - 4
    out, seen = [], 0
    for ch in value:
        if ch.isdigit():
            out.append(ch if seen < keep_until or seen >= keep_from else "*")
            seen += 1
        else:
            out.append(ch)
    return "".join(out)


def _mask_email(value: str) -> str:
    local, at, domain = value.strip().rpartition("@")
    return f"{local[:1]}***@{domain}" if at and local else FULL_MASK


def _mask_card(value: str) -> str:
    digits = _digits(value)
    return f"****-****-****-{digits[-4:]}" if len(digits) >= 12 else FULL_MASK


def _mask_account(value: str) -> str:
    digits = _digits(value)
    if len(digits) < 6:
        return FULL_MASK
    keep_from = len(digits) - 2
    seen = 0
    masked = []
    for char in value.strip():
        if char.isdigit():
            masked.append(char if seen >= keep_from else "*")
            seen += 1
        else:
            masked.append(char)
    return "".join(masked)


def _mask_person(value: str) -> str:
    words = value.strip().split()
    if len(words) > 1:  # romanized: 'Kim Minsu' -> 'K** M****'
        return " ".join(w[0] + "*" * (len(w) - 1) for w in words)
    name = value.strip()
    if len(name) <= 2:
        return name[:1] + "*" * (len(name) - 1)
    return name[0] + "*" * (len(name) - 2) + name[-1]


def _mask_address(value: str) -> str:
    kept: list[str] = []
    for token in value.split()[:2]:
        if not _REGION_TOKEN.match(token):
            break
        kept.append(token)
    return " ".join([*kept, "***"])


def _mask_ip(value: str) -> str:
    value = value.strip()
    if ":" in value:
        groups = value.split(":")
        return ":".join(groups[:2]) + ":****"
    octets = value.split(".")
    return ".".join(octets[:2]) + ".*.*" if len(octets) == 4 else FULL_MASK


def _mask_password(value: str) -> str:
    return FULL_MASK


def _mask_hash(value: str) -> str:
    value = value.strip()
    if value.startswith("$"):
        parts = value.split("$")
        prefix = "$" + parts[1] + "$"
        if len(parts) > 2 and parts[2].isdigit() and len(parts[2]) == 2:  # bcrypt cost
            prefix += parts[2] + "$"
        return prefix + "…"
    if value.startswith("{") and "}" in value:
        return value[: value.index("}") + 1] + "…"
    if "$" in value:
        return value.split("$", 1)[0] + "$…"
    return "<hex digest>…"


def _mask_keep_two(value: str) -> str:
    """Passport and licence: the first two characters, digits after them starred, separators kept."""
    value = value.strip()
    head = value[:2]
    return head + "".join("*" if ch.isalnum() else ch for ch in value[2:])


def _mask_date_of_birth(value: str) -> str:
    value = value.strip()
    year = _YEAR.search(value)
    masked = ["*" if ch.isdigit() else ch for ch in value]
    if year:
        masked[year.start() : year.end()] = list(year.group())
    return "".join(masked)


def _mask_photo_metadata(value: str) -> str:
    """Keep a capture time's year (as a birth date's), a camera's make and model but not its serial."""
    value = value.strip()
    if value[:1].isdigit():
        return _mask_date_of_birth(value)
    model, marker, _serial = value.partition("S/N")
    return f"{model}{marker} {FULL_MASK}".strip() if marker else value


def _mask_medical(value: str) -> str:
    value = value.strip()
    if _CODE.match(value):
        return value[:2] + "".join("*" if ch.isalnum() else ch for ch in value[2:])
    return value[:1] + "*" * (len(value) - 1)


MASKERS: dict[str, Callable[[str], str]] = {
    "KR_RRN": _mask_rrn,
    "KR_FRN": _mask_rrn,
    "PHONE_NUMBER": _mask_phone,
    "EMAIL_ADDRESS": _mask_email,
    "CREDIT_CARD": _mask_card,
    "BANK_ACCOUNT": _mask_account,
    "PERSON": _mask_person,
    "ADDRESS": _mask_address,
    "IP_ADDRESS": _mask_ip,
    "PASSWORD": _mask_password,
    "PASSWORD_HASH": _mask_hash,
    "KR_PASSPORT": _mask_keep_two,
    "PASSPORT": _mask_keep_two,
    "CN_RIC": _mask_keep_two,
    "KR_DRIVER_LICENSE": _mask_keep_two,
    "DATE_OF_BIRTH": _mask_date_of_birth,
    "MEDICAL_INFO": _mask_medical,
    "PHOTO_METADATA": _mask_photo_metadata,
}
"""Entity name -> masking rule; a test checks that every entity has one."""


def mask(entity: str, value: str) -> str:
    """Return the masked form of ``value`` as evidence for ``entity`` (an unknown entity: fully masked).

    >>> mask("KR_RRN", "900101-1234567")
    '900101-1******'
    >>> mask("PHONE_NUMBER", "010-1234-5678")
    '010-****-5678'
    """
    if not value.strip():
        return ""
    return MASKERS.get(entity, _mask_password)(value)


def mask_result(text: str, result: RecognizerResult) -> str:
    """Return the masked evidence of one analyzer result found in ``text``."""
    return mask(result.entity_type, text[result.start : result.end])
