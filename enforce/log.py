"""The destruction log PIPA asks for: what was destroyed, when, under which rule, by which run.

It lives in the same database as the rows it describes, and each entry is written in the transaction of
the batch it describes: a batch and its entry commit together or not at all, so the log never claims a
destruction that was rolled back, nor misses one that happened. Record keys are pseudonymized with
HMAC-SHA-256 under a key from the environment: an auditor holding the key can check whether a given
record was destroyed; nobody reading the log learns a raw value.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import Connection, Engine

from enforce.errors import EnforceError

_LONG_TEXT = sa.Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb")
_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


class Pseudonymizer:
    """HMAC-SHA-256 of a record's identity (source, table, key values), hex; the key never leaves here."""

    def __init__(self, key: bytes) -> None:
        """Keep the key; refuse one too short to resist guessing."""
        if len(key) < 16:
            raise EnforceError(
                "the pseudonymization key must be at least 16 bytes; generate one with "
                "`python -c 'import secrets; print(secrets.token_hex(32))'`"
            )
        self._key = key

    @classmethod
    def from_env(cls, variable: str) -> Pseudonymizer:
        """Read the key from the environment variable ``variable``.

        Raises:
            EnforceError: the variable is not set (the message says how to set it).

        """
        value = os.environ.get(variable)
        if not value:
            raise EnforceError(
                f"${variable} is not set: the destruction log pseudonymizes record keys with it; "
                f"export {variable}=$(python -c 'import secrets; print(secrets.token_hex(32))') and keep it "
                "safe (the same key lets an auditor check a record later; "
                "enforcement.pseudonym_key_env names "
                "another variable)"
            )
        return cls(value.encode("utf-8"))

    def record(self, source: str, table: str, key: Sequence[Any]) -> str:
        """Pseudonymize one record: stable under the same key, unlinkable without it."""
        message = json.dumps(
            [source, table, [str(v) for v in key]], ensure_ascii=False, separators=(",", ":")
        )
        return hmac.new(self._key, message.encode("utf-8"), hashlib.sha256).hexdigest()

    @property
    def key_id(self) -> str:
        """A short tag telling which key was used, so an auditor knows which key to check against."""
        return hmac.new(self._key, b"clinicscan-key-id", hashlib.sha256).hexdigest()[:12]


def log_table(metadata: sa.MetaData, name: str) -> sa.Table:
    """Define the log's table (one row per batch)."""
    return sa.Table(
        name,
        metadata,
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.String(36), nullable=False, index=True),
        sa.Column("logged_at", sa.DateTime, nullable=False),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("table_name", sa.String(128), nullable=False),
        sa.Column("record_type", sa.String(64), nullable=False),
        sa.Column("rule", sa.String(160), nullable=False),
        sa.Column("policy_ref", sa.String(32), nullable=False),
        sa.Column("legal_basis", sa.String(300), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("row_count", sa.Integer, nullable=False),
        sa.Column("columns", sa.Text, nullable=False),
        sa.Column("key_id", sa.String(12), nullable=False),
        sa.Column("record_keys", _LONG_TEXT, nullable=False),
        mysql_engine="InnoDB",
        mysql_charset="utf8mb4",
    )


@dataclass(frozen=True)
class LogEntry:
    """One batch as the log records it (the raw keys are pseudonymized on writing)."""

    run_id: str
    source: str
    table: str
    record_type: str
    rule: str
    policy_ref: str
    legal_basis: tuple[str, ...]
    action: str
    columns: tuple[str, ...]
    keys: Sequence[Sequence[Any]]
    row_count: int


class DestructionLog:
    """Writes entries into the log table of one database, inside the caller's transaction."""

    def __init__(self, schema: str | None, name: str, pseudonymizer: Pseudonymizer) -> None:
        """Describe the log table ``schema.name``; nothing is created until ``ensure``."""
        self.table = log_table(sa.MetaData(schema=schema), name)
        self._pseudonymizer = pseudonymizer

    def ensure(self, engine: Engine) -> None:
        """Create the log table when it does not exist yet.

        Raises:
            EnforceError: the writer account may not create it (the message gives the way out).

        """
        try:
            self.table.metadata.create_all(engine, checkfirst=True)
        except sa.exc.SQLAlchemyError as exc:
            raise EnforceError(
                f"cannot create the destruction log table '{self.table.fullname}' "
                f"({type(exc).__name__}); "
                "grant the enforcement account CREATE on that schema once, or have the DBA create it"
            ) from None

    def write(self, connection: Connection, entry: LogEntry) -> None:
        """Add the entry within ``connection``'s open transaction (it commits with the batch)."""
        keys = [self._pseudonymizer.record(entry.source, entry.table, k) for k in entry.keys]
        connection.execute(
            self.table.insert().values(
                run_id=entry.run_id,
                logged_at=datetime.now(UTC).replace(tzinfo=None),
                source=entry.source,
                table_name=entry.table,
                record_type=entry.record_type,
                rule=entry.rule,
                policy_ref=entry.policy_ref,
                legal_basis=",".join(entry.legal_basis),
                action=entry.action,
                row_count=entry.row_count,
                columns=json.dumps(list(entry.columns), ensure_ascii=False),
                key_id=self._pseudonymizer.key_id,
                record_keys=json.dumps(keys),
            )
        )


def read_log(
    engine: Engine, schema: str | None, name: str, run_id: str | None = None
) -> list[dict[str, Any]]:
    """Return the log's entries (optionally of one run), oldest first, as dicts: for reports and audits."""
    table = log_table(sa.MetaData(schema=schema), name)
    query = sa.select(table).order_by(table.c.id)
    if run_id is not None:
        query = query.where(table.c.run_id == run_id)
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table(name, schema=schema):
            return []
        return [dict(row._mapping) for row in connection.execute(query)]
