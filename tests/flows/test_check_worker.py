"""The policy checks in their own process give what they give in this one, and fall back when it is gone."""

from __future__ import annotations

import pytest

from detectors.model import ColumnResult, EntityHit
from expectations.column_map import TableMapping
from expectations.model import CheckOptions, TableCheckInput
from flows.check_worker import CheckWorker, run_in_process, start_worker
from flows.progress import set_quiet
from policy.load import load_policy
from tests.expectations.clinic_tables import TODAY

PLAIN_RRN = TableCheckInput(  # a plaintext resident number in a chart: a critical violation
    "emr",
    "database",
    "patients",
    TableMapping(record_type="medical_record"),
    [ColumnResult("patients", "jumin", "VARCHAR", 10, 10, entities=(EntityHit("KR_RRN", 10, 0.95),))],
)


def _violations(outcome: object) -> list[tuple[str, str, str | None]]:
    return [(v.rule, v.table, v.column) for v in outcome.violations]  # type: ignore[attr-defined]


def test_the_worker_finds_the_violations_this_process_finds() -> None:
    policy, options = load_policy(), CheckOptions(today=TODAY, lang="en")
    worker = CheckWorker()
    in_worker = worker.run(policy, [PLAIN_RRN], options)
    here = run_in_process(policy, [PLAIN_RRN], options)
    assert _violations(in_worker) == _violations(here)
    assert ("security.plaintext_secret", "patients", "jumin") in _violations(here)  # the checks did run


def test_a_worker_that_died_is_replaced_by_this_process(capfd: pytest.CaptureFixture[str]) -> None:
    set_quiet(False)  # an earlier CLI run in this process may have left --quiet on
    policy, options = load_policy(), CheckOptions(today=TODAY, lang="en")
    worker = CheckWorker()
    assert worker._process is not None
    worker._process.kill()  # e.g. the machine ran out of memory
    worker._process.join()
    outcome = worker.run(policy, [PLAIN_RRN], options)
    assert ("security.plaintext_secret", "patients", "jumin") in _violations(outcome)
    assert "checking in this process instead" in capfd.readouterr().err


@pytest.mark.parametrize(("choice", "full"), [("never", False), ("auto", True)])
def test_no_worker_when_turned_off_or_for_a_full_scan(
    monkeypatch: pytest.MonkeyPatch, choice: str, full: bool
) -> None:
    monkeypatch.setenv("CLINICSCAN_PROCESSES", choice)
    assert start_worker(full) is None
