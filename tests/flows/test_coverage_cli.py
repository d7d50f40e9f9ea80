"""Coverage through the CLI: rules left out on purpose, with their reason; gaps in the report's language."""

from __future__ import annotations

import html as html_text
import json
import re
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from flows.cli import EXIT_INCOMPLETE, EXIT_OK, main

pytestmark = pytest.mark.usefixtures("prefect_harness")

REASON = "ledger copies are kept by the accountant, not by us"


def _members(path: Path) -> None:
    recent = (date.today() - timedelta(days=30)).isoformat()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TABLE members (member_id INTEGER PRIMARY KEY, 회원명 TEXT, HP_NO TEXT, "
            "last_login_at TEXT, withdrawn_at TEXT)"
        )
        conn.executemany(
            "INSERT INTO members VALUES (?, ?, ?, ?, NULL)",
            [(i, "김민수", f"010-2345-{i:04d}", recent) for i in range(1, 21)],
        )


def _config(tmp_path: Path, extra: str = "") -> Path:
    _members(tmp_path / "clinic.sqlite")
    config = tmp_path / "scan.yaml"
    config.write_text(
        f"""
sources:
  - name: clinic
    url: sqlite:///{tmp_path / "clinic.sqlite"}
    tables:
      members:
        record_type: member
        roles: {{last_login: last_login_at, withdrawal: withdrawn_at}}
        not_applicable:
          consent.withdrawn_retained: {REASON}
{extra}""",
        encoding="utf-8",
    )
    return config


def _section(markdown: str, heading: str) -> str:
    """The text of one ``## heading`` section of a Markdown report."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M)
    assert match, heading
    return match.group(1)


def test_a_rule_declared_not_applicable_is_listed_with_its_reason_and_the_scan_stays_complete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path)
    out = tmp_path / "out"
    code = main(["--quiet", "scan", "--config", str(config), "--out", str(out), "--lang", "en"])
    printed = capsys.readouterr().out
    assert code == EXIT_OK, printed  # left out on purpose is not "could not be checked"
    coverage = json.loads((out / "findings.json").read_text(encoding="utf-8"))["coverage"]
    assert coverage["complete"] is True
    (clinic,) = coverage["sources"]
    assert clinic["rules_not_applicable"] == [
        {"table": "members", "rule": "consent.withdrawn_retained", "reason": REASON, "why": None, "args": {}}
    ]
    assert not clinic["rules_not_checked"]
    section = _section((out / "summary.md").read_text(encoding="utf-8"), "Coverage")
    assert f"not applicable: {REASON}" in section and "could not be read or checked" not in section
    html = (out / "report.html").read_text(encoding="utf-8")
    assert f"not applicable: {REASON}" in html and "INCOMPLETE" not in html


def test_a_korean_report_gives_every_coverage_reason_in_korean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "broken.pdf").write_bytes(b"%PDF-1.4 cut off")
    config = _config(
        tmp_path,
        f"""      visits_legacy:
        record_type: member
        roles: {{withdrawal: withdrawn_at}}
  - name: backup
    url: postgresql+psycopg://scanner@127.0.0.1:1/nowhere
  - name: files
    path: {exports}
""",
    )
    with sqlite3.connect(tmp_path / "clinic.sqlite") as conn:
        conn.execute("CREATE TABLE visits_legacy (member_id INTEGER, withdrawn_at TEXT)")
    out = tmp_path / "out"
    assert (
        main(["--quiet", "scan", "--config", str(config), "--out", str(out), "--lang", "ko"])
        == EXIT_INCOMPLETE
    )
    capsys.readouterr()
    coverage = json.loads((out / "findings.json").read_text(encoding="utf-8"))["coverage"]
    english = [
        *(s["error"] for s in coverage["sources"] if s["error"]),
        *(x["reason"] for s in coverage["sources"] for x in s["skipped"] if x["gap"]),
        *(x["reason"] for s in coverage["sources"] for x in s["rules_not_checked"]),
    ]
    assert len(english) == 3  # the down source, the broken file, the table without its login clock
    section = _section((out / "summary.md").read_text(encoding="utf-8"), "점검 범위")
    html = (out / "report.html").read_text(encoding="utf-8")
    html_section = html[html.index('<section id="coverage"') :]
    html_section = html_text.unescape(html_section[: html_section.index("</section>")])
    for text in (section, html_section):
        assert "불완전한 점검: 3건" in text
        assert "소스를 열거나 테이블 목록을 읽지 못했습니다" in text
        assert "broken.pdf: 읽지 못했습니다" in text
        assert "'member'의 보존기간은 last_login 시점부터" in text
        for reason in english:
            assert reason not in text and reason[:40] not in text
        assert not re.search(r"\b(could not|cannot|not checked|check that|the column map)\b", text), text
    # The English words stay in findings.json, where a tool or a support engineer reads them.
    assert any("Connection refused" in r or "connection" in r.lower() for r in english)
    english_run = ["--quiet", "scan", "--config", str(config), "--out", str(tmp_path / "en"), "--lang", "en"]
    assert main(english_run) == EXIT_INCOMPLETE
    english_section = _section((tmp_path / "en" / "summary.md").read_text(encoding="utf-8"), "Coverage")
    assert all(reason in english_section for reason in english)  # in English, the reason as written
