"""What ``policy check`` says about each finding, in English and Korean: one table for the lint's sentences.

policy/ imports nothing of ours, so the lint cannot use reports/i18n.py; its sentences live here, each
with both languages and the same placeholders (a test holds the table to that). A value that differs by
language (a citation, a record type's name) is given as ``Bi(en, ko)``. The law base's notes are English
only: they fill the English sentence and are left out of the Korean one (which uses no placeholder the
English lacks), which says where to read them.
Korean sentences never put a particle right after a placeholder (this package cannot reach the particles
helper): the noun before the particle is always part of the sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from string import Formatter
from typing import Any, NamedTuple

LINT_TEXT: dict[str, dict[str, str]] = {
    "repealed": {
        "en": "{story}. {note}Do not present it as a legal duty: cite a law in force or describe the rule "
        "as the organisation's own policy.",
        "ko": "{story}. 법적 의무로 적지 마세요: 현행 법령을 근거로 들거나, 병원 자체 정책으로 적으세요.",
    },
    "repealed_story": {"en": "cites {first}, repealed on {day}", "ko": "근거 조항 {first}: {day} 삭제"},
    "moved_step": {"en": ", moved to {to}", "ko": ", {to} 조항으로 이동"},
    "moved_step_repealed": {
        "en": ", moved to {to} (repealed on {day})",
        "ko": ", {to} 조항으로 이동 ({day} 삭제)",
    },
    "moved": {"en": "{story}. Cite {last} instead.", "ko": "{story}. 대신 {last} 조항을 근거로 드세요."},
    "unknown_basis": {
        "en": "legal basis '{basis}' is not in the legal knowledge base; use one of its provision ids or "
        "add the provision to law.yaml",
        "ko": "근거 '{basis}' 항목이 법령 지식 베이스에 없습니다. 출처와 함께 policy/law.yaml 파일에 "
        "추가하거나 id 값을 고치세요.",
    },
    "not_in_force": {
        "en": "cites {provision}, in force only from {day}",
        "ko": "근거 조항 {provision}: {day}부터 시행 (아직 시행 전)",
    },
    "unverified": {
        "en": "cites {provision}, which no statute text we hold supports: {note}{who} Confirm it or drop "
        "the citation.",
        "ko": "근거 조항 {provision}: 보유한 법령 원문으로 뒷받침되지 않습니다. 확인하거나 근거에서 "
        "빼세요 (자세한 내용: policy/law.yaml).",
    },
    "unverified_who": {"en": " The duty falls on {who}.", "ko": ""},
    "conditional": {
        "en": "{provision} applies only to {who}",
        "ko": "{provision} 조항은 일부 사업자에게만 적용됩니다 (적용 대상은 policy/law.yaml 참고)",
    },
    "assumed": {
        "en": "the published policy does not state {what}; the policy file assumes it. State it in the "
        "published policy.",
        "ko": "공개된 처리방침에 없는 내용({what})을 정책 파일이 가정하고 있습니다. 공개 처리방침에 "
        "적으세요.",
    },
    "assumed_category": {"en": "'{label}' as personal data it holds", "ko": "개인정보 항목 '{label}'"},
    "assumed_measure": {"en": "'{category}' stored {measure}", "ko": "'{category}' 항목 {measure} 보관"},
    "assumed_period": {
        "en": "a retention period of {period} after {event}",
        "ko": "{event} 기준 보유 기간 {period}",
    },
    "medical_unknown_held": {
        "en": "'{kind}' is not a Medical Service Act record type; use one of {kinds}",
        "ko": "'{kind}' 값은 의료법상 진료기록 종류가 아닙니다. 다음 중 하나를 쓰세요: {kinds}.",
    },
    "medical_unnamed": {
        "en": "the clinic keeps {label}, which the law makes it keep {period}, but no record type names "
        "them: add one with its retention period.",
        "ko": "병원이 보유한다고 밝힌 진료기록 '{label}' 항목은 법정 보존기간이 {period}인데, 이를 담는 "
        "기록 유형이 없습니다. 보존기간과 함께 기록 유형을 추가하세요.",
    },
    "medical_unknown_type": {
        "en": "'{kind}' is not a Medical Service Act record type",
        "ko": "'{kind}' 값은 의료법상 진료기록 종류가 아닙니다",
    },
    "medical_too_short": {
        "en": "{record} kept {period} but the law requires {needed} for {label}",
        "ko": "{record} 기록 유형의 보존기간은 {period}이지만, 법은 {label} 기록에 {needed}을 요구합니다",
    },
    "medical_no_hold": {
        "en": "{record} is a record the law makes the clinic keep; set legal_hold so erasure requests do "
        "not remove it within its period",
        "ko": "{record} 기록 유형은 법정 보존 대상입니다. 삭제 요구나 보존기간 처리에도 남도록 "
        "legal_hold: true 값을 넣으세요.",
    },
    "hold_no_basis": {
        "en": "{record} is kept under a legal hold but no retention rule cites the law that imposes it",
        "ko": "{record} 기록 유형은 법정 보존인데, 이를 요구하는 법령을 든 보존 규칙이 없습니다.",
    },
    "hold_no_items": {
        "en": "{record} is kept under a legal hold; name the items kept (PIPA Art. 30(1))",
        "ko": "{record} 기록 유형은 법정 보존입니다. 보존하는 항목을 적으세요 (개인정보 보호법 제30조제1항).",
    },
    "encrypted_not_hashed": {
        "en": "'{category}' is only 'encrypted' but the law asks for one-way hashing. {note}Write measure: "
        "one_way_hash.",
        "ko": "'{category}' 항목은 'encrypted'(암호화)로만 적혀 있지만, 법은 일방향 암호화를 요구합니다. "
        "measure: one_way_hash 값으로 적으세요.",
    },
    "weaker_than_law": {
        "en": "'{category}' is protected by '{have}' but the law requires '{need}'. {note}Add or strengthen "
        "its security rule.",
        "ko": "'{category}' 항목의 보호 조치는 '{have}' 수준이지만, 법은 '{need}' 수준을 요구합니다. "
        "security 규칙을 추가하거나 강화하세요.",
    },
    "cctv_retention": {
        "en": "the policy states no retention period for CCTV footage, so its destruction cannot be checked; "
        "state the period (e.g. 30d).",
        "ko": "영상정보처리기기 영상의 보관 기간이 없어 파기를 점검할 수 없습니다. 기간을 적으세요 "
        "(예: 30d).",
    },
    "consignee_no_task": {
        "en": "consignee '{consignee}' has no named task; PIPA Art. 26(2) requires the entrusted work to be "
        "disclosed in both languages.",
        "ko": "수탁자 '{consignee}' 항목에 위탁 업무가 없습니다. 개인정보 보호법 제26조제2항은 위탁 업무를 "
        "공개하도록 요구합니다 (한국어·영어 모두 적으세요).",
    },
    "consignee_nothing": {
        "en": "consignee '{consignee}' is entrusted no category, so every export to it will be flagged; list "
        "what it may receive.",
        "ko": "수탁자 '{consignee}' 항목에 위탁한 개인정보 항목이 없어, 이 수탁자에게 보내는 모든 파일이 "
        "지적됩니다. 받을 수 있는 항목을 적으세요.",
    },
    "consignee_overseas": {
        "en": "consignee '{consignee}' processes data abroad: the cross-border rules of PIPA Art. 28-8 apply "
        "as well.",
        "ko": "수탁자 '{consignee}' 항목은 국외에서 처리합니다: 개인정보 보호법 제28조의8의 국외 이전 규정도 "
        "적용됩니다.",
    },
    "minors_age": {
        "en": "children under {age} need a legal representative's consent; the policy asks only under "
        "{below}.",
        "ko": "만 {age}세 미만 아동은 법정대리인 동의가 필요하지만, 처리방침은 만 {below}세 미만에만 "
        "동의를 받습니다.",
    },
    "minors_no_consent": {
        "en": "PIPA Art. 22-2 requires a legal representative's consent under {age}.",
        "ko": "개인정보 보호법 제22조의2는 만 {age}세 미만 아동에 대해 법정대리인 동의를 요구합니다.",
    },
    "minors_no_method": {
        "en": "the policy does not say how the representative's consent is verified (Decree Art. 17-2: SMS, "
        "card details, mobile verification, signed paper, e-mail, telephone).",
        "ko": "처리방침에 법정대리인 동의를 확인하는 방법이 없습니다 (시행령 제17조의2: 문자 메시지, "
        "카드 정보, 휴대전화 본인인증, 서명한 서면, 이메일, 전화).",
    },
    "rights_slow": {
        "en": "requests must be answered within {limit} days; the policy allows {days}.",
        "ko": "요구에는 {limit}일 안에 답해야 하지만, 처리방침은 {days}일로 적었습니다.",
    },
    "rights_missing": {
        "en": "the policy does not offer {rights} (PIPA Arts. 35-36).",
        "ko": "처리방침에 없는 권리: {rights} (개인정보 보호법 제35조·제36조).",
    },
    "rights_harder": {
        "en": "data are collected through {collected} but requests are taken only by {channels}; Decree "
        "Art. 41(2) says requesting must not be harder than collection.",
        "ko": "수집 경로는 {collected}인데 요구는 {channels} 경로로만 받습니다. 시행령 제41조제2항: 요구 "
        "방법이 수집 방법보다 어려우면 안 됩니다.",
    },
    "destruction_slow": {
        "en": "destruction within {days} days; PIPA Art. 21 says without delay, read as at most {limit} "
        "days.",
        "ko": "파기 기한이 {days}일입니다. 개인정보 보호법 제21조의 '지체 없이'는 최대 {limit}일로 읽습니다.",
    },
    "law_outdated": {
        "en": "the legal knowledge base is as of {day}; laws may have changed since. Review policy/law.yaml.",
        "ko": "법령 지식 베이스 기준일이 {day}입니다. 그 뒤 법령이 바뀌었을 수 있으니 policy/law.yaml 파일을 "
        "검토하세요.",
    },
}

# Words the Korean sentences fill in: channels, rights, measures, events (the policy file's own values).
LINT_WORDS_KO: dict[str, str] = {
    "access": "열람",
    "correction": "정정",
    "deletion": "삭제",
    "suspension": "처리 정지",
    "withdrawal": "동의 철회",
    "visit": "방문",
    "homepage": "홈페이지",
    "written_form": "서면",
    "fax": "팩스",
    "telephone": "전화",
    "email": "이메일",
    "mail": "우편",
    "privacy_officer": "개인정보 보호책임자",
    "encrypted": "암호화",
    "one_way_hash": "일방향 암호화",
    "none": "없음",
    "creation": "생성일",
    "last_login": "마지막 로그인",
    "last_visit": "마지막 내원일",
    "event_end": "행사 종료일",
}


class Bi(NamedTuple):
    """A value that reads differently in English and Korean."""

    en: str
    ko: str


def words_ko(values: Sequence[str], sep: str = ", ") -> str:
    """Join policy values (``visit``, ``deletion``) as Korean words; an unknown value stays as written."""
    return sep.join(LINT_WORDS_KO.get(v, v) for v in values)


def placeholders(template: str) -> set[str]:
    """Return the ``{names}`` a template fills in."""
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def lint_text(key: str, **values: Any) -> dict[str, str]:
    """Both sentences of ``key``, filled in: ``message`` (English) and ``message_ko`` (Korean).

    Raises:
        KeyError: the key or one of its languages is missing from ``LINT_TEXT``.

    """
    entry = LINT_TEXT[key]
    out = {}
    for lang, field in (("en", "message"), ("ko", "message_ko")):
        filled = {k: (getattr(v, lang) if isinstance(v, Bi) else v) for k, v in values.items()}
        out[field] = entry[lang].format(**filled)
    return out
