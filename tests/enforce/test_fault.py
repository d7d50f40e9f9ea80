"""Killed at any point, a rerun finishes the job: nothing half-destroyed, nothing destroyed twice.

Two identical clinics are built in PostgreSQL. One is enforced in one go (the reference). The other is
enforced by a subprocess killed with SIGKILL twice — once inside a batch (rows deleted, not committed),
once at an arbitrary moment after some batches — and then run to the end. After every kill the rows
destroyed so far must equal what the log says was destroyed, no roster row may be half-erased, and in
the end the data must equal the reference's and every record must be logged exactly once.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bench.enforce_data import COLUMN_MAP, TODAY, load_bulk, metadata
from enforce import RunOptions, apply_retention
from flows.config import ScanConfig
from policy.load import load_policy
from tests.enforce.conftest import KEY, PG_URL

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
OVERDUE, RECENT, HELD = 300, 100, 120
LOG = "clinicscan_destruction_log"


def _config(schema: str) -> dict[str, Any]:
    tables = {name: m.serialized() for name, m in COLUMN_MAP.items()}
    return {
        "sources": [{"name": "clinic", "url": PG_URL, "schema": schema, "tables": tables}],
        "enforcement": {"url": PG_URL, "batch_rows": 40},
    }


@pytest.fixture()
def two_clinics() -> Iterator[tuple[sa.Engine, str, str]]:
    engine = sa.create_engine(PG_URL)
    names = [f"cs_fault_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    try:
        for name in names:
            with engine.begin() as connection:
                connection.execute(sa.text(f'CREATE SCHEMA "{name}"'))
            load_bulk(engine, name, OVERDUE, RECENT, held=HELD)
        yield engine, names[0], names[1]
    finally:
        with engine.begin() as connection:
            for name in names:
                connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        engine.dispose()


def _data(engine: sa.Engine, schema: str) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    with engine.connect() as connection:
        for table in metadata(schema).sorted_tables:
            out[table.name] = [
                tuple(r) for r in connection.execute(sa.select(table).order_by(*table.primary_key))
            ]
    return out


def _log(engine: sa.Engine, schema: str) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table(LOG, schema=schema):
            return []
        rows = connection.execute(sa.text(f'SELECT * FROM "{schema}".{LOG} ORDER BY id'))
        return [dict(r._mapping) for r in rows]


def _destroyed(start: dict[str, list[tuple[Any, ...]]], now: dict[str, list[tuple[Any, ...]]]) -> int:
    """Rows deleted plus roster rows erased since ``start``."""
    deleted = sum(len(start[t]) - len(now[t]) for t in start)
    erased = sum(1 for r in now["patients"] if r[2] == "")
    return deleted + erased


def _no_half_erased_roster(now: dict[str, list[tuple[Any, ...]]]) -> None:
    for row in now["patients"]:
        erased = (row[2] == "", row[3] == "", row[5] is None, row[6] is None)
        assert all(erased) or not any(erased), row[0]


def _start(config: Path, mode: str, n: int) -> subprocess.Popen[str]:
    env = {**os.environ, "CLINICSCAN_PSEUDONYM_KEY": KEY, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.enforce.fault_run", str(config), mode, str(n)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_when(proc: subprocess.Popen[str], marker: str) -> list[str]:
    seen: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        seen.append(line.strip())
        if line.startswith(marker):
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, (seen, proc.stderr.read() if proc.stderr else "")
    return seen


def _check_consistent(engine: sa.Engine, schema: str, start: dict[str, list[tuple[Any, ...]]]) -> int:
    now = _data(engine, schema)
    _no_half_erased_roster(now)
    logged = sum(r["row_count"] for r in _log(engine, schema))
    assert _destroyed(start, now) == logged  # no destruction without its log entry, no entry without it
    return logged


def test_killed_twice_then_rerun_equals_one_clean_run(
    two_clinics: tuple[sa.Engine, str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, faulted, reference = two_clinics
    monkeypatch.setenv("CLINICSCAN_PSEUDONYM_KEY", KEY)
    policy = load_policy("default")
    clean = apply_retention(
        ScanConfig.model_validate(_config(reference)), RunOptions(policy=policy, today=TODAY)
    )
    assert clean.total("done") == OVERDUE * 6 + HELD * 3  # roster, 2 records, payment, member, guardian
    expected = _data(engine, reference)

    start = _data(engine, faulted)
    config = tmp_path / "scan.json"
    config.write_text(json.dumps(_config(faulted)), encoding="utf-8")

    _kill_when(_start(config, "in-batch", 5), "IN-BATCH")  # killed between DELETE and COMMIT
    first = _check_consistent(engine, faulted, start)
    assert first == 4 * 40  # four committed batches; the fifth rolled back

    _kill_when(_start(config, "after-batch", 0), "BATCH 9")  # killed wherever the run is by then
    second = _check_consistent(engine, faulted, start)
    assert first < second < clean.total("done")

    finish = _start(config, "finish", 0)
    out, err = finish.communicate(timeout=300)
    assert finish.returncode == 0 and out.strip().endswith("DONE"), err
    assert _check_consistent(engine, faulted, start) == clean.total("done")

    now = _data(engine, faulted)
    assert now == expected
    keys = [k for r in _log(engine, faulted) for k in json.loads(r["record_keys"])]
    assert (
        len(keys) == len(set(keys)) == clean.total("done")
    )  # every record logged once: none destroyed twice
    assert len({r["run_id"] for r in _log(engine, faulted)}) == 3
