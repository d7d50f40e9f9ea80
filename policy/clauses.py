"""The clauses of a privacy policy as models: one class per kind of promise a machine can check.

Every clause carries ``ref``, the section of the published policy it encodes, so a finding can point the
reader at the sentence it rests on. ``legal_basis`` lists ids from the legal knowledge base (``law.yaml``);
``clinicscan policy check`` flags ids that are unknown, repealed or unverified.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from policy.base import CATEGORY_PATTERN, Id, PeriodField, Ref, StrictModel, Text

ClockEvent = Literal["creation", "last_login", "withdrawal", "event_end", "last_visit"]
Measure = Literal["one_way_hash", "encrypted", "none"]
ItemKind = Literal["required", "optional", "sensitive", "automatic"]
Channel = Literal["homepage", "visit", "written_form", "fax", "telephone", "email", "mail", "privacy_officer"]
Right = Literal["access", "correction", "deletion", "suspension", "withdrawal"]
# Decree Art. 17-2(1): ways to verify that a child's legal representative really consented.
GuardianVerification = Literal[
    "sms_to_guardian",
    "card_details",
    "mobile_identity_verification",
    "signed_paper",
    "email",
    "telephone",
    "other",
]
LegalBasis = list[Id]


class Section(StrictModel):
    """A numbered section of the published policy and its title, so reports can say what ``4.g`` is."""

    number: Ref
    title: Text


class Category(StrictModel):
    """A category of personal data (dotted key, e.g. ``unique_id``) and the detector entities in it.

    ``assumed`` marks a category the published policy does not name but which the detectors find and the
    law counts as personal data (a photo's capture time and camera): the checks treat it as any other
    category, and the lint reports that the published policy is silent about it.
    """

    key: str = Field(pattern=CATEGORY_PATTERN)
    label: Text
    entities: list[str]
    sensitive: bool = False
    ref: Ref
    assumed: bool = False


class Item(StrictModel):
    """One item the policy says is collected in a context (``name``, ``password``), and its category."""

    key: Id
    label: Text
    category: str
    kind: ItemKind


class CollectionContext(StrictModel):
    """Where and why data is collected: treatment, website registration, identity verification, payment."""

    id: Id
    label: Text
    ref: Ref
    items: list[Item]
    purposes: list[str] = Field(default_factory=list)


class CollectionMethods(StrictModel):
    """The channels through which the policy says data are collected (section 1.d)."""

    channels: list[Channel] = Field(min_length=1)
    ref: Ref


class Purpose(StrictModel):
    """A purpose of use the policy declares (section 2)."""

    id: Id
    label: Text
    ref: Ref
    legal_basis: LegalBasis = Field(default_factory=list)


class ThirdPartyProvision(StrictModel):
    """Whether data go to third parties, and the only exceptions the policy allows (section 3)."""

    provided: bool = False
    exceptions: list[Literal["consent", "law_or_investigation", "unidentifiable_statistics"]] = Field(
        default_factory=list
    )
    ref: Ref


class RetentionRule(StrictModel):
    """Keep a record for ``period`` after ``event``, then destroy within the destruction deadline."""

    event: ClockEvent
    period: PeriodField
    legal_basis: LegalBasis = Field(default_factory=list)
    ref: Ref
    assumed: bool = False  # True when the published policy states no period and this one is our assumption


class RecordType(StrictModel):
    """A kind of record the clinic keeps, what it holds, and how long.

    ``legal_hold`` marks records a law makes the clinic keep (medical records): they cannot be erased on
    request within the retention period, and after a member withdraws they are kept, stored apart.
    ``medical_record_type`` names the Medical Service Act record type (law knowledge base id) it is.
    ``kept_items`` are the item keys kept under the hold (PIPA Art. 30(1): the policy must name them).
    """

    id: Id
    label: Text
    ref: Ref
    context: str | None = None
    categories: list[str]
    retention: list[RetentionRule] = Field(min_length=1)
    legal_hold: bool = False
    medical_record_type: str | None = None
    kept_items: list[str] = Field(default_factory=list)


class DestructionMethods(StrictModel):
    """How data are destroyed (section 5.c): electronic files beyond recovery, paper shredded or burnt."""

    electronic: Literal["irrecoverable_deletion", "anonymisation"]
    paper: Literal["shred_or_incinerate"]
    ref: Ref


class SecurityRule(StrictModel):
    """How a category must be protected at rest: one-way hashed, encrypted.

    ``assumed`` marks a rule the published policy does not state but the law requires, so the policy file
    enforces it while the lint still reports the gap in the published text.
    """

    category: str
    measure: Measure
    ref: Ref
    legal_basis: LegalBasis = Field(default_factory=list)
    assumed: bool = False


class Consignee(StrictModel):
    """A processor the clinic entrusts data to, and exactly which categories it may receive.

    ``scope`` is what the published policy literally says is entrusted; ``entrusted`` is our reading of it
    as categories, which the export gate enforces.
    """

    id: Id
    name: str
    label: Text | None = None  # the name as readers know it in each language (인포넷 / Information net)
    task: Text
    entrusted: list[str]
    scope: list[Text] = Field(default_factory=list)
    until: str
    ref: Ref
    overseas: bool = False
    legal_basis: LegalBasis = Field(default_factory=list)

    def answers_to(self, given: str) -> bool:
        """Whether a user naming a consignee by ``given`` means this one: its id, name or a label (인포넷)."""
        names = {self.id, self.name, *((self.label.ko, self.label.en) if self.label else ())}
        return given.strip().casefold() in {n.casefold() for n in names}

    def display_name(self, lang: str) -> str:
        """Name the consignee for a reader in ``lang``: its label there, else its published name."""
        return self.label.in_lang(lang) if self.label else self.name


class Minors(StrictModel):
    """Children under ``age_below`` need a legal representative's consent (PIPA Art. 22-2)."""

    age_below: int = Field(default=14, gt=0)
    guardian_consent_required: bool = True
    guardian_items: list[str] = Field(default_factory=list)
    verification_methods: list[GuardianVerification] = Field(default_factory=list)
    ref: Ref
    legal_basis: LegalBasis = Field(default_factory=list)


class ConsentWithdrawal(StrictModel):
    """Withdrawn members' data is destroyed within ``destroy_within_days`` unless a law keeps it."""

    destroy_within_days: int = Field(default=5, ge=0)
    channels: list[Channel] = Field(default_factory=list)
    ref: Ref
    legal_basis: LegalBasis = Field(default_factory=list)


class SubjectRights(StrictModel):
    """Access, correction, deletion and suspension on request, answered within ``answer_within_days``.

    Records of ``legal_hold`` record types cannot be erased on request within their retention period.
    """

    rights: list[Right]
    answer_within_days: int = Field(default=10, ge=0)
    request_channels: list[Channel] = Field(default_factory=list)
    identity_documents: list[str] = Field(default_factory=list)
    ref: Ref
    legal_basis: LegalBasis = Field(default_factory=list)


class Cookies(StrictModel):
    """Automatic collection devices (section 8): whether cookies are used and can be refused."""

    used: bool
    refusable: bool = True
    required_for_login: bool = False
    ref: Ref


class Cctv(StrictModel):
    """The video-surveillance clauses (section 10). ``retention`` None: the policy states no period."""

    purposes: list[str]
    locations: list[str]
    recording_hours: int | None = Field(default=None, ge=0, le=24)
    managers: list[str] = Field(default_factory=list)
    retention: PeriodField | None = None
    encrypted: bool = False
    ref: Ref


class PrivacyOfficer(StrictModel):
    """Who answers for personal data (section 11): a position and a phone, as published."""

    position: Text
    phone: str
    ref: Ref


class ChangeNotice(StrictModel):
    """How far ahead a change to the policy is announced, and where (section 12)."""

    days_before: int = Field(ge=0)
    channels: list[Channel]
    ref: Ref
