"""The GX session: databases opened read-only, failures kept to their table, one context per run."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from expectations.checks import run_policy_checks
from expectations.column_map import TableMapping
from expectations.gx_run import GxSession, gx_name, redact
from expectations.model import CheckOptions, FrameTable, SqlTable, TableCheckInput
from policy.schema import Policy
from tests.expectations import clinic_tables as clinic
from tests.expectations.conftest import Scratch


def test_database_is_opened_read_only(scratch: Scratch) -> None:
    scratch.create("guarded", {"a": sa.Integer}, [(1,)])
    engine = GxSession(None, "test").sql_engine("emr", scratch.url)
    target = sa.table("guarded", sa.column("a"), schema=scratch.schema)
    with pytest.raises(DBAPIError), engine.begin() as connection:
        connection.execute(target.insert().values(a=2))
    with scratch.engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(target)).scalar_one() == 1


def test_unreachable_database_is_an_error_and_the_rest_is_checked(policy: Policy, tmp_path: Path) -> None:
    frame_spec = clinic.EVENTS
    down = "postgresql+psycopg://scanner:s3cret-pw@127.0.0.1:1/emr"
    inputs = [
        TableCheckInput(
            "down", "database", "members", TableMapping(record_type="member"), (), None, SqlTable(down)
        ),
        TableCheckInput(
            "down", "database", "charts", TableMapping(record_type="medical_record"), (), None, SqlTable(down)
        ),
        TableCheckInput(
            "exports",
            "export",
            "events.csv",
            frame_spec.mapping,
            frame_spec.detections(),
            None,
            FrameTable(frame_spec.frame()),
        ),
    ]
    outcome = run_policy_checks(policy, inputs, CheckOptions(today=clinic.TODAY, data_docs_dir=tmp_path))
    assert [(e.source, e.table) for e in outcome.errors] == [("down", "members"), ("down", "charts")]
    assert all("s3cret-pw" not in e.message and "cannot open" in e.message for e in outcome.errors)
    assert [(v.rule, v.count) for v in outcome.violations if v.table == "events.csv"] == [
        ("retention.overdue", 1)
    ]
    assert outcome.data_docs_index is not None and outcome.data_docs_index.is_file()


def test_missing_table_is_an_error_naming_the_schema(scratch: Scratch, policy: Policy) -> None:
    inp = TableCheckInput(
        "emr",
        "database",
        "nowhere",
        TableMapping(record_type="member"),
        (),
        None,
        SqlTable(scratch.url, schema=scratch.schema),
    )
    (error,) = run_policy_checks(policy, [inp], CheckOptions(today=clinic.TODAY)).errors
    assert "'nowhere'" in error.message and "not found" in error.message


def test_names_are_unique_and_readable() -> None:
    assert gx_name("emr", "members") != gx_name("emr.members")
    assert gx_name("emr", "환자 목록").startswith("emr.환자_목록-")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (
            'invalid input syntax for type integer: "900101-1234567"\nLINE 1: ...',
            "invalid input syntax for type integer: '…'",
        ),
        ("value 'Kim' is too long", "value '…' is too long"),
    ],
)
def test_redact_drops_quoted_values_and_detail_lines(raw: str, shown: str) -> None:
    assert redact(raw) == shown
