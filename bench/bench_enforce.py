"""Retention enforcement and data-subject requests on PostgreSQL, at a million rows.

Retention: ``ROWS`` overdue rows across related tables (with the foreign-key indexes the plan asks for;
and a tenth as many without them, for contrast) (roster, medical records, payments, withdrawn
members and their guardians, joined by foreign keys) destroyed in batches of 5,000, while two readers work
on the same tables: a plain reader (MVCC: it should never wait) and a locking reader (``FOR SHARE`` on
rows being destroyed: it waits for the batch holding them, so its longest wait is the longest lock).
Subject request: find one person in a ``PATIENTS``-patient clinic by name and phone, by e-mail and by RRN,
first with the demo's indexes only, then with the indexes the search reports as missing.

Scale with ``CLINICSCAN_BENCH_ENFORCE_SCALE`` (default 1.0: a million of each).
"""

from __future__ import annotations

import os
import random
import statistics
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from bench.enforce_data import COLUMN_MAP, TODAY, load_bulk, person, rows_per_patient
from enforce import RunOptions, apply_retention, find_subject, parse_find, plan_retention
from flows.config import ScanConfig
from policy.load import load_policy

PG_URL = os.environ.get("CLINICSCAN_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SCALE = float(os.environ.get("CLINICSCAN_BENCH_ENFORCE_SCALE", "1.0"))
ROWS = int(1_000_000 * SCALE)
PATIENTS = int(1_000_000 * SCALE)
BATCH_ROWS = 5_000


def _config(schema: str) -> ScanConfig:
    tables = {name: m.serialized() for name, m in COLUMN_MAP.items()}
    return ScanConfig.model_validate(
        {
            "sources": [{"name": "clinic", "url": PG_URL, "schema": schema, "tables": tables}],
            "enforcement": {"url": PG_URL, "batch_rows": BATCH_ROWS},
        }
    )


class _Reader(threading.Thread):
    """Runs one query again and again until stopped, keeping every latency."""

    def __init__(self, engine: sa.Engine, query: Callable[[sa.Connection], Any]) -> None:
        super().__init__(daemon=True)
        self.engine, self.query = engine, query
        self.latencies: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        with self.engine.connect() as connection:
            while not self.stop.is_set():
                started = time.perf_counter()
                with connection.begin():
                    self.query(connection)
                self.latencies.append(time.perf_counter() - started)
                time.sleep(0.005)

    def figures(self) -> dict[str, float]:
        lat = sorted(self.latencies) or [0.0]
        return {
            "queries": len(self.latencies),
            "p50_ms": round(statistics.median(lat) * 1000, 1),
            "p99_ms": round(lat[int(len(lat) * 0.99) - 1 if len(lat) > 1 else 0] * 1000, 1),
            "max_ms": round(lat[-1] * 1000, 1),
        }


def _schema(engine: sa.Engine) -> str:
    name = f"cs_bench_enf_{uuid.uuid4().hex[:8]}"
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{name}"'))
    return name


def _drop(engine: sa.Engine, name: str) -> None:
    with engine.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))


FK_INDEXES = (
    ("payments", "patient_no"),
    ("members", "patient_no"),
    ("guardians", "member_id"),
    ("identity_verifications", "member_id"),
    ("event_participants", "member_id"),
    ("consultations", "환자번호"),
    ("complaints", "환자번호"),
    ("xray_notes", "PT_NO"),
)


