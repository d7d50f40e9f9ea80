"""A full scan (every row streamed in batches, past the validation quota) of a large address column."""

from __future__ import annotations

import random

import pyarrow as pa

from detectors.classify import TableScanner
from sources.base import ColumnInfo

PLACES = [
    ("경기도", "성남시 분당구"),
    ("서울특별시", "강남구"),
    ("부산광역시", "해운대구"),
    ("경상남도", "김해시"),
]
ROADS = ["판교역로", "정자일로", "황새울로", "테헤란로", "해운대로", "가야로", "성남대로", "분당로"]


def _addresses(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        sido, sigungu = rng.choice(PLACES)
        road = rng.choice(ROADS) + (f" {rng.randrange(1, 999)}번길" if rng.random() < 0.7 else "")
        out.append(f"{sido} {sigungu} {road} {rng.randrange(1, 999)}")
    return out


def test_a_large_address_column_is_address_and_nothing_else_in_a_full_scan() -> None:
    rng = random.Random(7)
    scanner = TableScanner("patients", [ColumnInfo("address", "text", "text")])
    for _ in range(4):  # 200,000 rows in the full scan's batch size, mostly distinct values
        scanner.feed(pa.table({"address": _addresses(rng, 50_000)}))
    (column,) = scanner.result()
    assert column.entity_names == ["ADDRESS"]
    assert column.entities[0].hits > 190_000
