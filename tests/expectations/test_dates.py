"""Reading days in every form they are stored in, in pandas and in SQL on every backend.

The reference is plain Python: ``int(day.strftime("%Y%m%d"))``, and for ages the Korean civil-law count
(a 29 February birthday falls on 1 March in a common year).
"""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from expectations.frame_checks import yyyymmdd
from expectations.sql_dialect import ColumnForm, dialect_for
from tests.expectations.clinic_tables import rrn
from tests.expectations.conftest import Scratch

days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
TEXT_FORMS = ["%Y-%m-%d", "%Y%m%d", "%Y.%m.%d", "%Y/%m/%d", "%Y-%m-%d %H:%M:%S"]


def number(day: dt.date) -> int:
    return int(day.strftime("%Y%m%d"))


def gender_digit(day: dt.date, female: bool) -> str:
    century = {18: "90", 19: "12", 20: "34"}[day.year // 100]
    return century[int(female)]


def nth_birthday(birth: dt.date, years: int) -> dt.date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February in a common year: the birthday comes on 1 March
        return dt.date(birth.year + years, 3, 1)


@given(day=days, form=st.sampled_from(TEXT_FORMS))
def test_frame_reads_text_days(day: dt.date, form: str) -> None:
    text = dt.datetime.combine(day, dt.time(13, 45)).strftime(form)
    assert yyyymmdd(pd.Series([text], dtype="object")).tolist() == [number(day)]


@given(day=days)
def test_frame_reads_datetimes_dates_and_numbers(day: dt.date) -> None:
    assert yyyymmdd(pd.Series(pd.to_datetime([day]))).tolist() == [number(day)]
    assert yyyymmdd(pd.Series([day], dtype="object")).tolist() == [number(day)]
    assert yyyymmdd(pd.Series([number(day)])).tolist() == [number(day)]


@given(day=st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31)), female=st.booleans())
def test_frame_reads_birth_date_inside_rrn(day: dt.date, female: bool) -> None:
    numbers = [rrn(day, gender_digit(day, female)), rrn(day, gender_digit(day, female)).replace("-", "")]
    assert yyyymmdd(pd.Series(numbers, dtype="object"), rrn=True).tolist() == [number(day)] * 2


@pytest.mark.parametrize("junk", ["", "2024-13", "abcdefgh", "2024-01-0", "Y", "1234567"])
def test_frame_leaves_junk_unread(junk: str) -> None:
    assert yyyymmdd(pd.Series([junk, None], dtype="object")).isna().all()


@pytest.mark.parametrize("junk", ["", "8001", "abcdef-1234567", "800101"])
def test_frame_leaves_junk_rrn_unread(junk: str) -> None:
    assert yyyymmdd(pd.Series([junk], dtype="object"), rrn=True).isna().all()


SQLITE = sa.create_engine("sqlite://")


@settings(max_examples=60)
@given(day=days, form=st.sampled_from(TEXT_FORMS), female=st.booleans())
def test_sqlite_fragments_read_text_and_rrn(day: dt.date, form: str, female: bool) -> None:
    dialect = dialect_for(SQLITE)
    text = dt.datetime.combine(day, dt.time(8, 0)).strftime(form)
    with SQLITE.connect() as c:
        c.execute(sa.text('CREATE TEMP TABLE IF NOT EXISTS t ("d" TEXT, "r" TEXT)'))
        c.execute(sa.text("DELETE FROM t"))
        c.execute(
            sa.text("INSERT INTO t VALUES (:d, :r)"), {"d": text, "r": rrn(day, gender_digit(day, female))}
        )
        got = c.execute(
            sa.text(
                f"SELECT {dialect.yyyymmdd('d', 'text')}, {dialect.yyyymmdd('r', 'text', rrn=True)}, "
                f"{dialect.before('d', 'text', day)}, "
                f"{dialect.before('d', 'text', day + dt.timedelta(days=1))} FROM t"
            )
        ).one()
    assert tuple(got) == (number(day), number(day), 0, 1)


def test_every_backend_reads_days_and_counts_ages_like_python(scratch: Scratch) -> None:
    rng = random.Random(20250310)
    rows = []
    for _ in range(300):
        birth = dt.date(1995, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 25))
        signup = birth + dt.timedelta(days=rng.randrange(365 * 10, 365 * 18))
        if rng.random() < 0.1:
            birth = dt.date(rng.choice([2000, 2004, 2008]), 2, 29)
            signup = nth_birthday(birth, 14) + dt.timedelta(days=rng.choice([-1, 0, 1]))
        rows.append(
            (birth, birth.strftime("%Y%m%d"), rrn(birth, gender_digit(birth, rng.random() < 0.5)), signup)
        )
    columns = {"birth": sa.Date, "birth_txt": sa.String(8), "rrn": sa.String(14), "signup": sa.Date}
    scratch.create("days", columns, rows)
    dialect = dialect_for(scratch.engine)
    forms: dict[str, ColumnForm] = {"birth": "date", "birth_txt": "text", "rrn": "text", "signup": "date"}
    select = ", ".join(
        [
            dialect.yyyymmdd("birth", forms["birth"]),
            dialect.yyyymmdd("birth_txt", forms["birth_txt"]),
            dialect.yyyymmdd("rrn", forms["rrn"], rrn=True),
            dialect.yyyymmdd("signup", forms["signup"]),
        ]
    )
    table = sa.table("days", schema=scratch.schema)
    source = str(sa.select(sa.text("1")).select_from(table).compile(scratch.engine)).split("FROM", 1)[1]
    with scratch.engine.connect() as c:
        got = c.execute(sa.text(f"SELECT {select} FROM {source}")).all()
    expected = [(number(b), number(b), number(b), number(s)) for b, _, _, s in rows]
    assert sorted(tuple(int(x) for x in row) for row in got) == sorted(expected)
    minors_sql = sum(1 for b8, _, _, s8 in got if int(b8) + 140000 > int(s8))
    minors_python = sum(1 for b, _, _, s in rows if s < nth_birthday(b, 14))
    assert minors_sql == minors_python > 0
