"""Lint rules about the law a policy rests on: its legal bases, assumed clauses and medical records."""

from __future__ import annotations

from datetime import date

from policy.base import walk
from policy.law import Law, Provision
from policy.lint_base import LintFinding
from policy.lint_text import Bi, lint_text, words_ko
from policy.schema import Category, Policy, RecordType, RetentionRule, SecurityRule


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
    stories = [lint_text("repealed_story", first=_cite(first), day=str(first.repealed))]
    for s in steps[1:]:
        key = "moved_step_repealed" if s.is_repealed(today) else "moved_step"
        stories.append(lint_text(key, to=_cite(s), day=str(s.repealed)))
    story = Bi(*("".join(x[field] for x in stories) for field in ("message", "message_ko")))
    if last.is_repealed(today):
        note = f"{last.note} " if last.note else ""
        text = lint_text("repealed", story=story, note=note)
        return LintFinding(level="error", code="legal_basis.repealed", ref=ref, field=path, **text)
    text = lint_text("moved", story=story, last=_cite(last))
    return LintFinding(level="warning", code="legal_basis.moved", ref=ref, field=path, **text)


def _cite(provision: Provision) -> Bi:
    return Bi(provision.citation(), provision.citation("ko"))


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
                        **lint_text("unknown_basis", basis=basis),
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
                        **lint_text("not_in_force", provision=_cite(provision), day=str(provision.in_force)),
                    )
                )
            if provision.verification == "unverified":
                who = (
                    lint_text("unverified_who", who=provision.applies_to)["message"]
                    if provision.applies_to
                    else ""
                )
                out.append(
                    LintFinding(
                        level="warning",
                        code="legal_basis.unverified",
                        ref=ref,
                        field=here,
                        **lint_text(
                            "unverified",
                            provision=_cite(provision),
                            note=provision.note or provision.summary,
                            who=who,
                        ),
                    )
                )
            elif provision.applies_to:
                out.append(
                    LintFinding(
                        level="info",
                        code="legal_basis.conditional",
                        ref=ref,
                        field=here,
                        **lint_text("conditional", provision=_cite(provision), who=provision.applies_to),
                    )
                )
    return out


def _describe(clause: Category | SecurityRule | RetentionRule) -> Bi:
    """Name an assumed clause in a few words, so the reader knows what the published policy lacks."""
    if isinstance(clause, Category):
        text = lint_text("assumed_category", label=Bi(clause.label.en, clause.label.ko))
    elif isinstance(clause, SecurityRule):
        text = lint_text("assumed_measure", category=clause.category, measure=_word(clause.measure))
    else:
        text = lint_text(
            "assumed_period",
            period=Bi(str(clause.period), clause.period.words("ko")),
            event=_word(clause.event),
        )
    return Bi(text["message"], text["message_ko"])


def _word(value: str) -> Bi:
    return Bi(value, words_ko([value]))


def assumed_clauses(policy: Policy, law: Law, today: date) -> list[LintFinding]:
    """Clauses marked ``assumed``: the published policy does not state them, so it should."""
    refs = _refs(policy)
    clauses: list[tuple[str, Category | SecurityRule | RetentionRule]] = [
        (f"categories[{i}]", category) for i, category in enumerate(policy.categories)
    ]
    clauses += [(f"security[{j}]", rule) for j, rule in enumerate(policy.security)]
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
            **lint_text("assumed", what=_describe(clause)),
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
                    **lint_text(
                        "medical_unknown_held", kind=held, kinds=", ".join(m.id for m in law.medical_records)
                    ),
                )
            )
        elif held not in named:
            out.append(
                LintFinding(
                    level="warning",
                    code="medical_record.unnamed",
                    ref=section,
                    field=f"held_medical_records[{i}]",
                    **lint_text(
                        "medical_unnamed",
                        label=Bi(f"{rule.label.en} ({rule.label.ko})", rule.label.ko),
                        period=Bi(str(rule.retention), rule.retention.words("ko")),
                    ),
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
                    **lint_text("medical_unknown_type", kind=kind),
                )
            )
            continue
        out += [
            LintFinding(
                level="error",
                code="medical_record.too_short",
                ref=r.ref,
                field=f"record_types[{i}].retention[{j}].period",
                **lint_text(
                    "medical_too_short",
                    record=_record(rt),
                    period=Bi(str(r.period), r.period.words("ko")),
                    needed=Bi(str(rule.retention), rule.retention.words("ko")),
                    label=Bi(rule.label.en, rule.label.ko),
                ),
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
                    **lint_text("medical_no_hold", record=_record(rt)),
                )
            )
    return out


def _record(rt: RecordType) -> Bi:
    """Name a record type by its id (English) or its label (Korean; the field path says which)."""
    return Bi(rt.id, rt.label.ko)


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
                    **lint_text("hold_no_basis", record=_record(rt)),
                )
            )
        if not rt.kept_items:
            out.append(
                LintFinding(
                    level="warning",
                    code="legal_hold.no_items",
                    ref=rt.ref,
                    field=f"record_types[{i}].kept_items",
                    **lint_text("hold_no_items", record=_record(rt)),
                )
            )
    return out
