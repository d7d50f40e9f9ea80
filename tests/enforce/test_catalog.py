"""Foreign keys decide the order and the fate of rows: children first, cycles and keyless tables refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from enforce import EnforceError, RunOptions, plan_retention
from enforce.catalog import reflect
from flows.config import ScanConfig
from policy.schema import Policy
from tests.enforce.conftest import Place


def test_children_come_before_their_parents(sqlite_clinic: Place) -> None:
    with sqlite_clinic.engine.connect() as connection:
        catalog = reflect(connection, None)
    order = catalog.children_first(["patients", "members", "guardians", "medical_records", "xray_notes"])
    assert order.index("guardians") < order.index("members") < order.index("patients")
    assert order.index("medical_records") < order.index("patients")
    assert order.index("xray_notes") < order.index("patients")
    nullable = {(fk.child, fk.parent): fk.nullable for fk in catalog.foreign_keys}
    assert nullable[("members", "patients")] and not nullable[("guardians", "members")]


def test_a_cycle_of_foreign_keys_is_refused(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'cycle.sqlite'}")
    md = sa.MetaData()
    sa.Table(
        "a",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("b_id", sa.Integer, sa.ForeignKey("b.id", use_alter=True)),
    )
    sa.Table(
        "b",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("a_id", sa.Integer, sa.ForeignKey("a.id")),
    )
    md.create_all(engine)
    with engine.connect() as connection:
        catalog = reflect(connection, None)
    with pytest.raises(EnforceError, match="cycle"):
        catalog.children_first(["a", "b"])
    assert catalog.children_first(["a"]) == ["a"]


def test_a_mapped_table_without_primary_key_is_refused_before_anything(
    tmp_path: Path, policy: Policy
) -> None:
    url = f"sqlite:///{tmp_path / 'nokey.sqlite'}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE visits (who TEXT, accessed_at TIMESTAMP)"))
        connection.execute(sa.text("INSERT INTO visits VALUES ('x', '2020-01-01 00:00:00')"))
    tables = {"visits": {"record_type": "access_log", "roles": {"creation": "accessed_at"}}}
    config = ScanConfig.model_validate({"sources": [{"name": "db", "url": url, "tables": tables}]})
    with pytest.raises(EnforceError, match="table 'visits' has no primary key"):
        plan_retention(config, RunOptions(policy=policy))


def test_a_table_missing_from_the_database_is_named(sqlite_clinic: Place, policy: Policy) -> None:
    config = sqlite_clinic.config()
    config.sources[0].tables["patient"] = config.sources[0].tables["patients"]
    with pytest.raises(EnforceError, match="table 'patient' is in the column map but not in the database"):
        plan_retention(config, RunOptions(policy=policy))


_ORDER_SCRIPT = """
import sys
import sqlalchemy as sa
from enforce.catalog import reflect
engine = sa.create_engine(sys.argv[1])
with engine.connect() as connection:
    catalog = reflect(connection, None)
names = ["patients", "members", "guardians", "medical_records", "xray_notes"]
print(catalog.children_first(names, [("guardians", "members")]))
"""


def test_the_order_is_the_same_in_every_process(sqlite_clinic: Place) -> None:
    """A rerun after a kill must walk the tables as the killed run did, whatever the hash seed."""
    url = sqlite_clinic.engine.url.render_as_string(hide_password=False)
    root = Path(__file__).resolve().parents[2]
    orders = {
        subprocess.run(
            [sys.executable, "-c", _ORDER_SCRIPT, url],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(root)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(orders) == 1, orders
