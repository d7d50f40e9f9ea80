"""The policy-as-code schema: every clause of a privacy policy that a machine can check.

A policy file is YAML validated by these models. Unknown keys are errors (a typo must never vanish
silently), and every clause carries ``ref``, the section of the published policy it encodes (``4.g``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ClockEvent = Literal["creation", "last_login", "withdrawal", "event_end", "last_visit"]
Measure = Literal["one_way_hash", "encrypted", "none"]
ItemKind = Literal["required", "optional", "sensitive", "automatic"]
_PERIOD = re.compile(r"^(\d+)([dmy])$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """A label in both languages the reports speak."""

    ko: str
    en: str


class Period(_Model):
    """A retention period written as ``10y``, ``6m``, ``90d`` or ``0d`` (destroy as soon as the clock starts)."""

    years: int = 0
    months: int = 0
    days: int = 0

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``10y`` / ``6m`` / ``90d``."""
        m = _PERIOD.match(text.strip())
        if not m:
            raise ValueError(f"period {text!r} must look like 10y, 6m or 90d")
        n, unit = int(m.group(1)), m.group(2)
        return cls(**{{"y": "years", "m": "months", "d": "days"}[unit]: n})

    def before(self, day: date) -> date:
        """The date this period before ``day``, in calendar arithmetic (leap years included)."""
        return day - relativedelta(years=self.years, months=self.months, days=self.days)

    def __str__(self) -> str:
        parts = [f"{v}{u}" for v, u in ((self.years, "y"), (self.months, "m"), (self.days, "d")) if v]
        return "".join(parts) or "0d"


class Category(_Model):
    """A category of personal data (dotted key, e.g. ``unique_id``) and the detector entities in it."""

    key: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")
    label: Text
    entities: list[str]
    sensitive: bool = False
    ref: str


class Item(_Model):
    """One item the policy says is collected in a context (``name``, ``password``), and its category."""

    key: str
    label: Text
    category: str
    kind: ItemKind


class CollectionContext(_Model):
    """Where and why data is collected: treatment, website registration, identity verification, payment."""

    id: str
    label: Text
    ref: str
    items: list[Item]
    purposes: list[str] = Field(default_factory=list)


class Purpose(_Model):
    """A purpose of use the policy declares (section 2)."""

    id: str
    label: Text
    ref: str


class RetentionRule(_Model):
    """Keep a record for ``period`` after ``event``, then destroy within the destruction deadline."""

    event: ClockEvent
    period: Period
    legal_basis: list[str] = Field(default_factory=list)
    ref: str

    @field_validator("period", mode="before")
    @classmethod
    def _parse_period(cls, v: object) -> object:
        return Period.parse(v) if isinstance(v, str) else v


class RecordType(_Model):
    """A kind of record the clinic keeps, what it holds, and how long.

    ``legal_hold`` marks records a law makes the clinic keep (medical records): they cannot be erased on
    request within the retention period, and after a member withdraws they are kept, stored apart.
    ``medical_record_type`` names the Medical Service Act record type (law knowledge base id) it is.
    """

    id: str
    label: Text
    ref: str
    context: str | None = None
    categories: list[str]
    retention: list[RetentionRule] = Field(min_length=1)
    legal_hold: bool = False
    medical_record_type: str | None = None
    kept_items: list[str] = Field(default_factory=list)


class SecurityRule(_Model):
    """How a category must be protected at rest: one-way hashed, encrypted."""

    category: str
    measure: Measure
    ref: str


class Consignee(_Model):
    """A processor the clinic entrusts data to, and exactly which categories it may receive."""

    id: str
    name: str
    task: Text
    entrusted: list[str]
    until: str
    ref: str
    overseas: bool = False


class Minors(_Model):
    """Children under ``age_below`` need a legal representative's consent (PIPA Art. 22-2)."""

    age_below: int = 14
    guardian_consent_required: bool = True
    guardian_items: list[str] = Field(default_factory=list)
    ref: str


class ConsentWithdrawal(_Model):
    """Withdrawn members' data is destroyed within ``destroy_within_days`` unless a law keeps it."""

    destroy_within_days: int = 5
    ref: str


class SubjectRights(_Model):
    """Access, correction, deletion and suspension on request, answered within ``answer_within_days``."""

    rights: list[Literal["access", "correction", "deletion", "suspension", "withdrawal"]]
    answer_within_days: int = 10
    identity_documents: list[str] = Field(default_factory=list)
    ref: str


class Cctv(_Model):
    """The video-surveillance clauses (section 10)."""

    purposes: list[str]
    locations: list[str]
    recording_hours: int | None = None
    managers: list[str] = Field(default_factory=list)
    retention: Period | None = None
    encrypted: bool = False
    ref: str

    @field_validator("retention", mode="before")
    @classmethod
    def _parse_period(cls, v: object) -> object:
        return Period.parse(v) if isinstance(v, str) else v


class Policy(_Model):
    """A whole privacy policy as code."""

    id: str
    version: str
    organisation: Text
    language: Literal["ko", "en"] = "ko"
    enacted: date | None = None
    effective: date
    destruction_deadline_days: int = Field(default=5, ge=0)
    destruction_ref: str
    categories: list[Category]
    purposes: list[Purpose] = Field(default_factory=list)
    collection: list[CollectionContext]
    record_types: list[RecordType]
    security: list[SecurityRule] = Field(default_factory=list)
    consignees: list[Consignee] = Field(default_factory=list)
    minors: Minors
    consent_withdrawal: ConsentWithdrawal
    subject_rights: SubjectRights
    cctv: Cctv | None = None

    @model_validator(mode="after")
    def _references_resolve(self) -> Policy:
        keys = {c.key for c in self.categories}
        problems: list[str] = []
        for rt in self.record_types:
            problems += [f"record_types[{rt.id}].categories: unknown category '{c}'" for c in rt.categories
                         if c not in keys]
        for ctx in self.collection:
            problems += [f"collection[{ctx.id}].items[{i.key}].category: unknown category '{i.category}'"
                         for i in ctx.items if i.category not in keys]
        problems += [f"security: unknown category '{s.category}'" for s in self.security if s.category not in keys]
        for con in self.consignees:
            problems += [f"consignees[{con.id}].entrusted: unknown category '{c}'" for c in con.entrusted
                         if c not in keys]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # Look-ups used by the checks -------------------------------------------------------------
    def categories_of(self, entity: str) -> list[str]:
        """The category keys an entity belongs to."""
        return [c.key for c in self.categories if entity in c.entities]

    def record_type(self, record_type_id: str) -> RecordType | None:
        """The record type with this id, or None."""
        return next((r for r in self.record_types if r.id == record_type_id), None)

    def consignee(self, consignee_id: str) -> Consignee | None:
        """The consignee with this id (or name), or None."""
        return next((c for c in self.consignees if consignee_id in (c.id, c.name)), None)

    def measure_for(self, category: str) -> Measure | None:
        """The protection the policy requires for a category at rest, if any."""
        return next((s.measure for s in self.security if s.category == category), None)
