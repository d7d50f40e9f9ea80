"""From cell-level hits and the column name to one verdict per column.

Two kinds of column are judged differently. A structured column (one value per cell: a phone column,
a code column) holds an entity when a large share of its non-empty cells do; a stray match in a code
column is noise. A free-text column (notes, consultation records) holds an entity as soon as a few of
its cells mention one, because one RRN in a thousand notes is still an RRN stored in plain text.

A structured column holds one kind of value, so an entity far below the column's dominant one is noise
(a district read as a name in an address column), unless it is confirmed as well: a real entity is never
dropped because another dominates. Some entities share a column by nature (``SHARED_KINDS``): a resident
number column where 1-2% of the cells are foreign registration numbers or passports holds those too, and
a half-migrated password column holds plaintext passwords beside the hashes. Such a minority is reported
from its own, lower threshold once it is confirmed (a check digit, a specific format with context, or for
a password the hashes beside it, which say what the column holds).

The name only ever adds to value evidence. A column whose values were read and do not support the
entity the name suggests is not reported: ``jumin_no`` full of masked ``900101-1******`` is not a
plaintext RRN column, and its name must not say otherwise. The name alone reports an entity only when
the column had no value to read (every scanned cell empty).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from detectors.model import ColumnResult, EntityHit
from detectors.name_rules import NameEvidence
from detectors.recognizers.base import REPORT_THRESHOLD

IDENTITY_NUMBERS = frozenset({"KR_RRN", "KR_FRN", "KR_PASSPORT", "PASSPORT", "CN_RIC", "KR_DRIVER_LICENSE"})
"""Numbers of identity documents: one column often holds several kinds (whichever the patient showed)."""

PASSWORDS = frozenset({"PASSWORD", "PASSWORD_HASH"})
"""A password column being migrated to hashes holds both, and every plaintext one left is a violation."""


@dataclass(frozen=True)
class SharedKind:
    """Entities one structured column holds together, each reported from the minority threshold.

    Attributes:
        entities: the entities of the kind.
        min_score: mean cell score a minority needs; None takes ``DecisionOptions.minority_min_score``.

    """

    entities: frozenset[str]
    min_score: float | None = None


SHARED_KINDS: tuple[SharedKind, ...] = (
    SharedKind(IDENTITY_NUMBERS),
    # A password-shaped cell counts once the column's name gives context (score >= min_cell_score); the
    # hashes beside it confirm what the column holds, so it needs no higher score.
    SharedKind(PASSWORDS, min_score=REPORT_THRESHOLD),
)
"""Kinds of entity that share a column (see the module docstring)."""

NAMED_ALIKE: dict[str, frozenset[str]] = {
    "KR_PASSPORT": frozenset({"PASSPORT"}),
    "PASSPORT": frozenset({"KR_PASSPORT"}),
    "KR_RRN": frozenset({"KR_FRN"}),
    "KR_FRN": frozenset({"KR_RRN"}),
}
"""A name pointing to one of these points to its alike too: a passport column holds passports of any
country, a resident-number column the foreigners' numbers as well."""

_LONG_TEXT_TYPE = re.compile(r"text|clob|json|(?:var)?char\s*\(\s*(?:[5-9]\d{2}|\d{4,})\s*\)|max\)", re.I)


@dataclass(frozen=True)
class DecisionOptions:
    """Thresholds of the column decision (tuned on bench/corpus; see docs/detectors.md).

    Attributes:
        min_cell_score: a recognizer result counts as a hit from this score on (the recognizers'
            ``REPORT_THRESHOLD``: below it a result is a candidate that context has not confirmed).
        structured_min_ratio: share of non-empty cells that must hit in a structured column.
        structured_min_ratio_named: the same when the column name points to that entity.
        free_text_min_hits: hits needed in a free-text column.
        free_text_min_ratio: share of non-empty cells needed in a free-text column.
        free_text_min_chars: mean cell length from which a multi-word column counts as prose.
        name_only_min_confidence: name confidence needed to report an entity of an all-empty column.
        minority_min_ratio: share of non-empty cells from which an entity is reported in a column that
            holds another entity of its ``SHARED_KINDS`` (1-2% FRNs in an RRN column, a few plaintext
            passwords among hashes).
        minority_min_hits: cells needed for such a minority.
        minority_min_score: mean cell score that confirms an entity (checksum-confirmed numbers score
            1.0; a context word lifts a specific format such as China's E series to 0.65): what a
            minority needs unless its kind says otherwise, and what keeps an entity from being dropped
            by dominance.
        dominated_ratio: in a structured column, an entity whose share is below this fraction of the
            dominant entity's share is dropped, unless both are confirmed or they share a kind.

    """

    min_cell_score: float = REPORT_THRESHOLD
    structured_min_ratio: float = 0.5
    structured_min_ratio_named: float = 0.2
    free_text_min_hits: int = 1
    free_text_min_ratio: float = 0.0
    free_text_min_chars: float = 30.0
    name_only_min_confidence: float = 0.6
    minority_min_ratio: float = 0.005
    minority_min_hits: int = 2
    minority_min_score: float = 0.6
    dominated_ratio: float = 0.35


@dataclass
class EntityTally:
    """Hits of one entity in one column so far."""

    cells: float = 0.0
    score_sum: float = 0.0
    evidence: list[str] = field(default_factory=list)


