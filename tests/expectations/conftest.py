"""Fixtures for the policy-check tests: the shipped policy, and scratch databases on every backend.

Each backend gets a uuid-named schema (PostgreSQL) or database (MariaDB), or a temporary file (SQLite),
dropped afterwards, so that engineers sharing the servers never see each other's tables. The writable
engine is the test's own; the code under test only ever gets the URL (and opens it read-only).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa

from bench.enforce_data import build_clinic
from policy.load import load_policy
from policy.schema import Policy
from tests import databases
from tests.databases import BACKENDS, isolated_place


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy("default")


@dataclass
class Scratch(databases.Place):
    """An isolated place (tests/databases.py) where a test creates the tables the checks read."""

    def create(self, table: str, columns: dict[str, Any], rows: list[tuple[Any, ...]]) -> None:
        meta = sa.MetaData(schema=self.schema)
        sa.Table(table, meta, *(sa.Column(name, kind) for name, kind in columns.items()))
        by_name = [dict(zip(columns, row, strict=True)) for row in rows]  # dicts: INSERT, on every backend
        build_clinic(self.engine, self.schema, [{table: by_name}], tables=meta)


@pytest.fixture(scope="module", params=BACKENDS)
def scratch(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scratch]:
    with isolated_place(request.param, tmp_path_factory.mktemp("sqlite"), "cs_exp") as place:
        yield Scratch(place.backend, place.url, place.schema, place.engine)
