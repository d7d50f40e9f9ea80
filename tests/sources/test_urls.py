"""Passwords never show: not in a rendered URL, not in a driver's message, not even in a malformed URL."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from flows.config import load_config
from sources.urls import anchored_sqlite_url, is_database_url, safe_url, scrub_password


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql+psycopg://postgres:hunter2@db:5432/clinic",
            "postgresql+psycopg://postgres:***@db:5432/clinic",
        ),
        ("mysql+pymysql://root:p%40ss@127.0.0.1/test", "mysql+pymysql://root:***@127.0.0.1/test"),
        ("sqlite:///clinic.db", "sqlite:///clinic.db"),
        ("postgresql://user@host/db", "postgresql://user@host/db"),
        ("not a url://user:hunter2@host", "not a url://user:***@host"),
    ],
)
def test_safe_url_masks_the_password(url: str, shown: str) -> None:
    assert safe_url(url) == shown


@given(password=st.text(min_size=6, max_size=30).filter(lambda p: p.strip() == p))
def test_no_password_survives_safe_url(password: str) -> None:
    url = f"postgresql+psycopg://clinic:{quote(password, safe='')}@db.internal:5432/emr"
    assume(password not in "postgresql+psycopg://clinic:***@db.internal:5432/emr")
    assert password not in safe_url(url)
    assert quote(password, safe="") not in safe_url(url)


def test_scrub_password_removes_it_from_any_message() -> None:
    url = "mysql+pymysql://root:p%40ss-word@127.0.0.1/test"
    message = "Access denied for user 'root' using password 'p@ss-word' (p%40ss-word)"
    assert scrub_password(message, url) == "Access denied for user 'root' using password '***' (***)"
    assert scrub_password("nothing to hide", "sqlite:///x.db") == "nothing to hide"


@pytest.mark.parametrize(
    ("url", "database"),
    [
        ("sqlite:///clinic.db", True),
        ("postgresql+psycopg://scanner:pw@db/emr", True),
        ("mariadb+pymysql://root@db/emr", True),
        ("mssql+pyodbc://u:p@dsn", True),
        ("file:///exports/infonet-hosting", False),
        ("FILE:///exports", False),
        (None, False),
    ],
)
def test_one_answer_to_is_this_a_database(url: str | None, database: bool) -> None:
    assert is_database_url(url) is database


@pytest.mark.parametrize(
    ("url", "anchored"),
    [
        ("sqlite:///clinic.sqlite", "sqlite:////clinic-home/clinic.sqlite"),
        ("sqlite:///data/../clinic.sqlite", "sqlite:////clinic-home/clinic.sqlite"),
        ("sqlite:////srv/emr.sqlite", "sqlite:////srv/emr.sqlite"),  # absolute: as written
        ("sqlite://", "sqlite://"),  # in memory
        ("sqlite:///:memory:", "sqlite:///:memory:"),
        ("postgresql+psycopg://scan:pw@db/emr", "postgresql+psycopg://scan:pw@db/emr"),
    ],
)
def test_a_relative_sqlite_file_is_the_one_beside_scan_yaml(url: str, anchored: str) -> None:
    assert anchored_sqlite_url(url, Path("/clinic-home")) == anchored


def test_scan_yaml_finds_its_sqlite_file_from_any_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "clinic"
    home.mkdir()
    (home / "scan.yaml").write_text("sources:\n  - name: emr\n    url: sqlite:///clinic.sqlite\n", "utf-8")
    monkeypatch.chdir(tmp_path)  # run from elsewhere
    cfg = load_config(home / "scan.yaml")
    assert cfg.sources[0].url == f"sqlite:///{home.resolve() / 'clinic.sqlite'}"
