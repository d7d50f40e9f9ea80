"""The flow tests' databases (the Prefect harness is shared: tests/conftest.py)."""

from __future__ import annotations

import uuid

import pytest

from tests.databases import MARIADB_URL, PG_URL

__all__ = ["MARIADB_URL", "PG_URL"]  # the flow tests import them from here


@pytest.fixture()
def schema_name() -> str:
    return f"cs_flow_{uuid.uuid4().hex[:10]}"
