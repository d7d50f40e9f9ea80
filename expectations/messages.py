"""Violation messages in plain words, in Korean and English, rendered from the facts a check found.

A message says what is wrong, where, how much, and what to do, without a single value read from the data:
only table and column names, counts, category names and the policy's own words. Templates are data (one
pair per rule); ``render`` fills them from ``Facts``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from expectations import rules as r
from expectations.model import Lang
from policy.schema import Period, Policy
from reports.i18n import Strings, entity_label, period_words
from reports.korean import ko_format

KO, EN = Strings("ko"), Strings("en")

_MEASURES: dict[str, tuple[str, str]] = {
    "one_way_hash": ("one-way hashing", "일방향 암호화"),
    "encrypted": ("encryption", "암호화"),
}

_TEMPLATES: dict[str, tuple[str, str]] = {
    r.RETENTION_OVERDUE: (
        "{count_rows} of {record_type} in '{table}' {are} past the retention period ({clocks}) plus the "
        "{days}-day destruction deadline and still {hold} personal data. Destroy or anonymise {them}.",
        "{table:q}의 {record_type} {count:,}건이 보유기간({clocks})과 파기 기한 {days}일을 넘기고도 "
        "개인정보를 담고 있습니다. 파기하거나 익명처리하세요.",
    ),
    r.CONSENT_WITHDRAWN_RETAINED: (
        "{count_members} in '{table}' withdrew more than {days} days ago ({role_column}) but their personal "
        "data is still kept ({columns}). No law requires keeping it: destroy it.",
        "{table:q}에서 탈퇴한 지 {days}일이 넘은 회원 {count:,}명({role_column} 기준)의 "
        "개인정보({columns})가 아직 남아 있습니다. 법이 보존을 요구하지 않으니 파기하세요.",
    ),
    r.MINORS_NO_GUARDIAN_CONSENT: (
        "{count_people} in '{table}' {were} under {age} at sign-up with no legal representative's consent "
        "recorded ({role_column} is empty). Obtain and record the consent, or stop processing their data.",
        "{table:q}에서 가입 당시 만 {age}세 미만이던 {count:,}명에게 법정대리인 동의 기록({role_column})이 "
        "없습니다. 동의를 받아 기록하거나 개인정보 처리를 중단하세요.",
    ),
    r.SECURITY_PLAINTEXT_SECRET: (
        "Column '{column}' in '{table}' holds {entities} in plain text ({seen}); the policy requires "
        "{measure}. Encrypt it (hash passwords one-way) and list it under `encrypted` in the column map, or "
        "drop it if nothing needs it.",
        "{table:q}의 {column:q} 컬럼에 {entities:이} 평문으로 저장되어 있습니다({seen}). 처리방침은 "
        "{measure:을} 요구합니다. 암호화(비밀번호는 해시)하거나 쓰지 않는 컬럼이면 삭제하고, 컬럼 맵의 "
        "encrypted에 등록하세요.",
    ),
    r.COLLECTION_UNDECLARED: (
        "Column '{column}' in '{table}' holds {categories} ({entities}), which the policy does not declare "
        "collecting for {record_type}. Stop collecting it and delete it, or declare it in the policy first.",
        "{table:q}의 {column:q} 컬럼에 {categories_entities:이} 있으나, 처리방침은 {record_type}에 대해 이를 "
        "수집한다고 밝히지 않았습니다. 수집을 멈추고 삭제하거나 처리방침에 먼저 공개하세요.",
    ),
    r.INVENTORY_UNMAPPED: (
        "Table '{table}' {how}, so no retention rule covers it, yet {n_columns} columns ({columns}) hold "
        "{categories}. If it is a forgotten copy, delete it; otherwise map it to a record type in scan.yaml.",
        "{table:q은} {how} 어떤 보유기간도 적용되지 않지만, 컬럼 {n_columns}개({columns})에 "
        "{categories:이} 있습니다. 잊힌 복사본이면 삭제하고, 아니면 scan.yaml에서 기록 유형을 지정하세요.",
    ),
    r.CONSIGNMENT_OUT_OF_SCOPE: (
        "'{table}', sent to consignee {consignee}, holds {categories} ({entities}) in column '{column}', "
        "which is not entrusted to it (entrusted: {entrusted}). Remove the column before sending, or stop "
        "the transfer.",
        "수탁자 {consignee}에게 보내는 {table:q}의 {column:q} 컬럼에 위탁 범위({entrusted})에 없는 "
        "{categories_entities:이} 있습니다. 전송 전에 컬럼을 제거하거나 전송을 중단하세요.",
    ),
}


# A secret typed into a note is fixed where it sits: redacted, or moved to a protected field.
_FREE_TEXT_SECRET: tuple[str, str] = (
    "Notes in column '{column}' of '{table}' contain {entities} typed into the text ({seen}). Encrypting "
    "a notes column does not fit: redact the numbers from the notes (or move them to a protected field), "
    "and stop staff from typing them into notes.",
    "{table:q}의 {column:q} 컬럼은 자유 기술 메모인데, 메모 속에 {entities:이} 적혀 있습니다({seen}). "
    "메모 컬럼은 암호화보다 해당 번호를 지우거나(가림 처리) 보호된 별도 필드로 옮겨야 합니다. "
    "메모에 번호를 적지 않도록 직원에게 안내하세요.",
)


@dataclass(frozen=True)
class ClockRule:
    """One retention rule as applied to a table: keep ``period`` after ``event``, clock in ``column``."""

    event: str
    period: Period
    column: str


@dataclass(frozen=True)
class Facts:
    """What a check found: everything a message may mention, and no value read from the data."""

    table: str
    column: str | None = None  # the violation's column; None for a rule about whole rows
    role_column: str | None = None  # the column a row rule reads (withdrawal date, guardian consent)
    count: int | None = None
    record_type: str | None = None
    clock_rules: tuple[ClockRule, ...] = ()
    days: int = 0
    columns: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    rows_scanned: int = 0
    measure: str | None = None
    consignee: str | None = None
    age: int = 0
    mapped_without_record_type: bool = False
    free_text: bool = False  # the column holds notes: the fix is to redact, not to encrypt


def period_text(period: Period, lang: Lang) -> str:
    """Write ``1y6m`` as "1 year 6 months" (en) or "1년 6개월" (ko): ``reports.i18n.period_words``."""
    return period_words(period, lang)


def _plural(n: int | None, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _join(items: Sequence[str], lang: Lang) -> str:
    return ("·" if lang == "ko" else ", ").join(items)


class _Words:
    """The words a template needs, in one language."""

    def __init__(self, facts: Facts, policy: Policy, lang: Lang) -> None:
        self.f, self.p, self.lang = facts, policy, lang

    def categories(self, keys: Sequence[str]) -> str:
        labels = []
        for key in keys:
            category = self.p.category(key)
            labels.append(category.label.in_lang(self.lang) if category else key)
        return _join(labels, self.lang)

    def entities(self) -> str:
        return _join([entity_label(e, self.lang) for e in self.f.entities], self.lang)

    def categories_entities(self) -> str:
        """Return the categories with the entities found (Korean templates): 고유식별정보(주민등록번호).

        A category whose every entity was found needs no gloss (사진 메타데이터 (촬영일시·촬영기기), not
        "...(촬영기기)(사진 촬영정보)"); a label that ends in its own parenthesis takes the entities after
        중: 결제정보 (카드·계좌번호) 중 신용카드 번호.
        """
        categories, entities = self.categories(self.f.categories), self.entities()
        grouped = {e for key in self.f.categories if (c := self.p.category(key)) for e in c.entities}
        if grouped and grouped <= set(self.f.entities):
            return categories
        return f"{categories} 중 {entities}" if categories.endswith(")") else f"{categories}({entities})"

    def record_type(self) -> str:
        rt = self.p.record_type(self.f.record_type or "")
        return rt.label.in_lang(self.lang) if rt else (self.f.record_type or "")

    def clocks(self) -> str:
        if self.lang == "ko":
            parts = [
                f"{getattr(KO, 'event_' + c.event)}({c.column}) 후 {period_text(c.period, 'ko')}"
                for c in self.f.clock_rules
            ]
        else:
            parts = [
                f"{period_text(c.period, 'en')} after {getattr(EN, 'event_' + c.event)} ({c.column})"
                for c in self.f.clock_rules
            ]
        return ", ".join(parts)

    def seen(self) -> str:
        f = self.f
        if self.lang == "ko":
            return f"검사한 {f.rows_scanned}행 중 {f.count}행" if f.count else "컬럼 이름으로 확인"
        return f"{f.count} of {f.rows_scanned} rows scanned" if f.count else "found by the column name"

    def how_unmapped(self) -> str:
        if self.lang == "ko":
            return (
                "개인정보가 없는 테이블(record_type: null)로 지정되어"
                if self.f.mapped_without_record_type
                else ("컬럼 맵에 없어")
            )
        return (
            "is mapped as holding no personal data (record_type: null)"
            if self.f.mapped_without_record_type
            else "is not in the column map"
        )

    def consignee(self) -> tuple[str, str]:
        consignee = self.p.consignee(self.f.consignee or "")
        if consignee is None:
            return self.f.consignee or "", ""
        return consignee.display_name(self.lang), self.categories(consignee.entrusted)

    def params(self) -> dict[str, object]:
        f = self.f
        name, entrusted = self.consignee()
        measure = _MEASURES.get(f.measure or "encrypted", _MEASURES["encrypted"])
        return {
            "table": f.table,
            "column": f.column,
            "role_column": f.role_column,
            "count": f.count,
            "days": f.days,
            "age": f.age,
            "n_columns": len(f.columns),
            "columns": _join(f.columns, self.lang),
            "count_rows": _plural(f.count, "row", "rows"),
            "count_members": _plural(f.count, "member", "members"),
            "count_people": _plural(f.count, "person", "people"),
            "are": "is" if f.count == 1 else "are",
            "were": "was" if f.count == 1 else "were",
            "hold": "holds" if f.count == 1 else "hold",
            "them": "it" if f.count == 1 else "them",
            "record_type": self.record_type(),
            "clocks": self.clocks(),
            "entities": self.entities(),
            "categories": self.categories(f.categories),
            "categories_entities": self.categories_entities(),
            "seen": self.seen(),
            "how": self.how_unmapped(),
            "measure": measure[1] if self.lang == "ko" else measure[0],
            "consignee": name,
            "entrusted": entrusted,
        }


def render(rule: str, facts: Facts, policy: Policy) -> dict[str, str]:
    """Write the message of a violation of ``rule`` in both languages: ``{"ko": ..., "en": ...}``."""
    en, ko = (
        _FREE_TEXT_SECRET if rule == r.SECURITY_PLAINTEXT_SECRET and facts.free_text else _TEMPLATES[rule]
    )
    return {
        "ko": ko_format(ko, **_Words(facts, policy, "ko").params()),
        "en": en.format(**_Words(facts, policy, "en").params()),
    }
