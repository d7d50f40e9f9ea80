"""`policy check --lang ko` speaks Korean on every line: the lint's sentences come in both languages.

Every planted defect and the seed policy's own flaws are rendered in Korean; a detail line holding an English
sentence (or a key of the table missing a language) fails.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from policy.law import Law, article_words
from policy.lint import format_lint, lint_policy
from policy.lint_text import LINT_TEXT, lint_text, placeholders
from policy.load import load_policy
from policy.schema import Policy
from tests.policy.conftest import TODAY
from tests.policy.test_lint import DEFECTS

HANGUL = re.compile(r"[가-힣]")
# English words a Korean sentence may quote: the policy file's own keys and values, and file names.
QUOTED = re.compile(
    r"'[^']*'|policy/law\.yaml|legal_hold: true|measure: one_way_hash|\bsecurity\b|\b\d+[ymd]\b"
    r"|다음 중 하나를 쓰세요: [a-z_, ]+"
)
ENGLISH = re.compile(r"\b[A-Za-z]{3,}\b")


def _korean_problems(findings: list[Any]) -> list[str]:
    lines = format_lint(findings, "ko").splitlines()[:-1]
    details = lines[2::3]  # header, the code's meaning, the detail sentence
    assert len(details) == len(findings)
    return [d for d in details if not HANGUL.search(d) or ENGLISH.search(QUOTED.sub("", d))]


@pytest.mark.parametrize("key", sorted(LINT_TEXT))
def test_every_sentence_has_both_languages(key: str) -> None:
    entry = LINT_TEXT[key]
    assert set(entry) == {"en", "ko"}, f"{key}: a language is missing"
    assert entry["en"].strip()
    assert placeholders(entry["ko"]) <= placeholders(entry["en"]), (
        f"{key}: Korean fills in what English lacks"
    )


def test_a_key_without_korean_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(LINT_TEXT, "only_english", {"en": "English only"})
    with pytest.raises(KeyError):
        lint_text("only_english")


def test_the_seed_policy_is_linted_in_korean(law: Law) -> None:
    assert _korean_problems(lint_policy(load_policy(), law, TODAY)) == []


@pytest.mark.parametrize(("defect", "plant", "expected"), DEFECTS, ids=[d[0] for d in DEFECTS])
def test_each_planted_defect_reads_in_korean(
    corrected_data: dict[str, Any], law: Law, defect: str, plant: Any, expected: tuple[str, str, str]
) -> None:
    plant(corrected_data)
    assert _korean_problems(lint_policy(Policy.model_validate(corrected_data), law, TODAY)) == []


def test_an_old_knowledge_base_is_said_in_korean(corrected_data: dict[str, Any], law: Law) -> None:
    findings = lint_policy(Policy.model_validate(corrected_data), law, date(2030, 1, 1))
    assert [f.code for f in findings] == ["law.outdated"]
    assert _korean_problems(findings) == []


def test_english_stays_as_it_was(law: Law) -> None:
    text = format_lint(lint_policy(load_policy(), law, TODAY), "en")
    assert "cites Network Act Art. 29(2), repealed on 2020-08-05, moved to PIPA Art. 39-6" in text


@pytest.mark.parametrize(
    ("article", "ko"),
    [("Art. 15-2 / Decree Art. 41", "제15조의2 / 시행령 제41조"), ("Art. 21(3)", "제21조제3항")],
)
def test_articles_read_in_korean(article: str, ko: str) -> None:
    assert article_words(article, "ko") == ko
