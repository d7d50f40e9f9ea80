import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.context import ReportOptions, build_context
from reports.csv_report import FORMULA_STARTS, neutralise, render_csv
from reports.findings import Findings
from reports.render import write_reports
from reports.waivers import Waiver
from tests.reports.factories import CATEGORY_LABELS, make_findings, violation


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_file_starts_with_bom_and_has_korean_headers(findings: Findings, out_dir: Path) -> None:
    ctx = build_context(findings, ReportOptions(lang="ko", category_labels=CATEGORY_LABELS))
    [path] = write_reports(ctx, out_dir, ["findings.csv"])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert not raw[3:].startswith(b"\xef\xbb\xbf")  # exactly one BOM
    header = read_rows(path)[0]
    assert header[:4] == ["구분", "상태", "심각도", "규칙"]
    assert "마스킹 예시" in header


def test_english_headers_when_lang_is_en(findings: Findings) -> None:
    header = next(csv.reader(io.StringIO(render_csv(build_context(findings)).lstrip("\ufeff"))))
    assert header[:4] == ["Record", "Status", "Severity", "Rule"]


def test_one_row_per_violation_and_per_column(findings: Findings, out_dir: Path) -> None:
    [path] = write_reports(build_context(findings, ReportOptions(lang="ko")), out_dir, ["findings.csv"])
    rows = read_rows(path)[1:]
    assert sum(r[0] == "위반" for r in rows) == len(findings.violations)
    assert sum(r[0] == "개인정보 컬럼" for r in rows) == len(findings.columns)
    assert all(len(r) == len(rows[0]) for r in rows)
    assert "900101-1****** | 851224-2******" in {r[19] for r in rows}


def test_waived_and_expired_status(findings: Findings) -> None:
    waivers = [
        Waiver(id="c3d4e5f6a1b2", reason="purge scheduled", owner="kim", expires=date(2025, 6, 30)),
        Waiver(id="d4e5f6a1b2c3", reason="old", owner="lee", expires=date(2025, 6, 1)),
    ]
    ctx = build_context(findings, ReportOptions(waivers=waivers, today=date(2025, 6, 2)))
    rows = {r[11]: r for r in csv.reader(io.StringIO(render_csv(ctx).lstrip("\ufeff")))}
    assert rows["c3d4e5f6a1b2"][1] == "waived" and rows["c3d4e5f6a1b2"][20:23] == [
        "purge scheduled",
        "kim",
        "2025-06-30",
    ]
    assert rows["d4e5f6a1b2c3"][1] == "open (waiver expired)"
    assert rows["a1b2c3d4e5f6"][1] == "open" and rows["a1b2c3d4e5f6"][20] == ""


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+82-10-0000-0000", "'+82-10-0000-0000"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\r=1", "'\r=1"),
        ("members", "members"),
        ("a=b", "a=b"),
        ("", ""),
        (None, None),
        (42, 42),
        (0.5, 0.5),
    ],
)
def test_neutralise(cell: object, expected: object) -> None:
    assert neutralise(cell) == expected  # type: ignore[arg-type]


@given(st.text())
def test_neutralised_text_never_starts_a_formula(text: str) -> None:
    out = neutralise(text)
    assert isinstance(out, str)
    assert not out.startswith(FORMULA_STARTS)
    assert out in (text, "'" + text)


def test_formulas_from_the_scanned_database_stay_text(out_dir: Path) -> None:
    f = make_findings(
        violations=[
            violation("v1", "inventory.unmapped", "medium", "=cmd|' /C calc'!A0", message="@SUM(1+1)")
        ]
    )
    [path] = write_reports(build_context(f), out_dir, ["findings.csv"])
    row = read_rows(path)[1]
    assert row[6] == "'=cmd|' /C calc'!A0"
    assert row[9] == "'@SUM(1+1)"
    for r in read_rows(path):
        assert not any(c.startswith(FORMULA_STARTS) for c in r)
