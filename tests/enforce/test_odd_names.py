"""Hostile table and column names are quoted everywhere: they work, and inject nothing."""

from __future__ import annotations

import sqlalchemy as sa

from bench.enforce_data import build_clinic
from enforce import RunOptions, apply_retention, find_subject, parse_find, plan_retention
from flows.config import ScanConfig
from policy.schema import Policy
from tests.enforce import clinic
from tests.enforce.conftest import Place

TABLE = "Odd Table-1; DROP TABLE x"
KEY = "id'); --"
CLOCK = "when:{x}"


def _build(place: Place) -> ScanConfig:
    md = sa.MetaData(schema=place.schema)
    sa.Table(
        TABLE,
        md,
        sa.Column(KEY, sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("phone %s", sa.String(20)),
        sa.Column(CLOCK, sa.String(10)),
        mysql_engine="InnoDB",
        mysql_charset="utf8mb4",
    )
    rows = [(1, "010-7777-0001", "20240101"), (2, "010-7777-0002", "20250301"), (3, "010-7777-0003", "junk")]
    by_name = [{KEY: a, "phone %s": b, CLOCK: c} for a, b, c in rows]
    build_clinic(place.engine, place.schema, [{TABLE: by_name}], tables=md)
    tables = {TABLE: {"record_type": "access_log", "roles": {"creation": CLOCK, "subject_key": KEY}}}
    return ScanConfig.model_validate(
        {
            "sources": [{"name": "odd", "url": place.url, "schema": place.schema, "tables": tables}],
            "enforcement": {"url": place.url},
        }
    )


def test_odd_names_are_enforced_and_searched(place: Place, policy: Policy) -> None:
    config = _build(place)
    options = RunOptions(policy=policy, today=clinic.TODAY)
    plan = plan_retention(config, options)
    assert [(x.table, x.rule, x.rows) for x in plan.lines] == [(TABLE, "retention.creation", 1)]  # junk: kept
    search = find_subject(config, parse_find(["phone=+82 10 7777 0002"]), policy)
    assert [len(f.rows) for f in search.found.values()] == [1]
    assert apply_retention(config, options).total("done") == 1
    t = sa.Table(TABLE, sa.MetaData(schema=place.schema), autoload_with=place.engine)
    with place.engine.connect() as connection:
        assert sorted(r[0] for r in connection.execute(sa.select(t))) == [2, 3]
