"""Keyed pseudonyms (HMAC-SHA-256) and keyed per-patient date offsets.

An unkeyed hash of an identifier is still identifying (anyone can hash every RRN or phone number and compare),
so pseudonyms are HMACs under a secret key kept apart from the data. The same key and value always give the
same pseudonym, so datasets made with one key link; another key gives unrelated pseudonyms. The HMAC runs
once per distinct value (CPython's one-shot ``hmac.digest``), then codes are mapped back to rows with numpy.
"""

from __future__ import annotations

import hmac
import math
from datetime import date, datetime

import numpy as np
import pandas as pd

from deid.codes import factorize

_DATE_SHIFT_CONTEXT = b"clinicscan/date-shift\x1f"


def canonical_text(value: object) -> str:
    """Return the text a value is hashed as, so ``1234``, ``1234.0`` and ``" 1234 "`` give one pseudonym."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    if isinstance(value, np.integer | np.floating):
        return canonical_text(value.item())
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()
    return str(value).strip()


def canonical_bytes(uniques: pd.Index) -> list[bytes]:
    """Return the UTF-8 of each distinct value's canonical text (vectorised for text columns)."""
    if isinstance(uniques.dtype, pd.StringDtype):
        return [t.encode("utf-8") for t in uniques.str.strip().tolist()]
    return [canonical_text(u).encode("utf-8") for u in uniques.tolist()]


def pseudonymize(values: pd.Series, key: bytes, length: int = 64, namespace: str = "") -> pd.Series:
    """Replace each value by the first ``length`` hex digits of HMAC-SHA-256(key, namespace + value).

    Args:
        values: the column to pseudonymize; NA stays NA.
        key: the secret key (never written anywhere).
        length: hex digits kept (16..64); 64 keeps the whole digest.
        namespace: text prefixed to every value; leave empty to link with other datasets made with the key.

    Returns:
        A string Series aligned with ``values``.

    """
    codes, uniques = factorize(values)
    prefix = namespace.encode("utf-8")
    digests = [hmac.digest(key, prefix + text, "sha256").hex()[:length] for text in canonical_bytes(uniques)]
    table = np.array([*digests, None], dtype=object)
    return pd.Series(table[codes], index=values.index, dtype="string")


def keyed_offsets(values: pd.Series, key: bytes, max_days: int) -> pd.Series:
    """Return a secret, stable offset in days (never 0, within +/- ``max_days``) per value, e.g. per patient.

    Shifting every date of a patient by the same offset keeps intervals (days between visits) exact while the
    calendar dates no longer match anything an attacker knows. NA gets NA.
    """
    codes, uniques = factorize(values)
    span = 2 * max_days
    raw = np.array(
        [
            int.from_bytes(hmac.digest(key, _DATE_SHIFT_CONTEXT + text, "sha256")[:8], "big") % span
            for text in canonical_bytes(uniques)
        ],
        dtype=np.int64,
    )
    offsets = np.where(raw < max_days, raw - max_days, raw - max_days + 1)
    table = pd.array([*offsets.tolist(), None], dtype="Int64")
    return pd.Series(table[codes], index=values.index)
