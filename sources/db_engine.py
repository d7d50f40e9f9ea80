"""Engines that cannot write: each dialect's read-only mechanism, chosen from a table keyed by dialect name.

The scanner never writes to a scanned database, and does not rely on its own good behaviour for that: every
connection is put in the database's read-only mode when it is opened, so a bug (or an injected statement) is
refused by the server itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine

log = logging.getLogger(__name__)

DbapiConnection = Any  # the driver's own connection object, as SQLAlchemy's "connect" event passes it


@dataclass(frozen=True)
class ReadOnlyGuard:
    """How one dialect is kept read-only.

    Attributes:
        method: What is done, in words, for the README and for logs.
        statements: SQL run on every new connection (and committed, so it is the session's default).
        prepare_url: Rewrites the URL before connecting (SQLite's read-only open mode).
        connect_args: Extra driver arguments.

    """

    method: str
    statements: tuple[str, ...] = ()
    prepare_url: Callable[[URL], URL] = lambda url: url
    connect_args: dict[str, Any] = field(default_factory=dict)


def _sqlite_read_only_url(url: URL) -> URL:
    """Open a SQLite file with ``mode=ro``: the file cannot be written, and a missing file is not created."""
    database = url.database or ""
    if database in ("", ":memory:") or url.query.get("mode") == "memory":
        return url
    uri = url.query.get("uri") in ("true", "1")
    if not uri:
        database = Path(database).resolve().as_uri()  # file:///abs/path, percent-encoded
    return url.set(database=database).update_query_dict({"mode": "ro", "uri": "true"})


_NO_GUARD = ReadOnlyGuard(
    method="none: clinicscan knows no read-only session setting for this dialect; it only ever reads, "
    "but connect with an account that has SELECT privileges only"
)

GUARDS: dict[str, ReadOnlyGuard] = {
    "postgresql": ReadOnlyGuard(
        method="every transaction is READ ONLY (SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY)",
        statements=("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",),
    ),
    "mysql": ReadOnlyGuard(
        method="every transaction is READ ONLY (SET SESSION TRANSACTION READ ONLY)",
        statements=("SET SESSION TRANSACTION READ ONLY",),
    ),
    "mariadb": ReadOnlyGuard(
        method="every transaction is READ ONLY (SET SESSION TRANSACTION READ ONLY)",
        statements=("SET SESSION TRANSACTION READ ONLY",),
    ),
    "sqlite": ReadOnlyGuard(
        method="the file is opened with mode=ro and PRAGMA query_only=ON",
        statements=("PRAGMA query_only = ON",),
        prepare_url=_sqlite_read_only_url,
        connect_args={"check_same_thread": False},
    ),
}

# A URL without a driver (``postgresql://``) gets the driver clinicscan installs rather than one it does not.
PREFERRED_DRIVERS: dict[str, str] = {"postgresql": "psycopg", "mysql": "pymysql", "mariadb": "pymysql"}


def with_preferred_driver(url: URL) -> URL:
    """Give ``postgresql://`` psycopg and ``mysql://``/``mariadb://`` PyMySQL; leave other URLs alone."""
    if "+" in url.drivername or url.drivername not in PREFERRED_DRIVERS:
        return url
    return url.set(drivername=f"{url.drivername}+{PREFERRED_DRIVERS[url.drivername]}")


def guard_for(url: URL) -> ReadOnlyGuard:
    """Return the read-only guard of the URL's dialect (``_NO_GUARD`` for dialects without one)."""
    return GUARDS.get(url.get_backend_name(), _NO_GUARD)


def read_only_engine(url: str | URL) -> Engine:
    """Create an engine whose every connection is read-only where the dialect allows it.

    The one way every reader opens a database: the scan's sources, enforcement's scanner-side reads and
    de-identification's ``query:`` (Great Expectations builds its own engine: ``read_only_options``).

    Args:
        url: The database URL; a URL without a driver gets the preferred one (``with_preferred_driver``).

    Returns:
        A SQLAlchemy engine; no connection is opened yet.

    Raises:
        sqlalchemy.exc.ArgumentError, sqlalchemy.exc.NoSuchModuleError: the URL is malformed or its driver is
            not installed (the caller turns these into a SourceError).

    """
    parsed = with_preferred_driver(sa.make_url(url))
    guard = guard_for(parsed)
    engine = sa.create_engine(guard.prepare_url(parsed), connect_args=guard.connect_args, pool_pre_ping=True)
    return guard_engine(engine)


def read_only_options(url: str) -> tuple[str, dict[str, Any]]:
    """Give the URL and ``create_engine`` options for a library that creates its own engine (GX).

    Hand the engine it creates to ``guard_engine`` before its first query: the session settings are run on
    connect, which options alone cannot do (SQLite's ``PRAGMA query_only``).
    """
    parsed = with_preferred_driver(sa.make_url(url))
    guard = guard_for(parsed)
    return guard.prepare_url(parsed).render_as_string(hide_password=False), {
        "connect_args": dict(guard.connect_args)
    }


def guard_engine(engine: Engine) -> Engine:
    """Make every connection of ``engine`` read-only by its dialect's guard, and drop any opened before.

    Returns:
        The same engine, for chaining.

    """
    guard = guard_for(engine.url)
    if guard is _NO_GUARD:
        log.warning("database %s: %s", engine.url.render_as_string(hide_password=True), guard.method)
    statements = guard.statements

    @event.listens_for(engine, "connect")
    def _make_read_only(dbapi_connection: DbapiConnection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        try:
            for statement in statements:
                cursor.execute(statement)
        finally:
            cursor.close()
        dbapi_connection.commit()  # a session setting made inside a rolled-back transaction would be undone
        _keep_json_as_text(dbapi_connection)

    engine.dispose()  # a connection pooled before the guard was installed would escape it
    return engine


def _keep_json_as_text(dbapi_connection: DbapiConnection) -> None:
    """Make psycopg hand JSON/JSONB over as the server's text, as COPY does, instead of parsing it."""
    try:
        import psycopg
        from psycopg.types.json import set_json_loads
    except ImportError:  # another driver: nothing to do
        return
    if isinstance(dbapi_connection, psycopg.Connection):
        set_json_loads(_utf8_text, dbapi_connection)


def _utf8_text(data: str | bytes) -> str:
    return data if isinstance(data, str) else bytes(data).decode("utf-8")