@dataclass
class ColumnStats:
    """What the scan has seen of one column, batch after batch (memory bounded by the entity count)."""

    declared_type: str
    rows: int = 0
    non_null: int = 0
    chars: int = 0
    multiword: int = 0
    tallies: dict[str, EntityTally] = field(default_factory=dict)

    def tally(self, entity: str) -> EntityTally:
        """Return the tally of ``entity``, created on first use."""
        return self.tallies.setdefault(entity, EntityTally())

    def is_free_text(self, name: NameEvidence, options: DecisionOptions) -> bool:
        """Prose: named like notes or typed as long text (with some length), or long multi-word cells."""
        if not self.non_null:
            return name.free_text
        mean_chars = self.chars / self.non_null
        if (name.free_text or _LONG_TEXT_TYPE.search(self.declared_type)) and mean_chars >= 8:
            return True
        return mean_chars >= options.free_text_min_chars and self.multiword >= 0.5 * self.non_null


def decide(
    table: str, column: str, stats: ColumnStats, name: NameEvidence, options: DecisionOptions
) -> ColumnResult:
    """Judge one column: its entities (strongest first), whether it is prose, the figures."""
    free_text = stats.is_free_text(name, options)
    hits: list[EntityHit] = []
    for entity, tally in stats.tallies.items():
        hit = _judge(entity, tally, stats, name, free_text, options)
        if hit is not None:
            hits.append(hit)
    if not free_text:
        hits = _structured(hits, stats, options)
    if (
        not hits
        and stats.non_null == 0
        and name.entity
        and name.confidence >= options.name_only_min_confidence
    ):
        hits.append(EntityHit(name.entity, 0, round(name.confidence * 0.8, 3), (), "name"))
    hits.sort(key=lambda h: (-h.confidence, -h.hits, h.entity))
    return ColumnResult(
        table=table,
        column=column,
        declared_type=stats.declared_type,
        rows_scanned=stats.rows,
        non_null=stats.non_null,
        free_text=free_text,
        entities=tuple(hits),
    )


def _structured(hits: list[EntityHit], stats: ColumnStats, options: DecisionOptions) -> list[EntityHit]:
    """One kind of value per cell: drop what the dominant entity dwarfs, add minorities of shared kinds."""
    if not hits:
        return hits
    top = max(hits, key=lambda h: h.hits)
    kept = [
        h
        for h in hits
        if h.hits >= options.dominated_ratio * top.hits or _not_dominated(h, top, stats, options)
    ]
    reported = {h.entity for h in kept}
    for entity, tally in stats.tallies.items():
        kind = _shared_kind(entity)
        if entity in reported or kind is None or not reported & kind.entities:
            continue
        if (
            tally.cells < options.minority_min_hits
            or tally.cells < options.minority_min_ratio * stats.non_null
        ):
            continue
        mean_score = tally.score_sum / tally.cells
        if mean_score >= (options.minority_min_score if kind.min_score is None else kind.min_score):
            ratio = tally.cells / stats.non_null
            confidence = round(min(mean_score * (0.6 + 0.4 * ratio), 1.0), 3)
            kept.append(EntityHit(entity, round(tally.cells), confidence, tuple(tally.evidence), "value"))
    return kept


def _shared_kind(entity: str) -> SharedKind | None:
    return next((kind for kind in SHARED_KINDS if entity in kind.entities), None)


def _not_dominated(hit: EntityHit, top: EntityHit, stats: ColumnStats, options: DecisionOptions) -> bool:
    """Tell whether the dominant entity keeps ``hit``: an identity number, a kind-mate, or both confirmed."""
    kind = _shared_kind(hit.entity)
    if hit.entity in IDENTITY_NUMBERS or (kind is not None and top.entity in kind.entities):
        return True
    return all(_mean_score(stats, h.entity) >= options.minority_min_score for h in (hit, top))


def _mean_score(stats: ColumnStats, entity: str) -> float:
    tally = stats.tallies[entity]
    return tally.score_sum / tally.cells if tally.cells else 0.0


def _judge(
    entity: str,
    tally: EntityTally,
    stats: ColumnStats,
    name: NameEvidence,
    free_text: bool,
    options: DecisionOptions,
) -> EntityHit | None:
    if tally.cells == 0 or stats.non_null == 0:
        return None
    ratio = tally.cells / stats.non_null
    mean_score = tally.score_sum / tally.cells
    named = name.entity is not None and (name.entity == entity or entity in NAMED_ALIKE.get(name.entity, ()))
    if free_text:
        if tally.cells < options.free_text_min_hits or ratio < options.free_text_min_ratio:
            return None
        # Few hits in prose: confidence grows with their number, not their share.
        value_confidence = mean_score * min(1.0, 0.7 + 0.03 * tally.cells)
    else:
        needed = options.structured_min_ratio_named if named else options.structured_min_ratio
        if ratio < needed:
            return None
        value_confidence = mean_score * (0.6 + 0.4 * ratio)
    confidence = 1 - (1 - value_confidence) * (1 - name.confidence) if named else value_confidence
    return EntityHit(
        entity=entity,
        hits=round(tally.cells),
        confidence=round(min(confidence, 1.0), 3),
        evidence=tuple(tally.evidence),
        found_by="both" if named else "value",
    )
