"""Carry out one target in batches: keyset pagination on the primary key, one short transaction each.

Each batch selects up to ``batch_rows`` keys still matching the target (locking them: ``FOR UPDATE``
where the database has it, ``BEGIN IMMEDIATE`` on SQLite), destroys exactly those rows, writes the log
entry and commits: no lock outlives its batch, and a batch is either wholly done and logged or not at
all. Keys only grow from one batch to the next, so a row that cannot be changed is never selected twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from enforce.catalog import Catalog
from enforce.holds import clock_columns, held_by_children, retention_end
from enforce.log import DestructionLog, LogEntry
from enforce.storage import SeparateStorage, StoredRow
from enforce.targets import Target

BatchHook = Callable[[Target, int], None]


@dataclass
class BatchContext:
    """What every batch of a run shares.

    Attributes:
        engine: the writer's engine for the source.
        catalog: the source's reflected tables.
        source: the source name (for the log).
        run_id: the run, written on every log entry.
        batch_rows: rows per transaction.
        log: the destruction log of the source's database.
        storage: separate storage, or None to erase kept rows in place.
        on_batch: called after each committed batch with the target and the rows it changed.

    """

    engine: Engine
    catalog: Catalog
    source: str
    run_id: str
    batch_rows: int
    log: DestructionLog
    storage: SeparateStorage | None = None
    on_batch: BatchHook | None = None


def _key_filter(pk: Sequence[sa.Column], keys: Sequence[tuple[Any, ...]]) -> sa.ColumnElement[bool]:
    if len(pk) == 1:
        return pk[0].in_([k[0] for k in keys])
    return sa.tuple_(*pk).in_(keys)


def _after(pk: Sequence[sa.Column], last: tuple[Any, ...]) -> sa.ColumnElement[bool]:
    if len(pk) == 1:
        return pk[0] > last[0]
    return sa.tuple_(*pk) > sa.tuple_(*(sa.literal(v, c.type) for v, c in zip(last, pk, strict=True)))


def _change(target: Target, table: sa.Table, keys: Sequence[tuple[Any, ...]], pk: Sequence[sa.Column]) -> Any:
    where = _key_filter(pk, keys)
    if target.action == "delete":
        return table.delete().where(where)
    if target.action == "detach":
        return table.update().where(where).values({c: None for c in target.detach})
    values = {e.column: (None if e.to == "null" else "") for e in target.erase}
    return table.update().where(where).values(values)


def _columns_written(target: Target) -> tuple[str, ...]:
    if target.action == "detach":
        return target.detach
    if target.action in ("erase", "move"):
        return tuple(e.column for e in target.erase)
    return ()


def run_target(ctx: BatchContext, target: Target) -> int:
    """Carry out ``target`` batch by batch until no row matches; return the rows changed.

    Args:
        ctx: the run's shared context.
        target: a ``delete``, ``detach``, ``erase`` or ``move`` target (``blocked`` ones are never run).

    """
    if target.action == "blocked" or target.table is None:
        return 0
    table = target.table.table
    pk = ctx.catalog.primary_key(target.table_name)
    extra = _move_columns(ctx, target) if target.action == "move" else []
    done = 0
    last: tuple[Any, ...] | None = None
    while True:
        with ctx.engine.begin() as connection:
            query = sa.select(*pk, *(table.c[c] for c in extra)).where(target.where)
            if last is not None:
                query = query.where(_after(pk, last))
            rows = connection.execute(query.order_by(*pk).limit(ctx.batch_rows).with_for_update()).all()
            if not rows:
                return done
            keys = [tuple(r[: len(pk)]) for r in rows]
            if target.action == "move" and ctx.storage is not None:
                _store(
                    ctx,
                    connection,
                    target,
                    [dict(zip([c.name for c in pk] + extra, r, strict=True)) for r in rows],
                    keys,
                )
            changed = connection.execute(_change(target, table, keys, pk)).rowcount
            ctx.log.write(connection, _entry(ctx, target, keys, changed))
        last = keys[-1]
        done += changed
        if ctx.on_batch is not None:
            ctx.on_batch(target, changed)


def _entry(ctx: BatchContext, target: Target, keys: list[tuple[Any, ...]], changed: int) -> LogEntry:
    reason = target.reason
    return LogEntry(
        run_id=ctx.run_id,
        source=ctx.source,
        table=target.table_name,
        record_type=reason.record_type,
        rule=reason.rule,
        policy_ref=reason.ref,
        legal_basis=reason.legal_basis,
        action=target.action,
        columns=_columns_written(target),
        keys=keys,
        row_count=changed,
    )


def _move_columns(ctx: BatchContext, target: Target) -> list[str]:
    """Columns read before a move: kept items, clocks, and what the holding children refer to."""
    assert target.table is not None
    pk = {c.name for c in ctx.catalog.primary_key(target.table_name)}
    wanted = [
        *target.kept,
        *clock_columns(target.table),
        *(r for fk, _ in target.holders for r in fk.referred),
    ]
    return [c for c in dict.fromkeys(wanted) if c not in pk]


def _store(
    ctx: BatchContext,
    connection: Connection,
    target: Target,
    rows: list[dict[str, Any]],
    keys: list[tuple[Any, ...]],
) -> None:
    """Copy the kept part of ``rows`` to separate storage (committed there before the batch commits)."""
    assert target.table is not None and ctx.storage is not None
    table = target.table
    ends: list[date | None] = [retention_end(table, r) if table.held else None for r in rows]
    for fk, child in target.holders:
        refs = [tuple(r[c] for c in fk.referred) for r in rows]
        by_child = held_by_children(connection, ctx.catalog, child, fk, refs)
        ends = [_later(e, by_child.get(k)) for e, k in zip(ends, refs, strict=True)]
    kept = (
        set(target.kept) | set(clock_columns(table)) | {p.name for p in ctx.catalog.primary_key(table.name)}
    )
    stored = [
        StoredRow(k, {c: v for c, v in r.items() if c in kept}, e)
        for k, r, e in zip(keys, rows, ends, strict=True)
    ]
    reason = (target.reason.record_type, target.reason.rule, ",".join(target.reason.legal_basis))
    ctx.storage.store(ctx.source, target.table_name, reason, stored, ctx.run_id)


def _later(a: date | None, b: date | None) -> date | None:
    return max(a, b) if a is not None and b is not None else a or b
