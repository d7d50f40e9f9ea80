"""Lint rules about the law a policy rests on: its legal bases, assumed clauses and medical records."""

from __future__ import annotations

from datetime import date

from policy.base import walk
from policy.law import Law, Provision
from policy.lint_base import LintFinding
from policy.schema import Policy, RetentionRule, SecurityRule


def _refs(policy: Policy) -> dict[str, str]:
    """Clause path -> its ``ref``: the model holding a ``legal_basis`` or ``assumed`` also holds a ``ref``."""
    return {path: value for path, name, value in walk(policy) if name == "ref"}


def _chain(law: Law, first: Provision, today: date) -> list[Provision]:
    """``first`` and where it moved to, following ``replaced_by`` while each step is repealed."""
    steps = [first]
    while steps[-1].is_repealed(today) and steps[-1].replaced_by:
        nxt = law.provision(steps[-1].replaced_by)
        if nxt is None or nxt in steps:
            break
        steps.append(nxt)
    return steps


def _repealed(path: str, ref: str | None, steps: list[Provision], today: date) -> LintFinding:
    """Error when the chain ends in a repealed rule; warning when it moved to a rule still in force."""
    first, last = steps[0], steps[-1]
    story = f"cites {first.citation()}, repealed on {first.repealed}"
    story += "".join(
        f", moved to {s.citation()}" + (f" (repealed on {s.repealed})" if s.is_repealed(today) else "")
        for s in steps[1:]
    )
    if last.is_repealed(today):
        advice = f"{last.note} " if last.note else ""
        return LintFinding(
            level="error",
            code="legal_basis.repealed",
            ref=ref,
            field=path,
            message=f"{story}. {advice}Do not present it as a legal duty: cite a law in force "
            "or describe the rule as the organisation's own policy.",
        )
    return LintFinding(
        level="warning",
        code="legal_basis.moved",
        ref=ref,
        field=path,
        message=f"{story}. Cite {last.citation()} instead.",
    )


def legal_bases(policy: Policy, law: Law, today: date) -> list[LintFinding]:
    """Every ``legal_basis`` id must be known to the law base, in force on ``today`` and verified."""
    out: list[LintFinding] = []
    refs = _refs(policy)
    for path, name, value in walk(policy):
        if name != "legal_basis":
            continue
        ref = refs.get(path)
        for i, basis in enumerate(value):
            here = f"{path}.legal_basis[{i}]"
            provision = law.provision(basis)
            if provision is None:
                out.append(
                    LintFinding(
                        level="error",
                        code="legal_basis.unknown",
                        ref=ref,
                        field=here,
                        message=f"legal basis '{basis}' is not in the legal knowledge base; "
                        "use one of its provision ids or add the provision to law.yaml",
                    )
                )
                continue
            if provision.is_repealed(today):
                out.append(_repealed(here, ref, _chain(law, provision, today), today))
            elif provision.in_force is not None and provision.in_force > today:
                out.append(
                    LintFinding(
                        level="warning",
                        code="legal_basis.not_in_force",
                        ref=ref,
                        field=here,
                        message=f"cites {provision.citation()}, in force only from {provision.in_force}",
                    )
                )
            if provision.verification == "unverified":
                who = f" The duty falls on {provision.applies_to}." if provision.applies_to else ""
                out.append(
                    LintFinding(
                        level="warning",
                        code="legal_basis.unverified",
                        ref=ref,
                        field=here,
                        message=f"cites {provision.citation()}, which no statute text we hold "
                        f"supports: {provision.note or provision.summary}{who} "
                        "Confirm it or drop the citation.",
                    )
                )
            elif provision.applies_to:
                out.append(
                    LintFinding(
                        level="info",
                        code="legal_basis.conditional",
                        ref=ref,
                        field=here,
                        message=f"{provision.citation()} applies only to {provision.applies_to}",
                    )
                )
    return out


def _describe(clause: SecurityRule | RetentionRule) -> str:
    """Name an assumed clause in a few words, so the reader knows what the published policy lacks."""
    if isinstance(clause, SecurityRule):
        return f"'{clause.category}' stored {clause.measure}"
    return f"a retention period of {clause.period} after {clause.event}"


