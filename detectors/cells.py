"""Turn any Arrow column into the text a recognizer reads, so numeric and date columns are scanned too.

Korean systems store identifiers in numeric columns more often than one would hope: an RRN in a BIGINT,
a phone number in an INTEGER that silently dropped its leading zero. Every column is therefore cast to
text the way a person would write the value (``1012345678``, not ``1012345678.0``; ``1990-01-02``). The
text is not otherwise altered: the recognizers know the zero-less forms (a 12-digit RRN, a mobile number
starting ``10``), and a cell's text stays exactly what per-cell analysis would read.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
DISTINCT_MAX_SHARE = 0.5
"""Work on distinct values when at most this share of a batch's cells are distinct."""


def is_scannable(arrow_type: pa.DataType) -> bool:
    """Whether a column of this type can hold text a recognizer could read.

    Booleans cannot; binary columns hold ciphertext or files, and nested types are not cells.
    """
    if pa.types.is_dictionary(arrow_type):
        return is_scannable(arrow_type.value_type)
    return not (
        pa.types.is_boolean(arrow_type)
        or pa.types.is_binary(arrow_type)
        or pa.types.is_large_binary(arrow_type)
        or pa.types.is_fixed_size_binary(arrow_type)
        or pa.types.is_nested(arrow_type)
        or pa.types.is_null(arrow_type)
    )


def is_temporal(arrow_type: pa.DataType) -> bool:
    """Whether the source types the column as a date, a time or a timestamp (its cells are written dates)."""
    if pa.types.is_dictionary(arrow_type):
        return is_temporal(arrow_type.value_type)
    return bool(pa.types.is_temporal(arrow_type))


def cell_texts(column: pa.Array | pa.ChunkedArray | pl.Series) -> pl.Series:
    """Return the column's cells as text, blanks as null.

    Args:
        column: one Arrow column of any scannable type (see ``is_scannable``).

    Returns:
        A polars string Series of the same length.

    """
    if isinstance(column, pl.Series):
        series = column
    else:
        converted = pl.Series(values=column) if isinstance(column, pa.Array) else pl.from_arrow(column)
        assert isinstance(converted, pl.Series)
        series = converted
    dtype = series.dtype
    if dtype.is_integer() or isinstance(dtype, pl.Decimal):
        return series.cast(pl.Utf8).rename("cell")  # a number never writes as blank
    if dtype.is_float():
        integral = series.round(0) == series
        as_int = series.cast(pl.Int64, strict=False).cast(pl.Utf8)
        return (
            pl.select(pl.when(integral).then(as_int).otherwise(series.cast(pl.Utf8)))
            .to_series()
            .rename("cell")
        )
    if isinstance(dtype, pl.Datetime):
        return series.dt.to_string(_DATETIME_FORMAT).rename("cell")
    if dtype.is_temporal():
        return series.cast(pl.Utf8).rename("cell")
    text = series.cast(pl.Utf8, strict=False).rename("cell")
    blank = text.str.contains(r"^\s*$")  # anchored: one look at a non-blank cell's first character
    if not blank.any():
        return text
    return pl.select(pl.when(blank).then(None).otherwise(text)).to_series().rename("cell")


def distinct_texts(column: pa.Array | pa.ChunkedArray | pl.Series, with_rows: bool = False) -> pl.DataFrame:
    """Return a batch's non-blank cells as distinct texts and how many cells hold each.

    Codes, statuses, dates, names and templated notes repeat a few thousand values over a batch;
    encoding the column first and writing, measuring and matching only its distinct values is several
    times cheaper than doing it cell by cell, and gives the same texts. A mostly-unique column (e-mails,
    ids) is written cell by cell, since encoding it would cost more than it saves: its lines are cells
    (count 1), so a value it repeats appears once per cell.

    Args:
        column: one column of any scannable type (or its texts, already written).
        with_rows: also list, per text, the positions in ``column`` that hold it.

    Returns:
        ``cell`` (the text), ``count`` (UInt32) and, with ``with_rows``, ``row`` (a list of positions).

    """
    series = column if isinstance(column, pl.Series) else _to_polars(column)
    rows = [pl.col("row")] if with_rows else []
    present = int(series.len() - series.null_count())
    if present == 0 or int(series.approx_n_unique()) > DISTINCT_MAX_SHARE * present:  # type: ignore[arg-type]
        frame = cell_texts(series).to_frame().with_row_index("row").filter(pl.col("cell").is_not_null())
        return frame.with_columns(count=pl.lit(1, pl.UInt32)).select(
            "cell", "count", *[pl.concat_list(r) for r in rows]
        )
    encoded = pc.dictionary_encode(series.to_arrow())
    codes = pl.Series("code", encoded.indices).cast(pl.UInt32)
    counts = np.bincount(codes.drop_nulls().to_numpy(), minlength=len(encoded.dictionary))
    distinct = pl.DataFrame(
        {"cell": cell_texts(encoded.dictionary), "count": pl.Series(counts, dtype=pl.UInt32)}
    )
    distinct = distinct.with_row_index("code").filter(pl.col("cell").is_not_null())
    if with_rows:
        positions = codes.to_frame().with_row_index("row").drop_nulls().group_by("code").agg("row")
        distinct = distinct.join(positions, on="code", how="left", maintain_order="left")
    return distinct.select("cell", "count", *rows)


def _to_polars(column: pa.Array | pa.ChunkedArray) -> pl.Series:
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if pa.types.is_dictionary(column.type):
        column = column.dictionary_decode()
    return pl.Series(values=column)
