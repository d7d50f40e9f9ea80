"""A last line of defence: evidence that does not look masked never reaches a report file.

Detectors mask evidence before it enters the findings model (``900101-1******``, ``k***@example.com``).
If a bug upstream ever hands over a raw value, every writer here replaces it rather than print it:
a withheld example costs the reader little, a leaked resident registration number costs the clinic a lot.
"""

from __future__ import annotations

from collections.abc import Iterable

from reports.findings import ColumnFinding, Findings
from reports.hashes import hash_scheme

MASK_CHARS = frozenset("*●•")
WITHHELD = "[withheld: not masked]"


def is_masked(example: str, entities: Iterable[str] = ()) -> bool:
    """Tell whether the example carries a mask character, or is a hash's bare scheme prefix (``$2b$12$…``)."""
    if "PASSWORD_HASH" in entities and hash_scheme(example) is not None:
        return True
    return any(ch in MASK_CHARS for ch in example)


def safe_evidence(examples: list[str], entities: Iterable[str] = ()) -> list[str]:
    """Return the examples with every one that is not masked replaced by a placeholder."""
    kinds = list(entities)
    return [e if is_masked(e, kinds) else WITHHELD for e in examples]


def withhold_unmasked(findings: Findings) -> Findings:
    """Return the findings with column evidence guaranteed masked (see ``safe_evidence``)."""
    if all(is_masked(e, c.entities) for c in findings.columns for e in c.evidence):
        return findings
    columns: list[ColumnFinding] = [
        c.model_copy(update={"evidence": safe_evidence(c.evidence, c.entities)}) for c in findings.columns
    ]
    return findings.model_copy(update={"columns": columns})
