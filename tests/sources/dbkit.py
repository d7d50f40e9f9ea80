"""Test databases: one isolated database per backend and test session, filled with synthetic clinic data.

PostgreSQL and MariaDB get a uuid-named database (dropped at the end), so that engineers sharing the servers
never see each other's tables; SQLite gets a file in pytest's temporary folder. The writable "admin" engine is
the test's own; the code under test only ever gets the URL.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from faker import Faker

from bench.enforce_data import build_clinic
from tests.databases import MARIADB_URL as MARIADB_ADMIN_URL
from tests.databases import PG_URL as PG_ADMIN_URL

BACKENDS = ("sqlite", "postgresql", "mariadb")
HOSTILE_TABLE = 'x"`; DROP TABLE victim; --%s'
HOSTILE_COLUMN = 'a"b`c; --'
HANGUL_TABLE = "환자_목록"
PATIENT_ROWS = 40
BIG_ROWS = 10_000


@dataclass
class ClinicDatabase:
    """A database the tests own: ``url`` for the code under test, ``admin`` to create and check tables."""

    backend: str
    url: str
    admin: sa.Engine
    other_schema: str | None  # a second schema/database for schema-qualified names (None on SQLite)


def fake_rrn(rng: random.Random) -> str:
    """A synthetic resident registration number with a valid check digit (not a real person's)."""
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 50))
    gender = rng.choice("12") if birth.year < 2000 else rng.choice("34")
    body = f"{birth:%y%m%d}{gender}{rng.randrange(0, 100_000):05d}"
    weights = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
    check = (11 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11) % 10
    return f"{body[:6]}-{body[6:]}{check}"


@contextmanager
def isolated_database(backend: str, folder: Path) -> Iterator[ClinicDatabase]:
    """Create an isolated database for ``backend`` and drop it afterwards."""
    suffix = uuid.uuid4().hex[:12]
    if backend == "sqlite":
        path = folder / f"clinic_{suffix}.sqlite"
        admin = sa.create_engine(f"sqlite:///{path}")
        try:
            yield ClinicDatabase(backend, f"sqlite:///{path}", admin, None)
        finally:
            admin.dispose()
        return
    admin_url = sa.make_url(PG_ADMIN_URL if backend == "postgresql" else MARIADB_ADMIN_URL)
    name, other = f"cs_src_{suffix}", f"cs_src_{suffix}_other"
    server = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    create = {
        "postgresql": [f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"],
        "mariadb": [
            f"CREATE DATABASE `{d}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" for d in (name, other)
        ],
    }[backend]
    with server.connect() as connection:
        for statement in create:
            connection.execute(sa.text(statement))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    admin = sa.create_engine(url)
    if backend == "postgresql":
        with admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{other}"'))
    try:
        yield ClinicDatabase(backend, url, admin, other)
    finally:
        admin.dispose()
        drop = {
            "postgresql": [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'],
            "mariadb": [f"DROP DATABASE IF EXISTS `{d}`" for d in (name, other)],
        }[backend]
        with server.connect() as connection:
            for statement in drop:
                connection.execute(sa.text(statement))
        server.dispose()


def patient_rows(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Synthetic patients (Faker ko_KR), with NULLs in every nullable column of the last row."""
    faker = Faker("ko_KR")
    faker.seed_instance(seed)
    rng = random.Random(seed)
    rows = []
    for number in range(1, count + 1):
        rrn = fake_rrn(rng)
        rows.append(
            {
                "id": number,
                "name": faker.name(),
                "phone": f"010{rng.randrange(0, 10**8):08d}",
                "rrn_digits": int(rrn.replace("-", "")),
                "rrn": rrn,
                "birth": dt.date(1990, 1, 1) + dt.timedelta(days=number),
                "balance": Decimal(rng.randrange(0, 10**7)) / 100,
                "photo": bytes(rng.randrange(256) for _ in range(16)),
                "notes": {"memo": faker.sentence(), "allergies": ["페니실린"] if number % 2 else []},
                "visited_at": dt.datetime(2024, 1, 1, 9, 30) + dt.timedelta(hours=number),
            }
        )
    rows[-1].update(
        {k: None for k in ("name", "rrn_digits", "birth", "balance", "photo", "notes", "visited_at")}
    )
    return rows


def source_tables(schema: str | None = None) -> sa.MetaData:
    """The tables every behaviour test reads: every column type, Hangul and hostile names, big tables."""
    metadata = sa.MetaData(schema=schema)
    sa.Table(
        "patients",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("name", sa.String(50)),
        sa.Column("phone", sa.String(20)),
        sa.Column("rrn_digits", sa.BigInteger),
        sa.Column("rrn", sa.String(14)),
        sa.Column("birth", sa.Date),
        sa.Column("balance", sa.Numeric(12, 2)),
        sa.Column("photo", sa.LargeBinary),
        sa.Column("notes", sa.JSON(none_as_null=True)),
        sa.Column("visited_at", sa.DateTime),
    )
    sa.Table(
        HANGUL_TABLE,
        metadata,
        sa.Column("번호", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("이름", sa.String(50)),
        sa.Column("전화번호", sa.String(20)),
    )
    sa.Table(
        HOSTILE_TABLE,
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column(HOSTILE_COLUMN, sa.String(50)),
    )
    sa.Table("victim", metadata, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table(
        "big",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("payload", sa.String(40)),
    )
    sa.Table("big_no_key", metadata, sa.Column("id", sa.Integer), sa.Column("payload", sa.String(40)))
    return metadata


def create_clinic_tables(database: ClinicDatabase, schema: str | None = None) -> None:
    """Create and fill ``source_tables()`` (in ``schema`` when given) through the one clinic builder."""
    faker = Faker("ko_KR")
    faker.seed_instance(3)
    big_rows = [{"id": i, "payload": f"row {i}"} for i in range(1, BIG_ROWS + 1)]
    rows: dict[str, list[dict[str, Any]]] = {
        "patients": patient_rows(PATIENT_ROWS),
        HANGUL_TABLE: [{"번호": i, "이름": faker.name(), "전화번호": f"010{i:08d}"} for i in range(1, 6)],
        HOSTILE_TABLE: [{"id": 1, HOSTILE_COLUMN: "안전하게 읽힘"}],
        "victim": [{"id": 1}],
        "big": big_rows,
        "big_no_key": big_rows,
    }
    build_clinic(database.admin, schema, [rows], tables=source_tables(schema))
