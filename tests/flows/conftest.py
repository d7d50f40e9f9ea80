"""The flow tests' databases (the Prefect harness is shared: tests/conftest.py)."""

from __future__ import annotations

import uuid

import pytest

from tests.databases import MARIADB_URL, PG_URL

__all__ = ["MARIADB_URL", "PG_URL", "flow_runs"]  # the flow tests import them from here


def flow_runs(name: str) -> int:
    """How many runs of the flow ``name`` the session's Prefect API recorded (a CLI run there is one)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    with get_client(sync_client=True) as client:
        return len(client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=[name]))))


@pytest.fixture()
def schema_name() -> str:
    return f"cs_flow_{uuid.uuid4().hex[:10]}"
