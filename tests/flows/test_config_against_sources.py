"""scan.yaml checked against what the databases hold, through the CLI, on real PostgreSQL and MariaDB.

A name that matches nothing is exit 2 with the file, the line and the nearest real name; a pattern that
matches nothing, or a rule that cannot be checked, is exit 3 and named; never a silent clean.
"""

from __future__ import annotations

import json
import multiprocessing
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from flows.check_worker import CheckWorker
from flows.cli import EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE, main
from tests.flows.conftest import MARIADB_URL, PG_URL

pytestmark = pytest.mark.usefixtures("prefect_harness")


@dataclass(frozen=True)
class Clinic:
    """A schema (PostgreSQL) or database (MariaDB) with a few tables, outside the connection's default."""

    url: str
    schema: str


_TABLES = [
    "CREATE TABLE patients (patient_id INTEGER PRIMARY KEY, name VARCHAR(40), created_at DATE)",
    "CREATE TABLE visits (visit_id INTEGER PRIMARY KEY, patient_id INTEGER, visit_date DATE)",
    "CREATE TABLE 환자목록 (환자번호 INTEGER PRIMARY KEY, 이름 VARCHAR(40))",
    "CREATE TABLE t_0 (code VARCHAR(10))",
    "CREATE TABLE t_1 (code VARCHAR(10))",
]


@pytest.fixture(scope="module", params=["postgresql", "mariadb"])
def clinic(request: pytest.FixtureRequest) -> Iterator[Clinic]:
    name = f"cs_cfg_{uuid.uuid4().hex[:10]}"
    url = PG_URL if request.param == "postgresql" else MARIADB_URL
    engine = sa.create_engine(url)
    if request.param == "postgresql":
        create, drop, use = (
            f'CREATE SCHEMA "{name}"',
            f'DROP SCHEMA "{name}" CASCADE',
            f'SET search_path TO "{name}"',
        )
    else:
        create, drop, use = (
            f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4",
            f"DROP DATABASE `{name}`",
            f"USE `{name}`",
        )
    with engine.begin() as connection:
        connection.execute(sa.text(create))
        connection.execute(sa.text(use))
        for statement in _TABLES:
            connection.execute(sa.text(statement))
        connection.execute(sa.text("INSERT INTO patients VALUES (1, 'x', '2020-01-01')"))
        connection.execute(sa.text("INSERT INTO t_0 VALUES ('a')"))
    try:
        yield Clinic(url=url, schema=name)
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(drop))
        engine.dispose()


