"""What each rule means and what to do about it, in both report languages, keyed by the contract's rule id."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleText:
    """A rule's name, its meaning, and the advice a data team can act on, each as {"ko": ..., "en": ...}."""

    title: dict[str, str]
    meaning: dict[str, str]
    advice: dict[str, str]


RULES: dict[str, RuleText] = {
    "retention.overdue": RuleText(
        title={"en": "Records kept past their retention period", "ko": "보존기간이 지난 기록 보관"},
        meaning={
            "en": "Rows are still stored although their record type's retention period and the 5-day "
            "destruction deadline have passed.",
            "ko": "기록 유형별 보존기간과 5일의 파기 기한이 지났는데도 행이 남아 있습니다.",
        },
        advice={
            "en": "Check that no law makes the clinic keep these rows longer, then destroy them so they "
            "cannot "
            "be recovered (PIPA Art. 21) and log the destruction. If the table also holds records that "
            "must be kept, move those to separate storage first.",
            "ko": "법령상 더 보존해야 할 의무가 없는지 확인한 뒤, 복구할 수 없는 방법으로 파기하고"
            "(개인정보 보호법 제21조) 파기 기록을 남기세요. 보존 의무가 있는 기록이 섞여 있다면 "
            "먼저 분리하여 보관하세요.",
        },
    ),
    "consent.withdrawn_retained": RuleText(
        title={"en": "Data of withdrawn members still kept", "ko": "탈퇴 회원의 개인정보 잔존"},
        meaning={
            "en": "Members who withdrew more than 5 days ago still have personal data stored beyond what a "
            "law makes the clinic keep.",
            "ko": "5일보다 전에 탈퇴(동의 철회)한 회원의 개인정보가 법령상 보존 의무 범위를 넘어 남아 "
            "있습니다.",
        },
        advice={
            "en": "Delete these members' data, except records a law makes the clinic keep (medical records), "
            "which must be stored apart from other data (PIPA Art. 21(3)). Find out why the withdrawal "
            "process did not delete them.",
            "ko": "의료기록 등 법령상 보존해야 하는 기록을 제외하고 삭제하세요. 보존 대상 기록은 다른 "
            "개인정보와 분리하여 보관해야 합니다(개인정보 보호법 제21조제3항). 탈퇴 처리에서 삭제되지 "
            "않은 원인을 확인하세요.",
        },
    ),
    "minors.no_guardian_consent": RuleText(
        title={
            "en": "Children under 14 without guardian consent",
            "ko": "법정대리인 동의 없는 만 14세 미만 아동",
        },
        meaning={
            "en": "Members who were under 14 when they signed up have no recorded consent from a legal "
            "representative.",
            "ko": "가입 당시 만 14세 미만이었던 회원에게 법정대리인 동의 기록이 없습니다.",
        },
        advice={
            "en": "Stop processing these members' data until a legal representative's consent is obtained "
            "and "
            "verified (PIPA Art. 22-2); delete the data if it cannot be obtained. Make sure sign-up stops "
            "under-14s who have no guardian consent.",
            "ko": "법정대리인의 동의를 받아 확인할 때까지 해당 회원의 개인정보 처리를 중단하세요"
            "(개인정보 보호법 제22조의2). 동의를 받을 수 없으면 삭제하세요. 가입 절차가 법정대리인 "
            "동의 없는 만 14세 미만 가입을 막는지 확인하세요.",
        },
    ),
    "security.plaintext_secret": RuleText(
        title={
            "en": "Password or identifier stored unprotected",
            "ko": "암호화되지 않은 비밀번호·고유식별정보",
        },
        meaning={
            "en": "A column holds plaintext passwords, or unencrypted resident registration, foreigner "
            "registration, passport, driver's licence, card or bank account numbers.",
            "ko": "평문 비밀번호, 또는 암호화되지 않은 주민등록번호·외국인등록번호·여권번호·운전면허번호·"
            "카드번호·계좌번호가 저장된 컬럼이 있습니다.",
        },
        advice={
            "en": "Hash passwords one-way (bcrypt, scrypt or Argon2) and encrypt identifiers, card and "
            "account "
            "numbers with a safe algorithm (Safety Measures Standard Art. 7). Until then, restrict who can "
            "read the column. If it is already encrypted, list it under 'encrypted' in scan.yaml.",
            "ko": "비밀번호는 일방향 암호화(bcrypt, scrypt, Argon2)하고, 고유식별정보·카드번호·계좌번호는 "
            "안전한 알고리즘으로 암호화하세요(안전성 확보조치 기준 제7조). 조치 전까지 컬럼 접근 권한을 "
            "제한하세요. 이미 암호화된 컬럼이면 scan.yaml의 'encrypted'에 추가하세요.",
        },
    ),
    "collection.undeclared": RuleText(
        title={"en": "Personal data the policy does not declare", "ko": "처리방침에 없는 개인정보 수집"},
        meaning={
            "en": "A table holds a category of personal data that its record type does not declare "
            "collecting.",
            "ko": "기록 유형에서 수집한다고 밝히지 않은 개인정보 항목이 테이블에 있습니다.",
        },
        advice={
            "en": "If the data is not needed, stop collecting it and delete it. If it is needed, add it to "
            "the "
            "privacy policy's collected items and purposes, and obtain consent where required.",
            "ko": "필요 없는 항목이면 수집을 중단하고 삭제하세요. 필요한 항목이면 처리방침의 수집 항목과 "
            "목적에 추가하고, 필요한 경우 동의를 받으세요.",
        },
    ),
    "inventory.unmapped": RuleText(
        title={"en": "Personal data in an unmapped table", "ko": "관리 대상에 없는 테이블의 개인정보"},
        meaning={
            "en": "Personal data was found in a table mapped to no record type, such as a forgotten backup "
            "copy or a temporary table.",
            "ko": "백업 사본이나 임시 테이블처럼 어떤 기록 유형에도 연결되지 않은 테이블에서 개인정보가 "
            "발견되었습니다.",
        },
        advice={
            "en": "Find out who created the table and why. Delete it if it is a leftover copy; otherwise map "
            "it to a record type in scan.yaml so its retention and protection are checked.",
            "ko": "누가 왜 만든 테이블인지 확인하세요. 남은 사본이면 삭제하고, 필요한 테이블이면 "
            "scan.yaml에서 "
            "기록 유형에 연결해 보존기간과 보호조치를 점검받게 하세요.",
        },
    ),
    "consignment.out_of_scope": RuleText(
        title={
            "en": "Export holds data not entrusted to the consignee",
            "ko": "위탁 범위를 벗어난 항목이 담긴 반출 파일",
        },
        meaning={
            "en": "An export file sent to a consignee holds categories of personal data not entrusted to it.",
            "ko": "수탁자에게 보낸 반출 파일에 위탁하지 않은 개인정보 항목이 들어 있습니다.",
        },
        advice={
            "en": "Stop further transfers, ask the consignee to delete the file and confirm in writing, and "
            "drop the extra columns from the export. Run 'clinicscan gate' before every transfer. If the "
            "consignee needs the data, amend the consignment contract and the policy (PIPA Art. 26).",
            "ko": "추가 전송을 중단하고 수탁자에게 파일 삭제와 서면 확인을 요청한 뒤, 반출 파일에서 해당 "
            "컬럼을 빼세요. 전송 전마다 'clinicscan gate'로 확인하세요. 수탁자에게 꼭 필요한 항목이면 "
            "위탁 계약과 처리방침을 먼저 변경하세요(개인정보 보호법 제26조).",
        },
    ),
}

_UNKNOWN = RuleText(
    title={"en": "Policy rule {rule}", "ko": "처리방침 규칙 {rule}"},
    meaning={"en": "See the message of each finding.", "ko": "각 항목의 내용을 참고하세요."},
    advice={
        "en": "Read the policy section named with each finding and fix what it describes.",
        "ko": "각 항목에 적힌 처리방침 조항을 확인하고 설명된 문제를 바로잡으세요.",
    },
)


def rule_text(rule: str, lang: str) -> tuple[str, str, str]:
    """Return (title, meaning, advice) of a rule in ``lang``; an unknown rule still gets a title."""
    text = RULES.get(rule, _UNKNOWN)
    return text.title[lang].format(rule=rule), text.meaning[lang], text.advice[lang]
