"""What a detector says about one column: the hand-over from detectors/ to expectations/ and reports/."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FoundBy = Literal["name", "value", "both"]


@dataclass(frozen=True)
class EntityHit:
    """One entity found in a column.

    Attributes:
        entity: an ``Entity`` name.
        hits: cells among the scanned rows that hold the entity (0 when found by the column name alone).
        confidence: 0..1, combining the name evidence and the value evidence.
        evidence: up to three masked examples (``900101-1******``); never a raw value.
        found_by: whether the column name, the values, or both pointed to the entity.

    """

    entity: str
    hits: int
    confidence: float
    evidence: tuple[str, ...] = ()
    found_by: FoundBy = "value"


@dataclass(frozen=True)
class ColumnResult:
    """Everything detected in one column of one table.

    Attributes:
        table: the table name as the source reports it.
        column: the column name.
        declared_type: the type the source declares (``VARCHAR(20)``, ``BIGINT``, ``string``).
        rows_scanned: rows whose cells were examined.
        non_null: non-null cells among them.
        free_text: True when the column holds prose (notes), where entities occur inside longer text.
        entities: the entities found, strongest first.

    """

    table: str
    column: str
    declared_type: str
    rows_scanned: int
    non_null: int = 0
    free_text: bool = False
    entities: tuple[EntityHit, ...] = field(default_factory=tuple)

    @property
    def entity_names(self) -> list[str]:
        """The entity names, strongest first."""
        return [e.entity for e in self.entities]
