"""Numbers that a label calls something else: '주문번호 9001011234567' is an order, not a resident.

Order, invoice and lot numbers are often a yymmdd date plus a serial, so a 13-digit one has exactly the
shape of a resident or foreigner registration number and passes its date check (and, one time in ten,
its check digit). What tells them apart in free text is the word in front, or, as Korean also writes
it, a label right after the number: in brackets ('9001011234567 (주문번호)') or closing the clause
('2306147833427 송장.'). A label after a number that another number follows labels that one instead
('900101-1234567 주문번호 2306...' keeps the resident number). The labels are data
(``detectors/lexicons/other_number_labels.txt``); a recognizer names its own identity labels (주민번호,
외국인등록번호) so that the label nearest to the number wins: '주문번호 확인 후 주민번호 900101-...' keeps the
resident number.
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

import regex
from presidio_analyzer import RecognizerResult

from detectors.recognizers.lexicon import alternation, load_terms

OTHER_NUMBER_LABELS = load_terms("other_number_labels.txt")
LOOK_BACK = 24
"""Characters before the number that are searched for a label ('주문 번호 조회 결과: ' fits)."""
MAX_GAP = 12
"""At most this many characters between the end of the label and the number (a few short words)."""

# Where a clause ends: another number, a comma, a semicolon, a line break, a bar, or a full stop after
# Hangul ('확인. 9001...'); a full stop after Latin letters is an abbreviation ('order no. 9001...').
_CLAUSE_BREAK = regex.compile(r"[0-9,;|\n\r\t]|(?<=[가-힣])[.。]")


def _labels(terms: tuple[str, ...]) -> str:
    """Hangul terms anywhere (Korean glues particles on), Latin terms as whole words."""
    hangul = [t for t in terms if not t.isascii()]
    latin = [t.lower() for t in terms if t.isascii()]
    parts = []
    if hangul:
        parts.append(alternation(hangul))
    if latin:
        parts.append(r"(?<![A-Za-z])(?i:" + alternation(latin) + r")(?![A-Za-z])")
    return "|".join(parts)


@cache
def _label_pattern(identity_labels: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile(
        r"(?P<other>" + _labels(OTHER_NUMBER_LABELS) + r")|(?P<identity>" + _labels(identity_labels) + r")"
    )


def labelled_as_other_number(text_before: str, identity_labels: tuple[str, ...]) -> bool:
    """Check whether the label nearest before a number names it an order, invoice, lot, serial ... number.

    Args:
        text_before: the cell text up to the start of the number.
        identity_labels: words that name the identifier the caller looks for (주민, resident); when one
            of them stands nearer to the number than any other label, the number is not relabelled.

    Returns:
        True when, in the same clause and at most ``MAX_GAP`` characters before the number, the nearest
        label is one of ``OTHER_NUMBER_LABELS``.

    """
    return _nearest_label_before(text_before, identity_labels) == "other"


def _nearest_label_before(text_before: str, identity_labels: tuple[str, ...]) -> str | None:
    """Return "other" or "identity" for the label nearest before a number in its clause, None if none."""
    window = text_before[-LOOK_BACK:]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    nearest = None
    for label in _label_pattern(identity_labels).finditer(window, overlapped=True):
        if nearest is None or label.end() >= nearest.end():
            nearest = label
    if nearest is None or len(window) - nearest.end() > MAX_GAP:
        return None
    return "other" if nearest.group("other") is not None else "identity"


MAX_TRAILING_GAP = 2
"""At most this many spaces between the number and a label after it."""


@cache
def _trailing_pattern(identity_labels: tuple[str, ...]) -> regex.Pattern[str]:
    labels = (
        r"(?:(?P<other>" + _labels(OTHER_NUMBER_LABELS) + r")|(?P<identity>" + _labels(identity_labels) + "))"
    )
    bracketed = r"[(\[（［]\s{0,2}" + labels + r"[^)\]）］\n0-9]{0,8}[)\]）］]"
    closing = labels + r"[가-힣 ]{0,6}?[^\S\n]*(?:$|[,;.。|\n])"  # a stem, its 번호/번호임 and the clause end
    return regex.compile(r"[^\S\n]{0," + str(MAX_TRAILING_GAP) + "}(?:" + bracketed + "|" + closing + ")")


def labelled_after_as_other_number(text_after: str, identity_labels: tuple[str, ...]) -> bool:
    """Check whether a label right after a number names it an order, invoice, lot, serial ... number.

    Args:
        text_after: the cell text from the end of the number on.
        identity_labels: words that name the identifier the caller looks for; such a label after the
            number keeps it.

    Returns:
        True when the number is followed, after at most ``MAX_TRAILING_GAP`` spaces, by one of
        ``OTHER_NUMBER_LABELS`` in brackets (a few characters may follow it inside: '(주문번호임)'), or
        by one that ends the clause.

    """
    found = _trailing_pattern(identity_labels).match(text_after)
    return found is not None and found.group("other") is not None


class OtherNumberLabelGate:
    """Drop results that a label right before (or right after) them calls an order, invoice ... number.

    A mixin placed before the Presidio recognizer class; the recognizer sets ``IDENTITY_LABELS``. It only
    removes results, so the recognizer's PREFILTER stays a superset.
    """

    IDENTITY_LABELS: ClassVar[tuple[str, ...]]

    def analyze(self, text: str, *args: Any, **kwargs: Any) -> list[RecognizerResult]:
        """Return the recognizer's results minus the numbers labelled as something else.

        A label before the number decides when there is one; otherwise a label after it may.
        """
        results: list[RecognizerResult] = super().analyze(text, *args, **kwargs)  # type: ignore[misc]
        identity = type(self).IDENTITY_LABELS
        return [r for r in results if not _labelled_other(text, r.start, r.end, identity)]


def _labelled_other(text: str, start: int, end: int, identity: tuple[str, ...]) -> bool:
    before = _nearest_label_before(text[:start], identity)
    if before is not None:
        return before == "other"
    return labelled_after_as_other_number(text[end:], identity)
