"""``clinicscan retention`` and ``clinicscan subject`` through the CLI on the demo clinic (SQLite)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from demo import DemoOptions, build_demo
from flows.cli import EXIT_INCOMPLETE, EXIT_USAGE, main
from tests.flows.conftest import flow_runs

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _rows(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return sum(conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables)


def test_retention_dry_run_changes_nothing_and_apply_destroys_the_overdue_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLINICSCAN_PSEUDONYM_KEY", "0" * 64)
    build_demo(None, tmp_path, DemoOptions(patients=60))
    db = tmp_path / "clinic.sqlite"
    with (tmp_path / "scan.yaml").open("a", encoding="utf-8") as config:
        config.write(f"enforcement:\n  url: sqlite:///{db}\n")  # the writer's own credentials
    before = _rows(db)
    runs = flow_runs("clinicscan-retention")
    code = main(
        ["--quiet", "retention", "--config", str(tmp_path / "scan.yaml"), "--out", str(tmp_path / "r")]
    )
    out = capsys.readouterr().out
    assert "would be destroyed" in out
    # The demo's guardians keep their dormancy clock in the child's account (clock_from): retention reads it
    # there, so every rule is enforced and the run is complete.
    assert code == 0, out
    assert flow_runs("clinicscan-retention") == runs + 1  # a Prefect API is configured: a recorded flow run
    plan = json.loads((tmp_path / "r" / "retention-plan.json").read_text(encoding="utf-8"))
    guardians = {x["rule"] for x in plan["lines"] if x["table"] == "guardians"}
    assert "retention.last_login" in guardians and not plan["not_enforced"]
    assert _rows(db) == before
    assert (tmp_path / "r" / "retention-plan.html").exists()
    args = [
        "--quiet",
        "retention",
        "--config",
        str(tmp_path / "scan.yaml"),
        "--out",
        str(tmp_path / "r"),
        "--apply",
    ]
    assert main(args) == 0
    assert "destroyed" in capsys.readouterr().out
    after_apply = _rows(db)
    assert after_apply < before
    assert main(args) == 0  # a rerun finds nothing left to destroy
    assert "Retention: 0 rows destroyed" in capsys.readouterr().out


def test_subject_access_report_for_a_member(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build_demo(None, tmp_path, DemoOptions(patients=60))
    with sqlite3.connect(tmp_path / "clinic.sqlite") as conn:
        (email,) = conn.execute("SELECT email FROM members WHERE email IS NOT NULL LIMIT 1").fetchone()
    code = main(
        [
            "--quiet",
            "subject",
            "--config",
            str(tmp_path / "scan.yaml"),
            "--find",
            f"email={email}",
            "--out",
            str(tmp_path / "s"),
        ]
    )
    # The demo keeps resident numbers encrypted in prescriptions: SQL cannot compare them, so the answer is
    # incomplete (3) and the summary names the column.
    assert code == EXIT_INCOMPLETE
    out = capsys.readouterr().out
    assert "source clinic: table prescriptions: column patient_rrn_enc: not scanned: encrypted" in out
    report = (tmp_path / "s" / "access-report.html").read_text(encoding="utf-8")
    assert email not in report  # the person's own values are masked in the report too


def test_subject_apply_without_erase_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["subject", "--config", str(tmp_path / "scan.yaml"), "--find", "email=a@b.kr", "--apply"])
    assert code == EXIT_USAGE
    assert "--erase" in capsys.readouterr().err


def _with_a_down_source(tmp_path: Path) -> Path:
    """The demo's scan.yaml with a second database source on a port nothing listens on."""
    build_demo(None, tmp_path, DemoOptions(patients=60))
    config = tmp_path / "scan.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "- name: infonet-hosting-export",
        "- name: backup\n  url: postgresql+psycopg://scanner@127.0.0.1:1/nowhere\n"
        "- name: infonet-hosting-export",
    )
    config.write_text(text, encoding="utf-8")
    return config


