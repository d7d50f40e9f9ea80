"""The one list of recognizers clinicscan runs. Add a recognizer here and nowhere else.

A test (tests/detectors/test_registry.py) fails when a recognizer class in ``detectors/recognizers`` is
missing from ``RECOGNIZERS`` or when an entity of ``detectors/entities.py`` has no recognizer.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from detectors.recognizers.bank_account import KoreanBankAccountRecognizer
from detectors.recognizers.cjk_person import CjkNameRecognizer
from detectors.recognizers.cn_ric import ChineseResidentIdRecognizer
from detectors.recognizers.credit_card import PaymentCardRecognizer
from detectors.recognizers.date_of_birth import DateOfBirthRecognizer
from detectors.recognizers.email import EmailAddressRecognizer
from detectors.recognizers.gps_position import GpsPositionRecognizer
from detectors.recognizers.intl_phone import InternationalPhoneRecognizer
from detectors.recognizers.ip_address import IpAddressRecognizer
from detectors.recognizers.kr_address import KoreanAddressRecognizer
from detectors.recognizers.kr_address_detail import KoreanAddressDetailRecognizer
from detectors.recognizers.kr_driver_license import KoreanDriverLicenseRecognizer
from detectors.recognizers.kr_frn import KoreanFrnRecognizer
from detectors.recognizers.kr_passport import KoreanPassportRecognizer
from detectors.recognizers.kr_person import KoreanNameRecognizer
from detectors.recognizers.kr_phone import KoreanPhoneRecognizer
from detectors.recognizers.kr_postcode import KoreanPostcodeRecognizer
from detectors.recognizers.kr_rrn import KoreanRrnRecognizer
from detectors.recognizers.latin_person import LatinNameRecognizer
from detectors.recognizers.medical_info import MedicalInfoRecognizer
from detectors.recognizers.passport import PassportRecognizer
from detectors.recognizers.password import PlaintextPasswordRecognizer
from detectors.recognizers.password_hash import PasswordHashRecognizer
from detectors.recognizers.photo_metadata import PhotoMetadataRecognizer

RECOGNIZERS: tuple[type[EntityRecognizer], ...] = (
    KoreanRrnRecognizer,
    KoreanFrnRecognizer,
    KoreanPassportRecognizer,
    PassportRecognizer,
    ChineseResidentIdRecognizer,
    KoreanDriverLicenseRecognizer,
    KoreanPhoneRecognizer,
    InternationalPhoneRecognizer,
    EmailAddressRecognizer,
    KoreanAddressRecognizer,
    KoreanAddressDetailRecognizer,
    KoreanPostcodeRecognizer,
    GpsPositionRecognizer,
    KoreanNameRecognizer,
    LatinNameRecognizer,
    CjkNameRecognizer,
    DateOfBirthRecognizer,
    PaymentCardRecognizer,
    KoreanBankAccountRecognizer,
    IpAddressRecognizer,
    PlaintextPasswordRecognizer,
    PasswordHashRecognizer,
    MedicalInfoRecognizer,
    PhotoMetadataRecognizer,
)


def _by_entity() -> dict[str, list[type[EntityRecognizer]]]:
    table: dict[str, list[type[EntityRecognizer]]] = {}
    for recognizer in RECOGNIZERS:
        table.setdefault(recognizer.ENTITY, []).append(recognizer)  # type: ignore[attr-defined]
    return table


ENTITY_RECOGNIZERS: dict[str, list[type[EntityRecognizer]]] = _by_entity()
"""Entity name -> the recognizer classes that report it."""


def prefilter_for(entity: str) -> str | None:
    """Return one RE2/Rust pattern matching every cell on which a recognizer of ``entity`` can fire.

    None when some recognizer of the entity needs every non-empty cell.

    Raises:
        KeyError: ``entity`` has no recognizer (see ``ENTITY_RECOGNIZERS`` for the names).

    """
    patterns: list[str] = []
    for recognizer in ENTITY_RECOGNIZERS[entity]:
        prefilter: str | None = recognizer.PREFILTER  # type: ignore[attr-defined]
        if prefilter is None:
            return None
        patterns.append(f"(?:{prefilter})")
    return "|".join(patterns)
