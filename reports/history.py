"""Scan history in any SQLAlchemy database, so diffs and trends work from scan to scan.

Three tables, prefixed so they can live in a shared database: ``clinicscan_scans`` (one row per scan,
with its whole findings.json so a past scan can be read back exactly), ``clinicscan_violations`` and
``clinicscan_columns`` (one row per violation / column finding, for queries and trends). Scans are
ordered by the order they were recorded; recording a scan id again replaces it in place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from reports.evidence import withhold_unmasked
from reports.findings import SEVERITIES, Findings
from reports.findings_json import dumps_findings, parse_findings

metadata = MetaData()

scans = Table(
    "clinicscan_scans",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("scan_id", String(255), nullable=False, unique=True),
    Column("started_at", String(64), nullable=False),
    Column("finished_at", String(64), nullable=False),
    Column("policy_id", String(255), nullable=False),
    Column("policy_version", String(255), nullable=False),
    Column("findings_json", Text, nullable=False),
)

violations = Table(
    "clinicscan_violations",
    metadata,
    Column("scan_seq", Integer, ForeignKey("clinicscan_scans.seq"), nullable=False, index=True),
    Column("violation_id", String(255), nullable=False),
    Column("rule", String(255), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("source", Text, nullable=False),
    Column("table_name", Text, nullable=False),
    Column("column_name", Text),
    Column("count", Integer),
    Column("message", Text, nullable=False),
    Column("policy_ref", String(255), nullable=False),
)

column_findings = Table(
    "clinicscan_columns",
    metadata,
    Column("scan_seq", Integer, ForeignKey("clinicscan_scans.seq"), nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("table_name", Text, nullable=False),
    Column("column_name", Text, nullable=False),
    Column("entities", Text, nullable=False),
    Column("categories", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("rows_scanned", Integer, nullable=False),
    Column("hits", Integer, nullable=False),
)


class HistoryError(Exception):
    """The history database cannot be used; the message names it (password hidden) and what to do."""


@dataclass(frozen=True)
class TrendPoint:
    """Violations per severity in one past scan (waived ones included: the trend is what the scan found)."""

    scan_id: str
    started_at: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """All violations of the scan."""
        return sum(self.counts.values())


def default_history_url(out_dir: Path) -> str:
    """``sqlite:///<out>/history.sqlite``: the history kept next to the reports when none is configured."""
    return f"sqlite:///{(out_dir / 'history.sqlite').resolve()}"


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(an unparseable database URL)"


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise HistoryError(
            f"history URL {_safe(url)} is not a SQLAlchemy URL; use e.g. "
            "sqlite:///out/history.sqlite or postgresql+psycopg://user@host/db"
        ) from None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed)
        metadata.create_all(engine)
    except (SQLAlchemyError, ImportError) as exc:
        raise HistoryError(
            f"history database {_safe(url)}: cannot open or create the history tables "
            f"({type(exc).__name__}); check the URL, that the server runs and that the user "
            "may create tables"
        ) from None
    return engine


def _insert_rows(conn: Connection, seq: int, findings: Findings) -> None:
    if findings.violations:
        conn.execute(
            insert(violations),
            [
                {
                    "scan_seq": seq,
                    "violation_id": v.id,
                    "rule": v.rule,
                    "severity": v.severity,
                    "source": v.source,
                    "table_name": v.table,
                    "column_name": v.column,
                    "count": v.count,
                    "message": v.message,
                    "policy_ref": v.policy_ref,
                }
                for v in findings.violations
            ],
        )
    if findings.columns:
        conn.execute(
            insert(column_findings),
            [
                {
                    "scan_seq": seq,
                    "source": c.source,
                    "table_name": c.table,
                    "column_name": c.column,
                    "entities": json.dumps(c.entities),
                    "categories": json.dumps(c.categories),
                    "confidence": c.confidence,
                    "rows_scanned": c.rows_scanned,
                    "hits": c.hits,
                }
                for c in findings.columns
            ],
        )


def record_scan(findings: Findings, url: str) -> int:
    """Store one scan (replacing an earlier record of the same scan id) and return its sequence number.

    Raises:
        HistoryError: the database cannot be reached or written.

    """
    findings = withhold_unmasked(findings)
    engine = _engine(url)
    row = {
        "scan_id": findings.scan_id,
        "started_at": findings.started_at,
        "finished_at": findings.finished_at,
        "policy_id": findings.policy.id,
        "policy_version": findings.policy.version,
        "findings_json": dumps_findings(findings),
    }
    try:
        with engine.begin() as conn:
            seq = conn.execute(select(scans.c.seq).where(scans.c.scan_id == findings.scan_id)).scalar()
            if seq is None:
                key = conn.execute(insert(scans).values(**row)).inserted_primary_key
                seq = key[0] if key else None
            else:
                conn.execute(delete(violations).where(violations.c.scan_seq == seq))
                conn.execute(delete(column_findings).where(column_findings.c.scan_seq == seq))
                conn.execute(scans.update().where(scans.c.seq == seq).values(**row))
            if seq is None:
                raise HistoryError(
                    f"history database {_safe(url)}: the database returned no id for scan "
                    f"{findings.scan_id}; use a database that reports autoincrement keys"
                )
            _insert_rows(conn, int(seq), findings)
    except SQLAlchemyError as exc:
        raise HistoryError(
            f"history database {_safe(url)}: cannot record scan {findings.scan_id} ({type(exc).__name__})"
        ) from None
    finally:
        engine.dispose()
    return int(seq)


def previous_scan(url: str, before_scan_id: str) -> Findings | None:
    """Return the scan recorded just before ``before_scan_id`` (the latest one if that id is not recorded).

    Raises:
        HistoryError: the database cannot be read, or a stored scan is not readable.

    """
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            seq = conn.execute(select(scans.c.seq).where(scans.c.scan_id == before_scan_id)).scalar()
            query = select(scans.c.scan_id, scans.c.findings_json).order_by(scans.c.seq.desc()).limit(1)
            if seq is not None:
                query = query.where(scans.c.seq < seq)
            row = conn.execute(query).first()
    except SQLAlchemyError as exc:
        raise HistoryError(
            f"history database {_safe(url)}: cannot read past scans ({type(exc).__name__})"
        ) from None
    finally:
        engine.dispose()
    if row is None:
        return None
    return parse_findings(row.findings_json, f"history {_safe(url)}, scan {row.scan_id}")


def trend(url: str, n: int) -> list[TrendPoint]:
    """Count violations per severity over the last ``n`` recorded scans, oldest first.

    Raises:
        HistoryError: the database cannot be read.

    """
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            last = (
                select(scans.c.seq, scans.c.scan_id, scans.c.started_at)
                .order_by(scans.c.seq.desc())
                .limit(max(n, 0))
                .subquery()
            )
            rows = conn.execute(select(last).order_by(last.c.seq)).all()
            counted = conn.execute(
                select(violations.c.scan_seq, violations.c.severity, func.count())
                .where(violations.c.scan_seq.in_([r.seq for r in rows]))
                .group_by(violations.c.scan_seq, violations.c.severity)
            ).all()
    except SQLAlchemyError as exc:
        raise HistoryError(
            f"history database {_safe(url)}: cannot read the trend ({type(exc).__name__})"
        ) from None
    finally:
        engine.dispose()
    counts: dict[int, dict[str, int]] = {r.seq: dict.fromkeys(SEVERITIES, 0) for r in rows}
    for seq, severity, number in counted:
        counts[seq][severity] = number
    return [TrendPoint(r.scan_id, r.started_at, counts[r.seq]) for r in rows]
