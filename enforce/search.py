"""Find every record about one person across the database sources, through indexes where they exist.

Which columns to compare comes from the latest scan (the columns holding PERSON, PHONE_NUMBER,
EMAIL_ADDRESS, KR_RRN) and from the column map's ``roles.subject_key``. A phone matches with the name when
one is given (families share phones); an e-mail, an RRN or an id match alone. Rows found then lead to the
rows linked to them by foreign keys (a patient's medical records, a member's guardian), until nothing new
turns up. Values are always bound parameters. An indexed column is compared with the stored forms of the
value (so its index serves); an unindexed one is normalized in SQL (dashes, spaces, +82, case), which reads
the whole table anyway, and is listed as a column that would need an index.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from enforce.catalog import ForeignKey
from enforce.connect import SourceContext, database_sources, open_context, reader_engine
from enforce.coverage import reached, unmapped_personal, unreachable, unread_exports
from enforce.errors import EnforceError, SourceUnreachable
from enforce.exports import FoundFile, export_sources, find_in_exports
from enforce.holds import add_remote_clocks
from enforce.identify import SubjectQuery, phone_forms, rrn_forms
from enforce.inputs import ConfigLike
from enforce.tables import ENCRYPTED, MappedTable
from policy.schema import Policy
from reports.coverage import Coverage
from reports.findings import Findings

MAX_ROWS_PER_TABLE = 10_000
_TEXT = (sa.String, sa.Text)


@dataclass
class FoundTable:
    """The rows of one table that are about the person, and how they were found."""

    source: str
    table: MappedTable
    rows: list[dict[str, Any]] = field(default_factory=list)
    keys: list[tuple[Any, ...]] = field(default_factory=list)
    matched_by: list[str] = field(default_factory=list)


@dataclass
class SubjectSearch:
    """Everything found about one person.

    Attributes:
        query: the normalized identifiers.
        found: (source, table) -> rows found.
        needs_index: ``source.table.column`` compared by reading the whole table, and why.
        not_searched: encrypted columns that hold an identifier but cannot be compared in SQL.
        exports: export files (sent to a consignee) with rows about the person.
        unread_exports: export files that could not be read (``source/file: why``).
        coverage: what the search could not look at (a source down, those columns): the answer is incomplete.
        seconds: wall time of the search.

    """

    query: SubjectQuery
    found: dict[tuple[str, str], FoundTable] = field(default_factory=dict)
    needs_index: list[str] = field(default_factory=list)
    not_searched: list[str] = field(default_factory=list)
    exports: list[FoundFile] = field(default_factory=list)
    unread_exports: list[str] = field(default_factory=list)
    seconds: float = 0.0
    coverage: Coverage = field(default_factory=Coverage)
    links: list[tuple[str, ForeignKey]] = field(default_factory=list)

    def rows(self) -> int:
        """How many rows were found in all."""
        return sum(len(f.rows) for f in self.found.values())

    def holders(self, found: FoundTable) -> list[tuple[MappedTable, list[dict[str, Any]]]]:
        """Found rows of held tables that refer to ``found``'s rows (they keep those rows alive)."""
        out = []
        for source, fk in self.links:
            child = self.found.get((source, fk.child))
            if (
                source != found.source
                or fk.parent != found.table.name
                or child is None
                or not child.table.held
            ):
                continue
            parents = {tuple(r[c] for c in fk.referred) for r in found.rows}
            rows = [r for r in child.rows if tuple(r[c] for c in fk.columns) in parents]
            if rows:
                out.append((child.table, rows))
        return out


def _text_or_int(column: sa.Column) -> str | None:
    if isinstance(column.type, sa.Integer):
        return "int"
    if isinstance(column.type, _TEXT):
        return "text"
    return None


def _squeeze(expr: Any, chars: Sequence[str]) -> Any:
    for ch in chars:
        expr = sa.func.replace(expr, ch, "")
    return expr


@dataclass(frozen=True)
class _Probe:
    """One comparison: rows of a table matching one identifier in one column, and whether an index serves."""

    where: ColumnElement[bool]
    how: str
    indexed: bool


