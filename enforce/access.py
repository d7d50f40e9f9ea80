"""The answer to an access request (PIPA Art. 35): what is held about the person, where, why, until when.

Built from a subject search: for every table holding rows about the person, the categories held (with
masked values only, the way the clinic's screens show them), the purposes the policy declares for that
record type, the legal basis, and the day its retention ends by the rules. The answer is due within the
policy's ``answer_within_days`` (10 days: PIPA Enforcement Decree Art. 41-44).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field

from detectors.masking import mask
from enforce.exports import SentFile, sent_files
from enforce.holds import keep_of, rows_end
from enforce.identify import SubjectQuery, normalize_name
from enforce.search import FoundTable, SubjectSearch
from enforce.tables import ENCRYPTED
from policy.law import Law, article_words
from policy.schema import Policy, RecordType
from reports.coverage import Coverage
from reports.i18n import TEXT, Strings, entity_label, period_words
from reports.korean import attach

Lang = Literal["ko", "en"]
MAX_VALUES = 5
FREE_TEXT_CHARS = 60
# Columns that name someone else: the doctor, the counsellor, the staff member who wrote the row.
STAFF_HINT = re.compile(
    r"doctor|dr_|staff|nurse|counsel|manager|writer|author|employee|의사|담당|직원|상담사|실장|작성", re.I
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class HeldColumn(_Model):
    """One column about the person: its category and masked values (never a raw one)."""

    column: str
    category: str
    masked: list[str] = Field(default_factory=list)


class FreeText(_Model):
    """Written notes about the person (consultation notes, chart memos): counted and described, not quoted."""

    column: str
    rows: int
    may_contain: list[str] = Field(default_factory=list)  # category names in words


class HeldRecords(_Model):
    """What the tables of one record type hold about the person.

    ``tables`` (``source.table``) and ``record_type`` are for the clinic's staff (the JSON); the pages a
    patient reads show ``record_label``, the categories in words, ``retention`` and ``law`` in words. Two
    tables of one record type (a chart and its consultation notes, both 진료기록부) are one entry, so a
    letter never shows two identical headings; ``retained_from`` is the earliest end when their rows end on
    different days.
    """

    tables: list[str]
    record_type: str
    record_label: str
    policy_ref: str
    rows: int
    columns: list[HeldColumn] = Field(default_factory=list)
    free_text: list[FreeText] = Field(default_factory=list)
    purposes: list[str] = Field(default_factory=list)
    legal_basis: list[str] = Field(default_factory=list)
    legal_hold: bool = False
    retained_until: date | None = None
    retained_from: date | None = None  # the earliest end, when the rows' ends differ
    retention_rule: str = ""  # in words: "마지막 내원일로부터 5년"
    recipients: list[str] = Field(default_factory=list)  # consignees that receive these categories
    others_left_out: bool = False  # names of other people (the doctor, a guardian) in these rows


class AccessReport(_Model):
    """The whole answer: identifiers (masked), the deadline, every table holding something, and the rights."""

    lang: Lang
    organisation: str
    received: date
    answer_by: date
    answer_ref: str
    identifiers: list[str]
    records: list[HeldRecords] = Field(default_factory=list)
    not_searched: list[str] = Field(default_factory=list)
    sent: list[SentFile] = Field(default_factory=list)  # export files with the person's data, and to whom
    unread_files: list[str] = Field(default_factory=list)  # export files that could not be read
    coverage: Coverage | None = None
    privacy_officer: str | None = None
    rights: list[str] = Field(default_factory=list)  # what the person may ask, in words
    channels: list[str] = Field(default_factory=list)  # how to ask, in words
    identity_documents: list[str] = Field(default_factory=list)


def masked_identifiers(query: SubjectQuery, lang: Lang = "ko") -> list[str]:
    """Mask the identifiers the request gave, each named in words, for the report."""
    t = Strings(lang)
    out = [f"{entity_label('PERSON', lang, False)}: {mask('PERSON', n)}" for n in query.names]
    out += [f"{entity_label('PHONE_NUMBER', lang, False)}: {mask('PHONE_NUMBER', p)}" for p in query.phones]
    out += [f"{entity_label('EMAIL_ADDRESS', lang, False)}: {mask('EMAIL_ADDRESS', e)}" for e in query.emails]
    out += [f"{entity_label('KR_RRN', lang, False)}: {mask('KR_RRN', r)}" for r in query.rrns]
    out += [f"{t.member_number}: {mask('PASSWORD', i)}" for i in query.ids]
    return out


def _is_free_text(values: list[str]) -> bool:
    """Tell a note written by a person, not a field: long, or a sentence of several words."""
    return any(len(v) > FREE_TEXT_CHARS or v.count(" ") >= 3 for v in values)


def _category_of(entity: str, policy: Policy, lang: Lang) -> str:
    keys = policy.categories_of(entity)
    category = policy.category(keys[0]) if keys else None
    return category.label.in_lang(lang) if category else entity_label(entity, lang, False)


class _Columns:
    """The person's own values in one table, by column; other people's names and free text set apart."""

    def __init__(self, found: FoundTable, query: SubjectQuery, policy: Policy, lang: Lang) -> None:
        self.columns: list[HeldColumn] = []
        self.free_text: list[FreeText] = []
        self.others_left_out = False
        own_names = {normalize_name(n) for n in query.names}
        for column in found.table.table.columns:
            entities = sorted(found.table.entities.get(column.name, frozenset()))
            if not entities:
                continue
            values = [str(r[column.name]) for r in found.rows if r.get(column.name) not in (None, "")]
            entity = next((e for e in entities if e != ENCRYPTED), ENCRYPTED)
            if entity == ENCRYPTED:
                masked = [Strings(lang).stored_encrypted]
            elif entity == "PASSWORD_HASH":
                masked = (
                    [Strings(lang).stored_hashed] if values else []
                )  # a hash's prefix means nothing to her
            elif _is_free_text(values) or (isinstance(column.type, sa.Text) and "MEDICAL_INFO" in entities):
                labels = list(
                    dict.fromkeys(_category_of(e, policy, lang) for e in entities if e != ENCRYPTED)
                )
                self.free_text.append(FreeText(column=column.name, rows=len(values), may_contain=labels))
                continue
            else:
                if entity == "PERSON":
                    mine = [v for v in values if own_names and normalize_name(v) in own_names]
                    if len(mine) < len(values) or STAFF_HINT.search(column.name):
                        self.others_left_out = True
                    values = [] if STAFF_HINT.search(column.name) else mine
                masked = list(dict.fromkeys(m for v in values if (m := mask(entity, v))))[:MAX_VALUES]
            if masked:
                self.columns.append(
                    HeldColumn(column=column.name, category=_category_of(entity, policy, lang), masked=masked)
                )


def _purposes(found: FoundTable, policy: Policy, lang: Lang) -> list[str]:
    context = next((c for c in policy.collection if c.id == found.table.record_type.context), None)
    if context is None:
        return []
    labels = {p.id: p.label.in_lang(lang) for p in policy.purposes}
    return [labels.get(p, p) for p in context.purposes]


def cite(ids: list[str], law: Law | None, lang: Lang, today: date | None = None) -> list[str]:
    """Name the law ids as their statute and article; a provision repealed by ``today`` is left out.

    A patient must never be told a repealed article is why the clinic keeps their data; the policy lint
    (``legal_basis.repealed``) tells the clinic to fix the policy. Ids the law base lacks are left out too:
    an internal id means nothing to a reader.
    """
    out = []
    for basis in ids:
        provision = law.provision(basis) if law else None
        if provision is None or (today is not None and provision.is_repealed(today)):
            continue
        article = article_words(provision.article, lang) if provision.article else ""
        out.append(" ".join(filter(None, [provision.statute.in_lang(lang), article])))
    return list(dict.fromkeys(out))


def _law_words(rt: RecordType, basis: list[str], law: Law | None, lang: Lang, today: date) -> list[str]:
    """Cite the law in words: "의료법 시행규칙 제15조제1항: 진료기록부 10년" for a medical record type."""
    cited = cite(basis, law, lang, today)
    record = law.medical_record(rt.medical_record_type) if law and rt.medical_record_type else None
    if record is not None and cited:
        cited[0] = f"{cited[0]}: {record.label.in_lang(lang)} {period_words(record.retention, lang)}"
    return cited


def retention_words(rt: RecordType, lang: Lang) -> str:
    """Say the record type's retention in words: "마지막 로그인으로부터 1년" (particles by the helper)."""
    t = Strings(lang)
    parts = []
    for r in rt.retention:
        event = getattr(t, "event_" + r.event)
        if not (r.period.years or r.period.months or r.period.days):
            parts.append(t.fmt("on_the_day", event=event))  # 0d: "탈퇴일로부터 0일" says nothing
        elif lang == "ko":
            parts.append(f"{attach(event, '으로')}부터 {period_words(r.period, lang)}")
        else:
            parts.append(f"{period_words(r.period, lang)} after {event}")
    return t.fmt("whichever_first", rules=", ".join(parts)) if len(parts) > 1 else parts[0]


