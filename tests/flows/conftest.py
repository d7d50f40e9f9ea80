"""One Prefect test harness for every flow test of the session (a local, throw-away API and database)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from flows.offline import go_offline

PG_URL = os.environ.get("CLINICSCAN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MARIADB_URL = os.environ.get("CLINICSCAN_TEST_MARIADB", "mysql+pymysql://root@127.0.0.1:3306/test")


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    go_offline()
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture()
def schema_name() -> str:
    return f"cs_flow_{uuid.uuid4().hex[:10]}"
