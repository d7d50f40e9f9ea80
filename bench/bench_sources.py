"""Figures for sources/: a full PostgreSQL read through stream(), against reading the table with COPY.

``bench_pg_read(rows)`` builds a table of ``rows`` rows with eight text columns in a throw-away schema and
times, best of ``repeat`` runs each:

- ``raw_copy_s``: ``COPY ... TO STDOUT`` read to the end, the bytes thrown away (the floor);
- ``copy_to_arrow_s``: the same COPY collected and parsed into one Arrow table by pyarrow's CSV reader;
- ``stream_s``: ``open_source(...).stream(table)`` read to the end (what a full scan pays for reading).

Issue 4 asks for a full scan within 2x (at most 3x) of the COPY into Arrow.
"""

from __future__ import annotations

import io
import os
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import psutil
import pyarrow.csv as pa_csv
import sqlalchemy as sa

from sources import open_source

PG_URL = os.environ.get("CLINICSCAN_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ROWS = int(os.environ.get("CLINICSCAN_BENCH_ROWS", "1000000"))

_FILL = """
INSERT INTO {table}
SELECT g, '환자 ' || g, '010' || lpad(g::text, 8, '0'), 'member' || g || '@example.com', md5(g::text),
       '서울특별시 강남구 압구정로 ' || (g % 997) || '길', md5((g * 7)::text),
       to_char(date '1950-01-01' + g % 20000, 'YYMMDD') || '-' || lpad((g % 10000000)::text, 7, '0'),
       'note ' || md5((g * 13)::text)
FROM generate_series(1, :rows) AS g
"""
_COLUMNS = (
    "id integer, name text, phone text, email text, token text, address text, hash text, rrn text, note text"
)


def bench_pg_read(rows: int, url: str = PG_URL, repeat: int = 2) -> dict[str, Any]:
    """Time raw COPY, COPY into Arrow and stream() on a ``rows``-row table of eight text columns.

    Args:
        rows: Rows in the table (issue 4's figure is for 1,000,000).
        url: A PostgreSQL URL whose account may create a schema.
        repeat: Runs of each measurement; the best is kept.

    Returns:
        Seconds for each read, the table's size, the ratio stream/COPY-into-Arrow and the peak memory growth
        of the stream.
    """
    schema = f"bench_sources_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        connection.execute(sa.text(f'CREATE TABLE "{schema}".visits ({_COLUMNS})'))
        connection.execute(sa.text(_FILL.format(table=f'"{schema}".visits')), {"rows": rows})
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(sa.text(f'ANALYZE "{schema}".visits'))
        table_bytes = connection.execute(sa.text(f"SELECT pg_table_size('\"{schema}\".visits')")).scalar_one()
    copy_sql = f'COPY "{schema}".visits TO STDOUT (FORMAT csv)'
    try:
        raw = _best(repeat, lambda: _raw_copy(admin, copy_sql))
        to_arrow = _best(repeat, lambda: _copy_to_arrow(admin, copy_sql, rows))
        source = open_source("bench", url=url, schema=schema)
        streamed = _best(repeat, lambda: _stream(source, f"{schema}.visits", rows))
        peak_mb = _peak_rss_growth_mb(lambda: _stream(source, f"{schema}.visits", rows))
        source.close()
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    return {
        "rows": rows,
        "text_columns": 8,
        "table_mb": round(table_bytes / 2**20, 1),
        "raw_copy_s": round(raw, 3),
        "copy_to_arrow_s": round(to_arrow, 3),
        "stream_s": round(streamed, 3),
        "stream_vs_copy_to_arrow": round(streamed / to_arrow, 2),
        "stream_peak_rss_growth_mb": round(peak_mb, 1),
    }


def run() -> dict[str, Any]:
    """``make bench`` entry point: issue 4's 1,000,000-row read (CLINICSCAN_BENCH_ROWS to change it)."""
    return {"pg_full_read": bench_pg_read(ROWS)}


def _best(repeat: int, measure: Callable[[], None]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        measure()
        times.append(time.perf_counter() - started)
    return min(times)


def _raw_copy(engine: sa.Engine, copy_sql: str) -> None:
    with engine.connect() as connection:
        driver: Any = connection.connection.driver_connection
        with driver.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for _ in copy:
                pass


def _copy_to_arrow(engine: sa.Engine, copy_sql: str, rows: int) -> None:
    buffer = io.BytesIO()
    with engine.connect() as connection:
        driver: Any = connection.connection.driver_connection
        with driver.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for chunk in copy:
                buffer.write(chunk)
    buffer.seek(0)
    table = pa_csv.read_csv(buffer, read_options=pa_csv.ReadOptions(autogenerate_column_names=True))
    assert table.num_rows == rows


def _stream(source: Any, table: str, rows: int) -> None:
    assert sum(batch.num_rows for batch in source.stream(table)) == rows


def _peak_rss_growth_mb(measure: Callable[[], None]) -> float:
    process = psutil.Process()
    baseline = peak = process.memory_info().rss
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, process.memory_info().rss)
            time.sleep(0.005)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        measure()
    finally:
        done.set()
        watcher.join()
    return (peak - baseline) / 2**20


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(bench_pg_read(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000), indent=2))
