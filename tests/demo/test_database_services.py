"""The demo clinic on real PostgreSQL and MariaDB servers, each in its own schema/database, dropped after."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from demo import DemoManifest, DemoOptions, build_demo, drop_schema
from flows.config import load_config
from tests.databases import MARIADB_URL, PG_URL
from tests.demo.conftest import AS_OF

OPTIONS = DemoOptions(patients=150, as_of=AS_OF, export_rows=50, chunk_patients=100)

SERVERS = [
    pytest.param(PG_URL, marks=pytest.mark.postgres, id="postgresql"),
    pytest.param(MARIADB_URL, marks=pytest.mark.mariadb, id="mariadb"),
]


@pytest.fixture(params=SERVERS)
def server(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """A server URL and a fresh schema (PostgreSQL) or database (MariaDB) name, dropped afterwards."""
    schema = f"cs_demo_{uuid.uuid4().hex[:10]}"
    try:
        yield request.param, schema
    finally:
        drop_schema(request.param, schema)


def _count(engine: sa.Engine, schema: str, table: str) -> int:
    t = sa.table(table, schema=schema)
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())


def test_builds_in_an_isolated_schema_like_on_sqlite(server: tuple[str, str], tmp_path: Path) -> None:
    url, schema = server
    manifest = build_demo(url, tmp_path / "server", OPTIONS.model_copy(update={"schema_name": schema}))
    on_sqlite = build_demo(None, tmp_path / "sqlite", OPTIONS)
    assert manifest.violations == on_sqlite.violations and manifest.tables == on_sqlite.tables
    assert manifest.schema_name == schema and manifest.qualified("patients") == f"{schema}.patients"
    engine = sa.create_engine(url)
    try:
        for table, rows in manifest.tables.items():
            assert _count(engine, schema, table) == rows, table
        notes = sa.table("consultations", sa.column("상담내용"), sa.column("상담일시"), schema=schema)
        patients = sa.table("patients", sa.column("PT_NO"), sa.column("LAST_VISIT_YMD"), schema=schema)
        with engine.connect() as conn:
            note = conn.execute(sa.select(notes.c["상담내용"]).limit(1)).scalar_one()
            overdue = conn.execute(
                sa.select(sa.func.count()).where(
                    manifest.cutoffs["patient_roster"]["last_visit"].strftime("%Y%m%d")
                    > patients.c.LAST_VISIT_YMD
                )
            ).scalar_one()
        assert any("가" <= ch <= "힣" for ch in note)  # Hangul survives the round trip
        assert overdue == manifest.count_of("retention.overdue", "patients")
    finally:
        engine.dispose()
    config = load_config(tmp_path / "server" / "scan.yaml")
    assert config.sources[0].schema_ == schema and config.sources[0].url == url


def test_rebuilding_the_same_schema_replaces_the_tables(server: tuple[str, str], tmp_path: Path) -> None:
    url, schema = server
    options = OPTIONS.model_copy(update={"schema_name": schema, "patients": 60})
    first = build_demo(url, tmp_path, options)
    second = build_demo(url, tmp_path, options)
    assert first.tables == second.tables
    assert DemoManifest.load(tmp_path / "demo_manifest.json") == second
