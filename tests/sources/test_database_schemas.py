"""Table names as the database reports them, schema-qualified only outside the default schema."""

from __future__ import annotations

from contextlib import closing

import pyarrow as pa
import sqlalchemy as sa

from sources import open_source
from sources.database import DatabaseSource
from tests.sources.dbkit import PATIENT_ROWS, ClinicDatabase


def default_schema(clinic_db: ClinicDatabase) -> str:
    with clinic_db.admin.connect() as connection:
        name = sa.inspect(connection).default_schema_name
    assert name is not None
    return name


def test_the_default_schema_named_explicitly_gives_bare_names(clinic_db: ClinicDatabase) -> None:
    with closing(open_source("clinic", url=clinic_db.url, schema=default_schema(clinic_db))) as source:
        assert "patients" in source.list_tables()
        assert source.describe("patients").row_count == PATIENT_ROWS


def test_another_schema_gives_qualified_names_that_read_back(clinic_db: ClinicDatabase) -> None:
    other = clinic_db.other_schema or "main"  # SQLite has one schema, the default: names stay bare
    prefix = f"{other}." if clinic_db.other_schema else ""
    with closing(open_source("clinic", url=clinic_db.url, schema=other, include=["*patients"])) as source:
        assert source.list_tables() == [f"{prefix}patients"]
        name = f"{prefix}patients"
        assert source.describe(name).row_count == PATIENT_ROWS
        assert source.sample(name, rows=10).num_rows == 10
        assert pa.Table.from_batches(list(source.stream(name))).num_rows == PATIENT_ROWS


def test_a_sample_scan_reads_the_catalogue_once_and_counts_each_table_once(clinic_db: ClinicDatabase) -> None:
    statements: list[str] = []
    with closing(DatabaseSource("clinic", clinic_db.url)) as source:
        sa.event.listen(source.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        tables = source.list_tables()
        for table in tables:
            info = source.describe(table)
            assert source.sample(table, rows=5).column_names == [c.name for c in info.columns]
        with clinic_db.admin.connect() as connection:
            inspector = sa.inspect(connection)
            assert [c.name for c in source.describe("patients").columns] == [
                c["name"] for c in inspector.get_columns("patients")
            ]
    counts = [s for s in statements if "count(*)" in s.lower()]
    assert len(tables) > 1 and len(counts) == len(tables) + 1  # describe's count serves sample's quota
    if (
        clinic_db.backend == "postgresql"
    ):  # every table's columns, then every key: two queries, not a few a table
        assert sum("pg_catalog.pg_attribute" in s for s in statements) == 2
