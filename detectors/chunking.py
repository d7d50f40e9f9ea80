"""Long text analysed in overlapping windows, so that no cell or page is too long for the NLP pipeline.

spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 characters) with error E088, and a
memo column or a text file can hold more. Raising ``max_length`` would only move the limit (and the
memory of one huge ``Doc``), so a long text is cut into windows instead. Each window *owns* a stretch of
the text and reads ``OVERLAP`` characters either side of it; a result is kept only by the window that owns
its start. An entity shorter than ``OVERLAP`` that crosses a cut is therefore found whole, by exactly one
window, with the context words before and after it, and never twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

__all__ = ["OVERLAP", "WINDOW", "Window", "windows"]

WINDOW = 200_000
"""Characters a window owns: well under spaCy's limit, and a tokenized window stays a few MB."""
OVERLAP = 2_000
"""Characters read either side of the owned stretch: longer than any entity and its context words."""


class Window(NamedTuple):
    """One window of a text: read ``text[start:end]``, keep results starting in ``[own_start, own_end)``."""

    start: int
    end: int
    own_start: int
    own_end: int


def windows(length: int, size: int = WINDOW, overlap: int = OVERLAP) -> Iterator[Window]:
    """Cover a text of ``length`` characters with windows (one window when it is not longer than ``size``).

    Args:
        length: characters in the text.
        size: characters each window owns.
        overlap: characters each window reads before and after what it owns.

    Yields:
        Windows in text order; their owned stretches tile ``[0, length)`` without gaps or overlaps.

    """
    if size <= 0 or overlap < 0:
        raise ValueError(f"window size must be positive and overlap not negative, got {size}, {overlap}")
    own_start = 0
    while True:
        own_end = min(own_start + size, length)
        yield Window(max(own_start - overlap, 0), min(own_end + overlap, length), own_start, own_end)
        if own_end >= length:
            return
        own_start = own_end
