"""Read the table deid.yaml names through sources/ (read-only, quoted): a table, a query or a file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from deid.errors import DeidSourceError
from deid.spec import SourceSpec
from sources import SourceError, concat_batches, open_source, safe_url
from sources.db_engine import read_only_engine


def load_source(source: SourceSpec) -> pd.DataFrame:
    """Return the whole source table as a DataFrame (every read goes through a read-only connection).

    Raises:
        DeidSourceError: naming the database (without its password) or the file, and what to check.

    """
    try:
        if source.path is not None:
            return _read_file(source.path, source.sheet)
        assert source.url is not None
        if source.table is not None:
            return _read_table(source.url, source.table, source.schema_)
        return _read_query(source.url, source.query or "")
    except SourceError as exc:
        raise DeidSourceError(str(exc)) from None


def _read_file(path: Path, sheet: str | None) -> pd.DataFrame:
    if not path.is_file():
        raise DeidSourceError(f"source {path}: no such file; check the path in deid.yaml")
    src = open_source("deid", path=path)
    try:
        tables = src.list_tables()
        wanted = next((t for t in tables if sheet is None or t.endswith(f"#{sheet}")), None)
        if wanted is None:
            raise DeidSourceError(f"source {path}: no sheet '{sheet}' (sheets: {', '.join(tables)})")
        return concat_batches(src.stream(wanted)).to_pandas()
    finally:
        src.close()


def _read_table(url: str, table: str, schema: str | None) -> pd.DataFrame:
    src = open_source("deid", url=url, schema=schema)
    try:
        return concat_batches(src.stream(table)).to_pandas()
    finally:
        src.close()


def _read_query(url: str, query: str) -> pd.DataFrame:
    """Run the spec's SELECT on a read-only connection (the server refuses any write it might hide)."""
    engine = read_only_engine(url)
    try:
        with engine.connect() as conn:
            frame = pd.read_sql(sa.text(query), conn)
            conn.rollback()
            return frame
    except sa.exc.SQLAlchemyError as exc:
        detail = str(exc.orig if hasattr(exc, "orig") else exc).splitlines()[0]
        raise DeidSourceError(
            f"source {safe_url(url)}: cannot run the query: {type(exc).__name__}: {detail}; "
            "check the URL, the query and the user's read permission"
        ) from None
    finally:
        engine.dispose()
