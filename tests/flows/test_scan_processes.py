"""A local sample scan of many tables runs them in worker processes, with the same findings as on threads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from flows.cli import EXIT_USAGE, main
from flows.config import Sampling
from flows.processes import PROCESS_MIN_TABLES, use_processes
from reports.findings_json import read_findings

ROWS = [("김민수", "010-2345-6789", "minsu@example.kr"), ("이서연", "010-9876-5432", "seoyeon@example.kr")]


def _clinic(tmp_path: Path) -> Path:
    db = tmp_path / "clinic.sqlite"
    with sqlite3.connect(db) as conn:
        for i in range(3):
            conn.execute(f'CREATE TABLE members_{i} ("회원명" TEXT, "HP_NO" TEXT, email TEXT, memo TEXT)')
            conn.executemany(f"INSERT INTO members_{i} VALUES (?, ?, ?, 'ok')", ROWS * 20)
    config = tmp_path / "scan.yaml"
    config.write_text(f"sources:\n  - name: clinic\n    url: sqlite:///{db}\n", encoding="utf-8")
    return config


def _scan(config: Path, out: Path, capfd: pytest.CaptureFixture[str]) -> tuple[set[tuple[str, ...]], str]:
    """Scan; return every column found and every violation (rule, table, column, rows), and stderr."""
    main(["scan", "--config", str(config), "--out", str(out), "--lang", "en"])
    err = capfd.readouterr().err
    findings = read_findings(out / "findings.json")
    found = {(c.table, c.column, *sorted(c.entities)) for c in findings.columns}
    found |= {("violation", v.rule, v.table, v.column or "", str(v.count)) for v in findings.violations}
    return found, err


def test_worker_processes_find_what_threads_find_and_say_so(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLINICSCAN_PREFECT", "never")
    config = _clinic(tmp_path)
    monkeypatch.setenv("CLINICSCAN_PROCESSES", "never")
    on_threads, err = _scan(config, tmp_path / "threads", capfd)
    assert "worker processes" not in err
    monkeypatch.setenv("CLINICSCAN_PROCESSES", "always")
    in_processes, err = _scan(config, tmp_path / "processes", capfd)
    assert "worker processes" in err and "members_2: 40 rows read" in err  # workers print on the same stderr
    assert on_threads == in_processes  # the policy checks ran in their own process too: the same violations
    assert {c for t, c, *entities in in_processes if entities} >= {"회원명", "HP_NO", "email"}
    assert any(f[0] == "violation" for f in in_processes)


def test_a_wrong_processes_value_is_a_usage_error_naming_the_variable(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLINICSCAN_PREFECT", "never")
    monkeypatch.setenv("CLINICSCAN_PROCESSES", "sometimes")
    code = main(["scan", "--config", str(_clinic(tmp_path)), "--out", str(tmp_path / "out")])
    assert code == EXIT_USAGE
    assert "CLINICSCAN_PROCESSES='sometimes': write auto, always or never" in capfd.readouterr().err


def test_auto_takes_processes_only_for_many_tables_in_sample_mode_on_several_cores() -> None:
    sample, full = Sampling(mode="sample"), Sampling(mode="full")
    assert use_processes("auto", PROCESS_MIN_TABLES, sample, cores=2)
    assert not use_processes("auto", PROCESS_MIN_TABLES - 1, sample, cores=2)  # spawning costs more
    assert not use_processes("auto", 300, full, cores=2)  # a full scan's memory stays that of one process
    assert not use_processes("auto", 300, sample, cores=1)
    assert use_processes("always", 1, full, cores=1) and not use_processes("never", 300, sample, cores=8)
