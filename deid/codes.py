r"""Exact factorization of a column: pandas' object hash table truncates strings at a NUL character.

``pd.factorize`` on Python strings treats ``"a\\x00b"`` and ``"a"`` as one value, which would merge two
patients or give two identifiers one pseudonym. Text columns are factorized as Arrow strings instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def factorize(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Codes (-1 for missing) and distinct values, exact for any text."""
    text = isinstance(values.dtype, pd.StringDtype) or (
        values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) == "string"
    )
    if text:
        values = values.astype("string[pyarrow]")
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return np.asarray(codes), pd.Index(uniques)
