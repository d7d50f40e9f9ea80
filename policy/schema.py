"""The policy-as-code schema: every clause of a privacy policy that a machine can check.

A policy file is YAML validated by these models. Unknown keys are errors (a typo must never vanish
silently), and every clause carries ``ref``, the section of the published policy it encodes (``4.g``).
The clause models live in ``policy.clauses`` and the building blocks in ``policy.base``; they are
re-exported here so callers need one import.
"""

from __future__ import annotations

from datetime import date
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator

from policy.base import Id, Period, PeriodField, Ref, StrictModel, Text
from policy.clauses import (
    Category,
    Cctv,
    ChangeNotice,
    ClockEvent,
    CollectionContext,
    CollectionMethods,
    ConsentWithdrawal,
    Consignee,
    Cookies,
    DestructionMethods,
    Item,
    ItemKind,
    Measure,
    Minors,
    PrivacyOfficer,
    Purpose,
    RecordType,
    RetentionRule,
    Section,
    SecurityRule,
    SubjectRights,
    ThirdPartyProvision,
)
from policy.references import reference_problems

__all__ = [
    "Category",
    "Cctv",
    "ChangeNotice",
    "ClockEvent",
    "CollectionContext",
    "CollectionMethods",
    "ConsentWithdrawal",
    "Consignee",
    "Cookies",
    "DestructionMethods",
    "Item",
    "ItemKind",
    "Measure",
    "Minors",
    "Period",
    "PeriodField",
    "Policy",
    "PrivacyOfficer",
    "Purpose",
    "RecordType",
    "RetentionRule",
    "Section",
    "SecurityRule",
    "SubjectRights",
    "Text",
    "ThirdPartyProvision",
]


class Policy(StrictModel):
    """A whole privacy policy as code.

    Only ``id``, ``version``, ``organisation``, ``effective``, ``destruction_ref``, ``categories``,
    ``collection``, ``record_types``, ``minors``, ``consent_withdrawal`` and ``subject_rights`` are required;
    the other clauses are optional so a smaller organisation can leave out what it does not do (no CCTV).
    """

    id: Id
    version: str
    organisation: Text
    language: Literal["ko", "en"] = "ko"
    timezone: str = "Asia/Seoul"  # IANA zone the reports show times in; scan.yaml's ``timezone`` overrides
    enacted: date | None = None
    effective: date
    sections: list[Section] = Field(default_factory=list)
    collection_methods: CollectionMethods | None = None
    destruction_deadline_days: int = Field(default=5, ge=0)
    destruction_ref: Ref
    destruction_methods: DestructionMethods | None = None
    categories: list[Category]
    purposes: list[Purpose] = Field(default_factory=list)
    collection: list[CollectionContext]
    third_party_provision: ThirdPartyProvision | None = None
    record_types: list[RecordType]
    security: list[SecurityRule] = Field(default_factory=list)
    consignees: list[Consignee] = Field(default_factory=list)
    minors: Minors
    consent_withdrawal: ConsentWithdrawal
    subject_rights: SubjectRights
    cookies: Cookies | None = None
    cctv: Cctv | None = None
    privacy_officer: PrivacyOfficer | None = None
    change_notice: ChangeNotice | None = None
    held_medical_records: list[Id] = Field(
        default_factory=list
    )  # law ids of the record types the clinic keeps

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"time zone {name!r} is unknown: write an IANA name such as 'Asia/Seoul'"
            ) from None
        return name

    @model_validator(mode="after")
    def _references_resolve(self) -> Policy:
        problems = reference_problems(self)
        if problems:
            # One problem per line, each "field.path: what is wrong"; policy.load turns them into PolicyError.
            raise ValueError("\n".join(problems))
        return self

    # Look-ups used by the checks -------------------------------------------------------------
    def categories_of(self, entity: str) -> list[str]:
        """Return the category keys an entity belongs to."""
        return [c.key for c in self.categories if entity in c.entities]

    def record_type(self, record_type_id: str) -> RecordType | None:
        """Return the record type with this id, or None."""
        return next((r for r in self.record_types if r.id == record_type_id), None)

    def consignee(self, consignee_id: str) -> Consignee | None:
        """Return the consignee with this id, name or label (any case), or None."""
        return next((c for c in self.consignees if c.answers_to(consignee_id)), None)

    def measure_for(self, category: str) -> Measure | None:
        """Return the protection the policy requires for a category at rest, if any."""
        return next((s.measure for s in self.security if s.category == category), None)

    def category(self, key: str) -> Category | None:
        """Return the category with this key, or None."""
        return next((c for c in self.categories if c.key == key), None)

    def section_title(self, ref: str, lang: str = "en") -> str | None:
        """Return the title of the section ``ref`` falls in (``4.g`` -> 4), if declared."""
        head = ref.split(".")[0]
        return next((s.title.in_lang(lang) for s in self.sections if s.number == head), None)

    def legal_holds(self) -> list[RecordType]:
        """Record types a law makes the clinic keep: erasure requests cannot remove them within retention."""
        return [r for r in self.record_types if r.legal_hold]
