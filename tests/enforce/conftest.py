"""Fixtures for the enforcement tests: the small synthetic clinic on every backend, isolated and dropped.

PostgreSQL gets a uuid-named schema, MariaDB a uuid-named database, SQLite a temporary file. The tests'
own engine builds and inspects the clinic; the code under test gets only URLs (the scanner's, read-only,
and the writer's from the ``enforcement:`` block).
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

from flows.config import ScanConfig
from policy.law import Law
from policy.load import load_law, load_policy
from policy.schema import Policy
from tests.enforce import clinic

PG_URL = os.environ.get("CLINICSCAN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MARIADB_URL = os.environ.get("CLINICSCAN_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/test")
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.postgres),
    pytest.param("mariadb", marks=pytest.mark.mariadb),
]
KEY = "enforce-test-key-" + "0" * 16


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy("default")


@pytest.fixture(scope="session")
def law() -> Law:
    return load_law()


@pytest.fixture(autouse=True)
def pseudonym_key(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CLINICSCAN_PSEUDONYM_KEY", KEY)
    return KEY


@dataclass
class Place:
    """Where a test's tables live: a URL for the code under test, an engine for the test itself."""

    backend: str
    url: str
    schema: str | None
    engine: sa.Engine

    def config(self, declare_references: bool = False, **enforcement: Any) -> ScanConfig:
        data = clinic.config_dict(self.url, self.schema, declare_references=declare_references)
        data["enforcement"].update(enforcement)
        return ScanConfig.model_validate(data)

    def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        return clinic.snapshot(self.engine, self.schema)

    def log_rows(self) -> list[dict[str, Any]]:
        table = sa.Table(
            "clinicscan_destruction_log", sa.MetaData(schema=self.schema), autoload_with=self.engine
        )
        with self.engine.connect() as connection:
            return [dict(r._mapping) for r in connection.execute(sa.select(table).order_by(table.c.id))]


def _isolated(backend: str, tmp_path: Path) -> Iterator[Place]:
    name = f"cs_enf_{uuid.uuid4().hex[:12]}"
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / name}.sqlite"
        engine = sa.create_engine(url)
        yield Place(backend, url, None, engine)
        engine.dispose()
        return
    url = PG_URL if backend == "postgresql" else MARIADB_URL
    engine = sa.create_engine(url)
    quoted = f'"{name}"' if backend == "postgresql" else f"`{name}`"
    kind = "SCHEMA" if backend == "postgresql" else "DATABASE"
    with engine.begin() as connection:
        connection.execute(sa.text(f"CREATE {kind} {quoted}"))
    try:
        yield Place(backend, url, name, engine)
    finally:
        engine.dispose()
        with sa.create_engine(url).begin() as connection:
            connection.execute(
                sa.text(f"DROP {kind} {quoted}" + (" CASCADE" if backend == "postgresql" else ""))
            )


@pytest.fixture(params=BACKENDS)
def place(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Place]:
    """An empty isolated place on each backend."""
    yield from _isolated(request.param, tmp_path)


@pytest.fixture()
def clinic_db(place: Place) -> Place:
    """The small clinic, freshly built in an isolated place on each backend."""
    clinic.build(place.engine, place.schema)
    return place


@pytest.fixture()
def legacy_clinic(place: Place) -> Place:
    """The small clinic without a single foreign key in the database, on each backend."""
    clinic.build(place.engine, place.schema, foreign_keys=False)
    return place


@pytest.fixture()
def sqlite_clinic(tmp_path: Path) -> Iterator[Place]:
    """The small clinic in SQLite only (for tests about logic, not dialects)."""
    for place in _isolated("sqlite", tmp_path):
        clinic.build(place.engine, place.schema)
        yield place
