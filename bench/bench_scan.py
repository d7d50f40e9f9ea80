"""Figures for the scan (issue 4): a full scan against merely reading, and sample mode over many tables.

- ``full_scan``: a PostgreSQL table of ``CLINICSCAN_BENCH_ROWS`` rows (default 1,000,000) with realistic
  personal data, scanned in full mode (stream + detection), against ``COPY ... TO STDOUT`` into Arrow of
  the same table in the same run; ratio target: within 2x, at most 3x. Also against the scan's own read
  alone (ADBC's binary COPY), which is faster than the CSV COPY the target names. Five interleaved
  rounds, medians.
- ``memory``: peak memory growth of full scans of 1,000,000, 2,000,000 and 4,000,000 rows, each in a fresh
  process: flat as the table grows.
- ``sample_tables``: sample-mode scans of schemas of 50, 100 and 200 small tables: wall time, and how it
  grows with the number of tables.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from typing import Any

import pyarrow.csv as pa_csv
import sqlalchemy as sa

from bench.bench_sources import _peak_rss_growth_mb
from detectors.classify import TableScanner
from flows.config import Sampling
from flows.steps import FULL_SCAN_BATCH_ROWS, scan_table
from sources import open_source
from sources.read_ahead import read_ahead

PG_URL = os.environ.get("CLINICSCAN_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ROWS = int(os.environ.get("CLINICSCAN_BENCH_ROWS", "1000000"))
ROUNDS = 5
MEMORY_SIZES = (1_000_000, 2_000_000, 4_000_000)

# 11 columns of a patient register: the scan's usual suspects and the bookkeeping around them.
COLUMNS = (
    "id integer primary key, pt_nm text, hp_no text, email text, addr text, jumin_no text, "
    "visit_dt date, memo text, chart_no text, doctor text, created_at timestamp"
)
FILL = """
INSERT INTO {table}
SELECT g,
  (ARRAY['김','이','박','최','정','강','조','윤','장','임'])[1 + g % 10]
    || (ARRAY['민','서','지','하','도','예','수','현','유','준'])[1 + (g / 10) % 10]
    || (ARRAY['준','윤','우','연','아','진','호','빈','원','희'])[1 + (g / 100) % 10],
  '010-' || lpad(((g::bigint * 7919) % 10000)::text, 4, '0') || '-' || lpad((g % 10000)::text, 4, '0'),
  'user' || g || '@example.co.kr',
  '서울특별시 강남구 압구정로' || (g % 90 + 1) || '길 ' || (g % 300 + 1),
  to_char(date '1950-01-01' + g % 20000, 'YYMMDD') || '-' || (1 + g % 4) || lpad((g % 1000000)::text, 6, '0'),
  date '2015-01-01' + g % 3650,
  CASE WHEN g % 20 = 0 THEN '환자 연락처 010-' || lpad((g % 10000)::text, 4, '0') || '-1234 재방문 예약'
       ELSE '쌍꺼풀 수술 후 경과 양호, 부기 감소' END,
  'C' || lpad(g::text, 8, '0'),
  (ARRAY['원장','부원장','전문의'])[1 + g % 3],
  timestamp '2020-01-01' + (g % 100000) * interval '1 minute'
