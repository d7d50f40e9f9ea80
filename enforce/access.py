"""The answer to an access request (PIPA Art. 35): what is held about the person, where, why, until when.

Built from a subject search: for every table holding rows about the person, the categories held (with
masked values only, the way the clinic's screens show them), the purposes the policy declares for that
record type, the legal basis, and the day its retention ends by the rules. The answer is due within the
policy's ``answer_within_days`` (10 days: PIPA Enforcement Decree Art. 41-44).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from detectors.masking import mask
from enforce.holds import keep_of, rows_end
from enforce.identify import SubjectQuery
from enforce.search import FoundTable, SubjectSearch
from enforce.tables import ENCRYPTED
from policy.law import Law
from policy.schema import Policy

Lang = Literal["ko", "en"]
MAX_VALUES = 5


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class HeldColumn(_Model):
    """One column about the person: its category and masked values (never a raw one)."""

    column: str
    category: str
    masked: list[str] = Field(default_factory=list)


class HeldRecords(_Model):
    """What one table holds about the person."""

    source: str
    table: str
    record_type: str
    record_label: str
    policy_ref: str
    rows: int
    columns: list[HeldColumn] = Field(default_factory=list)
    purposes: list[str] = Field(default_factory=list)
    legal_basis: list[str] = Field(default_factory=list)
    legal_hold: bool = False
    retained_until: date | None = None
    retention_rule: str = ""


class AccessReport(_Model):
    """The whole answer: identifiers (masked), the deadline, and every table holding something."""

    lang: Lang
    organisation: str
    received: date
    answer_by: date
    answer_ref: str
    identifiers: list[str]
    records: list[HeldRecords] = Field(default_factory=list)
    not_searched: list[str] = Field(default_factory=list)
    privacy_officer: str | None = None


def masked_identifiers(query: SubjectQuery) -> list[str]:
    """Mask the identifiers the request gave, for the report."""
    out = [f"name: {mask('PERSON', n)}" for n in query.names]
    out += [f"phone: {mask('PHONE_NUMBER', p)}" for p in query.phones]
    out += [f"email: {mask('EMAIL_ADDRESS', e)}" for e in query.emails]
    out += [f"rrn: {mask('KR_RRN', r)}" for r in query.rrns]
    out += [f"id: {mask('PASSWORD', i)}" for i in query.ids]
    return out


def _columns(found: FoundTable, policy: Policy, lang: Lang) -> list[HeldColumn]:
    out = []
    for column in found.table.table.columns:
        entities = sorted(found.table.entities.get(column.name, frozenset()))
        if not entities:
            continue
        entity = next((e for e in entities if e != ENCRYPTED), ENCRYPTED)
        keys = policy.categories_of(entity)
        category = policy.category(keys[0]) if keys else None
        label = category.label.in_lang(lang) if category else entity
        if entity == ENCRYPTED:
            masked = ["(암호화되어 보관)" if lang == "ko" else "(stored encrypted)"]
        else:
            values = [str(r[column.name]) for r in found.rows if r.get(column.name) not in (None, "")]
            masked = list(dict.fromkeys(m for v in values if (m := mask(entity, v))))[:MAX_VALUES]
        if masked:
            out.append(HeldColumn(column=column.name, category=label, masked=masked))
    return out


def _purposes(found: FoundTable, policy: Policy, lang: Lang) -> list[str]:
    context = next((c for c in policy.collection if c.id == found.table.record_type.context), None)
    if context is None:
        return []
    labels = {p.id: p.label.in_lang(lang) for p in policy.purposes}
    return [labels.get(p, p) for p in context.purposes]


def cite(ids: list[str], law: Law | None, lang: Lang) -> list[str]:
    """Name the law ids as their statute and article (the id itself when the law base lacks it)."""
    out = []
    for basis in ids:
        provision = law.provision(basis) if law else None
        out.append(f"{provision.statute.in_lang(lang)} {provision.article}" if provision else basis)
    return list(dict.fromkeys(out))


def held_records(
    search: SubjectSearch, found: FoundTable, policy: Policy, law: Law | None, lang: Lang, today: date
) -> HeldRecords:
    """Describe one table's rows about the person, kept until their retention ends or a hold lets go."""
    rt = found.table.record_type
    until = rows_end(found.table, found.rows)
    keep = keep_of(found.table, found.rows, search.holders(found), today)
    basis = [b for r in rt.retention for b in r.legal_basis]
    if keep is not None:
        until = None if keep.until is None or until is None else max(until, keep.until)
        basis += keep.legal_basis
    rules = ", ".join(f"{r.event} + {r.period}" for r in rt.retention)
    if keep is not None and keep.held_by != (found.table.name,):
        rules += "; " + ", ".join(t for t in keep.held_by if t != found.table.name)
    return HeldRecords(
        source=found.source,
        table=found.table.name,
        record_type=rt.id,
        record_label=rt.label.in_lang(lang),
        policy_ref=rt.ref,
        rows=len(found.rows),
        columns=_columns(found, policy, lang),
        purposes=_purposes(found, policy, lang),
        legal_basis=cite(basis, law, lang),
        legal_hold=keep is not None,
        retained_until=until,
        retention_rule=rules,
    )


def access_report(
    search: SubjectSearch,
    policy: Policy,
    law: Law | None = None,
    received: date | None = None,
    lang: Lang = "ko",
) -> AccessReport:
    """Build the answer to an access request from what the search found.

    Args:
        search: the subject search.
        policy: the policy (purposes, categories, retention rules, answer deadline).
        law: the legal knowledge base, to cite legal bases by name (ids otherwise).
        received: the day the request was received (default: today); the answer is due
            ``subject_rights.answer_within_days`` later.
        lang: ``ko`` (default) or ``en``.

    """
    day = received or date.today()
    rights = policy.subject_rights
    officer = policy.privacy_officer
    return AccessReport(
        lang=lang,
        organisation=policy.organisation.in_lang(lang),
        received=day,
        answer_by=day + timedelta(days=rights.answer_within_days),
        answer_ref=rights.ref,
        identifiers=masked_identifiers(search.query),
        records=[held_records(search, f, policy, law, lang, day) for f in search.found.values()],
        not_searched=search.not_searched,
        privacy_officer=f"{officer.position.in_lang(lang)} {officer.phone}" if officer else None,
    )
