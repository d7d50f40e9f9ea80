"""A block of rows as columns: a list of equally long binary Arrow arrays, NULL as null.

Readers hand rows on by the thousand as columns, so that what follows (placing columns, decoding text) is
one Arrow call per column rather than Python per value.
"""

from __future__ import annotations

import pyarrow as pa

Row = list[bytes | None]
Block = list[pa.Array]


def rows_block(rows: list[Row]) -> Block:
    """Turn rows (a short one ends in NULLs) into a block as wide as its widest row."""
    width = max((len(row) for row in rows), default=0)
    padded = [row if len(row) == width else row + [None] * (width - len(row)) for row in rows]
    return [pa.array(column, pa.binary()) for column in zip(*padded, strict=True)]


def block_rows(block: Block) -> list[Row]:
    """Turn a block back into rows (for tests and small reads)."""
    return [list(row) for row in zip(*(column.to_pylist() for column in block), strict=True)]
