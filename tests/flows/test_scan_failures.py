"""A source that fails does not stop the others; the report says which failed and why, with no password."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from flows.cli import EXIT_INCOMPLETE, EXIT_OK, main
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


@pytest.mark.parametrize("through", ["always", "never"])  # as a Prefect flow, and on local threads
def test_unreachable_database_and_corrupt_file_are_reported_while_the_rest_is_scanned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, through: str
) -> None:
    monkeypatch.setenv("CLINICSCAN_PREFECT", through)
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
    code = main(["scan", "--config", str(config), "--out", str(out), "--lang", "en"])
    assert code == EXIT_INCOMPLETE  # the rest was scanned, but a source and a file were not: no false clean
    printed = capsys.readouterr()
    assert "Exit 3: incomplete" in printed.out and "source down" in printed.out
    assert "Traceback" not in printed.err
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


def test_allow_incomplete_turns_3_into_0_and_still_names_what_was_missed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _good_db(tmp_path / "good.sqlite")
    config = tmp_path / "scan.yaml"
    config.write_text(
        f"""
sources:
  - name: good
    url: sqlite:///{tmp_path / "good.sqlite"}
  - name: down
    url: postgresql+psycopg://scanner@127.0.0.1:1/nowhere
""",
        encoding="utf-8",
    )
    argv = ["scan", "--config", str(config), "--out", str(tmp_path / "out"), "--quiet", "--allow-incomplete"]
    assert main(argv) == EXIT_OK
    out = capsys.readouterr().out
    assert "exit 0 because of --allow-incomplete" in out and "source down" in out