def bench_retention(engine: sa.Engine, rows: int, fk_indexes: bool = True) -> dict[str, Any]:
    """Destroy ``rows`` overdue rows in batches with two concurrent readers; rows/s and the longest lock.

    ``fk_indexes`` first creates the indexes the plan's warnings ask for (foreign-key columns into the
    tables losing rows); without them PostgreSQL scans each child table for every parent row deleted.
    """
    per = rows_per_patient(2)
    overdue, recent = rows // per, max(rows // per // 10, 100)
    schema = _schema(engine)
    try:
        started = time.perf_counter()
        load_bulk(engine, schema, overdue, recent)
        with engine.begin() as connection:
            for table, column in FK_INDEXES if fk_indexes else ():
                connection.execute(sa.text(f'CREATE INDEX ON "{schema}".{table} ("{column}")'))
            connection.execute(
                sa.text(
                    f'ANALYZE "{schema}".patients, "{schema}".medical_records, '
                    f'"{schema}".payments, "{schema}".members, "{schema}".guardians'
                )
            )
        load_s = time.perf_counter() - started
        policy = load_policy("default")
        config = _config(schema)
        started = time.perf_counter()
        plan = plan_retention(config, RunOptions(policy=policy, today=TODAY))
        plan_s = time.perf_counter() - started

        rng = random.Random(7)
        everyone = overdue + recent

        def plain(connection: sa.Connection) -> None:
            pt = person(rng.randrange(everyone))["pt_no"]
            connection.execute(
                sa.text(f'SELECT count(*) FROM "{schema}".medical_records WHERE "PT_NO" = :p'), {"p": pt}
            ).scalar_one()
            connection.execute(
                sa.text(f'SELECT * FROM "{schema}".patients WHERE "PT_NO" = :p'), {"p": pt}
            ).all()

        def locking(connection: sa.Connection) -> None:
            member = rng.randrange(overdue)
            connection.execute(
                sa.text(f'SELECT 1 FROM "{schema}".members WHERE member_id = :m FOR SHARE'), {"m": member}
            ).all()

        readers = {"plain_reader": _Reader(engine, plain), "locking_reader": _Reader(engine, locking)}
        batches: list[float] = []
        last = [time.perf_counter()]

        def on_batch(_target: Any, _changed: int) -> None:
            now = time.perf_counter()
            batches.append(now - last[0])
            last[0] = now

        os.environ.setdefault("CLINICSCAN_PSEUDONYM_KEY", "bench-only-key-" + "0" * 20)
        for reader in readers.values():
            reader.start()
        started = time.perf_counter()
        last[0] = started
        report = apply_retention(config, RunOptions(policy=policy, today=TODAY, on_batch=on_batch))
        apply_s = time.perf_counter() - started
        for reader in readers.values():
            reader.stop.set()
            reader.join()
        done = report.total("done")
        ordered = sorted(batches)
        return {
            "fk_indexes": fk_indexes,
            "plan_index_warnings": sum("without an index" in w for w in plan.warnings),
            "overdue_rows": plan.total("rows"),
            "destroyed_rows": done,
            "remaining_rows": report.total("remaining"),
            "batch_rows": BATCH_ROWS,
            "batches": len(batches),
            "load_seconds": round(load_s, 1),
            "plan_seconds": round(plan_s, 2),
            "apply_seconds": round(apply_s, 1),
            "rows_per_second": round(done / apply_s),
            "batch_p50_ms": round(statistics.median(ordered) * 1000, 1) if ordered else None,
            "batch_max_ms": round(ordered[-1] * 1000, 1) if ordered else None,
            **{f"{name}_{k}": v for name, r in readers.items() for k, v in r.figures().items()},
        }
    finally:
        _drop(engine, schema)


def _searches(config: ScanConfig, who: dict[str, str]) -> dict[str, Any]:
    policy = load_policy("default")
    out: dict[str, Any] = {}
    needs: list[str] = []
    for label, find in (
        ("name_phone", [f"name={who['name']}", f"phone={who['phone']}"]),
        ("email", [f"email={who['email'].upper()}"]),
        ("rrn", [f"rrn={who['rrn'].replace('-', '')}"]),
    ):
        search = find_subject(config, parse_find(find), policy)
        out[f"{label}_seconds"] = round(search.seconds, 3)
        out[f"{label}_rows_found"] = search.rows()
        needs += search.needs_index
    out["needs_index"] = list(dict.fromkeys(needs))
    return out


INDEXES = (
    'CREATE INDEX ON "{s}".patients ("HP_NO")',
    'CREATE INDEX ON "{s}".patients ("TEL_NO")',
    'CREATE INDEX ON "{s}".members (phone)',
    'CREATE INDEX ON "{s}".patients ("JUMIN_NO")',
    'CREATE INDEX ON "{s}".members (lower(trim(email)))',
    'CREATE INDEX ON "{s}".members (patient_no)',
    'CREATE INDEX ON "{s}".guardians (member_id)',
    'CREATE INDEX ON "{s}".payments (patient_no)',
)


def bench_subject(engine: sa.Engine) -> dict[str, Any]:
    """Find one person among PATIENTS patients, without and with the indexes the search asks for."""
    schema = _schema(engine)
    try:
        started = time.perf_counter()
        load_bulk(engine, schema, 0, PATIENTS, records=1)
        with engine.begin() as connection:
            connection.execute(sa.text(f'ANALYZE "{schema}".patients, "{schema}".members'))
        load_s = time.perf_counter() - started
        config = _config(schema)
        who = person(PATIENTS * 2 // 3)
        before = _searches(config, who)
        started = time.perf_counter()
        with engine.begin() as connection:
            for ddl in INDEXES:
                connection.execute(sa.text(ddl.format(s=schema)))
            connection.execute(sa.text(f'ANALYZE "{schema}".patients, "{schema}".members'))
        index_s = time.perf_counter() - started
        after = _searches(config, who)
        return {
            "patients": PATIENTS,
            "load_seconds": round(load_s, 1),
            "without_indexes": before,
            "index_build_seconds": round(index_s, 1),
            "indexes_added": [
                d.format(s=schema).split(" ON ")[1].replace(f'"{schema}".', "") for d in INDEXES
            ],
            "with_indexes": after,
        }
    finally:
        _drop(engine, schema)


def run() -> dict[str, Any]:
    """Both benchmarks on the PostgreSQL service."""
    engine = sa.create_engine(PG_URL)
    try:
        return {
            "scale": SCALE,
            "retention": bench_retention(engine, ROWS),
            "retention_without_fk_indexes": bench_retention(engine, ROWS // 10, fk_indexes=False),
            "subject": bench_subject(engine),
        }
    finally:
        engine.dispose()
