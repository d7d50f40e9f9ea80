"""Fixtures for the enforcement tests: the small synthetic clinic on every backend, isolated and dropped.

PostgreSQL gets a uuid-named schema, MariaDB a uuid-named database, SQLite a temporary file. The tests'
own engine builds and inspects the clinic; the code under test gets only URLs (the scanner's, read-only,
and the writer's from the ``enforcement:`` block).
"""

from __future__ import annotations

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
from tests import databases
from tests.databases import BACKENDS, MARIADB_URL, PG_URL, isolated_place
from tests.enforce import clinic

__all__ = ["BACKENDS", "MARIADB_URL", "PG_URL"]  # the enforce tests import them from here

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
class Place(databases.Place):
    """An isolated place (tests/databases.py) with what the enforcement tests ask of it."""

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
    with isolated_place(backend, tmp_path, "cs_enf") as place:
        yield Place(place.backend, place.url, place.schema, place.engine)


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
