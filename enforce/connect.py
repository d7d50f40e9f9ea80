"""Open a database source for enforcement: a read-only engine to plan, the writer's own engine to apply.

Planning (a dry run, a subject search) reads through the scanner's read-only engine, so it cannot change a
thing. Applying connects with the writer credentials of the ``enforcement:`` block and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url

from enforce.catalog import Catalog, reflect
from enforce.config import EnforcementConfig
from enforce.errors import EnforceError, SourceUnreachable
from enforce.inputs import ConfigLike, SourceLike
from enforce.references import declared_references
from enforce.tables import MappedTable, findings_by_table, resolve_table
from expectations.sql_dialect import SqlDialect, dialect_for
from policy.schema import Policy
from reports.findings import Findings
from sources.db_engine import read_only_engine, with_preferred_driver
from sources.urls import is_database_url, safe_url, scrub_password


@dataclass
class SourceContext:
    """One database source, opened: engine, catalog, the mapped tables resolved, SQL fragments."""

    source: SourceLike
    engine: Engine
    catalog: Catalog
    tables: dict[str, MappedTable]
    fragments: SqlDialect

    @property
    def name(self) -> str:
        """The source's name in scan.yaml."""
        return self.source.name


def is_database(source: SourceLike) -> bool:
    """Whether the source is a database (a ``file://`` URL or a ``path`` is an export folder)."""
    return is_database_url(source.url)


def database_sources(config: ConfigLike, only: list[str] | None = None) -> list[SourceLike]:
    """List the config's database sources (export folders hold copies, not the records a law governs).

    Raises:
        EnforceError: ``only`` names a source the config does not have as a database.

    """
    sources = [s for s in config.sources if is_database(s)]
    if only:
        names = {s.name for s in sources}
        unknown = [n for n in only if n not in names]
        if unknown:
            raise EnforceError(
                f"source(s) {', '.join(unknown)} are not database sources of scan.yaml "
                f"(database sources: {', '.join(sorted(names)) or 'none'})"
            )
        sources = [s for s in sources if s.name in only]
    return sources


def writer_url(config: ConfigLike, source: SourceLike) -> str:
    """Return the writer URL of ``source`` from the ``enforcement:`` block.

    Raises:
        EnforceError: no writer is configured for the source (the message shows the block to add).

    """
    enforcement = config.enforcement or EnforcementConfig()
    names = [s.name for s in config.sources if is_database(s)]
    url = enforcement.writer_url(source.name, names)
    if url is None:
        raise EnforceError(
            f"source '{source.name}': no writer credentials; --apply connects with its own account, "
            "never the "
            "scanner's. Add to scan.yaml:  enforcement: {url: ${CLINIC_WRITER_URL}}  (or enforcement.writers."
            f"{source.name}: ... when there are several database sources) and export CLINIC_WRITER_URL"
        )
    return url


def writer_engine(url: str) -> Engine:
    """Create an engine that writes: on SQLite with foreign keys enforced and write-locking transactions."""
    parsed = with_preferred_driver(make_url(url))
    try:
        engine = sa.create_engine(parsed, pool_pre_ping=True)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise EnforceError(
            f"{safe_url(url)}: not a usable database URL ({exc}); check enforcement.url"
        ) from None
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event starts transactions
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA busy_timeout = 30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: sa.Connection) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # take the write lock before reading the batch

    return engine


def reader_engine(url: str) -> Engine:
    """Create the scanner's read-only engine for ``url``."""
    try:
        return read_only_engine(url)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise EnforceError(
            f"{safe_url(url)}: not a usable database URL ({exc}); check the source's url"
        ) from None


def open_context(
    source: SourceLike, engine: Engine, policy: Policy, findings: Findings | None
) -> SourceContext:
    """Reflect the source's tables, add the references its column map declares, and resolve the map.

    Raises:
        SourceUnreachable: the database cannot be reached or listed.
        EnforceError: the column map does not fit the tables.

    """
    try:
        with engine.connect() as connection:
            catalog = reflect(connection, source.schema_)
    except sa.exc.SQLAlchemyError as exc:
        message = scrub_password(str(getattr(exc, "orig", exc)).splitlines()[0], engine.url)
        raise SourceUnreachable(
            f"source '{source.name}' ({safe_url(engine.url)}): cannot read its tables ({message}); "
            "check that the database is up and the URL, schema and account are right"
        ) from None
    catalog.foreign_keys += declared_references(source.name, source.tables, catalog)
    found = findings_by_table(findings.columns if findings else [], source.name, source.schema_)
    tables: dict[str, MappedTable] = {}
    for name, mapping in source.tables.items():
        resolved = resolve_table(policy, source.name, name, mapping, catalog, found.get(name, {}))
        if resolved is not None:
            tables[name] = resolved
    return SourceContext(source, engine, catalog, tables, dialect_for(engine))