def _recipients(rt: RecordType, policy: Policy, lang: Lang) -> list[str]:
    """List the consignees entrusted with any category this record type holds, with their task."""
    out = []
    for c in policy.consignees:
        shared = [k for k in rt.categories if k in c.entrusted]
        if shared:
            labels = [cat.label.in_lang(lang) if (cat := policy.category(k)) else k for k in shared]
            out.append(f"{c.display_name(lang)} ({c.task.in_lang(lang)}: {', '.join(labels)})")
    return out


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
    columns = _Columns(found, search.query, policy, lang)
    return HeldRecords(
        tables=[f"{found.source}.{found.table.name}"],
        record_type=rt.id,
        record_label=rt.label.in_lang(lang),
        policy_ref=rt.ref,
        rows=len(found.rows),
        columns=columns.columns,
        free_text=columns.free_text,
        purposes=_purposes(found, policy, lang),
        legal_basis=_law_words(rt, basis, law, lang, today),
        legal_hold=keep is not None,
        retained_until=until,
        retention_rule=retention_words(rt, lang),
        recipients=_recipients(rt, policy, lang),
        others_left_out=columns.others_left_out,
    )


def _merge(records: list[HeldRecords]) -> HeldRecords:
    """One entry for the tables of one record type: values, notes and rows together, the latest end."""
    first = records[0]
    columns: dict[tuple[str, str], HeldColumn] = {}
    for c in (c for r in records for c in r.columns):
        held = columns.setdefault((c.column, c.category), HeldColumn(column=c.column, category=c.category))
        held.masked = list(dict.fromkeys(held.masked + c.masked))[:MAX_VALUES]
    ends = [r.retained_until for r in records]
    until = None if None in ends else max(e for e in ends if e is not None)
    earliest = None if until is None else min(e for e in ends if e is not None)
    return first.model_copy(
        update={
            "tables": [t for r in records for t in r.tables],
            "rows": sum(r.rows for r in records),
            "columns": list(columns.values()),
            "free_text": [n for r in records for n in r.free_text],
            "legal_basis": list(dict.fromkeys(b for r in records for b in r.legal_basis)),
            "legal_hold": any(r.legal_hold for r in records),
            "retained_until": until,
            "retained_from": earliest if earliest != until else None,
            "others_left_out": any(r.others_left_out for r in records),
        }
    )


