"""Turn any Arrow column into the text a recognizer reads, so numeric and date columns are scanned too.

Korean systems store identifiers in numeric columns more often than one would hope: an RRN in a BIGINT,
a phone number in an INTEGER that silently dropped its leading zero. Every column is therefore cast to
text the way a person would write the value (``1012345678``, not ``1012345678.0``; ``1990-01-02``). The
text is not otherwise altered: the recognizers know the zero-less forms (a 12-digit RRN, a mobile number
starting ``10``), and a cell's text stays exactly what per-cell analysis would read.
"""

from __future__ import annotations

import polars as pl
import pyarrow as pa

_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


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


def cell_texts(column: pa.Array | pa.ChunkedArray) -> pl.Series:
    """Return the column's cells as text, blanks as null.

    Args:
        column: one Arrow column of any scannable type (see ``is_scannable``).

    Returns:
        A polars string Series of the same length.

    """
    series = pl.Series(values=column) if isinstance(column, pa.Array) else pl.from_arrow(column)
    assert isinstance(series, pl.Series)
    dtype = series.dtype
    if dtype.is_integer() or isinstance(dtype, pl.Decimal | pl.Enum) or dtype == pl.Categorical:
        text = series.cast(pl.Utf8)
    elif dtype.is_float():
        integral = series.round(0) == series
        as_int = series.cast(pl.Int64, strict=False).cast(pl.Utf8)
        text = pl.select(pl.when(integral).then(as_int).otherwise(series.cast(pl.Utf8))).to_series()
    elif dtype == pl.Datetime or isinstance(dtype, pl.Datetime):
        text = series.dt.to_string(_DATETIME_FORMAT)
    elif dtype.is_temporal():
        text = series.cast(pl.Utf8)
    else:
        text = series.cast(pl.Utf8, strict=False)
    blank = text.str.strip_chars().str.len_bytes() == 0
    return pl.select(pl.when(blank).then(None).otherwise(text)).to_series().rename("cell")
