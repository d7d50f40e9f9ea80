"""Fixtures for the source tests: one isolated, filled test database per backend (real servers, no mocks)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sources.dbkit import BACKENDS, ClinicDatabase, create_clinic_tables, isolated_database

_MARKS = {"postgresql": [pytest.mark.postgres], "mariadb": [pytest.mark.mariadb], "sqlite": []}


@pytest.fixture(scope="session", params=[pytest.param(b, marks=_MARKS[b], id=b) for b in BACKENDS])
def clinic_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ClinicDatabase]:
    """The clinic tables on SQLite, PostgreSQL and MariaDB in turn (and, off SQLite, in a second schema)."""
    with isolated_database(request.param, tmp_path_factory.mktemp("sqlite")) as database:
        create_clinic_tables(database)
        if database.other_schema is not None:
            create_clinic_tables(database, schema=database.other_schema)
        yield database