def assumed_clauses(policy: Policy, law: Law, today: date) -> list[LintFinding]:
    """Clauses marked ``assumed``: the published policy does not state them, so it should."""
    refs = _refs(policy)
    clauses: list[tuple[str, SecurityRule | RetentionRule]] = [
        (f"security[{j}]", rule) for j, rule in enumerate(policy.security)
    ]
    clauses += [
        (f"record_types[{i}].retention[{j}]", rule)
        for i, rt in enumerate(policy.record_types)
        for j, rule in enumerate(rt.retention)
    ]
    return [
        LintFinding(
            level="warning",
            code="policy.assumed",
            ref=refs.get(path),
            field=path,
            message=f"the published policy does not state {_describe(clause)}; the policy file assumes it. "
            "State it in the published policy.",
        )
        for path, clause in clauses
        if clause.assumed
    ]


def medical_records(policy: Policy, law: Law, today: date) -> list[LintFinding]:
    """Medical Service Act record types: each one held must be named, with at least the law's period."""
    out: list[LintFinding] = []
    named = {
        rt.medical_record_type: (i, rt) for i, rt in enumerate(policy.record_types) if rt.medical_record_type
    }
    section = next((rt.ref for _, rt in named.values()), None)
    for i, held in enumerate(policy.held_medical_records):
        rule = law.medical_record(held)
        if rule is None:
            out.append(
                LintFinding(
                    level="error",
                    code="medical_record.unknown",
                    ref=None,
                    field=f"held_medical_records[{i}]",
                    message=f"'{held}' is not a Medical Service Act record type; use one of "
                    + ", ".join(m.id for m in law.medical_records),
                )
            )
        elif held not in named:
            out.append(
                LintFinding(
                    level="warning",
                    code="medical_record.unnamed",
                    ref=section,
                    field=f"held_medical_records[{i}]",
                    message=f"the clinic keeps {rule.label.en} ({rule.label.ko}), which the law "
                    f"makes it keep {rule.retention}, but no record type names them: add "
                    "one with its retention period.",
                )
            )
    for kind, (i, rt) in named.items():
        rule = law.medical_record(kind)
        if rule is None:
            out.append(
                LintFinding(
                    level="error",
                    code="medical_record.unknown",
                    ref=rt.ref,
                    field=f"record_types[{i}].medical_record_type",
                    message=f"'{kind}' is not a Medical Service Act record type",
                )
            )
            continue
        out += [
            LintFinding(
                level="error",
                code="medical_record.too_short",
                ref=r.ref,
                field=f"record_types[{i}].retention[{j}].period",
                message=f"{rt.id} kept {r.period} but the law requires {rule.retention} for {rule.label.en}",
            )
            for j, r in enumerate(rt.retention)
            if r.period.is_shorter_than(rule.retention)
        ]
        if not rt.legal_hold:
            out.append(
                LintFinding(
                    level="warning",
                    code="medical_record.no_legal_hold",
                    ref=rt.ref,
                    field=f"record_types[{i}].legal_hold",
                    message=f"{rt.id} is a record the law makes the clinic keep; set legal_hold "
                    "so erasure requests do not remove it within its period",
                )
            )
    return out


def legal_holds(policy: Policy, law: Law, today: date) -> list[LintFinding]:
    """Require legal holds to give the law and the items kept (PIPA Art. 30(1))."""
    out: list[LintFinding] = []
    for i, rt in enumerate(policy.record_types):
        if not rt.legal_hold:
            continue
        if not any(r.legal_basis for r in rt.retention):
            out.append(
                LintFinding(
                    level="warning",
                    code="legal_hold.no_basis",
                    ref=rt.ref,
                    field=f"record_types[{i}].retention",
                    message=f"{rt.id} is kept under a legal hold but no retention rule cites "
                    "the law that imposes it",
                )
            )
        if not rt.kept_items:
            out.append(
                LintFinding(
                    level="warning",
                    code="legal_hold.no_items",
                    ref=rt.ref,
                    field=f"record_types[{i}].kept_items",
                    message=f"{rt.id} is kept under a legal hold; name the items kept (PIPA Art. 30(1))",
                )
            )
    return out
