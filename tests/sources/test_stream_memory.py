"""Streaming a big table keeps memory flat: peak RSS grows by a batch or two, not by the table."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import psutil
import pytest

from sources import open_source

ROWS = 500_000
ROW_TEXT = 200  # characters of text per row: the table is about 100 MB of text, several times that in Python


@pytest.fixture(scope="module")
def big_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("memory") / "big.sqlite"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, phone TEXT, note TEXT)")
        connection.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            " INSERT INTO visits SELECT i, printf('010%08d', i), printf('%.*c', ?, 'x') || i FROM n",
            (ROWS, ROW_TEXT),
        )
        connection.commit()
    return path


class PeakRss:
    """Samples the process's resident memory in a thread, to catch the peak between two batches."""

    def __init__(self) -> None:
        self.process = psutil.Process()
        self.baseline = self.process.memory_info().rss
        self.peak = self.baseline
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.005)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.baseline) / 2**20


@pytest.mark.slow
def test_streaming_500k_rows_keeps_memory_flat(big_sqlite: Path) -> None:
    # The first batch pays one-off costs (Arrow's allocator arenas, library pages): measure from after it.
    with closing(open_source("big", url=f"sqlite:///{big_sqlite}")) as source:
        batches = source.stream("visits", batch_rows=20_000)
        rows = next(batches).num_rows
        with PeakRss() as memory:
            for batch in batches:
                rows += batch.num_rows
    assert rows == ROWS
    table_mb = big_sqlite.stat().st_size / 2**20
    assert table_mb > 100
    assert memory.growth_mb < 40, (
        f"peak RSS grew {memory.growth_mb:.0f} MB streaming a {table_mb:.0f} MB table"
    )  # speed is measured in `make bench` (bench_sources), never by a timed test


@pytest.mark.slow
def test_sampling_500k_rows_keeps_memory_flat(big_sqlite: Path) -> None:
    with closing(open_source("big", url=f"sqlite:///{big_sqlite}")) as source:
        source.sample("visits", rows=10)  # one-off costs first, as above
        with PeakRss() as memory:
            sample = source.sample("visits", rows=1_000)
    assert sample.num_rows == 1_000
    assert max(sample.column("id").to_pylist()) > ROWS * 0.9
    assert memory.growth_mb < 20
