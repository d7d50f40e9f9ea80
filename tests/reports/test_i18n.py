"""The one ko/en table: every key in both languages, every key the code asks for present, no 칼럼."""

import re
from pathlib import Path
from typing import get_args

import pytest

from detectors.entities import ALL_ENTITIES
from enforce.model import Action
from policy.lint_text import LINT_TEXT
from reports.findings import SourceStatus
from reports.i18n import ENTITY_LABEL, SEVERITY_LABEL, TEXT, Strings, entity_label

ROOT = Path(__file__).resolve().parents[2]
USES = re.compile(r"""\bt\.(?:fmt\(\s*["'])?([a-z_]+)|_t\(\s*f?["']([a-z_]+)["']""")


def _keys_used() -> set[str]:
    used: set[str] = set()
    files = [
        *ROOT.glob("reports/templates/*.j2"),
        *ROOT.glob("reports/*.py"),
        *ROOT.glob("enforce/render*.py"),
    ]
    for path in files:
        for m in USES.finditer(path.read_text(encoding="utf-8")):
            used.add(m.group(1) or m.group(2))
    # keys built from a model's values end in "_" here; test_keys_built_from_model_values_exist covers them
    return {k for k in used if not k.endswith("_")} - {"fmt", "lang", "severity_name", "entity_name"}


def test_every_key_has_both_languages() -> None:
    for table in (TEXT, SEVERITY_LABEL, ENTITY_LABEL):
        for key, texts in table.items():
            assert set(texts) == {"ko", "en"}, key
            assert all(v.strip() for v in texts.values()), key


def test_every_key_the_code_asks_for_is_in_the_table() -> None:
    used = _keys_used()
    assert len(used) > 50, "the scan for t.<key> found too little: the pattern is broken"
    assert sorted(used - set(TEXT)) == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_keys_built_from_model_values_exist(lang: str) -> None:
    t = Strings(lang)
    for status in get_args(SourceStatus.model_fields["status"].annotation):
        assert getattr(t, f"status_{status}")
    for kind in get_args(SourceStatus.model_fields["kind"].annotation):
        assert getattr(t, f"kind_{kind}")
    for action in get_args(Action):
        assert getattr(t, f"action_{action}")


def test_a_missing_key_is_an_error_not_a_raw_code() -> None:
    with pytest.raises(AttributeError, match="no report text 'no_such_key'"):
        Strings("ko").no_such_key  # noqa: B018


def test_every_entity_the_detectors_report_has_a_name() -> None:
    assert sorted(set(ALL_ENTITIES) - set(ENTITY_LABEL)) == []
    assert entity_label("PHONE_NUMBER", "en") == "phone number"
    assert entity_label("IP_ADDRESS", "en") == "IP address"
    assert entity_label("KR_RRN", "ko") == "주민등록번호"


def test_one_term_for_a_column() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for pattern in (
            "reports/**/*.py",
            "reports/templates/*",
            "enforce/*.py",
            "expectations/*.py",
            "docs/*.md",
        )
        for p in ROOT.glob(pattern)
        if "칼럼" in p.read_text(encoding="utf-8")
    ]
    assert offenders == [], "use 컬럼, never 칼럼"


def test_one_spelling_for_the_retention_period() -> None:
    # 보존기간 as the law writes it (의료법 시행규칙 제15조), in reports and the lint alike
    spaced = [k for k, v in TEXT.items() if "보존 기간" in v["ko"]]
    spaced += [k for k, v in LINT_TEXT.items() if "보존 기간" in v["ko"]]
    assert spaced == [], "write 보존기간"


def test_a_singular_has_its_plural_and_reads_singular() -> None:
    singulars = [k for k in TEXT if k.endswith("_one")]
    assert singulars and all(k.removesuffix("_one") in TEXT for k in singulars)
    en = Strings("en")
    assert en.fmt("held_records_n", n=1) == "1 record" and en.fmt("held_records_n", n=2) == "2 records"
    assert "1 written note " in en.fmt("free_text_note", n=1, contains="contact details")
    assert Strings("ko").fmt("held_records_n", n=1) == "기록 1건"
    assert en.fmt("days_left", n=1) == "1 day left" and en.fmt("days_left", n=3) == "3 days left"
