"""Both flows on the demo clinic (demo.build_demo), on SQLite, PostgreSQL and MariaDB.

The retention plan must destroy exactly the rows the demo's answer key plants as ``retention.overdue``;
apply then rerun must be a no-op; a planted patient is found, reported and erased within the legal holds.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from demo.build import build_demo
from demo.database import drop_schema
from demo.manifest import DemoManifest
from demo.options import DemoOptions
from enforce import (
    EnforcementConfig,
    RunOptions,
    access_report,
    apply_retention,
    find_subject,
    parse_find,
    plan_erasure,
    plan_retention,
)
from flows.config import ScanConfig, load_config
from policy.law import Law
from policy.schema import Policy
from tests.enforce.conftest import BACKENDS, MARIADB_URL, PG_URL

AS_OF = date(2025, 3, 10)
pytestmark = pytest.mark.slow


@pytest.fixture(params=BACKENDS)
def demo(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[ScanConfig, DemoManifest, str, str | None]]:
    backend = request.param
    schema = None if backend == "sqlite" else f"cs_enfdemo_{uuid.uuid4().hex[:10]}"
    url = {"sqlite": f"sqlite:///{tmp_path / 'clinic.sqlite'}", "postgresql": PG_URL, "mariadb": MARIADB_URL}[
        backend
    ]
    try:
        manifest = build_demo(url, tmp_path, DemoOptions(patients=200, as_of=AS_OF, schema_name=schema))
        config = load_config(tmp_path / "scan.yaml")
        config.sources[0].url = url
        config.enforcement = EnforcementConfig(url=url)  # the writer: here the test's own account
        yield config, manifest, url, schema
    finally:
        if schema:
            drop_schema(url, schema)


def test_retention_destroys_exactly_what_the_demo_plants(demo: tuple, policy: Policy) -> None:
    config, manifest, _, _ = demo
    planted = {v.table: v.count for v in manifest.violations if v.rule == "retention.overdue"}
    report = plan_retention(config, RunOptions(policy=policy, today=AS_OF))
    found: Counter[str] = Counter()
    for line in report.lines:
        if line.rule.startswith("retention.") or line.rule.startswith("hold."):
            found[line.table] += line.rows
    assert dict(+found) == planted

    applied = apply_retention(config, RunOptions(policy=policy, today=AS_OF))
    assert applied.total("done") >= sum(planted.values()) and applied.total("remaining") == 0
    again = plan_retention(config, RunOptions(policy=policy, today=AS_OF))
    assert again.total("rows") == 0


def test_subject_request_on_a_demo_patient(demo: tuple, policy: Policy, law: Law) -> None:
    config, _, url, schema = demo
    engine = sa.create_engine(url)
    patients = sa.Table("patients", sa.MetaData(schema=schema), autoload_with=engine)
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(patients).where(patients.c.HP_NO.is_not(None)).order_by(patients.c.PT_NO).limit(1)
        ).one()
    engine.dispose()
    search = find_subject(config, parse_find([f"name={row.PT_NM}", f"phone={row.HP_NO}"]), policy)
    assert ("clinic", "patients") in search.found
    assert row.PT_NO in {k[0] for k in search.found[("clinic", "patients")].keys}
    report = access_report(search, policy, law, received=AS_OF)
    assert report.records and all(
        row.PT_NM not in m for r in report.records for c in r.columns for m in c.masked
    )
    plan = plan_erasure(config, search, RunOptions(policy=policy, today=AS_OF), law)
    medical = [k for k in plan.kept if k.record_type == "medical_record"]
    assert all(k.until is None or k.until >= AS_OF for k in medical)
