"""A synthetic clinic for the enforcement tests and benchmark: the demo clinic's shape, any size.

The schema is the demo clinic's own (``demo.schema``: EMR abbreviations, Hangul column names, dates as
``YYYYMMDD`` text in the roster, foreign keys between patients, records, members and their guardians),
plus ``xray_notes``, a side table outside the column map that still refers to patients. ``build_clinic``
creates and fills it (or a test's own tables): the one clinic builder of the tests and benches. ``load_bulk``
fills it fast (``COPY`` on PostgreSQL) with patients whose records are all overdue, or all recent, so
a benchmark knows exactly how many rows retention must destroy. Every value is synthetic.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, cast

import sqlalchemy as sa

from demo.column_map import COLUMN_MAP as DEMO_COLUMN_MAP
from demo.schema import build_metadata
from expectations.column_map import TableMapping


def metadata(schema: str | None) -> sa.MetaData:
    """The demo clinic's tables (``demo.schema``) plus ``xray_notes``, a side table no column map names."""
    md = build_metadata(schema)
    patients = md.tables[f"{schema}.patients" if schema else "patients"]
    sa.Table(
        "xray_notes",
        md,
        sa.Column("note_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("PT_NO", sa.String(10), sa.ForeignKey(patients.c.PT_NO), nullable=False),
        sa.Column("note", sa.String(100)),
        mysql_engine="InnoDB",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_unicode_ci",
    )
    return md


# The demo's column map; the forgotten copies stay out of it, and xray_notes is not in it either.
COLUMN_MAP: dict[str, TableMapping] = dict(DEMO_COLUMN_MAP)
Rows = Sequence[Mapping[str, Any]] | Sequence[tuple[Any, ...]]
"""A table's rows: tuples in column order, or dicts by column name."""


TODAY = date(2025, 3, 10)
_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
_GIVEN = "민서지현준우하윤도예은수아연호진영성"
_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def _name(i: int) -> str:
    return _SURNAMES[i % 20] + _GIVEN[(i // 20) % 18] + _GIVEN[(i // 360) % 18]


def _phone(i: int) -> str:
    return f"010-{1000 + (i // 10000) % 9000:04d}-{i % 10000:04d}"


def _rrn(i: int, birth: date) -> str:
    body = f"{birth:%y%m%d}{1 + i % 2}{(i // 15000) % 100000:05d}"  # unique: birth day repeats every 15,000
    check = (11 - sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11) % 10
    return f"{body[:6]}-{body[6:]}{check}"


def patient_no(i: int) -> str:
    """The roster number of bulk patient ``i``."""
    return f"P{i:09d}"


def person(i: int) -> dict[str, str]:
    """The identifiers of bulk patient ``i`` (synthetic): name, phone, email, RRN, roster number."""
    birth = date(1960, 1, 1) + timedelta(days=i % 15000)
    return {
        "name": _name(i),
        "phone": _phone(i),
        "email": f"user{i}@example.com",
        "rrn": _rrn(i, birth),
        "pt_no": patient_no(i),
    }


VISITS = {"overdue": date(2012, 1, 1), "held": date(2018, 1, 1), "recent": date(2024, 6, 1)}


def _rows(i: int, kind: str, records: int) -> dict[str, list[tuple[Any, ...]]]:
    p = person(i)
    birth = date(1960, 1, 1) + timedelta(days=i % 15000)
    visit = VISITS[kind] + timedelta(days=i % 200)
    paid = datetime(2023, 1, 1) if kind == "held" else datetime.combine(visit, datetime.min.time())
    ymd = visit.strftime("%Y%m%d")
    login = datetime(2025, 3, 1) if kind == "recent" else datetime(2024, 1, 1) + timedelta(days=i % 300)
    return {
        "patients": [
            (
                p["pt_no"],
                p["name"],
                p["rrn"],
                birth.strftime("%Y%m%d"),
                "MF"[i % 2],
                p["phone"],
                "02-555-0101",
                "06000",
                "서울특별시 강남구 테헤란로 1",
                f"{i % 900 + 100}호",
                ymd,
                ymd,
                datetime(2010, 1, 1),
            )
        ],
        "medical_records": [
            (i * records + k, p["pt_no"], visit, "성형외과", "한의사", "L90.5", "흉터", "P001", "경과 양호")
            for k in range(records)
        ],
        "payments": [
            (i, p["pt_no"], paid, 100000, "card", "신한", "enc:00", 0, f"{i % 10**8:08d}", "진료비")
        ],
        "members": [
            (
                i,
                f"user{i}",
                "$2b$12$" + "a" * 53,
                p["name"],
                p["email"],
                p["phone"],
                birth,
                "MF"[i % 2],
                datetime(2020, 1, 1),
                login,
                None if kind == "recent" else login,
                None,
                False,
                False,
                None,
                None,
                p["pt_no"],
            )
        ],
        "guardians": [(i, i, _name(i + 7), "모", 1040000000 + i % 10**8, datetime(2020, 1, 1), None)],
    }


LOOKUPS: dict[str, list[tuple[Any, ...]]] = {
    "kcd_codes": [("L90.5", "흉터", "Scar")],
    "procedures": [("P001", "흉터 교정", "face", 500000, "L90.5", True)],
    "events": [(1, "봄 이벤트", "event", datetime(2024, 12, 1), datetime(2025, 3, 31))],
}
BULK_TABLES = ("patients", "medical_records", "payments", "members", "guardians")


def rows_per_patient(records: int) -> int:
    """Rows one bulk patient adds: roster, records, payment, member, guardian."""
    return 1 + records + 1 + 1 + 1


def _chunks(first: int, count: int, kind: str, records: int, size: int) -> Iterator[dict[str, list[Any]]]:
    for start in range(first, first + count, size):
        out: dict[str, list[Any]] = {t: [] for t in BULK_TABLES}
        for i in range(start, min(start + size, first + count)):
            for table, rows in _rows(i, kind, records).items():
                out[table].extend(rows)
        yield out


def _copy(engine: sa.Engine, table: sa.Table, rows: Sequence[tuple[Any, ...]]) -> None:
    preparer = engine.dialect.identifier_preparer
    columns = ", ".join(preparer.quote(c.name) for c in table.columns)
    raw = engine.raw_connection()
    driver: Any = raw.driver_connection  # psycopg's own connection: COPY is not in the DB-API
    try:
        with (
            driver.cursor() as cursor,
            cursor.copy(f"COPY {preparer.format_table(table)} ({columns}) FROM STDIN") as cp,
        ):
            for row in rows:
                cp.write_row(row)
        raw.commit()
    finally:
        raw.close()


def _insert(engine: sa.Engine, table: sa.Table, rows: Rows) -> None:
    if not rows:
        return
    if isinstance(rows[0], tuple):
        tuples = cast("Sequence[tuple[Any, ...]]", rows)
        if engine.dialect.name == "postgresql":
            _copy(engine, table, tuples)
            return
        names = [c.name for c in table.columns]
        rows = [dict(zip(names, r, strict=True)) for r in tuples]
    by_name = cast("Sequence[Mapping[str, Any]]", rows)
    with engine.begin() as connection:
        for start in range(0, len(by_name), 5000):
            connection.execute(table.insert(), list(by_name[start : start + 5000]))


def without_foreign_keys(md: sa.MetaData) -> sa.MetaData:
    """The same tables, columns, keys and indexes, with no foreign key: links the application keeps."""
    bare = sa.MetaData(schema=md.schema)
    for t in md.sorted_tables:
        columns = [
            sa.Column(
                c.name,
                c.type,
                primary_key=c.primary_key,
                nullable=c.nullable,
                index=c.index,
                unique=c.unique,
                autoincrement=False,
            )
            for c in t.columns
        ]
        sa.Table(t.name, bare, *columns, **t.kwargs)
    return bare


def build_clinic(
    engine: sa.Engine,
    schema: str | None,
    fills: Iterable[Mapping[str, Rows]] = (),
    *,
    tables: sa.MetaData | None = None,
    foreign_keys: bool = True,
) -> sa.MetaData:
    """Create a clinic's tables in ``schema`` and fill them: the one builder of every test and bench clinic.

    Args:
        engine: The test's or benchmark's own (writable) engine.
        schema: The PostgreSQL schema or MariaDB database to build in (None: the default one, SQLite).
        fills: Rows by table name, one mapping per chunk (a bulk load streams many), inserted parents
            first. Tuples are in column order and go through ``COPY`` on PostgreSQL; dicts are by column
            name and go through ``INSERT``.
        tables: The tables; by default the demo clinic and ``xray_notes`` (``metadata(schema)``). Tests of
            other shapes (odd types, hostile names, one rule's columns) pass their own, in ``schema``.
        foreign_keys: False builds the same tables without a single foreign key (a legacy database whose
            application keeps the links).

    Returns:
        The tables as built.
    """
    md = metadata(schema) if tables is None else tables
    if not foreign_keys:
        md = without_foreign_keys(md)
    md.create_all(engine)
    for fill in fills:
        for table in md.sorted_tables:
            _insert(engine, table, fill.get(table.name, ()))
    return md


def load_bulk(
    engine: sa.Engine, schema: str | None, overdue: int, recent: int, records: int = 2, held: int = 0
) -> sa.MetaData:
    """Create the tables and fill them: ``overdue`` patients with every row past retention, ``recent`` clean.

    Each overdue patient adds ``rows_per_patient(records)`` rows that retention destroys on ``TODAY``: the
    roster row (last visit in 2012), its medical records and payment, and a withdrawn member (pointing at
    the roster row) with a guardian. Recent patients add the same shape, all within retention. ``held``
    patients last visited in 2018: their roster row is past 5 years but their medical records are held
    for 10, so retention erases the roster row down to name and address; their payment (2023) is kept and
    their withdrawn member is destroyed with its guardian.
    """
    parts = ((0, overdue, "overdue"), (overdue, recent, "recent"), (overdue + recent, held, "held"))
    chunks = (chunk for first, count, kind in parts for chunk in _chunks(first, count, kind, records, 20_000))
    return build_clinic(engine, schema, itertools.chain([LOOKUPS], chunks))
