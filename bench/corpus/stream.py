"""Large synthetic tables for the speed and memory figures, generated batch by batch with numpy.

Faker is far too slow for millions of rows, so each batch draws names and address stems from a Faker-
made pool and builds the identifiers (RRNs with their check digit, mobile numbers, e-mail addresses)
with vectorised numpy, so nearly every identifier is distinct, as in a real table. Notes come from the
free-text generator's pool with phone numbers and RRNs planted at known rates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from bench.corpus.notes import note
from bench.corpus.values import Values

COLUMNS = ("PT_NM", "JUMIN_NO", "HP_NO", "EMAIL", "ADDR", "VISIT_DT", "CNSL_CN", "PAY_AMT")
DECLARED = ("VARCHAR(20)", "VARCHAR(14)", "VARCHAR(13)", "VARCHAR(100)", "VARCHAR(200)", "VARCHAR(16)",
            "TEXT", "BIGINT")  # fmt: skip
LABELS: dict[str, str | None] = {
    "PT_NM": "PERSON", "JUMIN_NO": "KR_RRN", "HP_NO": "PHONE_NUMBER", "EMAIL": "EMAIL_ADDRESS",
    "ADDR": "ADDRESS", "VISIT_DT": None, "CNSL_CN": None, "PAY_AMT": None,
}  # fmt: skip
_WEIGHTS = np.array([2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5])
_DOMAINS = np.array(["naver.com", "gmail.com", "daum.net", "hanmail.net", "kakao.com", "nate.com"])


@dataclass(frozen=True)
class Pools:
    """Faker-made values drawn from by every batch."""

    names: np.ndarray
    addresses: np.ndarray
    notes: np.ndarray
    note_labels: list[frozenset[str]]


def make_pools(seed: int, size: int = 5_000) -> Pools:
    """Pools of names, addresses and labelled notes (a few seconds of Faker, once)."""
    values = Values(seed)
    notes = [note(values) for _ in range(size)]
    return Pools(
        names=np.array([values.person() for _ in range(size)]),
        addresses=np.array([values.address() for _ in range(size)]),
        notes=np.array([text for text, _ in notes]),
        note_labels=[labels for _, labels in notes],
    )


def batch(pools: Pools, rows: int, rng: np.random.Generator) -> tuple[pa.Table, list[frozenset[str]]]:
    """One batch of the 8-column clinic table, and the planted labels of its notes."""
    note_index = rng.integers(0, len(pools.notes), rows)
    table = pa.table(
        {
            "PT_NM": pools.names[rng.integers(0, len(pools.names), rows)],
            "JUMIN_NO": _rrns(rng, rows),
            "HP_NO": _mobiles(rng, rows),
            "EMAIL": _emails(rng, rows),
            "ADDR": pools.addresses[rng.integers(0, len(pools.addresses), rows)],
            "VISIT_DT": _visits(rng, rows),
            "CNSL_CN": pools.notes[note_index],
            "PAY_AMT": rng.integers(10, 3000, rows) * 1000,
        }
    )
    return table, [pools.note_labels[i] for i in note_index]


def batches(rows: int, batch_rows: int, seed: int = 7) -> Iterator[pa.Table]:
    """``rows`` rows of the clinic table in batches, generated on the fly (nothing kept)."""
    pools = make_pools(seed)
    rng = np.random.default_rng(seed)
    done = 0
    while done < rows:
        size = min(batch_rows, rows - done)
        yield batch(pools, size, rng)[0]
        done += size


def _rrns(rng: np.random.Generator, rows: int) -> np.ndarray:
    days = rng.integers(0, 365 * 70, rows).astype("timedelta64[D]") + np.datetime64("1945-01-01")
    years = days.astype("datetime64[Y]").astype(int) + 1970
    months = (days.astype("datetime64[M]") - days.astype("datetime64[Y]")).astype(int) + 1
    mdays = (days - days.astype("datetime64[M]")).astype(int) + 1
    gender = np.where(years < 2000, rng.integers(1, 3, rows), rng.integers(3, 5, rows))
    serial = rng.integers(0, 100_000, rows)
    first12 = np.column_stack(
        [_places(years % 100, 2), _places(months, 2), _places(mdays, 2), gender, _places(serial, 5)]
    )
    check = (11 - (first12 @ _WEIGHTS) % 11) % 10
    head = _zfill((years % 100) * 10_000 + months * 100 + mdays, 6)
    tail = _zfill(gender * 1_000_000 + serial * 10 + check, 7)
    return np.char.add(np.char.add(head, "-"), tail)


def _places(values: np.ndarray, width: int) -> np.ndarray:
    """The decimal digits of each value, most significant first, as ``width`` columns."""
    return np.stack([(values // 10 ** (width - 1 - i)) % 10 for i in range(width)], axis=1)


def _zfill(values: np.ndarray, width: int) -> np.ndarray:
    return np.char.zfill(values.astype(str), width)


def _mobiles(rng: np.random.Generator, rows: int) -> np.ndarray:
    middle = rng.integers(2000, 10000, rows).astype(str)
    last = np.char.zfill(rng.integers(0, 10000, rows).astype(str), 4)
    return np.char.add(np.char.add(np.char.add("010-", middle), "-"), last)


def _emails(rng: np.random.Generator, rows: int) -> np.ndarray:
    codes = rng.integers(97, 123, (rows, 7), dtype=np.uint8)
    local = codes.view("S7").ravel().astype("U7")
    number = rng.integers(0, 1000, rows).astype(str)
    return np.char.add(
        np.char.add(np.char.add(local, number), "@"), _DOMAINS[rng.integers(0, len(_DOMAINS), rows)]
    )


def _visits(rng: np.random.Generator, rows: int) -> np.ndarray:
    days = rng.integers(0, 1200, rows).astype("timedelta64[D]") + np.datetime64("2021-01-01")
    hours = np.char.zfill(rng.integers(9, 19, rows).astype(str), 2)
    return np.char.add(np.char.add(np.datetime_as_string(days, unit="D"), " "), np.char.add(hours, ":00"))
