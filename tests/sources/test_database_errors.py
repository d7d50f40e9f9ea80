"""A database that cannot be reached or read gives one clear SourceError, never a password or a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from sources import SourceError, open_source
from sources.database import DatabaseSource
from tests.sources.dbkit import MARIADB_ADMIN_URL, PG_ADMIN_URL

PASSWORD = "s3cr3t-Pa$$word"


def with_password_and_port(admin_url: str, port: int) -> str:
    url = sa.make_url(admin_url).set(password=PASSWORD, port=port)
    return url.render_as_string(hide_password=False)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(with_password_and_port(PG_ADMIN_URL, 1), marks=pytest.mark.postgres, id="postgresql"),
        pytest.param(with_password_and_port(MARIADB_ADMIN_URL, 1), marks=pytest.mark.mariadb, id="mariadb"),
    ],
)
def test_an_unreachable_server_is_named_with_the_password_masked(url: str) -> None:
    with pytest.raises(SourceError) as caught:
        open_source("clinic-db", url=url)
    message = str(caught.value)
    assert message.startswith("source 'clinic-db' (")
    assert ":***@" in message
    assert "cannot connect" in message
    assert "check that the server runs and the URL in scan.yaml" in message
    assert PASSWORD not in message
    assert "s3cr3t" not in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(
            PG_ADMIN_URL.rsplit("/", 1)[0] + "/no_such_db_cs", marks=pytest.mark.postgres, id="postgresql"
        ),
        pytest.param(
            MARIADB_ADMIN_URL.rsplit("/", 1)[0] + "/no_such_db_cs", marks=pytest.mark.mariadb, id="mariadb"
        ),
    ],
)
def test_an_unknown_database_is_a_connection_error(url: str) -> None:
    with pytest.raises(SourceError, match=r"cannot connect: .*no_such_db_cs"):
        open_source("clinic-db", url=url)


def test_a_missing_sqlite_file_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nope.sqlite"
    with pytest.raises(
        SourceError, match=r"source 'local' \(sqlite:///.*nope.sqlite\): cannot connect"
    ) as caught:
        open_source("local", url=f"sqlite:///{missing}")
    assert not missing.exists()
    # SQLite has no server: say which file was looked for (a relative path is from the working folder)
    message = str(caught.value)
    assert f"no file {missing}" in message and "server" not in message
    assert "sqlite:////" in message, message


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("nosuchdialect://user:pw@host/db", "no SQLAlchemy dialect or driver"),
        ("postgresql+nosuchdriver://user:pw@host/db", "no SQLAlchemy dialect or driver"),
        ("not a url at all", "invalid database URL"),
        ("sqlite://user:pw@host/db.sqlite", "invalid database URL"),
    ],
)
def test_a_malformed_url_or_missing_driver_says_so(url: str, problem: str) -> None:
    with pytest.raises(SourceError, match=problem) as caught:
        open_source("bad", url=url)
    assert ":pw@" not in str(caught.value)


@pytest.mark.postgres
def test_postgresql_without_a_driver_name_gets_psycopg() -> None:
    source = open_source("pg", url=PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://"))
    assert isinstance(source, DatabaseSource)
    assert source.url.startswith("postgresql://")  # shown as the user wrote it
    assert source.engine.dialect.driver == "psycopg"
    source.close()
