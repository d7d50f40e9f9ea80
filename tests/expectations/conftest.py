"""Fixtures for the policy-check tests: the shipped policy, and scratch databases on every backend.

Each backend gets a uuid-named schema (PostgreSQL) or database (MariaDB), or a temporary file (SQLite),
dropped afterwards, so that engineers sharing the servers never see each other's tables. The writable
engine is the test's own; the code under test only ever gets the URL (and opens it read-only).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from policy.load import load_policy
from policy.schema import Policy

PG_URL = os.environ.get("CLINICSCAN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MARIADB_URL = os.environ.get("CLINICSCAN_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/test")
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.postgres),
    pytest.param("mariadb", marks=pytest.mark.mariadb),
]


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy("default")


@dataclass
class Scratch:
    """An isolated place for test tables: ``url`` + ``schema`` for the checks, ``engine`` to fill it."""

    backend: str
    url: str
    schema: str | None
    engine: sa.Engine

    def create(self, table: str, columns: dict[str, Any], rows: list[tuple[Any, ...]]) -> None:
        meta = sa.MetaData(schema=self.schema)
        t = sa.Table(table, meta, *(sa.Column(name, kind) for name, kind in columns.items()))
        meta.create_all(self.engine)
        if rows:
            with self.engine.begin() as connection:
                connection.execute(t.insert(), [dict(zip(columns, row, strict=True)) for row in rows])


@pytest.fixture(scope="module", params=BACKENDS)
def scratch(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scratch]:
    backend: str = request.param
    name = f"cs_exp_{uuid.uuid4().hex[:12]}"
    if backend == "sqlite":
        path: Path = tmp_path_factory.mktemp("sqlite") / f"{name}.sqlite"
        engine = sa.create_engine(f"sqlite:///{path}")
        yield Scratch(backend, f"sqlite:///{path}", None, engine)
        engine.dispose()
        return
    url = PG_URL if backend == "postgresql" else MARIADB_URL
    engine = sa.create_engine(url)
    create = f'CREATE SCHEMA "{name}"' if backend == "postgresql" else f"CREATE DATABASE `{name}`"
    drop = f'DROP SCHEMA "{name}" CASCADE' if backend == "postgresql" else f"DROP DATABASE `{name}`"
    with engine.begin() as connection:
        connection.execute(sa.text(create))
    try:
        yield Scratch(backend, url, name, engine)
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(drop))
        engine.dispose()
