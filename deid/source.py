"""Read the table deid.yaml names: a database table or query (read-only), or one export file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from deid.errors import DeidSourceError
from deid.spec import SourceSpec

_READ_ONLY = {
    "postgresql": "SET TRANSACTION READ ONLY",
    "mysql": "SET TRANSACTION READ ONLY",
    "mariadb": "SET TRANSACTION READ ONLY",
    "sqlite": "PRAGMA query_only = ON",
}


def load_source(source: SourceSpec) -> pd.DataFrame:
    """Return the whole source table as a DataFrame.

    Raises:
        DeidSourceError: naming the database (without its password) or the file, and what to check.

    """
    if source.path is not None:
        return _read_file(source.path, source.sheet)
    assert source.url is not None
    url = sa.engine.make_url(source.url)
    shown = url.render_as_string(hide_password=True)
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            statement = _READ_ONLY.get(url.get_backend_name())
            if url.get_backend_name() in ("mysql", "mariadb") and statement:
                conn.exec_driver_sql(statement)
                conn.exec_driver_sql("START TRANSACTION")
            elif statement:
                conn.exec_driver_sql(statement)
            query: sa.Executable
            if source.table is not None:
                query = sa.select(sa.text("*")).select_from(sa.table(source.table, schema=source.schema_))
            else:
                query = sa.text(source.query or "")
            frame = pd.read_sql(query, conn)
            conn.rollback()
            return frame
    except sa.exc.SQLAlchemyError as exc:
        what = f"table {source.table}" if source.table else "the query"
        raise DeidSourceError(
            f"source {shown}: cannot read {what}: {type(exc).__name__}: "
            f"{str(exc.orig if hasattr(exc, 'orig') else exc).splitlines()[0]}; "
            "check the URL, the table name and the user's read permission"
        ) from None
    finally:
        engine.dispose()


def _read_file(path: Path, sheet: str | None) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".tsv", ".txt"):
            sep = "\t" if suffix == ".tsv" else ","
            for encoding in ("utf-8-sig", "cp949"):
                try:
                    return pd.read_csv(
                        path, sep=sep, encoding=encoding, dtype=str, keep_default_na=False, na_values=[""]
                    )
                except UnicodeDecodeError:
                    continue
            raise DeidSourceError(f"source {path}: not UTF-8 nor CP949 text; save it as UTF-8")
        if suffix == ".parquet":
            return pd.read_parquet(path)
        if suffix in (".xlsx", ".xlsm"):
            return pd.read_excel(path, sheet_name=sheet or 0, dtype=str)
        if suffix == ".jsonl":
            return pd.read_json(path, lines=True, dtype=False)
        if suffix == ".json":
            return pd.read_json(path, dtype=False)
    except (OSError, ValueError) as exc:
        raise DeidSourceError(f"source {path}: cannot read it ({exc}); check the path and the file") from None
    raise DeidSourceError(
        f"source {path}: unsupported file type '{suffix}'; use CSV, XLSX, Parquet, JSON or JSONL"
    )
