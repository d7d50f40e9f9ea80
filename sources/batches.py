"""Assembling streamed batches into one table, even when a batch had to deliver a column as text."""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from sources.db_types import as_text


def concat_batches(batches: Iterable[pa.RecordBatch]) -> pa.Table:
    """Join batches into one table; a column whose type differs between batches becomes text in all of them.

    Database sources deliver a column as text in a batch whose values do not fit the declared type (SQLite's
    dynamic typing, a NaN in a PostgreSQL NUMERIC), so that no value is lost; ``pa.Table.from_batches`` would
    refuse such a list. This keeps every value, written as the database prints it.

    Args:
        batches: Batches of one stream (same column names, in the same order).

    Returns:
        One table; empty (with no columns) when there were no batches.

    """
    collected = list(batches)
    if not collected:
        return pa.table({})
    names = collected[0].schema.names
    mixed = {name for name in names if len({batch.schema.field(name).type for batch in collected}) > 1}
    if not mixed:
        return pa.Table.from_batches(collected)
    return pa.Table.from_batches([_as_text_columns(batch, mixed) for batch in collected])


def _as_text_columns(batch: pa.RecordBatch, names: set[str]) -> pa.RecordBatch:
    arrays = [
        _text_array(column) if name in names else column
        for name, column in zip(batch.schema.names, batch.columns, strict=True)
    ]
    return pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)


def _text_array(column: pa.Array) -> pa.Array:
    if pa.types.is_string(column.type):
        return column
    return pa.array([None if v is None else as_text(v) for v in column.to_pylist()], type=pa.string())
