"""What a source holds before anything is scanned, and whether every name scan.yaml writes exists there.

Its tables, and which of them ``include``/``exclude`` select. Plain functions (no Prefect): the scan flow's
list step calls ``take_inventory`` for each source. A name in the column map that matches nothing is a
configuration error (exit code 2) with the line and the nearest real name, e.g. ``scan.yaml:14: table
'patiens' is not in source 'emr' (did you mean 'patients'?)``; an ``include`` pattern that matches no table is
a gap of the scan (exit code 3) naming a few tables that exist.

To check a new column-map key against the database, add its names to ``named_columns``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from expectations.column_map import TableMapping
from expectations.plan import resolve_column
from flows.config import ScanConfig, SourceConfig
from sources.base import Source, SourceError
from sources.filters import TableFilter

SHOWN_TABLES = 8
"""How many real table names a message lists."""

Loc = tuple[int | str, ...]


@dataclass(frozen=True)
class NamedColumn:
    """A column the column map names: where in the entry (``loc``), in which table (None: this one)."""

    loc: Loc
    column: str
    table: str | None = None


def named_columns(mapping: TableMapping) -> list[NamedColumn]:
    """Every column a column-map entry names, with where it is written (``roles.creation``, ...)."""
    out = [NamedColumn(("roles", role), column) for role, column in mapping.roles.items()]
    out += [NamedColumn(("encrypted", i), column) for i, column in enumerate(mapping.encrypted)]
    for event, clock in mapping.clock_from.items():
        here = ("clock_from", event)
        out += [
            NamedColumn((*here, "key"), clock.key),
            NamedColumn((*here, "table"), clock.column, clock.table),
            NamedColumn((*here, "other_key" if clock.other_key else "key"), clock.their_key, clock.table),
        ]
    for column, ref in mapping.references.items():
        out += [
            NamedColumn(("references", column), column),
            NamedColumn(("references", column), ref.column, ref.table),
        ]
    return out


@dataclass
class SourceInventory:
    """One source's tables before the scan.

    Attributes:
        present: every table (or file) the source holds, as it names them.
        selected: those ``include``/``exclude`` keep: the tables to scan.
        unmatched: one line per ``include`` pattern that matches no table (a gap of the scan).
        problems: one line per column-map name that matches nothing (a configuration error).
        mapped: reported table name -> its column-map key in scan.yaml.
        error: why the source could not be opened or listed (then everything else is empty).

    """

    present: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    mapped: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def short_name(src: SourceConfig, table: str) -> str:
    """Return a table's name without the schema (``few.t_0`` -> ``t_0``) or folder the source puts first."""
    if src.kind == "export":
        return PurePosixPath(table.split("#", 1)[0]).name + (
            f"#{table.split('#', 1)[1]}" if "#" in table else ""
        )
    prefix = f"{src.schema_}." if src.schema_ else ""
    return table[len(prefix) :] if prefix and table.startswith(prefix) else table


def bare_name(src: SourceConfig, table: str) -> str:
    """Strip the configured schema prefix the source adds to table names outside the default schema."""
    prefix = f"{src.schema_}." if src.schema_ else ""
    return table[len(prefix) :] if prefix and table.startswith(prefix) else table


def mapping_for(src: SourceConfig, table: str) -> TableMapping | None:
    """Find the column-map entry of a table, written in scan.yaml with or without its schema, in any case.

    Case is ignored as ``flows.inventory.find_table`` ignores it when checking scan.yaml against the source:
    a name the check accepted must find its entry here.
    """
    direct = src.tables.get(table) or src.tables.get(bare_name(src, table))
    if direct is not None:
        return direct
    forms = {table.casefold(), bare_name(src, table).casefold()}
    matches = [m for key, m in src.tables.items() if key.casefold() in forms]
    return matches[0] if len(matches) == 1 else None


def find_table(src: SourceConfig, key: str, present: Sequence[str]) -> str | None:
    """Find the reported table a column-map key names: as written, without the schema, or ignoring case.

    Case is ignored only when that leaves one table, as databases that fold case (PostgreSQL unquoted names,
    MariaDB on Windows, SQLite) would.
    """
    for exact in (key, f"{src.schema_}.{key}" if src.schema_ else None):
        if exact in present:
            return exact
    folded = key.casefold()
    matches = [t for t in present if folded in (t.casefold(), short_name(src, t).casefold())]
    return matches[0] if len(matches) == 1 else None


