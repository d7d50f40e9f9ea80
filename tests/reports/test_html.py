import html
import re
import string
from datetime import date

import pytest

from reports.context import ReportOptions, build_context
from reports.evidence import WITHHELD
from reports.findings import Findings, SourceStatus
from reports.history import TrendPoint
from reports.html import render_html, view_model
from reports.i18n import ENTITY_LABEL, SEVERITY_LABEL, TEXT
from reports.rule_text import RULES, rule_text
from reports.waivers import Waiver
from tests.reports.factories import CATEGORY_LABELS, column, make_findings, violation

CONTRACT_RULES = {
    "retention.overdue",
    "consent.withdrawn_retained",
    "minors.no_guardian_consent",
    "security.plaintext_secret",
    "collection.undeclared",
    "inventory.unmapped",
    "consignment.out_of_scope",
}


def full_options(lang: str, previous: Findings) -> ReportOptions:
    trend = [
        TrendPoint(f"s{i}", f"2025-05-2{i}T02:00:00+09:00", {"critical": 2, "high": i}) for i in range(5)
    ]
    waivers = [
        Waiver(id="2c3d4e5f6a1b", reason="Purge job fixed", owner="park", expires=date(2025, 6, 30)),
        Waiver(id="f6a1b2c3d4e5", reason="Audit hold", owner="data-team", expires=date(2025, 5, 31)),
    ]
    return ReportOptions(
        lang=lang,  # type: ignore[arg-type]
        waivers=waivers,
        previous=previous,
        trend=trend,
        category_labels=CATEGORY_LABELS,
        organisation={"ko": "에이탑 성형외과의원", "en": "A-Top Plastic Surgery"},
    )


@pytest.fixture(params=["en", "ko"])
def page(request: pytest.FixtureRequest, findings: Findings, previous_findings: Findings) -> str:
    return render_html(build_context(findings, full_options(request.param, previous_findings)))


def test_page_is_self_contained(page: str) -> None:
    assert "<script" not in page.lower()
    assert "<link" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    assert "url(" not in page and "@import" not in page
    assert "default-src 'none'" in page  # CSP: the browser itself refuses any fetch


def test_page_has_every_section(page: str) -> None:
    for section in ("summary", "changes", "violations", "inventory", "sources", "waivers"):
        assert f'<section id="{section}"' in page
    assert page.count("<svg") == 4  # severity, category, table, trend


def test_korean_page_speaks_korean(findings: Findings, previous_findings: Findings) -> None:
    page = render_html(build_context(findings, full_options("ko", previous_findings)))
    assert '<html lang="ko">' in page
    for text in (
        "개인정보 컴플라이언스 점검 보고서",
        "위반 사항",
        "개인정보 보유 현황",
        "조치 방법",
        "만료된 예외 승인",
    ):
        assert text in page
    english_ui = [v["en"] for v in TEXT.values() if len(v["en"]) > 15 and "{" not in v["en"]]
    assert [s for s in english_ui if s in page] == []


def test_header_names_the_clinic_and_a_scan_of_minutes_starts_and_ends_apart(
    findings: Findings, previous_findings: Findings
) -> None:
    page = render_html(build_context(findings, full_options("ko", previous_findings)))
    assert "<dt>기관</dt><dd>에이탑 성형외과의원</dd>" in page
    assert "2025-06-02 02:00:00 KST" in page and "2025-06-02 02:07:41 KST" in page


def test_advice_for_every_violation_rule(page: str, findings: Findings) -> None:
    lang = "ko" if '<html lang="ko">' in page else "en"
    for rule in {v.rule for v in findings.violations}:
        title, _meaning, advice = rule_text(rule, lang)
        assert title in page and advice.replace("'", "&#39;") in page


def test_values_from_the_database_are_escaped() -> None:
    evil = "<script>alert(1)</script>"
    f = make_findings(
        violations=[violation("v1", "inventory.unmapped", "medium", evil, message=evil)],
        columns=[column(evil, "c", ["PERSON"], ["identity"], evidence=["<img src=x>*"])],
    )
    page = render_html(build_context(f))
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_unmasked_evidence_is_withheld() -> None:
    f = make_findings(
        columns=[column("members", "rrn", ["KR_RRN"], ["unique_id"], evidence=["9001011234568"])]
    )
    page = render_html(build_context(f))
    assert "9001011234568" not in page and WITHHELD in page


def test_first_scan_and_clean_scan_pages() -> None:
    page = render_html(build_context(make_findings(violations=[], columns=[])))
    assert "first recorded scan" in page
    assert "No open violations" in page and "No personal data was detected" in page


@pytest.mark.parametrize(
    ("severities", "failed", "level"),
    [
        ([], False, "ok"),
        ([], True, "warn"),
        (["low", "medium"], False, "warn"),
        (["high"], False, "bad"),
        (["critical"], True, "bad"),
    ],
)
def test_verdict(severities: list[str], failed: bool, level: str) -> None:
    sources = [SourceStatus(name="db", kind="database", status="error" if failed else "ok", error="down")]
    vs = [violation(f"v{i}", "retention.overdue", s, "t") for i, s in enumerate(severities)]
    assert view_model(build_context(make_findings(violations=vs, sources=sources)))["verdict_level"] == level


def test_every_contract_rule_has_text_in_both_languages() -> None:
    assert set(RULES) == CONTRACT_RULES
    for text in RULES.values():
        for part in (text.title, text.meaning, text.advice):
            assert part["ko"].strip() and part["en"].strip() and part["ko"] != part["en"]


def test_unknown_rule_still_gets_a_title() -> None:
    assert rule_text("future.rule", "ko")[0] == "처리방침 규칙 future.rule"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("table", [TEXT, SEVERITY_LABEL, ENTITY_LABEL])
def test_every_string_exists_in_both_languages(table: dict[str, dict[str, str]]) -> None:
    for key, texts in table.items():
        assert set(texts) == {"ko", "en"}, key
        assert texts["ko"].strip() and texts["en"].strip(), key
        assert placeholders(texts["ko"]) == placeholders(texts["en"]), key


def test_every_entity_has_a_label() -> None:
    from detectors.entities import ALL_ENTITIES

    assert set(ENTITY_LABEL) == set(ALL_ENTITIES)


@pytest.mark.parametrize(
    ("evidence", "verdict"),
    [
        ("$2b$12$…", "bcrypt: acceptable"),
        ("$argon2id$…", "Argon2: acceptable"),
        ("$pbkdf2-sha256$…", "PBKDF2: acceptable"),
        ("<hex digest>…", "unsalted digest (MD5/SHA-1/SHA-256): not acceptable"),
        ("{SHA}…", "unsalted SHA-1: not acceptable"),
    ],
)
def test_a_hash_is_named_and_judged_not_withheld(evidence: str, verdict: str) -> None:
    f = make_findings(
        columns=[column("members", "pw", ["PASSWORD_HASH"], ["credentials"], evidence=[evidence])]
    )
    page = render_html(build_context(f, ReportOptions(lang="en")))
    assert WITHHELD not in page and verdict in html.unescape(page)


def test_a_raw_value_in_a_hash_column_is_still_withheld() -> None:
    f = make_findings(
        columns=[column("members", "pw", ["PASSWORD_HASH"], ["credentials"], evidence=["hunter2"])]
    )
    page = render_html(build_context(f))
    assert "hunter2" not in page and WITHHELD in page
