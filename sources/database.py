"""A database as a Source: any SQLAlchemy URL, read-only, names quoted by SQLAlchemy, data as Arrow."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine.interfaces import ReflectedColumn

from sources.base import SourceError, SourceKind, TableInfo
from sources.db_counts import count_rows
from sources.db_engine import guard_for, read_only_engine, with_preferred_driver
from sources.db_sampling import SampleRequest, draw_sample, sampling_key
from sources.db_types import DbColumn, arrow_schema, db_column, rows_to_batch
from sources.errors import reason
from sources.filters import TableFilter
from sources.pg_adbc import UnreadableValue, adbc_batches, adbc_conninfo
from sources.pg_copy import copy_batches, copy_supported
from sources.urls import safe_url, scrub_password

log = logging.getLogger(__name__)

_CONNECT_HINT = "check that the server runs and the URL in scan.yaml"
_TABLE_HINT = "check that the table exists and that the account may SELECT from it"
_READ_HINT = "check that the account may SELECT from the table; a value the driver cannot read also stops it"


@dataclass(frozen=True)
class _Listed:
    """One table as the catalogue lists it: its reflected columns and its primary key's columns."""

    columns: list[ReflectedColumn]
    primary_key: list[str]


@dataclass(frozen=True)
class DatabaseOptions:
    """Where to look in the database and which tables to list."""

    schema: str | None = None
    tables: TableFilter = field(default_factory=TableFilter)


