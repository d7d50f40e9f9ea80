"""The answer to an access request, as a patient reads it: on a phone, on a desk, on A4 paper.

Built from the small clinic (a patient with medical records under legal hold, consultation notes written
by staff, a doctor named in her rows). Fails on any network request, sideways scroll, seam, rule code,
internal id, repealed article, another person's name or a raw value, in Korean and English.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from enforce import access_report, find_subject, parse_find, write_access_report
from policy.law import Law
from policy.schema import Policy
from tests.enforce import clinic
from tests.enforce.conftest import Place
from tests.reports.browser import (
    WIDTHS,
    browser,
    layout_problems,
    pdf_pages,
    shoot,
    squeeze,
    text_problems,
    visit,
)

__all__ = ["browser"]
pytestmark = pytest.mark.browser

HELD = clinic.PEOPLE["held"]
RULE_CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[a-z_]+ \+ \d+[ymd]\b|\bnetwork_act|\bpipa_\d|§")
REPEALED = ("Network Act Art. 29", "정보통신망법 제29조", "제39조의6", "Art. 39-6")


def _pages(sqlite_clinic: Place, policy: Policy, law: Law, tmp_path: Path) -> dict[str, Path]:
    search = find_subject(
        sqlite_clinic.config(), parse_find([f"name={HELD.name}", f"phone={HELD.phone}"]), policy
    )
    out = {}
    for lang in ("ko", "en"):
        report = access_report(search, policy, law, received=date(2025, 3, 10), lang=lang)
        write_access_report(report, tmp_path / lang)
        out[lang] = tmp_path / lang / "access-report.html"
    return out


def test_access_report_reads_as_a_letter_to_the_patient(
    browser: Browser, sqlite_clinic: Place, policy: Policy, law: Law, tmp_path: Path
) -> None:
    internal = {t.name for t in clinic_tables(sqlite_clinic)}
    for lang, page_file in _pages(sqlite_clinic, policy, law, tmp_path).items():
        for width in WIDTHS.values():
            with visit(browser, page_file, lang, width) as (page, problems):
                text = page.inner_text("body")
                assert layout_problems(page) == []
                shoot(page, f"access-{lang}-{width}")
                if width == WIDTHS["desktop"]:
                    paper = pdf_pages(page, f"access-{lang}")
            assert problems == []
        assert text_problems(text) == []
        assert RULE_CODE.findall(text) == [], "rule codes or internal ids reach the patient"
        assert not any(r in text for r in REPEALED)
        assert not [t for t in internal if re.search(rf"\b{re.escape(t)}\b", text)], (
            "table names are internal"
        )
        for raw in (HELD.name, HELD.phone, HELD.rrn):
            assert raw not in text
        for other in ("한의사", "오실장"):  # her doctor and her counsellor, named in her rows
            assert other not in text, "another person's name is not the patient's data"
        expected = {
            "ko": [
                "개인정보 열람 요구에 대한 회신",
                "의료법 시행규칙 제15조제1항: 진료기록부 10년",
                "인포넷",
                "자유 기술 기록",
                "개인정보 보호책임자",
                "정정",
                "2025-03-20",
            ],
            "en": [
                "Answer to your request for access",
                "Enforcement Rule of the Medical Service Act Art. 15(1): Medical records 10 years",
                "Information net",
                "Written notes",
                "Privacy officer",
                "2025-03-20",
            ],
        }[lang]
        for words in expected:
            assert words in text, words
        assert squeeze(expected[1]) in squeeze("".join(paper))
        assert len(paper) <= 3


def clinic_tables(place: Place) -> list:
    import sqlalchemy as sa

    md = sa.MetaData()
    md.reflect(place.engine, schema=place.schema)
    return [t for t in md.tables.values() if "_" in t.name]