def merged(records: list[HeldRecords]) -> list[HeldRecords]:
    """Merge the entries of one record type, in the order their first table was found."""
    by_type: dict[str, list[HeldRecords]] = {}
    for r in records:
        by_type.setdefault(r.record_type, []).append(r)
    return [_merge(group) if len(group) > 1 else group[0] for group in by_type.values()]


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
        policy: the policy (purposes, categories, retention rules, consignees, answer deadline).
        law: the legal knowledge base, to cite legal bases by name (left out otherwise).
        received: the day the request was received (default: today); the answer is due
            ``subject_rights.answer_within_days`` later.
        lang: ``ko`` (default) or ``en``.

    """
    day = received or date.today()
    rights = policy.subject_rights
    officer = policy.privacy_officer
    t = Strings(lang)
    return AccessReport(
        lang=lang,
        organisation=policy.organisation.in_lang(lang),
        received=day,
        answer_by=day + timedelta(days=rights.answer_within_days),
        answer_ref=rights.ref,
        identifiers=masked_identifiers(search.query, lang),
        records=merged([held_records(search, f, policy, law, lang, day) for f in search.found.values()]),
        not_searched=search.not_searched,
        sent=sent_files(search.exports, policy, lang),
        unread_files=search.unread_exports,
        coverage=search.coverage,
        privacy_officer=f"{officer.position.in_lang(lang)} ({officer.phone})" if officer else None,
        rights=[getattr(t, f"right_{r}") for r in rights.rights],
        channels=[getattr(t, f"channel_{c}") for c in rights.request_channels],
        identity_documents=[
            getattr(t, f"doc_{d}") if f"doc_{d}" in TEXT else d.replace("_", " ")
            for d in rights.identity_documents
        ],
    )
