"""The test servers, and one way to get an isolated place on each backend.

One environment variable per server: ``CLINICSCAN_TEST_PG_URL`` and ``CLINICSCAN_TEST_MARIADB_URL`` (the
services of ``make services`` by default). A place is a uuid-named schema on PostgreSQL, a uuid-named
database on MariaDB, a file on SQLite, dropped afterwards, so that engineers sharing the servers never see
each other's tables. The test's own engine fills the place; the code under test only ever gets the URL.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

PG_URL = os.environ.get("CLINICSCAN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MARIADB_URL = os.environ.get("CLINICSCAN_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/test")
SERVER_URLS = {"postgresql": PG_URL, "mariadb": MARIADB_URL}
# for ``@pytest.fixture(params=BACKENDS)``: the server backends carry the marks that deselect them
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.postgres),
    pytest.param("mariadb", marks=pytest.mark.mariadb),
]


@dataclass
class Place:
    """Where a test's tables live: ``url`` + ``schema`` for the code under test, ``engine`` to fill it."""

    backend: str
    url: str
    schema: str | None
    engine: sa.Engine


@contextmanager
def isolated_place(backend: str, folder: Path, prefix: str = "cs_test") -> Iterator[Place]:
    """Create an empty isolated place on ``backend`` (sqlite, postgresql, mariadb); drop it afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    if backend == "sqlite":
        url = f"sqlite:///{folder / name}.sqlite"
        engine = sa.create_engine(url)
        try:
            yield Place(backend, url, None, engine)
        finally:
            engine.dispose()
        return
    url = SERVER_URLS[backend]
    engine = sa.create_engine(url)
    quoted = engine.dialect.identifier_preparer.quote_identifier(name)
    kind = "SCHEMA" if backend == "postgresql" else "DATABASE"
    with engine.begin() as connection:
        connection.execute(sa.text(f"CREATE {kind} {quoted}"))
    try:
        yield Place(backend, url, name, engine)
    finally:
        engine.dispose()
        with engine.begin() as connection:
            connection.execute(
                sa.text(f"DROP {kind} {quoted}" + (" CASCADE" if backend == "postgresql" else ""))
            )
        engine.dispose()
