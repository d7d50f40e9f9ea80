"""Joining streamed batches whose column types differ keeps every value."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from sources import concat_batches


def test_same_schemas_join_unchanged() -> None:
    batch = pa.record_batch({"a": pa.array([1, 2])})
    assert concat_batches([batch, batch]).schema.field("a").type == pa.int64()


def test_a_column_that_changed_type_becomes_text_everywhere() -> None:
    first = pa.record_batch({"d": pa.array([dt.date(2024, 1, 2)]), "n": pa.array([1])})
    second = pa.record_batch({"d": pa.array(["2024/13/45"]), "n": pa.array([2])})
    table = concat_batches([first, second])
    assert table.to_pylist() == [{"d": "2024-01-02", "n": 1}, {"d": "2024/13/45", "n": 2}]


def test_no_batches_is_an_empty_table() -> None:
    assert concat_batches([]).num_rows == 0
