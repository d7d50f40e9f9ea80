import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from reports.diff import diff
from reports.findings import Findings
from reports.history import HistoryError, default_history_url, previous_scan, record_scan, trend
from tests.reports.factories import make_findings, violation

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
MARIADB = "mysql+pymysql://root@127.0.0.1:3306"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return default_history_url(tmp_path / "out")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    schema = f"reports_hist_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def mariadb_url() -> Iterator[str]:
    database = f"reports_hist_{uuid.uuid4().hex[:10]}"
    admin = create_engine(f"{MARIADB}/test")
    with admin.begin() as conn:
        conn.execute(text(f"CREATE DATABASE `{database}` CHARACTER SET utf8mb4"))
    try:
        yield f"{MARIADB}/{database}?charset=utf8mb4"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP DATABASE `{database}`"))
        admin.dispose()


def scans() -> list[Findings]:
    """Three nightly scans: a violation appears, one is fixed, a Korean table name survives the round trip."""
    v_old = violation("v-old", "retention.overdue", "high", "예약", count=10)
    v_keep = violation("v-keep", "security.plaintext_secret", "critical", "members", column="rrn", count=5)
    v_new = violation("v-new", "inventory.unmapped", "medium", "tmp_copy")
    return [
        make_findings("night-1", violations=[v_old, v_keep]),
        make_findings("night-2", violations=[v_keep, v_new]),
        make_findings("night-3", violations=[v_keep]),
    ]


def check_history(url: str) -> None:
    first, second, third = scans()
    assert previous_scan(url, "night-1") is None  # empty history
    assert trend(url, 5) == []
    for f in (first, second, third):
        record_scan(f, url)
    assert previous_scan(url, "night-1") is None
    assert previous_scan(url, "night-2") == first
    assert previous_scan(url, "night-3") == second
    assert previous_scan(url, "not-recorded-yet") == third  # the latest one

    d = diff(previous_scan(url, "night-2"), second)
    assert [v.id for v in d.new] == ["v-new"]
    assert [v.id for v in d.resolved] == ["v-old"]
    assert [v.id for v in d.still_open] == ["v-keep"]

    points = trend(url, 2)
    assert [p.scan_id for p in points] == ["night-2", "night-3"]
    assert points[0].counts == {"critical": 1, "high": 0, "medium": 1, "low": 0}
    assert points[1].total == 1
    assert [p.scan_id for p in trend(url, 10)] == ["night-1", "night-2", "night-3"]


def test_history_on_sqlite(sqlite_url: str, tmp_path: Path) -> None:
    check_history(sqlite_url)
    assert (tmp_path / "out" / "history.sqlite").is_file()


@pytest.mark.postgres
def test_history_on_postgresql(postgres_url: str) -> None:
    check_history(postgres_url)


@pytest.mark.mariadb
def test_history_on_mariadb(mariadb_url: str) -> None:
    check_history(mariadb_url)


def test_recording_a_scan_again_replaces_it(sqlite_url: str) -> None:
    first, second, _ = scans()
    record_scan(first, sqlite_url)
    record_scan(second, sqlite_url)
    fixed = second.model_copy(update={"violations": second.violations[:1]})
    record_scan(fixed, sqlite_url)
    assert previous_scan(sqlite_url, "night-2") == first  # order kept
    assert [p.total for p in trend(sqlite_url, 5)] == [2, 1]


def test_scan_with_nothing_found(sqlite_url: str) -> None:
    record_scan(make_findings("empty", violations=[], columns=[]), sqlite_url)
    assert trend(sqlite_url, 1)[0].counts == {"critical": 0, "high": 0, "medium": 0, "low": 0}


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://scanner:S3cret-pw@127.0.0.1:1/none",  # nothing listens on port 1
        "nosuchdialect://scanner:S3cret-pw@host/db",
        "not a url S3cret-pw",
    ],
)
def test_errors_name_the_database_but_never_the_password(url: str) -> None:
    with pytest.raises(HistoryError) as err:
        record_scan(make_findings(), url)
    assert "S3cret-pw" not in str(err.value)
    assert "history" in str(err.value)
