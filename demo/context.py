"""What every generator shares during one build: seeded random streams, id counters, pools, the timeline.

Each plan and chunk draws from its own stream, seeded from (seed, stream name, chunk number): the same
seed, size, chunk size and ``as_of`` day give the same clinic, value for value, on any database.
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from demo.people import Pools
from demo.timeline import Timeline

Rows = dict[str, list[Any]]
"""Column name -> values, all lists of one length: one table's rows, column-wise."""

Frames = dict[str, Rows]
"""Table name -> rows."""


@dataclass
class BuildContext:
    """The shared state of one demo build."""

    seed: int
    timeline: Timeline
    pools: Pools
    next_id: dict[str, int] = field(default_factory=lambda: defaultdict(lambda: 1))
    samples: Frames = field(default_factory=dict)
    tallies: Counter[str] = field(default_factory=Counter)

    def rng(self, stream: str, chunk: int = 0) -> np.random.Generator:
        """Return the random stream for ``stream`` (a table or a plan) and chunk, independent of others."""
        return np.random.default_rng([self.seed, zlib.crc32(stream.encode("utf-8")), chunk])

    def take_ids(self, table: str, n: int) -> list[int]:
        """Hand out the next ``n`` primary keys of a table."""
        first = self.next_id[table]
        self.next_id[table] = first + n
        return list(range(first, first + n))

    def issued(self, table: str) -> int:
        """How many ids of a table were handed out so far."""
        return self.next_id[table] - 1


def merge(into: Frames, more: Frames) -> Frames:
    """Append the rows of ``more`` to ``into``, table by table (columns must match)."""
    for table, rows in more.items():
        if table not in into:
            into[table] = {k: list(v) for k, v in rows.items()}
            continue
        for column, values in rows.items():
            into[table][column].extend(values)
    return into


def row_count(rows: Rows) -> int:
    """Rows in a column-wise table."""
    return len(next(iter(rows.values()))) if rows else 0
