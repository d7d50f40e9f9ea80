"""The legal knowledge base: the statutes a policy may rest on, kept apart from any clinic's policy.

A policy names laws by id in ``legal_basis``; the lint reads their dates of force and verification status
from here, so when a law changes only ``law.yaml`` is edited, never the clinics' policies. Every fact carries
the citations it was taken from (``/work/shared/reference/korea-law-and-identifiers.md``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from policy.base import Id, PeriodField, StrictModel, Text
from policy.clauses import Measure

Verification = Literal["verified", "unverified"]


class Provision(StrictModel):
    """One article (or a whole act, when cited without one) with its dates of force.

    Attributes:
        in_force: the day the text recorded here took effect; None when our sources do not give it.
        repealed: the day it stopped applying (deleted, moved, or struck down); None while in force.
        replaced_by: where the rule went when it was moved (a provision id), so the lint can follow it.
        verification: ``unverified`` when no statute text supports what policies cite it for.
        applies_to: who bears the duty when it is not every controller (e.g. telecom operators only).

    """

    id: Id
    statute: Text
    short: str  # how messages name the statute: "PIPA", "Network Act"
    article: str
    summary: str
    in_force: date | None = None
    repealed: date | None = None
    replaced_by: str | None = None
    verification: Verification
    applies_to: str | None = None
    note: str | None = None
    sources: list[str] = Field(min_length=1)

    def is_repealed(self, today: date) -> bool:
        """Whether the provision no longer applies on ``today``."""
        return self.repealed is not None and self.repealed <= today

    def citation(self, lang: str = "en") -> str:
        """Cite it briefly: ``PIPA Art. 39-6`` (en), ``개인정보 보호법 제39조의6`` (ko)."""
        if lang == "ko":
            return f"{self.statute.ko} {article_words(self.article, 'ko')}".strip()
        return f"{self.short} {self.article}".strip()


_ARTICLE = re.compile(r"Art\. (\d+)(?:-(\d+))?(?:\((\d+)\))?")
_DECREE = re.compile(r"\bDecree\s+")


def article_words(article: str, lang: str) -> str:
    """Write ``Art. 15(1)`` as 제15조제1항 (ko), ``Art. 22-2`` as 제22조의2, ``Decree`` as 시행령."""
    if lang != "ko":
        return article
    return _DECREE.sub("시행령 ", _ARTICLE.sub(_article_ko, article.strip()))


def _article_ko(m: re.Match[str]) -> str:
    number, branch, paragraph = m.groups()
    return f"제{number}조" + (f"의{branch}" if branch else "") + (f"제{paragraph}항" if paragraph else "")


class MedicalRecordRetention(StrictModel):
    """One of the record types of Medical Service Act Enforcement Rule Art. 15(1), and its retention."""

    id: Id
    item: int = Field(ge=1)
    label: Text
    retention: PeriodField
    legal_basis: list[Id]


class ProtectionRequirement(StrictModel):
    """What the law requires for some entities at rest: ``one_way_hash`` is stronger than ``encrypted``."""

    entities: list[str] = Field(min_length=1)
    measure: Measure
    legal_basis: list[Id]
    note: str | None = None


class Limit(StrictModel):
    """A number the law fixes (an age, a number of days), with where it comes from."""

    value: int = Field(ge=0)
    legal_basis: list[Id]
    note: str | None = None


class Limits(StrictModel):
    """The numeric rules the lint compares a policy with."""

    child_consent_age: Limit
    subject_answer_days: Limit
    destruction_days: Limit


class Law(StrictModel):
    """The whole knowledge base: provisions, medical record retention, protection rules and limits."""

    jurisdiction: Literal["KR"] = "KR"
    as_of: date
    provisions: list[Provision]
    medical_records: list[MedicalRecordRetention]
    protection: list[ProtectionRequirement]
    limits: Limits

    @model_validator(mode="after")
    def _references_resolve(self) -> Law:
        ids = [p.id for p in self.provisions]
        known = set(ids)
        problems = [f"provisions: '{i}' is defined more than once" for i in known if ids.count(i) > 1]
        problems += [
            f"provisions[{n}].replaced_by: unknown provision '{p.replaced_by}'"
            for n, p in enumerate(self.provisions)
            if p.replaced_by and p.replaced_by not in known
        ]
        cited = [
            (f"medical_records[{n}].legal_basis", m.legal_basis) for n, m in enumerate(self.medical_records)
        ]
        cited += [(f"protection[{n}].legal_basis", r.legal_basis) for n, r in enumerate(self.protection)]
        cited += [
            (f"limits.{name}.legal_basis", getattr(self.limits, name).legal_basis)
            for name in Limits.model_fields
        ]
        problems += [
            f"{path}[{i}]: unknown provision '{b}'"
            for path, bases in cited
            for i, b in enumerate(bases)
            if b not in known
        ]
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def provision(self, provision_id: str) -> Provision | None:
        """Return the provision with this id, or None."""
        return next((p for p in self.provisions if p.id == provision_id), None)

    def medical_record(self, record_id: str) -> MedicalRecordRetention | None:
        """Return the Medical Service Act record type with this id, or None."""
        return next((m for m in self.medical_records if m.id == record_id), None)
