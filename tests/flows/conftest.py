"""The flow tests' databases (the Prefect harness is shared: tests/conftest.py)."""

from __future__ import annotations

import os
import uuid

import pytest

PG_URL = os.environ.get("CLINICSCAN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MARIADB_URL = os.environ.get("CLINICSCAN_TEST_MARIADB", "mysql+pymysql://root@127.0.0.1:3306/test")


@pytest.fixture()
def schema_name() -> str:
    return f"cs_flow_{uuid.uuid4().hex[:10]}"