class DatabaseSource:
    """Tables of one database, read through a read-only SQLAlchemy engine.

    The constructor connects once, so that a wrong URL or a stopped server is reported when the source is
    opened, naming the source and its URL with the password masked. Table names are those the database
    reports, prefixed with the schema only when ``options.schema`` is not the connection's default schema.
    """

    kind: SourceKind = "database"

    def __init__(self, name: str, url: str, options: DatabaseOptions | None = None) -> None:
        self.name = name
        self.options = options or DatabaseOptions()
        self.url = safe_url(url)
        self._raw_url = url
        try:
            parsed = with_preferred_driver(sa.make_url(url))
            self.read_only = guard_for(parsed).method
            self._engine = read_only_engine(parsed)
        except sa_exc.NoSuchModuleError as exc:
            raise self._error(
                f"no SQLAlchemy dialect or driver for this URL ({reason(exc)})",
                "install the driver, or use postgresql+psycopg:// or mysql+pymysql://",
            ) from None
        except (sa_exc.ArgumentError, ValueError, ImportError) as exc:
            raise self._error(f"invalid database URL: {reason(exc)}", "fix the URL in scan.yaml") from None
        self._columns: dict[str, list[DbColumn]] = {}
        self._catalogue: dict[str, _Listed] | None = None  # PostgreSQL: every table's columns and key
        self._counts: dict[str, tuple[int, bool]] = {}  # counted by describe, taken once by sample
        dbapi = self._engine.dialect.loaded_dbapi
        self._driver_errors: tuple[type[Exception], ...] = (dbapi.Error,) if hasattr(dbapi, "Error") else ()
        self._driver_errors += (UnreadableValue,)  # ADBC's errors join on its first stream
        self._adbc_conninfo = adbc_conninfo(self._engine)
        with self._connect("cannot connect", _connect_hint(parsed)) as connection:
            self._default_schema = sa.inspect(connection).default_schema_name

    def __repr__(self) -> str:
        return f"DatabaseSource(name={self.name!r}, url={self.url!r}, schema={self.options.schema!r})"

    @property
    def engine(self) -> sa.Engine:
        """The read-only engine, for checks that run their own SQL (Great Expectations); writes fail."""
        return self._engine

    def list_tables(self) -> list[str]:
        """List the schema's tables (not views) as the database reports them, filtered and sorted."""
        with self._connect("cannot list tables", _TABLE_HINT) as connection:
            names = sa.inspect(connection).get_table_names(schema=self.options.schema)
        return self.options.tables.apply((self._prefix + name for name in names), self._split)

    def describe(self, table: str) -> TableInfo:
        """Return columns, declared types, kinds and the row count (estimated on big PostgreSQL/MariaDB)."""
        with self._connect(f"cannot describe table '{table}'", _TABLE_HINT) as connection:
            columns = self._reflect(connection, table)
            row_count, estimated = count_rows(connection, self._table(table, columns))
        self._counts[table] = (row_count, estimated)
        return TableInfo(
            name=table,
            columns=tuple(c.info for c in columns),
            row_count=row_count,
            row_count_estimated=estimated,
        )

    def sample(self, table: str, rows: int) -> pa.Table:
        """Draw up to ``rows`` rows spread across the whole table (sources.db_sampling: how, per dialect).

        The row count ``describe`` just took is used once, not taken again.
        """
        with self._connect(f"cannot sample table '{table}'", _READ_HINT) as connection:
            columns = self._reflect(connection, table)
            clause = self._table(table, columns)
            counted = self._counts.pop(table, None)
            total, _ = counted if counted is not None else count_rows(connection, clause)
            integer_columns = frozenset(c.info.name for c in columns if c.info.kind == "integer")
            request = SampleRequest(
                connection=connection,
                table=clause,
                rows=rows,
                total_rows=total,
                key=sampling_key(connection, clause, integer_columns, self._listed_key(connection, table)),
            )
            drawn = draw_sample(request)
        log.info("source %s: sampled %d rows of %s by %s", self.name, len(drawn.rows), table, drawn.method)
        return pa.Table.from_batches([rows_to_batch(drawn.rows, arrow_schema(columns))])

    def stream(self, table: str, batch_rows: int = 50_000) -> Iterator[pa.RecordBatch]:
        """Yield every row in batches: PostgreSQL by ADBC (else CSV COPY), others by server-side cursor."""
        with self._connect(f"cannot read table '{table}'", _READ_HINT) as connection:
            columns = self._reflect(connection, table)
            clause = self._table(table, columns)
            if copy_supported(connection, columns):
                if self._adbc_conninfo is not None:
                    yielded = yield from self._adbc_stream(clause, columns, batch_rows)
                    if yielded is not None:
                        return
                yield from copy_batches(connection, clause, columns, batch_rows)
                return
            schema = arrow_schema(columns)
            result = connection.execution_options(stream_results=True, yield_per=batch_rows).execute(
                sa.select(*clause.c).select_from(clause)
            )
            for rows in result.partitions(batch_rows):
                yield rows_to_batch(rows, schema)

    def _adbc_stream(
        self, clause: sa.TableClause, columns: list[DbColumn], batch_rows: int
    ) -> Generator[pa.RecordBatch, None, int | None]:
        """Read through ADBC; return the batches read, or None when ADBC could not start (CSV COPY then)."""
        assert self._adbc_conninfo is not None
        import adbc_driver_manager.dbapi as adbc  # here: a sample scan never pays for its imports

        if adbc.Error not in self._driver_errors:  # a failure after the first rows is the source's error
            self._driver_errors += (adbc.Error,)
        count = 0
        try:
            for batch in adbc_batches(self._adbc_conninfo, clause, columns, batch_rows):
                yield batch
                count += 1
        except adbc.Error as exc:
            if count:
                raise
            log.warning(
                "source %s: the ADBC reader failed before the first row (%s); reading with CSV COPY from now",
                self.name,
                scrub_password(reason(exc), self._raw_url),
            )
            self._adbc_conninfo = None
            return None
        return count

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    @property
    def _prefix(self) -> str:
        schema = self.options.schema
        return f"{schema}." if schema is not None and schema != self._default_schema else ""

    def bare_name(self, table: str) -> str:
        """Return a reported name without the schema prefix (``few.t_0`` -> ``t_0``)."""
        return self._split(table)

    def _split(self, table: str) -> str:
        """Strip the schema prefix from a reported name (the prefix is known, never guessed)."""
        prefix = self._prefix
        return table[len(prefix) :] if prefix and table.startswith(prefix) else table

    def _listed(self, connection: sa.Connection, bare: str) -> _Listed | None:
        """Return a table's columns and primary key from the catalogue, read once for the whole schema.

        PostgreSQL reflects every table of a schema in one query each for columns and keys, where table by
        table costs several round trips per table; other dialects would reflect table by table anyway (None:
        ask for this table alone; a table the catalogue did not list, such as a view, too).
        """
        if connection.dialect.name != "postgresql":
            return None
        if self._catalogue is None:
            inspector = sa.inspect(connection)
            columns = inspector.get_multi_columns(schema=self.options.schema)
            keys = inspector.get_multi_pk_constraint(schema=self.options.schema)
            self._catalogue = {
                name: _Listed(listed, list(keys[schema, name]["constrained_columns"] or []))
                if (schema, name) in keys
                else _Listed(listed, [])
                for (schema, name), listed in columns.items()
            }
        return self._catalogue.get(bare)

    def _listed_key(self, connection: sa.Connection, table: str) -> list[str] | None:
        listed = self._listed(connection, self._split(table))
        return None if listed is None else listed.primary_key

    def _reflect(self, connection: sa.Connection, table: str) -> list[DbColumn]:
        if table not in self._columns:
            bare = self._split(table)
            with warnings.catch_warnings():  # "did not recognize type": such columns are read as text
                warnings.simplefilter("ignore", sa_exc.SAWarning)
                try:
                    listed = self._listed(connection, bare)
                    reflected = (
                        listed.columns
                        if listed is not None
                        else sa.inspect(connection).get_columns(bare, schema=self.options.schema)
                    )
                except sa_exc.NoSuchTableError:
                    reflected = []
            if not reflected:
                raise self._error(f"no table '{table}'", "check the table name (list_tables shows them)")
            names = _TRUE_COLUMN_NAMES.get(connection.dialect.name, _reflected_names)(
                connection, self._table(table, []), reflected
            )
            self._columns[table] = [
                db_column(name, c["type"], connection.dialect)
                for name, c in zip(names, reflected, strict=True)
            ]
        return self._columns[table]

    def _table(self, table: str, columns: list[DbColumn]) -> sa.TableClause:
        """Build a lightweight table: SQLAlchemy quotes its names, no type processing touches the values."""
        return sa.table(
            self._split(table), *(sa.column(c.info.name) for c in columns), schema=self.options.schema
        )

    @contextmanager
    def _connect(self, action: str, hint: str) -> Iterator[sa.Connection]:
        """Open a read-only connection; a database error becomes a SourceError naming source and action."""
        try:
            with self._engine.connect() as connection:
                yield connection
        except SourceError:
            raise
        except (sa_exc.SQLAlchemyError, pa.ArrowException, *self._driver_errors) as exc:
            # SQLAlchemy errors, and those of the raw driver and pyarrow on the COPY path
            raise self._error(f"{action}: {scrub_password(reason(exc), self._raw_url)}", hint) from None

    def _error(self, problem: str, hint: str) -> SourceError:
        return SourceError(f"source '{self.name}' ({self.url}): {problem} — {hint}")


