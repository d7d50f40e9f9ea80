"""Score the classifier against the corpus labels: column level, cell level in free text, look-alikes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bench.corpus.build import LabelledTable
from detectors.classify import ClassifyOptions, TableScanner
from detectors.entities import ALL_ENTITIES


@dataclass
class Counts:
    """True positives, false positives and false negatives of one entity (or of all)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, truth: Iterable[str], predicted: Iterable[str], entity: str | None = None) -> None:
        t, p = set(truth), set(predicted)
        if entity is not None:
            t, p = t & {entity}, p & {entity}
        self.tp += len(t & p)
        self.fp += len(p - t)
        self.fn += len(t - p)

    def figures(self) -> dict[str, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def score(tables: list[LabelledTable], options: ClassifyOptions | None = None) -> dict[str, object]:
    """Classify every table and compare with the labels.

    Returns:
        ``column`` (overall and per entity), ``column_by_style``, ``cell_free_text`` (overall and per
        entity), ``lookalikes_reported`` (count and where), ``errors`` (every column-level miss or false
        alarm, with how the finding was made).
    """
    base = options or ClassifyOptions()
    opts = ClassifyOptions(**{**base.__dict__, "record_cells": True})
    column_all, cell_all = Counts(), Counts()
    column_entity: dict[str, Counts] = defaultdict(Counts)
    cell_entity: dict[str, Counts] = defaultdict(Counts)
    by_style: dict[str, Counts] = defaultdict(Counts)
    lookalikes: list[str] = []
    errors: list[dict[str, object]] = []
    # Entities the labels name but no detector reports yet still count, as misses.
    entities = sorted(
        set(ALL_ENTITIES)
        .union(*(e for t in tables for e in t.labels.values()))
        .union(*(e for t in tables for labels in t.cell_labels.values() for e in labels))
    )
    for table in tables:
        scanner = TableScanner(table.name, table.columns, opts)
        scanner.feed(table.data)
        found = {r.column: r for r in scanner.result()}
        for column, truth in table.labels.items():
            result = found.get(column)
            predicted = set(result.entity_names) if result else set()
            column_all.add(truth, predicted)
            by_style[table.style].add(truth, predicted)
            for entity in entities:
                column_entity[entity].add(truth, predicted, entity)
            if column in table.traps and predicted:
                lookalikes.append(f"{table.name}.{column}: {sorted(predicted)}")
            if predicted != set(truth):
                how = (
                    {h.entity: f"{h.found_by} hits={h.hits} conf={h.confidence}" for h in result.entities}
                    if result
                    else {}
                )
                errors.append(
                    {"table": table.name, "column": column, "truth": sorted(truth), "predicted": how}
                )
        for column, labels in table.cell_labels.items():
            hits = scanner.cell_hits(column)
            for row, truth in enumerate(labels):
                in_cell = hits.get(row, frozenset())
                cell_all.add(truth, in_cell)
                for entity in entities:
                    cell_entity[entity].add(truth, in_cell, entity)
    return {
        "tables": len(tables),
        "columns": sum(len(t.labels) for t in tables),
        "column": {
            "overall": column_all.figures(),
            "per_entity": {e: c.figures() for e, c in sorted(column_entity.items()) if c.tp + c.fn + c.fp},
        },
        "column_by_style": {s: c.figures() for s, c in sorted(by_style.items())},
        "cell_free_text": {
            "overall": cell_all.figures(),
            "per_entity": {e: c.figures() for e, c in sorted(cell_entity.items()) if c.tp + c.fn + c.fp},
        },
        "lookalikes_reported": {"count": len(lookalikes), "where": lookalikes},
        "errors": errors,
    }
