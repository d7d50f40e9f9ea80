"""Lint rules about what clauses promise: protection, CCTV, consignees, children, rights, deadlines."""

from __future__ import annotations

from datetime import date

from policy.law import Law
from policy.lint_base import LintFinding
from policy.lint_text import Bi, lint_text, words_ko
from policy.schema import Measure, Policy

STRENGTH: dict[str, int] = {"none": 0, "encrypted": 1, "one_way_hash": 2}


def _protection_finding(
    category: str, field: str, ref: str | None, have: Measure | None, need: Measure, why: str
) -> LintFinding:
    if have == "encrypted" and need == "one_way_hash":
        return LintFinding(
            level="error",
            code="security.encrypted_not_hashed",
            ref=ref,
            field=field,
            **lint_text("encrypted_not_hashed", category=category, note=why),
        )
    return LintFinding(
        level="error",
        code="security.weaker_than_law",
        ref=ref,
        field=field,
        **lint_text(
            "weaker_than_law",
            category=category,
            have=Bi(have or "nothing", words_ko([have or "none"])),
            need=Bi(need, words_ko([need])),
            note=why,
        ),
    )


def security(policy: Policy, law: Law, today: date) -> list[LintFinding]:
    """Each category holding an entity the law protects must have at least the law's measure."""
    out: dict[tuple[str, str], LintFinding] = {}
    index = {rule.category: i for i, rule in enumerate(policy.security)}
    for requirement in law.protection:
        why = f"{requirement.note} " if requirement.note else ""
        for entity in requirement.entities:
            for category in policy.categories_of(entity):
                have = policy.measure_for(category)
                if STRENGTH[have or "none"] >= STRENGTH[requirement.measure]:
                    continue
                i = index.get(category)
                field, ref = (
                    (f"security[{i}].measure", policy.security[i].ref)
                    if i is not None
                    else ("security", None)
                )
                found = _protection_finding(category, field, ref, have, requirement.measure, why)
                out.setdefault((category, found.code), found)
    return list(out.values())


def cctv(policy: Policy, law: Law, today: date) -> list[LintFinding]:
    """Require a CCTV clause to say how long footage is kept."""
    if policy.cctv is None or policy.cctv.retention is not None:
        return []
    return [
        LintFinding(
            level="warning",
            code="cctv.retention_unstated",
            ref=policy.cctv.ref,
            field="cctv.retention",
            **lint_text("cctv_retention"),
        )
    ]


def consignees(policy: Policy, law: Law, today: date) -> list[LintFinding]:
    """Require each consignee to name its task and scope (PIPA Art. 26(2): disclose both)."""
    out: list[LintFinding] = []
    for i, con in enumerate(policy.consignees):
        if not (con.task.ko.strip() and con.task.en.strip()):
            out.append(
                LintFinding(
                    level="error",
                    code="consignee.no_task",
                    ref=con.ref,
                    field=f"consignees[{i}].task",
                    **lint_text("consignee_no_task", consignee=con.id),
                )
            )
        if not con.entrusted:
            out.append(
                LintFinding(
                    level="warning",
                    code="consignee.nothing_entrusted",
                    ref=con.ref,
                    field=f"consignees[{i}].entrusted",
                    **lint_text("consignee_nothing", consignee=con.id),
                )
            )
        if con.overseas:
            out.append(
                LintFinding(
                    level="info",
                    code="consignee.overseas",
                    ref=con.ref,
                    field=f"consignees[{i}].overseas",
                    **lint_text("consignee_overseas", consignee=con.id),
                )
            )
    return out


def minors(policy: Policy, law: Law, today: date) -> list[LintFinding]:
    """Children: the law's age, the representative's consent, and a way to verify it (Decree Art. 17-2)."""
    m, age = policy.minors, law.limits.child_consent_age.value
    out: list[LintFinding] = []
    if m.age_below < age:
        out.append(
            LintFinding(
                level="error",
                code="minors.age_below_law",
                ref=m.ref,
                field="minors.age_below",
                **lint_text("minors_age", age=age, below=m.age_below),
            )
        )
    if not m.guardian_consent_required:
        out.append(
            LintFinding(
                level="error",
                code="minors.no_guardian_consent",
                ref=m.ref,
                field="minors.guardian_consent_required",
                **lint_text("minors_no_consent", age=age),
            )
        )
    if not m.verification_methods:
        out.append(
            LintFinding(
                level="warning",
                code="minors.no_verification_method",
                ref=m.ref,
                field="minors.verification_methods",
                **lint_text("minors_no_method"),
            )
        )
    return out


def subject_rights(policy: Policy, law: Law, today: date) -> list[LintFinding]:
    """Check requests are answered in time, through ways no harder than collection (Decree Art. 41(2))."""
    r, limit = policy.subject_rights, law.limits.subject_answer_days.value
    out: list[LintFinding] = []
    if r.answer_within_days > limit:
        out.append(
            LintFinding(
                level="error",
                code="subject_rights.too_slow",
                ref=r.ref,
                field="subject_rights.answer_within_days",
                **lint_text("rights_slow", limit=limit, days=r.answer_within_days),
            )
        )
    missing = [right for right in ("access", "correction", "deletion") if right not in r.rights]
    if missing:
        out.append(
            LintFinding(
                level="warning",
                code="subject_rights.missing",
                ref=r.ref,
                field="subject_rights.rights",
                **lint_text("rights_missing", rights=Bi(", ".join(missing), words_ko(missing))),
            )
        )
    collected = set(policy.collection_methods.channels) if policy.collection_methods else set()
    harder = sorted(collected - set(r.request_channels))
    if r.request_channels and harder:
        out.append(
            LintFinding(
                level="warning",
                code="subject_rights.harder_than_collection",
                ref=r.ref,
                field="subject_rights.request_channels",
                **lint_text(
                    "rights_harder",
                    collected=Bi(", ".join(harder), words_ko(harder)),
                    channels=Bi(", ".join(r.request_channels), words_ko(r.request_channels)),
                ),
            )
        )
    return out


def deadlines(policy: Policy, law: Law, today: date) -> list[LintFinding]:
    """Destruction after retention or withdrawal: 'without delay', read as at most the law base's days."""
    limit = law.limits.destruction_days.value
    checks = [
        ("destruction_deadline_days", policy.destruction_deadline_days, policy.destruction_ref),
        (
            "consent_withdrawal.destroy_within_days",
            policy.consent_withdrawal.destroy_within_days,
            policy.consent_withdrawal.ref,
        ),
    ]
    return [
        LintFinding(
            level="warning",
            code="destruction.slow",
            ref=ref,
            field=field,
            **lint_text("destruction_slow", days=days, limit=limit),
        )
        for field, days, ref in checks
        if days > limit
    ]


def law_age(policy: Policy, law: Law, today: date) -> list[LintFinding]:
    """Mention a knowledge base more than a year old: it may miss amendments."""
    if (today - law.as_of).days <= 365:
        return []
    return [
        LintFinding(
            level="info",
            code="law.outdated",
            ref=None,
            field="",
            **lint_text("law_outdated", day=str(law.as_of)),
        )
    ]