class _Matcher:
    """Builds the comparisons for one source and notes which columns lack an index."""

    def __init__(self, ctx: SourceContext, search: SubjectSearch) -> None:
        self.ctx, self.search = ctx, search

    def _note(self, table: MappedTable, column: str, what: str, indexed: bool | None = None) -> bool:
        if indexed is None:
            indexed = self.ctx.catalog.indexed(table.name, column)
        if not indexed:
            self.search.needs_index.append(f"{self.ctx.name}.{table.name}.{column} ({what})")
        return indexed

    def columns(self, table: MappedTable, entities: set[str]) -> list[sa.Column]:
        out = []
        for name in table.columns_with(entities):
            column = table.table.c[name]
            if ENCRYPTED in table.entities.get(name, frozenset()):
                self.search.not_searched.append(f"{self.ctx.name}.{table.name}.{name}")
            elif _text_or_int(column):
                out.append(column)
        return out

    def phone(self, table: MappedTable, column: sa.Column, digits: str) -> tuple[ColumnElement[bool], bool]:
        indexed = self._note(table, column.name, "phone")
        if _text_or_int(column) == "int":
            return column == int(digits), indexed
        if indexed:
            return column.in_(phone_forms(digits)), True
        squeezed = _squeeze(column, ("-", " ", ".", "(", ")"))
        return sa.func.replace(squeezed, "+82", "0") == digits, False

    def rrn(self, table: MappedTable, column: sa.Column, digits: str) -> tuple[ColumnElement[bool], bool]:
        indexed = self._note(table, column.name, "RRN")
        if _text_or_int(column) == "int":
            return column == int(digits), indexed
        if indexed:
            return column.in_(rrn_forms(digits)), True
        return _squeeze(column, ("-", " ")) == digits, False

    def email(self, table: MappedTable, column: sa.Column, address: str) -> tuple[ColumnElement[bool], bool]:
        collation = str(getattr(column.type, "collation", "") or "")
        mysql = self.ctx.engine.dialect.name in ("mysql", "mariadb")
        if mysql and not collation.endswith(
            ("_bin", "_cs")
        ):  # a case-blind collation: the plain index serves
            return column == address, self._note(table, column.name, "e-mail")
        indexed = self.ctx.catalog.indexed_lower(table.name, column.name)
        self._note(
            table, column.name, f"e-mail, compared case-blind: index LOWER(TRIM({column.name}))", indexed
        )
        return sa.func.lower(sa.func.trim(column)) == address, indexed

    def name(self, column: sa.Column, name: str) -> ColumnElement[bool]:
        return sa.func.lower(sa.func.replace(column, " ", "")) == name

    def subject_key(self, table: MappedTable, value: str) -> _Probe | None:
        name = table.roles.get("subject_key")
        if name is None:
            return None
        column = table.table.c[name]
        kind = _text_or_int(column)
        if kind is None or (kind == "int" and not value.isdigit()):
            return None
        indexed = self._note(table, name, "id")
        return _Probe(column == (int(value) if kind == "int" else value), f"id ({name})", indexed)

    def direct(self, table: MappedTable, query: SubjectQuery) -> list[_Probe]:
        """Build the comparisons finding the person's rows in ``table``, one per column and identifier."""
        probes: list[_Probe] = []
        persons = self.columns(table, {"PERSON"}) if query.names else []
        for column in self.columns(table, {"PHONE_NUMBER"}):
            for digits in query.phones:
                match, indexed = self.phone(table, column, digits)
                if persons:
                    match = sa.and_(match, sa.or_(*(self.name(p, n) for p in persons for n in query.names)))
                probes.append(_Probe(match, f"phone{' + name' if persons else ''} ({column.name})", indexed))
        for column in self.columns(table, {"EMAIL_ADDRESS"}):
            for address in query.emails:
                match, indexed = self.email(table, column, address)
                probes.append(_Probe(match, f"e-mail ({column.name})", indexed))
        for column in self.columns(table, {"KR_RRN", "KR_FRN"}):
            for digits in query.rrns:
                match, indexed = self.rrn(table, column, digits)
                probes.append(_Probe(match, f"RRN ({column.name})", indexed))
        probes += [p for v in query.ids if (p := self.subject_key(table, v)) is not None]
        return probes


def _add(found: FoundTable, ctx: SourceContext, rows: Sequence[sa.Row[Any]], how: str) -> int:
    pk = [c.name for c in ctx.catalog.primary_key(found.table.name)]
    known = set(found.keys)
    added = 0
    for row in rows:
        values = dict(row._mapping)
        key = tuple(values[c] for c in pk)
        if key not in known:
            known.add(key)
            found.keys.append(key)
            found.rows.append(values)
            added += 1
    if added and how not in found.matched_by:
        found.matched_by.append(how)
    if len(found.rows) > MAX_ROWS_PER_TABLE:
        raise EnforceError(
            f"source '{ctx.name}', table '{found.table.name}': the identifiers match more than "
            f"{MAX_ROWS_PER_TABLE:,} rows; that is not one person: give more specific identifiers"
        )
    return added


def _select(connection: sa.Connection, table: sa.Table, where: ColumnElement[bool]) -> Sequence[sa.Row[Any]]:
    return connection.execute(sa.select(table).where(where).limit(MAX_ROWS_PER_TABLE + 1)).all()


