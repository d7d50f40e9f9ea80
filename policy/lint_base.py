"""The lint's result type, shared by the rule modules and the driver."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

Level = Literal["error", "warning", "info"]
LEVEL_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

# Every code the lint can report, with what it means: docs/policy.md lists them all (a test checks it).
LINT_CODES: dict[str, str] = {
    "legal_basis.unknown": "a legal_basis id the knowledge base does not know (error)",
    "legal_basis.repealed": "cites a provision repealed by the check's day, nothing in force after (error)",
    "legal_basis.moved": "cites a provision that moved to another article still in force (warning)",
    "legal_basis.not_in_force": "cites a provision that takes effect only later (warning)",
    "legal_basis.unverified": "cites a basis no statute text supports (warning)",
    "legal_basis.conditional": "cites a law that binds only some businesses (info)",
    "policy.assumed": "a clause marked assumed: the published policy does not state it (warning)",
    "medical_record.unknown": "not one of the Medical Service Act's nine medical record types (error)",
    "medical_record.unnamed": "a medical record type the clinic holds that no record type names (warning)",
    "medical_record.too_short": "a medical record type kept shorter than the law requires (error)",
    "medical_record.no_legal_hold": "a medical record type not marked legal_hold (warning)",
    "legal_hold.no_basis": "a legal hold whose retention cites no law (warning)",
    "legal_hold.no_items": "a legal hold that does not name the items kept (warning)",
    "security.encrypted_not_hashed": "'encrypted' where the law asks for one-way hashing (error)",
    "security.weaker_than_law": "a category protected less than the law requires, or not at all (error)",
    "cctv.retention_unstated": "the CCTV clause states no retention period (warning)",
    "consignee.no_task": "a consignee without a named task (error)",
    "consignee.nothing_entrusted": "a consignee entrusted with no category (warning)",
    "consignee.overseas": "a consignee abroad: cross-border rules apply too (info)",
    "minors.age_below_law": "guardian consent asked only below an age lower than the law's (error)",
    "minors.no_guardian_consent": "no guardian consent for children (error)",
    "minors.no_verification_method": "no stated way to verify the guardian's consent (warning)",
    "subject_rights.too_slow": "requests answered later than the law allows (error)",
    "subject_rights.missing": "access, correction or deletion not offered (warning)",
    "subject_rights.harder_than_collection": "requests take fewer channels than collection (warning)",
    "destruction.slow": "destruction deadline longer than the law's 'without delay' reading (warning)",
    "law.outdated": "the legal knowledge base is more than a year old (info)",
}


class LintFinding(BaseModel):
    """One thing ``clinicscan policy check`` has to say about a policy.

    Attributes:
        level: ``error`` (the policy breaks or misstates the law), ``warning`` (a gap or an unverified
            claim to confirm), ``info`` (worth knowing, nothing to fix).
        code: a stable machine name, e.g. ``legal_basis.repealed``; tests and waivers key on it.
        ref: the section of the published policy concerned (``4.a``), or None for the policy as a whole.
        message: what is wrong and what to do, in plain words.
        field: where in the policy file, e.g. ``record_types[0].retention[1].legal_basis[0]``.

    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    level: Level
    code: str
    ref: str | None
    message: str
    field: str

    @field_validator("code")
    @classmethod
    def _known_code(cls, code: str) -> str:
        if code not in LINT_CODES:
            raise ValueError(f"lint code {code!r} is not listed in LINT_CODES; add it with its meaning")
        return code