def _connect_hint(url: sa.URL) -> str:
    """Name what to check when the first connection fails (SQLite: no server, a file that may be missing)."""
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in ("", ":memory:") or database.startswith("file:"):
        return _CONNECT_HINT
    path = Path(database).resolve()
    if path.exists():
        return f"check that {path} is a SQLite file the scanner may read"
    return (
        f"no file {path}: check the path in the URL (sqlite:///clinic.db is taken from the working folder, "
        "sqlite:////abs/clinic.db is absolute)"
    )


def _reflected_names(
    connection: sa.Connection, table: sa.TableClause, reflected: list[ReflectedColumn]
) -> list[str]:
    return [column["name"] for column in reflected]


def _names_from_cursor(
    connection: sa.Connection, table: sa.TableClause, reflected: list[ReflectedColumn]
) -> list[str]:
    """Take column names from the driver: MySQL reflection parses SHOW CREATE TABLE and leaves `` doubled."""
    everything: sa.ColumnElement[Any] = sa.literal_column("*")
    names = list(connection.execute(sa.select(everything).select_from(table).where(sa.false())).keys())
    return names if len(names) == len(reflected) else _reflected_names(connection, table, reflected)


_TRUE_COLUMN_NAMES = {"mysql": _names_from_cursor, "mariadb": _names_from_cursor}