def _expand(
    connection: sa.Connection, ctx: SourceContext, found: dict[str, FoundTable], notes: list[str]
) -> int:
    """Follow the foreign keys between mapped tables one step, both ways; return the rows added.

    A foreign-key column without an index is added to ``notes``: following it reads the whole table.
    """
    added = 0
    for fk in ctx.catalog.foreign_keys:
        child, parent = ctx.tables.get(fk.child), ctx.tables.get(fk.parent)
        if child is None or parent is None or fk.child == fk.parent:
            continue
        steps = (
            (parent, fk.referred, child, fk.columns, f"linked to {fk.parent}"),
            (child, fk.columns, parent, fk.referred, f"linked from {fk.child}"),
        )
        for have, have_cols, want, want_cols, how in steps:
            rows = found.get(have.name)
            if rows is None or not rows.rows:
                continue
            values = {tuple(r[c] for c in have_cols) for r in rows.rows}
            values = {v for v in values if None not in v}
            if not values:
                continue
            cols = [want.table.c[c] for c in want_cols]
            notes += [
                f"{ctx.name}.{want.name}.{c} (link from {have.name})"
                for c in want_cols[:1]
                if not ctx.catalog.indexed(want.name, c)
            ]
            where = (
                cols[0].in_([v[0] for v in values]) if len(cols) == 1 else sa.tuple_(*cols).in_(list(values))
            )
            target = found.setdefault(want.name, FoundTable(ctx.name, want))
            added += _add(target, ctx, _select(connection, want.table, where), how)
    return added


def search_source(ctx: SourceContext, query: SubjectQuery, search: SubjectSearch) -> None:
    """Find the person's rows in one opened source and add them to ``search``."""
    matcher = _Matcher(ctx, search)
    found: dict[str, FoundTable] = {}
    with ctx.engine.connect() as connection:
        for table in ctx.tables.values():
            probes = matcher.direct(table, query)
            if not probes:
                continue
            target = found.setdefault(table.name, FoundTable(ctx.name, table))
            # Each indexed comparison on its own, so its index serves; the others share one table scan.
            for probe in (p for p in probes if p.indexed):
                _add(target, ctx, _select(connection, table.table, probe.where), probe.how)
            scanned = [p for p in probes if not p.indexed]
            if scanned:
                how = ", ".join(dict.fromkeys(p.how for p in scanned))
                _add(target, ctx, _select(connection, table.table, sa.or_(*(p.where for p in scanned))), how)
        for _ in range(len(ctx.tables) + 1):
            if not _expand(connection, ctx, found, search.needs_index):
                break
        for rows in found.values():  # until when a row is kept, where its clock lives in another table
            if rows.rows and rows.table.remote:
                add_remote_clocks(connection, rows.table, rows.rows, ctx.fragments, ctx.engine.dialect)
    for name, rows in found.items():
        if rows.rows:
            search.found[(ctx.name, name)] = rows
    search.links += [
        (ctx.name, fk)
        for fk in ctx.catalog.foreign_keys
        if fk.child in ctx.tables and fk.parent in ctx.tables and fk.child != fk.parent
    ]


def find_subject(
    config: ConfigLike,
    query: SubjectQuery,
    policy: Policy,
    findings: Findings | None = None,
    sources: list[str] | None = None,
) -> SubjectSearch:
    """Find every record about the person in the config's sources (read-only).

    Database sources are searched table by table and along foreign keys; export folders file by file
    (``enforce.exports``), unless ``sources`` names only some databases.

    Args:
        config: scan.yaml (``flows.config.ScanConfig``).
        query: the person's identifiers (``parse_find``).
        policy: the policy the column map refers to.
        findings: the latest scan's findings, telling which column holds what.
        sources: only these database sources (default: all, and every export folder).

    Raises:
        EnforceError: a source cannot be read, or the identifiers match implausibly many rows.

    """
    started = time.perf_counter()
    search = SubjectSearch(query)
    for source in database_sources(config, sources):
        assert source.url is not None
        engine = reader_engine(source.url)
        try:
            try:
                ctx = open_context(source, engine, policy, findings)
            except SourceUnreachable as exc:  # the other sources are still searched; this one is a gap
                search.coverage.sources.append(unreachable(source, exc))
                continue
            before = len(search.not_searched)
            search_source(ctx, query, search)
            mine = list(dict.fromkeys(search.not_searched[before:]))
            unmapped = unmapped_personal(ctx, findings)
            search.coverage.sources.append(reached(ctx, not_searched=mine, unmapped=unmapped))
        finally:
            engine.dispose()
    if not sources:
        search.exports, search.unread_exports = find_in_exports(config, query, findings)
        names = [s.name for s in export_sources(config)]
        search.coverage.sources += unread_exports(search.unread_exports, names)
    search.needs_index = list(dict.fromkeys(search.needs_index))
    search.not_searched = list(dict.fromkeys(search.not_searched))
    search.coverage.settle()
    search.seconds = time.perf_counter() - started
    return search
