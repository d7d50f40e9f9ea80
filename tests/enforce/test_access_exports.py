"""The access answer names the export files the person is in, and each record type once.

The small clinic gets an export folder for its hosting consignee: a member list (the patient's phone in
the international form), a pasted consultation sheet with her RRN in it, her sister's row on the same
phone, and a file about someone else. The letter says, in words, which kinds of data went to whom.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from enforce import access_report, find_subject, parse_find, write_access_report
from enforce.access import retention_words
from enforce.render import access_html, access_markdown
from flows.config import ScanConfig
from policy.law import Law
from policy.schema import Policy
from reports.i18n import Strings
from tests.enforce import clinic
from tests.enforce.conftest import Place
from tests.reports.browser import WIDTHS, browser, layout_problems, pdf_pages, squeeze, text_problems, visit

__all__ = ["browser"]  # the fixture, imported for pytest

HELD = clinic.PEOPLE["held"]
OTHER = clinic.PEOPLE["recent"]


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)


@pytest.fixture()
def with_exports(sqlite_clinic: Place, tmp_path: Path) -> ScanConfig:
    folder = tmp_path / "exports"
    folder.mkdir()
    intl = "+82 10 " + HELD.phone[4:].replace("-", " ")
    _write(
        folder / "members_20250301.csv",
        [["이름", "휴대폰", "이메일"], [HELD.name, intl, "seo@example.com"], [OTHER.name, OTHER.phone, ""]],
    )
    _write(
        folder / "consult_20250301.csv",
        [
            ["이름", "연락처", "주민등록번호", "병력"],
            [f"{HELD.name[0]}수연", HELD.phone, "", "없음"],  # her sister, same phone: not her row
            ["", "", "", f"전화 문의, 주민번호 {HELD.rrn} 확인함, 고혈압 복용 중"],  # found inside the note
        ],
    )
    _write(folder / "others_20250301.csv", [["이름", "휴대폰"], [OTHER.name, OTHER.phone]])
    data = clinic.config_dict(sqlite_clinic.url, sqlite_clinic.schema)
    data["sources"].append({"name": "hosting-export", "path": str(folder), "consignee": "infonet-hosting"})
    return ScanConfig.model_validate(data)


def test_search_finds_the_person_in_export_files(with_exports: ScanConfig, policy: Policy) -> None:
    query = parse_find([f"name={HELD.name}", f"phone={HELD.phone}", f"rrn={HELD.rrn}"])
    search = find_subject(with_exports, query, policy)
    found = {f.file: f.rows for f in search.exports}
    assert found == {"members_20250301.csv": 1, "consult_20250301.csv": 1}
    assert search.unread_exports == []


def test_a_phone_alone_needs_the_name_in_the_same_row(with_exports: ScanConfig, policy: Policy) -> None:
    search = find_subject(with_exports, parse_find([f"name={HELD.name}", f"phone={HELD.phone}"]), policy)
    assert [f.file for f in search.exports] == ["members_20250301.csv"]  # the sister's row is not hers


@pytest.mark.parametrize(
    ("lang", "to", "beyond"),
    [
        (
            "ko",
            "인포넷(서버 호스팅)에 보낸 CSV 파일",
            "이 중 건강정보 (민감정보)는 인포넷에 맡긴 업무 범위에",
        ),
        (
            "en",
            "CSV file sent to Information net (Server hosting)",
            "outside what we entrusted Information net",
        ),
    ],
)
def test_the_letter_says_which_data_went_to_whom(
    with_exports: ScanConfig, policy: Policy, law: Law, lang: str, to: str, beyond: str
) -> None:
    query = parse_find([f"name={HELD.name}", f"phone={HELD.phone}", f"rrn={HELD.rrn}"])
    search = find_subject(with_exports, query, policy)
    report = access_report(search, policy, law, received=date(2025, 3, 10), lang=lang)  # type: ignore[arg-type]
    sent = {f.file: f for f in report.sent}
    assert sent["members_20250301.csv"].recipient == ("인포넷" if lang == "ko" else "Information net")
    assert sent["members_20250301.csv"].beyond_entrusted == []
    health = policy.category("health")
    assert health is not None and sent["consult_20250301.csv"].beyond_entrusted == [
        health.label.in_lang(lang)
    ]
    for text in (access_markdown(report), access_html(report)):
        assert to in text
        assert beyond in text
        assert "members_20250301" not in text and "consult_20250301" not in text, "file names are internal"
        assert "infonet-hosting" not in text and "hosting-export" not in text


def test_a_record_type_is_one_entry_never_two_identical_headings(
    sqlite_clinic: Place, policy: Policy, law: Law
) -> None:
    search = find_subject(
        sqlite_clinic.config(), parse_find([f"name={HELD.name}", f"phone={HELD.phone}"]), policy
    )
    for lang in ("ko", "en"):
        report = access_report(search, policy, law, received=date(2025, 3, 10), lang=lang)
        labels = [r.record_label for r in report.records]
        assert len(labels) == len(set(labels)), labels
        medical = next(r for r in report.records if r.record_type == "medical_record")
        assert len(medical.tables) == 2 and medical.rows == 2
        html = access_html(report)
        headings = re.findall(r"<h3>(.*?)</h3>", html, re.S)
        assert len(headings) == len(set(headings)), headings
        assert html.count(medical.record_label) >= 1
        markdown = access_markdown(report)
        ends = "기록에 따라 2028-05-01~2028-06-01까지" if lang == "ko" else "until 2028-05-01 to 2028-06-01"
        assert ends in markdown
        notes = Strings(lang).free_text
        assert markdown.count(f"{notes}:") <= len(report.records), "one line of notes per record"


@pytest.mark.parametrize(
    ("record_type", "words"),
    [
        ("member", "마지막 로그인으로부터 1년"),
        ("member", "탈퇴일 당일"),
        ("patient_roster", "마지막 내원일로부터 5년"),
    ],
)
def test_retention_reads_with_the_right_particle(policy: Policy, record_type: str, words: str) -> None:
    rt = policy.record_type(record_type)
    assert rt is not None
    assert words in retention_words(rt, "ko")


def test_a_password_hash_is_described_not_shown(sqlite_clinic: Place, policy: Policy, law: Law) -> None:
    search = find_subject(sqlite_clinic.config(), parse_find(["email=seo.yun@example.com"]), policy)
    report = access_report(search, policy, law, received=date(2025, 3, 10), lang="ko")
    text = access_html(report)
    assert "$2b$" not in text
    assert "일방향 암호화되어 보관" in text


@pytest.mark.browser
def test_the_sent_files_fit_a_phone_and_paper(
    browser: Browser, with_exports: ScanConfig, policy: Policy, law: Law, tmp_path: Path
) -> None:
    query = parse_find([f"name={HELD.name}", f"phone={HELD.phone}", f"rrn={HELD.rrn}"])
    report = access_report(find_subject(with_exports, query, policy), policy, law, date(2025, 3, 10), "ko")
    write_access_report(report, tmp_path / "out")
    for width in WIDTHS.values():
        with visit(browser, tmp_path / "out" / "access-report.html", "ko", width) as (page, problems):
            assert layout_problems(page) == []
            assert text_problems(page.inner_text("body")) == []
            assert page.get_by_text("인포넷(서버 호스팅)에 보낸 CSV 파일").first.is_visible()
            if width == WIDTHS["desktop"]:
                paper = squeeze("".join(pdf_pages(page, "access-sent-ko")))
        assert problems == []
    assert squeeze("다른 곳에 보낸 파일") in paper
