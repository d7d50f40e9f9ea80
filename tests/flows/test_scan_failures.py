"""A source that fails does not stop the others; the report says which failed and why, with no password."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from flows.scan import run_scan
from reports.findings_json import read_findings

pytestmark = pytest.mark.usefixtures("prefect_harness")

SECRET = "s3cr3t-Pa55word"


def _good_db(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute('CREATE TABLE members ("회원명" TEXT, "HP_NO" TEXT, email TEXT)')
        conn.executemany(
            "INSERT INTO members VALUES (?, ?, ?)",
            [
                ("김민수", "010-2345-6789", "minsu@example.kr"),
                ("이서연", "010-9876-5432", "seoyeon@example.kr"),
            ]
            * 20,
        )


def test_unreachable_database_and_corrupt_file_are_reported_while_the_rest_is_scanned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _good_db(tmp_path / "good.sqlite")
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "broken.xlsx").write_bytes(b"this is not a zip file")
    (exports / "members.csv").write_text("이름,연락처\n김민수,010-2345-6789\n", encoding="utf-8")
    config = tmp_path / "scan.yaml"
    config.write_text(
        f"""
sources:
  - name: down
    url: postgresql+psycopg://scanner:{SECRET}@127.0.0.1:1/nowhere
  - name: good
    url: sqlite:///{tmp_path / "good.sqlite"}
    tables:
      members: {{record_type: member}}
  - name: files
    path: exports
""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code = run_scan(config, out, lang="en", fail_on=None, full=False, task_runner=None)
    assert code == 0  # the scan completed; failures are in the report
    printed = capsys.readouterr()
    findings = read_findings(out / "findings.json")
    status = {s.name: s for s in findings.sources}
    assert status["down"].status == "error" and "down" in (status["down"].error or "")
    assert status["good"].status in ("ok", "partial") and status["good"].tables == 1
    assert status["files"].status == "partial" and "broken.xlsx" in (status["files"].error or "")
    assert {c.column for c in findings.columns if c.source == "good"} >= {"회원명", "HP_NO", "email"}
    assert any(c.table == "members.csv" for c in findings.columns)
    for path in [*out.rglob("*"), None]:
        text = printed.out + printed.err if path is None else (path.read_bytes() if path.is_file() else b"")
        assert (SECRET not in text) if isinstance(text, str) else (SECRET.encode() not in text), path