def _scan(
    tmp_path: Path, clinic: Clinic, body: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    config = tmp_path / "scan.yaml"
    config.write_text(
        f"sources:\n  - name: emr\n    url: {clinic.url}\n    schema: {clinic.schema}\n{body}",
        encoding="utf-8",
    )
    code = main(["--quiet", "scan", "--config", str(config), "--out", str(tmp_path / "out"), "--lang", "en"])
    printed = capsys.readouterr()
    return code, printed.out, printed.err


def test_a_mistyped_table_names_the_line_and_the_nearest_table(
    tmp_path: Path, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _scan(
        tmp_path, clinic, "    tables:\n      patiens: {record_type: patient_roster}\n", capsys
    )
    assert code == EXIT_USAGE
    assert (
        f"{tmp_path / 'scan.yaml'}:6: table 'patiens' is not in source 'emr' (did you mean 'patients'?)"
        in err
    )
    assert "Traceback" not in err


def test_a_mistyped_role_column_and_a_hangul_table_are_named(
    tmp_path: Path, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    body = (
        "    tables:\n"
        "      patients:\n"
        "        record_type: patient_roster\n"
        "        roles: {last_visit: created_att}\n"
        "      환자목룩: {record_type: null}\n"
    )
    code, _, err = _scan(tmp_path, clinic, body, capsys)
    assert code == EXIT_USAGE
    assert (
        ":8: roles.last_visit names column 'created_att', which table 'patients' of source 'emr' "
        "does not have (did you mean 'created_at'?)"
    ) in err
    assert ":9: table '환자목룩' is not in source 'emr' (did you mean '환자목록'?)" in err
    assert err.count("\n") == 2  # one line each


def test_names_in_another_case_are_the_same_table_and_column(
    tmp_path: Path, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    body = (
        '    include: ["PATIENTS"]\n'
        "    tables:\n"
        "      PATIENTS:\n"
        "        record_type: patient_roster\n"
        "        roles: {last_visit: CREATED_AT, subject_key: Patient_ID}\n"
    )
    code, out, err = _scan(tmp_path, clinic, body, capsys)
    assert code == EXIT_OK, out + err
    assert "nothing missed" in out


def test_schema_with_a_bare_include_pattern_scans_those_tables(
    tmp_path: Path, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _scan(tmp_path, clinic, '    include: ["t_*"]\n', capsys)
    assert code == EXIT_OK, out + err
    coverage = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))["coverage"]
    (source,) = coverage["sources"]
    assert sorted(t["name"] for t in source["scanned"]) == [f"{clinic.schema}.t_0", f"{clinic.schema}.t_1"]
    assert source["tables_present"] == 5
    assert {t["reason"] for t in source["skipped"]} == {"left out by include/exclude in scan.yaml"}
    assert coverage["complete"] is True


def test_a_pattern_that_matches_nothing_is_incomplete_and_lists_real_tables(
    tmp_path: Path, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _scan(tmp_path, clinic, '    include: ["patient_*"]\n', capsys)
    assert code == EXIT_INCOMPLETE
    assert "Exit 3: incomplete" in out
    assert "include pattern 'patient_*'" in out and "matches no table" in out
    assert "tables there: " in out and "patients" in out and "t_0" in out
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "INCOMPLETE" in report and "patient_*" in report


def test_a_retention_clock_the_map_does_not_name_is_a_rule_not_checked(
    tmp_path: Path, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    body = '    include: ["patients"]\n    tables:\n      patients: {record_type: patient_roster}\n'
    code, out, _ = _scan(tmp_path, clinic, body, capsys)
    assert code == EXIT_INCOMPLETE
    assert "not checked" in out and "roles.last_visit" in out
    findings = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))
    (source,) = findings["coverage"]["sources"]
    assert source["rules_not_checked"] and source["rules_not_checked"][0]["table"].endswith("patients")
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert "INCOMPLETE" in summary and "## Coverage" in summary


def test_an_unknown_record_type_is_a_configuration_error(
    tmp_path: Path, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "    tables:\n      patients: {record_type: patient_rooster}\n"
    code, _, err = _scan(tmp_path, clinic, body, capsys)
    assert code == EXIT_USAGE
    assert (
        ":6: record_type 'patient_rooster' is not a record type of the policy "
        "(did you mean 'patient_roster'?)" in err
    )


def test_a_column_map_error_stops_the_check_worker_started_before_it(
    tmp_path: Path, clinic: Clinic, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker starts importing Great Expectations as soon as the policy is valid; an error ends it."""
    monkeypatch.setenv("CLINICSCAN_PROCESSES", "always")
    monkeypatch.setenv("CLINICSCAN_PREFECT", "never")  # a one-off local run, as without a Prefect API
    started: list[CheckWorker] = []
    monkeypatch.setattr(CheckWorker, "__init__", _recording(CheckWorker.__init__, started))
    code, _, err = _scan(
        tmp_path, clinic, "    tables:\n      patients: {record_type: patient_rooster}\n", capsys
    )
    assert code == EXIT_USAGE and "patient_rooster" in err
    assert started  # the worker was started before the map was checked ...
    assert multiprocessing.active_children() == []  # ... and is gone with the error


def _recording(
    init: Callable[[CheckWorker], None], started: list[CheckWorker]
) -> Callable[[CheckWorker], None]:
    def record(self: CheckWorker) -> None:
        init(self)
        started.append(self)

    return record
