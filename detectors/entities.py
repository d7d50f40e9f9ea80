"""The entity names clinicscan reports: part of the findings.json contract, never renamed."""

from enum import StrEnum


class Entity(StrEnum):
    """A kind of personal data a detector can find in a cell or a column."""

    PERSON = "PERSON"
    KR_RRN = "KR_RRN"
    KR_FRN = "KR_FRN"
    KR_PASSPORT = "KR_PASSPORT"
    PASSPORT = "PASSPORT"
    """A passport of another country (China, Japan, the US, ...); Korean ones are KR_PASSPORT."""
    CN_RIC = "CN_RIC"
    """China's 18-character resident identity number (居民身份证号码)."""
    KR_DRIVER_LICENSE = "KR_DRIVER_LICENSE"
    PHONE_NUMBER = "PHONE_NUMBER"
    EMAIL_ADDRESS = "EMAIL_ADDRESS"
    ADDRESS = "ADDRESS"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    CREDIT_CARD = "CREDIT_CARD"
    BANK_ACCOUNT = "BANK_ACCOUNT"
    IP_ADDRESS = "IP_ADDRESS"
    PASSWORD = "PASSWORD"
    PASSWORD_HASH = "PASSWORD_HASH"
    MEDICAL_INFO = "MEDICAL_INFO"
    PHOTO_METADATA = "PHOTO_METADATA"
    """When and with what a photo was taken (EXIF capture time, camera make, model and body serial number)."""


ALL_ENTITIES: tuple[str, ...] = tuple(e.value for e in Entity)