def nearest(name: str, candidates: Sequence[str]) -> str:
    """`` (did you mean 'patients'?)`` for the closest candidate, ignoring case; empty when none is close."""
    folded = {c.casefold(): c for c in candidates}
    close = difflib.get_close_matches(name.casefold(), list(folded), n=1, cutoff=0.6)
    return f" (did you mean '{folded[close[0]]}'?)" if close else ""


def _listed(names: Sequence[str]) -> str:
    shown = ", ".join(names[:SHOWN_TABLES])
    return shown + (f", ... ({len(names)} in all)" if len(names) > SHOWN_TABLES else "") if names else "none"


def take_inventory(
    cfg: ScanConfig, index: int, source: Source, columns_of: Callable[[str], list[str]] | None = None
) -> SourceInventory:
    """List a source's tables, select those scan.yaml asks for, and check its column map against them.

    Args:
        cfg: the scan configuration (for line numbers).
        index: which of ``cfg.sources`` this is.
        source: the source, opened without include/exclude (every table listed).
        columns_of: a table's column names (default: ``source.describe``); a table that cannot be
            described is left to the scan, which reports it.

    """
    src = cfg.sources[index]
    inv = SourceInventory(present=source.list_tables())
    filt = TableFilter(include=tuple(src.include), exclude=tuple(src.exclude))
    bare = lambda t: short_name(src, t)  # noqa: E731
    inv.selected = filt.apply(inv.present, bare)
    shorts = [bare(t) for t in inv.present]
    if not inv.present and src.kind == "database":
        where = f"schema '{src.schema_}'" if src.schema_ else "its default schema"
        inv.unmatched.append(f"has no tables in {where}; check 'schema' and the account's rights")
    for pattern in filt.unmatched(inv.present, bare) if inv.present else []:
        inv.unmatched.append(
            f"include pattern '{pattern}' ({cfg.where(('sources', index, 'include'))}) matches no table"
            f"{nearest(pattern, shorts)}; tables there: {_listed(shorts)}"
        )
    describe = columns_of or (lambda t: [c.name for c in source.describe(t).columns])
    columns: dict[str, list[str] | None] = {}

    def columns_in(table: str) -> list[str] | None:
        if table not in columns:
            try:
                columns[table] = describe(table)
            except SourceError:
                columns[table] = None  # unreadable: the scan reports it as a gap
        return columns[table]

    for key, mapping in src.tables.items():
        loc: Loc = ("sources", index, "tables", key)
        table = find_table(src, key, inv.present)
        if table is None:
            inv.problems.append(
                f"{cfg.where(loc)}: table '{key}' is not in source '{src.name}'{nearest(key, shorts)}"
            )
            continue
        inv.mapped[table] = key
        for named in named_columns(mapping):
            owner = table if named.table is None else find_table(src, named.table, inv.present)
            if owner is None:
                assert named.table is not None
                inv.problems.append(
                    f"{cfg.where((*loc, *named.loc))}: {_field(named.loc)} names table '{named.table}', "
                    f"which is not in source '{src.name}'{nearest(named.table, shorts)}"
                )
                continue
            have = columns_in(owner)
            if have is None or resolve_column(named.column, have) is not None:
                continue
            inv.problems.append(
                f"{cfg.where((*loc, *named.loc))}: {_field(named.loc)} names column '{named.column}', which "
                f"table '{bare(owner)}' of source '{src.name}' does not have{nearest(named.column, have)}"
            )
    return inv


def unknown_record_types(cfg: ScanConfig, known: Sequence[str]) -> list[str]:
    """One line per column-map ``record_type`` the policy does not define, with its line and nearest id."""
    return [
        f"{cfg.where(('sources', i, 'tables', key, 'record_type'))}: record_type '{m.record_type}' is not a "
        f"record type of the policy{nearest(m.record_type, known)}; record types: {', '.join(known)}"
        for i, src in enumerate(cfg.sources)
        for key, m in src.tables.items()
        if m.record_type is not None and m.record_type not in known
    ]


def _field(loc: Loc) -> str:
    return ".".join(str(p) for p in loc)
