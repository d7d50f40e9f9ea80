"""Birth date and sex read from a resident registration number, vectorised with Arrow string kernels.

Only the first seven digits are read (``YYMMDD-G``), so masked numbers (``900101-1******``) work too. The
gender digit G gives the century: 9/0 the 1800s, 1/2 and 5/6 (foreigners) the 1900s, 3/4 and 7/8 the 2000s;
odd digits are male, even digits female.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_CENTURY = np.array([1800, 1900, 1900, 2000, 2000, 1900, 1900, 2000, 2000, 1800])  # indexed by G


def _leading_digits(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(YYMMDD, G) as strings; NA where the value does not start with 7 digits after removing a dash."""
    arr = pa.array(values.astype("string").to_numpy(dtype=object, na_value=None), type=pa.string())
    compact = pc.replace_substring_regex(pc.utf8_trim_whitespace(arr), pattern=r"[-\s]", replacement="")
    ok = pc.match_substring_regex(compact, pattern=r"^\d{7}")
    head = pc.if_else(ok, pc.utf8_slice_codeunits(compact, 0, 6), None)
    gender = pc.if_else(ok, pc.utf8_slice_codeunits(compact, 6, 7), None)
    return (
        pd.Series(head.to_pandas(), index=values.index, dtype="string"),
        pd.Series(gender.to_pandas(), index=values.index, dtype="string"),
    )


def birth_dates_from_rrn(values: pd.Series) -> pd.Series:
    """Birth dates (datetime64, NaT where the number is unreadable or the date impossible)."""
    head, gender = _leading_digits(values)
    g = pd.to_numeric(gender, errors="coerce")
    century = pd.Series(
        np.where(g.isna(), np.nan, _CENTURY[g.fillna(0).astype(int).to_numpy()]), index=values.index
    )
    yy = pd.to_numeric(head.str.slice(0, 2), errors="coerce")
    year = (century + yy).astype("Int64").astype("string")
    text = year + "-" + head.str.slice(2, 4) + "-" + head.str.slice(4, 6)
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")


def sex_from_rrn(values: pd.Series) -> pd.Series:
    """``M`` for odd gender digits, ``F`` for even ones, NA where unreadable."""
    _, gender = _leading_digits(values)
    g = pd.to_numeric(gender, errors="coerce")
    out = pd.Series(pd.NA, index=values.index, dtype="string")
    out[g.notna() & (g % 2 == 1)] = "M"
    out[g.notna() & (g % 2 == 0)] = "F"
    return out
