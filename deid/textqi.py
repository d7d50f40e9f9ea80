"""Free text consistent with the privacy model: dates, ages and regions in a note at their column's level.

The model generalises the columns; a note that still says ``12/6 수술 가예약``, ``만 32세`` or ``서울 강남구
거주`` would give back what it hid. Before redaction every such mention is rewritten at the level its
quasi-identifier got *in that row*: a date at the row's date level (shifted by the patient's offset when the
column is shifted; removed as ``<DATE>`` when the spec has no date quasi-identifier, since then nothing models
it), an age as the row's age band (``30-34세``), a region at 시/도 or ``<REGION>``. Years of past procedures
(``2024년 본원 코성형``) are dates written at year level: kept while the date column is at year or finer,
removed with it. Each column's rewrites are counted for the report.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from deid.encode import EncodedQI
from deid.hierarchies import SUPPRESSED_LEVEL, get_hierarchy
from deid.hierarchies.region import SIDO_ALIASES
from deid.pseudonym import keyed_offsets
from deid.spec import DeidSpec
from deid.textdates import DATE_PATTERN, parse, render

AGE_TAG = "<AGE>"
REGION_TAG = "<REGION>"
AGE_PATTERN = re.compile(r"(?<!\d)(?P<age>\d{1,3})\s*(?:세|살)")
REGION_PATTERN = re.compile(
    r"(?<![가-힣])(?P<sido>"
    + "|".join(sorted(map(re.escape, SIDO_ALIASES), key=len, reverse=True))
    + r")(?P<sigungu>\s+[가-힣]+[시군구])?"
)


@dataclass(frozen=True)
class RowLevels:
    """Per output row, the level each kind of quasi-identifier got (None: the spec has no such column).

    Attributes:
        date: the date column's level name per row (``day``..``suppressed``); None removes every date.
        anchor: the row's own input date, to give a year to ``12/6``.
        offset: the row's date shift in days (0 without ``shift_days``).
        age: the age column's level name per row, and ``age_label(level, age)`` its label.
        region: the region column's level name per row.

    """

    date: np.ndarray | None
    anchor: pd.Series | None
    offset: np.ndarray
    age: np.ndarray | None = None
    age_label: Callable[[str, int], str] | None = None
    region: np.ndarray | None = None


@dataclass
class TextCounts:
    """How many mentions of each kind were found and how many were rewritten or removed."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, before: str, after: str) -> str:
        """Count one mention rewritten from ``before`` to ``after``; return ``after``."""
        self.counts[f"{kind}_found"] += 1
        if after.startswith("<"):
            self.counts[f"{kind}_removed"] += 1
        elif after != before:
            self.counts[f"{kind}_generalised"] += 1
        return after

    def as_dict(self) -> dict[str, int]:
        """Return every count, zeros included, for the report."""
        keys = [f"{k}_{w}" for k in ("dates", "ages", "regions") for w in ("found", "generalised", "removed")]
        return {key: int(self.counts[key]) for key in keys}


def _date_rewriter(levels: RowLevels, row: int, tally: TextCounts) -> Callable[[re.Match[str]], str]:
    level = SUPPRESSED_LEVEL if levels.date is None else str(levels.date[row])
    anchor = levels.anchor.iloc[row] if levels.anchor is not None else None

    def rewrite(match: re.Match[str]) -> str:
        mention = parse(match, None if pd.isna(anchor) else anchor)
        if mention is None:
            written = match.group(0)
            looks_dated = bool(match.group("yy") or match.group("iy") or match.group("ky"))
            return tally.add("dates", written, "<DATE>") if looks_dated else written
        return tally.add("dates", match.group(0), render(mention, level, int(levels.offset[row])))

    return rewrite


def _age_rewriter(levels: RowLevels, row: int, tally: TextCounts) -> Callable[[re.Match[str]], str]:
    assert levels.age is not None and levels.age_label is not None
    level, label = str(levels.age[row]), levels.age_label

    def rewrite(match: re.Match[str]) -> str:
        if level == SUPPRESSED_LEVEL:
            return tally.add("ages", match.group(0), AGE_TAG)
        band = label(level, int(match.group("age")))
        text = match.group(0) if level == "years" else f"{band}세"
        return tally.add("ages", match.group(0), text)

    return rewrite