FROM generate_series(1, :rows) AS g
"""


def copy_to_arrow(admin: sa.Engine, table: str) -> None:
    """``COPY (SELECT * FROM table) TO STDOUT`` as CSV into an Arrow table: the read a scan is held to."""
    copy_sql = f"COPY (SELECT * FROM {table}) TO STDOUT WITH (FORMAT csv)"
    raw = admin.raw_connection()
    try:
        buf = io.BytesIO()
        with raw.cursor() as cur, cur.copy(copy_sql) as copy:  # type: ignore[attr-defined]
            for chunk in copy:
                buf.write(chunk)
        buf.seek(0)
        pa_csv.read_csv(buf, read_options=pa_csv.ReadOptions(autogenerate_column_names=True))
    finally:
        raw.close()


def full_scan(rows: int = ROWS, url: str = PG_URL) -> dict[str, Any]:
    """Full-mode scan of one PostgreSQL table against COPY into Arrow of the same table."""
    schema = f"bench_scan_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url)
    table = f'"{schema}"."patients"'
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        conn.execute(sa.text(f"CREATE TABLE {table} ({COLUMNS})"))
        conn.execute(sa.text(FILL.format(table=table)), {"rows": rows})
        conn.execute(sa.text(f"ANALYZE {table}"))
    try:
        source = open_source("bench", url=url, schema=schema)
        result: dict[str, Any] = {}
        from detectors.analyzer import analyze_text

        analyze_text("김민수 환자 연락처 010-1234-5678")  # load the models once, as a scan process does

        def read() -> None:
            for _ in read_ahead(source.stream("patients", batch_rows=FULL_SCAN_BATCH_ROWS)):
                pass

        def scan() -> None:
            result["scan"] = scan_table(source, "patients", Sampling(mode="full"))

        timings: dict[str, list[float]] = {"copy": [], "read": [], "scan": []}
        copy_to_arrow(admin, table)  # warm the server's cache and the client, so no round pays for it alone
        for _ in range(ROUNDS):  # interleaved, so a slower moment of the machine hits all three alike
            for name, step in (("copy", lambda: copy_to_arrow(admin, table)), ("read", read), ("scan", scan)):
                t0 = time.perf_counter()
                step()
                timings[name].append(time.perf_counter() - t0)
        peak = _peak_rss_growth_mb(scan)
        source.close()
        copy_s, read_s, scan_s = (statistics.median(timings[k]) for k in ("copy", "read", "scan"))
        found = {d.column: d.entity_names for d in result["scan"].detections}
        return {
            "rows": rows,
            "rounds": ROUNDS,
            "copy_to_arrow_s": round(copy_s, 3),
            "our_read_s": round(read_s, 3),
            "full_scan_s": round(scan_s, 3),
            "ratio_scan_vs_copy": round(scan_s / copy_s, 2),
            "ratio_scan_vs_copy_each_round": [
                round(s / c, 2) for s, c in zip(timings["scan"], timings["copy"], strict=True)
            ],
            "ratio_scan_vs_our_read": round(scan_s / read_s, 2),
            "target": "<= 2x (at most 3x)",
            "peak_rss_growth_mb": round(peak, 1),
            "columns_found": found,
        }
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def sample_tables(counts: tuple[int, ...] = (50, 100, 200), url: str = PG_URL) -> dict[str, Any]:
    """Sample-mode scans of schemas with ``counts`` tables (2,000 rows each): wall time per schema size."""
    admin = sa.create_engine(url)
    out: dict[str, Any] = {}
    for n in counts:
        schema = f"bench_many_{uuid.uuid4().hex[:8]}"
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
            for i in range(n):
                t = f'"{schema}"."t{i:03d}"'
                conn.execute(sa.text(f"CREATE TABLE {t} ({COLUMNS})"))
                conn.execute(sa.text(FILL.format(table=t)), {"rows": 2000})
        try:
            source = open_source("bench", url=url, schema=schema)
            t0 = time.perf_counter()
            for table in source.list_tables():
                scan_table(source, table, Sampling(mode="sample", rows=1000))
            out[f"tables_{n}_s"] = round(time.perf_counter() - t0, 2)
            source.close()
        finally:
            with admin.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    out["seconds_per_table"] = {k: round(v / int(k.split("_")[1]), 3) for k, v in out.items()}
    admin.dispose()
    return out


def memory_by_size(sizes: tuple[int, ...] = MEMORY_SIZES, url: str = PG_URL) -> dict[str, Any]:
    """Peak memory growth of a full scan per table size, each in a fresh process (flat: bounded by batches).

    One table of the largest size is built; each size is a view of its first rows, scanned like a table.
    """
    schema = f"bench_mem_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        conn.execute(sa.text(f'CREATE TABLE "{schema}"."patients" ({COLUMNS})'))
        conn.execute(sa.text(FILL.format(table=f'"{schema}"."patients"')), {"rows": max(sizes)})
        for n in sizes:
            view = f'"{schema}"."rows_{n}"'
            conn.execute(
                sa.text(f'CREATE VIEW {view} AS SELECT * FROM "{schema}"."patients" WHERE id <= {n}')
            )
    try:
        growth = {}
        for n in sizes:
            child = subprocess.run(
                [sys.executable, "-m", "bench.bench_scan", "memory", url, schema, f"rows_{n}"],
                capture_output=True,
                text=True,
                check=True,
            )
            growth[str(n)] = json.loads(child.stdout.strip().splitlines()[-1])["peak_rss_growth_mb"]
        return {"peak_rss_growth_mb_by_rows": growth}
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _memory_child(url: str, schema: str, table: str) -> dict[str, float]:
    from detectors.analyzer import analyze_text

    analyze_text("김민수 환자 연락처 010-1234-5678")  # the models are loaded before the baseline
    source = open_source("bench", url=url, schema=schema)

    def scan() -> None:
        scan_table(source, table, Sampling(mode="full"))

    peak = _peak_rss_growth_mb(scan)
    source.close()
    return {"peak_rss_growth_mb": round(peak, 1)}


def run() -> dict[str, Any]:
    """The figures of issue 4, side by side."""
    _ = TableScanner  # imported so a broken detector fails before the tables are built
    return {"full_scan": full_scan(), "memory": memory_by_size(), "sample_tables": sample_tables()}


if __name__ == "__main__":
    if sys.argv[1:2] == ["memory"]:
        print(json.dumps(_memory_child(*sys.argv[2:5])))
    else:
        rows = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
        print(json.dumps({"full_scan": full_scan(rows)}, indent=2, ensure_ascii=False))