def test_retention_and_subject_go_on_past_a_source_that_is_down_and_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _with_a_down_source(tmp_path)
    code = main(
        ["--quiet", "retention", "--config", str(config), "--out", str(tmp_path / "r"), "--lang", "en"]
    )
    out = capsys.readouterr().out
    assert code == EXIT_INCOMPLETE, out  # the clinic was planned, the backup was not looked at
    assert "would be destroyed" in out and "source backup: not read" in out
    plan = json.loads((tmp_path / "r" / "retention-plan.json").read_text(encoding="utf-8"))
    assert plan["lines"] and plan["coverage"]["complete"] is False
    assert [s["source"] for s in plan["coverage"]["sources"] if not s["reachable"]] == ["backup"]
    for name in ("retention-plan.md", "retention-plan.html"):
        page = (tmp_path / "r" / name).read_text(encoding="utf-8")
        assert "INCOMPLETE: 1 thing(s)" in page and "backup" in page and "Connection refused" in page
    code = main(
        ["--quiet", "subject", "--config", str(config), "--find", "id=1", "--out", str(tmp_path / "s")]
    )
    out = capsys.readouterr().out
    assert code == EXIT_INCOMPLETE and "source backup: not read" in out
    answer = (tmp_path / "s" / "access-report.md").read_text(encoding="utf-8")
    assert (
        "불완전한 점검" in answer and "backup · 소스: 소스를 열거나 테이블 목록을 읽지 못했습니다" in answer
    )
    letter = (tmp_path / "s" / "access-report.html").read_text(encoding="utf-8")
    assert "불완전한 점검" in letter and "소스를 열거나 테이블 목록을 읽지 못했습니다" in letter
    allowed = [
        "--quiet",
        "retention",
        "--config",
        str(config),
        "--out",
        str(tmp_path / "r"),
        "--allow-incomplete",
    ]
    assert main(allowed) == 0


def test_a_guardians_account_is_kept_until_a_year_after_the_childs_last_login(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The guardians' clock lives in the child's account (clock_from): the answer dates it, not "unknown"."""
    build_demo(None, tmp_path, DemoOptions(patients=60))
    with sqlite3.connect(tmp_path / "clinic.sqlite") as conn:
        member, login = conn.execute(
            "SELECT g.member_id, m.last_login_at FROM guardians g JOIN members m USING (member_id) "
            "WHERE m.last_login_at IS NOT NULL AND g.withdrawn_at IS NULL AND m.withdrawn_at IS NULL LIMIT 1"
        ).fetchone()
    args = ["--quiet", "subject", "--config", str(tmp_path / "scan.yaml"), "--find", f"id={member}"]
    main([*args, "--out", str(tmp_path / "s"), "--lang", "en"])
    capsys.readouterr()
    answer = json.loads((tmp_path / "s" / "access-report.json").read_text(encoding="utf-8"))
    kept = date.fromisoformat(login[:10])
    expected = kept.replace(year=kept.year + 1).isoformat()  # the member policy: 1 year after last login
    (member_record,) = [r for r in answer["records"] if "clinic.guardians" in r["tables"]]
    # the guardian row and the member's own row end on the same day: a year after that last login
    record = member_record
    assert (record["retained_until"], record["retained_from"]) == (expected, None), record
    assert expected in (tmp_path / "s" / "access-report.md").read_text(encoding="utf-8")


def test_a_copy_of_the_members_outside_the_column_map_is_named_as_not_searched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The subject search reads mapped tables only: an unmapped copy of the person is listed, never silent."""
    build_demo(None, tmp_path, DemoOptions(patients=60))
    with sqlite3.connect(tmp_path / "clinic.sqlite") as conn:
        conn.execute("CREATE TABLE members_backup_2024 AS SELECT * FROM members")
        (email,) = conn.execute("SELECT email FROM members WHERE email IS NOT NULL LIMIT 1").fetchone()
    args = ["--quiet", "subject", "--config", str(tmp_path / "scan.yaml"), "--find", f"email={email}"]
    assert main([*args, "--out", str(tmp_path / "s"), "--lang", "en"]) == EXIT_INCOMPLETE
    out = capsys.readouterr().out
    assert "source clinic: table members_backup_2024: not read: not in the column map" in out
    answer = json.loads((tmp_path / "s" / "access-report.json").read_text(encoding="utf-8"))
    (clinic,) = [s for s in answer["coverage"]["sources"] if s["source"] == "clinic"]
    (skipped,) = [t for t in clinic["skipped"] if t["name"] == "members_backup_2024"]
    assert skipped["why"] == "not_mapped" and "email" in skipped["args"]["columns"]
    assert "members_backup_2024" in (tmp_path / "s" / "access-report.md").read_text(encoding="utf-8")
