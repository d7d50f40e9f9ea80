"""The table-level pass: what the other columns of a table say about one column's findings.

Medical information is personal data where a row belongs to a person. A code or lookup table (a
procedure or diagnosis code and its name, a price: no patient, member or employee number and no
personal column) lists the clinic's vocabulary; its medical words describe no one, so its structured
columns are not reported as MEDICAL_INFO. Free text keeps its findings: a note is written about someone
even where the table does not say whom.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from detectors.model import ColumnResult
from detectors.name_rules import NameRules

VOCABULARY_ENTITIES = frozenset({"MEDICAL_INFO"})
"""Entities whose words are also a clinic's vocabulary: personal only in a row that is someone's."""


def apply_table_context(
    results: list[ColumnResult], columns: Iterable[str], rules: NameRules
) -> list[ColumnResult]:
    """Drop vocabulary findings of structured columns in a table whose rows belong to no one."""
    if _rows_belong_to_someone(results, columns, rules):
        return results
    kept = []
    for result in results:
        if not result.free_text:
            entities = tuple(e for e in result.entities if e.entity not in VOCABULARY_ENTITIES)
            result = replace(result, entities=entities)
        if result.entities:
            kept.append(result)
    return kept


def _rows_belong_to_someone(results: list[ColumnResult], columns: Iterable[str], rules: NameRules) -> bool:
    if any(e.entity not in VOCABULARY_ENTITIES for r in results for e in r.entities):
        return True
    return any(rules.is_subject_key(column) for column in columns)
