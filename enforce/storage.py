"""Separate storage (PIPA Art. 21(3)): where data kept only because a law requires it is moved.

A row reduced to what the law keeps is copied here (its key, its kept items and its clocks, as JSON)
before it is erased in the clinic's database. The copy is an upsert keyed by (source, table, row key)
and is committed before the clinic's batch is: killed in between, the clinic row still holds its data,
the rerun copies it again over the same storage row and erases it; nothing is lost or stored twice.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import Engine

from enforce.errors import EnforceError
from enforce.log import DestructionLog, LogEntry

_LONG_TEXT = sa.Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb")
_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
STORAGE_TABLE = "clinicscan_separate_storage"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def row_key(key: Sequence[Any]) -> str:
    """Write a record's key values as canonical JSON text: the storage row's identity."""
    return json.dumps([_plain(v) for v in key], ensure_ascii=False, separators=(",", ":"))


def storage_table(metadata: sa.MetaData) -> sa.Table:
    """Define the storage table."""
    return sa.Table(
        STORAGE_TABLE,
        metadata,
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("table_name", sa.String(128), nullable=False),
        sa.Column("row_key", sa.String(400), nullable=False),
        sa.Column("record_type", sa.String(64), nullable=False),
        sa.Column("rule", sa.String(160), nullable=False),
        sa.Column("legal_basis", sa.String(300), nullable=False),
        sa.Column("held_until", sa.Date, nullable=True),
        sa.Column("data", _LONG_TEXT, nullable=False),
        sa.Column("moved_at", sa.DateTime, nullable=False),
        sa.Column("run_id", sa.String(36), nullable=False),
        sa.UniqueConstraint("source", "table_name", "row_key", name="uq_clinicscan_storage_row"),
        sa.Index("ix_clinicscan_storage_held_until", "held_until"),
        mysql_engine="InnoDB",
        mysql_charset="utf8mb4",
    )


@dataclass(frozen=True)
class StoredRow:
    """One row's kept part on its way to storage."""

    key: tuple[Any, ...]
    data: dict[str, Any]
    held_until: date | None


class SeparateStorage:
    """The storage database; every ``store`` is its own committed transaction."""

    def __init__(self, engine: Engine) -> None:
        """Use ``engine`` (the storage URL's); the table is created by ``ensure``."""
        self.engine = engine
        self.table = storage_table(sa.MetaData())

    def ensure(self) -> None:
        """Create the storage table when missing (EnforceError when the account may not)."""
        try:
            self.table.metadata.create_all(self.engine, checkfirst=True)
        except sa.exc.SQLAlchemyError as exc:
            raise EnforceError(
                f"cannot create '{STORAGE_TABLE}' in the separate storage database "
                f"({type(exc).__name__}); check enforcement.separate_storage_url and the account's rights"
            ) from None

    def store(
        self, source: str, table: str, reason: tuple[str, str, str], rows: Sequence[StoredRow], run_id: str
    ) -> None:
        """Upsert ``rows`` (replace any earlier copy of the same records) and commit.

        Args:
            source: the source name.
            table: the clinic table the rows come from.
            reason: (record type, rule, legal basis) the rows are kept under.
            rows: the kept parts.
            run_id: the enforcement run.

        """
        if not rows:
            return
        keys = [row_key(r.key) for r in rows]
        record_type, rule, basis = reason
        now = datetime.now(UTC).replace(tzinfo=None)
        t = self.table
        with self.engine.begin() as connection:
            connection.execute(
                t.delete().where(t.c.source == source, t.c.table_name == table, t.c.row_key.in_(keys))
            )
            connection.execute(
                t.insert(),
                [
                    {
                        "source": source,
                        "table_name": table,
                        "row_key": k,
                        "record_type": record_type,
                        "rule": rule,
                        "legal_basis": basis,
                        "held_until": r.held_until,
                        "data": json.dumps({c: _plain(v) for c, v in r.data.items()}, ensure_ascii=False),
                        "moved_at": now,
                        "run_id": run_id,
                    }
                    for k, r in zip(keys, rows, strict=True)
                ],
            )

    def count_expired(self, before: date) -> int:
        """Count stored rows whose hold ended before ``before`` (rows without an end date are kept)."""
        t = self.table
        with self.engine.connect() as connection:
            return int(
                connection.execute(sa.select(sa.func.count()).where(t.c.held_until < before)).scalar_one()
            )

    def purge_expired(self, before: date, log: DestructionLog, batch_rows: int, run_id: str) -> int:
        """Delete the stored rows whose hold ended before ``before``, batch by batch, each logged."""
        t = self.table
        done = 0
        while True:
            with self.engine.begin() as connection:
                query = sa.select(t.c.id, t.c.source, t.c.table_name, t.c.row_key).where(
                    t.c.held_until < before
                )
                rows = connection.execute(query.order_by(t.c.id).limit(batch_rows).with_for_update()).all()
                if not rows:
                    return done
                changed = connection.execute(t.delete().where(t.c.id.in_([r.id for r in rows]))).rowcount
                log.write(
                    connection,
                    LogEntry(
                        run_id=run_id,
                        source="separate-storage",
                        table=STORAGE_TABLE,
                        record_type="*",
                        rule="storage.expired",
                        policy_ref="",
                        legal_basis=(),
                        action="delete",
                        columns=(),
                        keys=[(r.source, r.table_name, r.row_key) for r in rows],
                        row_count=changed,
                    ),
                )
            done += changed
