"""The second labelled corpus: a dermatology chain with an international desk, unlike ``bench/corpus``.

The detectors were not built on it: it was written and measured before any detector changed for it
(issue 12), and it is not tuned on. ``build_derm_corpus()`` returns the same ``LabelledTable`` shape
as ``bench.corpus.build_corpus()``, so ``bench.corpus.score.score`` scores both.
"""

from __future__ import annotations

import pyarrow as pa

from bench.corpus.build import ARROW_TYPES, DECLARED, ColumnSpec, LabelledTable
from bench.corpus_derm.tables import TABLES, Table
from bench.corpus_derm.values import DermValues

NULL_RATE = 0.04


def build_derm_corpus(seed: int = 20251203, rows: int = 300) -> list[LabelledTable]:
    """Every table of the chain, ``rows`` rows each, reproducible from ``seed``."""
    values = DermValues(seed)
    return [_table(values, table, rows) for table in TABLES]


def _table(values: DermValues, table: Table, rows: int) -> LabelledTable:
    columns, arrays, labels, cells, traps = [], {}, {}, {}, set()
    for col in table.columns:
        made = [None if values.rng.random() < NULL_RATE else col.make(values, i) for i in range(rows)]
        if col.note:
            pairs = [m if isinstance(m, tuple) else (None, frozenset()) for m in made]
            made = [text for text, _ in pairs]
            cells[col.name] = [planted for _, planted in pairs]
            labels[col.name] = frozenset().union(*cells[col.name])
            declared = "TEXT"
        else:
            labels[col.name] = frozenset(col.truth)
            declared = DECLARED[col.arrow]
        if col.trap:
            traps.add(col.name)
        columns.append(ColumnSpec(col.name, declared, col.arrow))
        arrays[col.name] = pa.array(made, type=ARROW_TYPES[col.arrow])
    return LabelledTable(
        name=table.name,
        style=table.style,
        template=table.name,
        columns=tuple(columns),
        data=pa.table(arrays),
        labels=labels,
        traps=frozenset(traps),
        cell_labels=cells,
    )


__all__ = ["build_derm_corpus"]
