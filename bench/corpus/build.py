"""Assemble the labelled corpus: every template in every naming style, with column and cell labels."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

from bench.corpus.notes import note
from bench.corpus.schemas import FIELDS, STYLES, TEMPLATES, Field
from bench.corpus.values import Values

ARROW_TYPES = {"string": pa.string(), "int64": pa.int64(), "date32": pa.date32()}
DECLARED = {"string": "VARCHAR(100)", "int64": "BIGINT", "date32": "DATE"}


@dataclass(frozen=True)
class ColumnSpec:
    """A column as a source would declare it (the shape of ``sources.base.ColumnInfo``)."""

    name: str
    declared_type: str
    kind: str


@dataclass
class LabelledTable:
    """One synthetic table and the truth about it.

    Attributes:
        name: table name in the table's naming style.
        style: the naming style of its columns.
        template: the template it was built from.
        columns: declared columns.
        data: the rows.
        labels: column -> the entities it truly holds (empty: none).
        traps: columns holding look-alikes that must not be reported.
        cell_labels: for free-text columns, the entities planted in each cell (row order).
    """

    name: str
    style: str
    template: str
    columns: tuple[ColumnSpec, ...]
    data: pa.Table
    labels: dict[str, frozenset[str]] = field(default_factory=dict)
    traps: frozenset[str] = frozenset()
    cell_labels: dict[str, list[frozenset[str]]] = field(default_factory=dict)


def build_corpus(
    seed: int = 20240601, rows: int = 300, styles: tuple[str, ...] = STYLES
) -> list[LabelledTable]:
    """Every template in every style, ``rows`` rows each, reproducible from ``seed``."""
    values = Values(seed)
    tables = []
    index = 0
    for template, keys in TEMPLATES.items():
        for style in styles:
            index += 1
            fields = [FIELDS[k] for k in keys if style != "meaningless" or FIELDS[k].self_evident]
            if len(fields) < 2:
                continue
            tables.append(_table(values, template, style, index, fields, rows))
    return tables


def _table(
    values: Values, template: str, style: str, index: int, fields: list[Field], rows: int
) -> LabelledTable:
    columns: list[ColumnSpec] = []
    arrays: dict[str, pa.Array] = {}
    labels: dict[str, frozenset[str]] = {}
    traps: set[str] = set()
    cells: dict[str, list[frozenset[str]]] = {}
    for position, f in enumerate(fields, start=1):
        data: list[object]
        name = _column_name(f, style, position)
        if f.kind == "note":
            pairs: list[tuple[str | None, frozenset[str]]] = [
                note(values) if values.rng.random() > 0.03 else (None, frozenset()) for _ in range(rows)
            ]
            data = [text for text, _ in pairs]
            cells[name] = [planted for _, planted in pairs]
            labels[name] = frozenset().union(*cells[name])
            declared = "TEXT"
        else:
            make = values.generator(f.kind)
            data = [make() if values.rng.random() > 0.05 else None for _ in range(rows)]
            if f.arrow == "int64":
                data = [None if v is None else int(str(v)) for v in data]
            labels[name] = frozenset({f.entity}) if f.entity else frozenset()
            declared = DECLARED[f.arrow]
        if f.trap:
            traps.add(name)
        columns.append(ColumnSpec(name, declared, f.arrow))
        arrays[name] = pa.array(data, type=ARROW_TYPES[f.arrow])
    return LabelledTable(
        name=_table_name(template, style, index),
        style=style,
        template=template,
        columns=tuple(columns),
        data=pa.table(arrays),
        labels=labels,
        traps=frozenset(traps),
        cell_labels=cells,
    )


def _column_name(f: Field, style: str, position: int) -> str:
    if style == "meaningless":
        return f"col{position}" if position % 2 else f"c_{position:02d}"
    return f.names[STYLES.index(style)]


def _table_name(template: str, style: str, index: int) -> str:
    if style == "emr":
        return "TB_" + template.upper()
    if style == "camel":
        head, *rest = template.split("_")
        return head + "".join(p.title() for p in rest)
    if style == "meaningless":
        return f"t{index:03d}"
    return template