def _region_rewriter(levels: RowLevels, row: int, tally: TextCounts) -> Callable[[re.Match[str]], str]:
    assert levels.region is not None
    level = str(levels.region[row])

    def rewrite(match: re.Match[str]) -> str:
        if level == SUPPRESSED_LEVEL:
            return tally.add("regions", match.group(0), REGION_TAG)
        if level == "sido":
            return tally.add("regions", match.group(0), SIDO_ALIASES[match.group("sido")])
        return tally.add("regions", match.group(0), match.group(0))

    return rewrite


def consistent_texts(values: pd.Series, levels: RowLevels) -> tuple[pd.Series, dict[str, int]]:
    """Rewrite every note's dates, ages and regions at its row's levels; return the notes and the counts."""
    tally = TextCounts()
    out: list[str | None] = []
    for row, text in enumerate(values.tolist()):
        if text is None or (isinstance(text, float) and np.isnan(text)) or text is pd.NA:
            out.append(None)
            continue
        text = DATE_PATTERN.sub(_date_rewriter(levels, row, tally), str(text))
        if levels.age is not None:
            text = AGE_PATTERN.sub(_age_rewriter(levels, row, tally), text)
        if levels.region is not None:
            text = REGION_PATTERN.sub(_region_rewriter(levels, row, tally), text)
        out.append(text)
    return pd.Series(out, index=values.index, dtype="string"), tally.as_dict()


_KINDS = {"date": ("date",), "age": ("age", "age_rrn"), "region": ("region",)}


def first_qi_of(spec: DeidSpec, kind: str) -> str | None:
    """Return the first quasi-identifier of this kind (``date``, ``age``, ``region``), or None."""
    return next((n for n in spec.quasi_identifiers if spec.columns[n].hierarchy in _KINDS[kind]), None)


def row_levels(
    spec: DeidSpec,
    qis: list[EncodedQI],
    levels_of: Callable[[int], np.ndarray],
    rows: pd.DataFrame,
    key: bytes | None,
) -> RowLevels:
    """Return what ``consistent_texts`` needs for the output ``rows`` (input values of the kept rows).

    ``levels_of(i)`` gives quasi-identifier ``i``'s level index per output row.
    """
    index = {q.column: i for i, q in enumerate(qis)}

    def names(column: str | None) -> np.ndarray | None:
        if column is None:
            return None
        qi = qis[index[column]]
        return np.asarray(qi.level_names, dtype=object)[levels_of(index[column])]

    date_qi, age_qi = first_qi_of(spec, "date"), first_qi_of(spec, "age")
    offset = np.zeros(len(rows), dtype=np.int64)
    anchor = None
    if date_qi is not None:
        anchor = pd.to_datetime(rows[spec.input_of(date_qi)], errors="coerce").reset_index(drop=True)
        shift = spec.columns[date_qi].shift_days
        if shift and key is not None and spec.patient_key:
            offset = keyed_offsets(rows[spec.patient_key], key, shift).fillna(0).to_numpy(dtype=np.int64)
    age_label = None
    if age_qi is not None:
        col = spec.columns[age_qi]
        hierarchy = get_hierarchy(col.hierarchy or "")
        assert hierarchy is not None
        by_name = {lv.name: lv for lv in hierarchy.levels(col.hierarchy_options())}
        table = {
            name: lv.label(pd.Series(np.arange(121))).astype(str).tolist() for name, lv in by_name.items()
        }

        def age_label(level: str, age: int) -> str:
            return table[level][min(age, 120)]

    return RowLevels(
        date=names(date_qi),
        anchor=anchor,
        offset=offset,
        age=names(age_qi),
        age_label=age_label,
        region=names(first_qi_of(spec, "region")),
    )
