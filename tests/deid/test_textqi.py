"""Dates, ages and regions in free text follow the level their quasi-identifier got in the same row."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deid.textdates import day_mentions
from deid.textqi import RowLevels, consistent_texts

VISIT = pd.Timestamp("2024-11-20")


def _rewrite(text: str, date: str | None, offset: int = 0, age: str | None = None, region: str | None = None):
    levels = RowLevels(
        date=None if date is None else np.array([date], dtype=object),
        anchor=pd.Series([VISIT]),
        offset=np.array([offset]),
        age=None if age is None else np.array([age], dtype=object),
        age_label=lambda level, a: {
            "5y": f"{a // 5 * 5}-{a // 5 * 5 + 4}",
            "10y": f"{a // 10 * 10}-{a // 10 * 10 + 9}",
        }[level],
        region=None if region is None else np.array([region], dtype=object),
    )
    out, counts = consistent_texts(pd.Series([text]), levels)
    return out.iloc[0], counts


@pytest.mark.parametrize(
    ("text", "level", "expected"),
    [
        ("12/6 수술 가예약", "day", "12/6 수술 가예약"),
        ("12/6 수술 가예약", "month", "12월 수술 가예약"),
        ("12/6 수술 가예약", "quarter", "2024년 4분기 수술 가예약"),
        ("12/6 수술 가예약", "year", "2024년 수술 가예약"),
        ("12/6 수술 가예약", "suppressed", "<DATE> 수술 가예약"),
        ("1/3 재내원", "year", "2025년 재내원"),  # the 3rd of January nearest to 20 November 2024
        ("수술일 2026-03-04 확정", "month", "수술일 2026-03 확정"),
        ("수술일 2026.3.4 확정", "day", "수술일 2026.03.04 확정"),
        ("2024년 3월 4일 수술", "month", "2024년 3월 수술"),
        ("3월 4일 실밥 제거", "quarter", "2025년 1분기 실밥 제거"),
        ("2024년 본원 코성형", "year", "2024년 본원 코성형"),
        ("2024년 본원 코성형", "day", "2024년 본원 코성형"),  # a year never gets finer
        ("2024년 본원 코성형", "suppressed", "<DATE> 본원 코성형"),
        ("2/30 예약", "year", "2/30 예약"),  # no such day: not a date
        ("특이사항 없음", "suppressed", "특이사항 없음"),
    ],
)
def test_a_date_in_a_note_is_written_at_the_rows_date_level(text, level, expected):
    assert _rewrite(text, level)[0] == expected


def test_a_shifted_date_column_shifts_the_notes_dates_by_the_same_offset():
    assert _rewrite("12/6 수술, 2026-03-04 재내원", "day", offset=-10)[0] == "11/26 수술, 2026-02-22 재내원"


def test_without_a_date_quasi_identifier_every_date_is_removed():
    text, counts = _rewrite("12/6 수술, 2024년 코성형", None)
    assert text == "<DATE> 수술, <DATE> 코성형"
    assert counts["dates_found"] == 2 and counts["dates_removed"] == 2


def test_ages_and_regions_follow_their_columns():
    text, counts = _rewrite("만 32세, 서울 강남구 거주", "year", age="5y", region="sido")
    assert text == "만 30-34세, 서울특별시 거주"
    assert counts["ages_generalised"] == 1 and counts["regions_generalised"] == 1
    assert (
        _rewrite("32살, 경기도에서 내원", "year", age="10y", region="suppressed")[0]
        == "30-39세, <REGION>에서 내원"
    )


@settings(deadline=None)  # a shared machine: time is not what this test is about
@given(st.dates(min_value=pd.Timestamp("1990-01-01").date(), max_value=pd.Timestamp("2039-12-31").date()))
def test_no_exact_date_survives_a_generalised_level(day):
    notes = f"{day.month}/{day.day} 예약, {day.isoformat()} 수술, {day.year}년 {day.month}월 {day.day}일 내원"
    for level in ("month", "quarter", "year", "suppressed"):
        assert day_mentions(_rewrite(notes, level)[0]) == []
