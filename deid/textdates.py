"""Dates written in Korean clinical notes, and how to write one at a coarser level.

A note that says ``12/6 수술 가예약`` beside a visit date generalised to ``2024`` gives back the day the model
hid. This module finds the date forms clinic staff write (``2026-03-04``, ``2026.3.4``, ``2024년 3월 4일``,
``2024년 3월``, ``3월 4일``, ``12/6``, ``2024년``) and rewrites one at a given date level: shifted by the
patient's offset at ``day``, ``2024-12`` / ``12월`` at ``month``, ``2024년 4분기`` at ``quarter``, ``2024년``
at ``year``, and ``<DATE>`` when the date column is suppressed. A date never gets finer than it was written:
a year stays a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

DATE_TAG = "<DATE>"
LEVELS = ("day", "month", "quarter", "year", "suppressed")
_Y = r"(?:19|20)\d{2}"

DATE_PATTERN = re.compile(
    rf"(?<!\d)(?P<iy>{_Y})(?P<sep>[-./])(?P<im>\d{{1,2}})(?P=sep)(?P<id>\d{{1,2}})(?!\d)"
    rf"|(?<!\d)(?P<ky>{_Y})\s*년\s*(?P<km>\d{{1,2}})\s*월\s*(?P<kd>\d{{1,2}})\s*일"
    rf"|(?<!\d)(?P<ny>{_Y})\s*년\s*(?P<nm>\d{{1,2}})\s*월"
    rf"|(?<!\d)(?P<jy>{_Y})[-.](?P<jm>\d{{1,2}})(?![\d.\-])"
    r"|(?<![\d/.\-])(?P<md_m>\d{1,2})\s*월\s*(?P<md_d>\d{1,2})\s*일"
    r"|(?<![\d/.\-])(?P<sm>\d{1,2})/(?P<sd>\d{1,2})(?![\d/])"
    rf"|(?<!\d)(?P<yy>{_Y})\s*년"
)


@dataclass(frozen=True)
class Mention:
    """One date found in a text: the date it names, how fine it was written, and its style.

    ``style``: ``iso`` (with a separator, kept), ``korean`` (년 월 일), ``short`` (``12/6``) or
    ``short_korean`` (``3월 4일``; both without a year); ``level``: ``day``, ``month`` or ``year``.
    """

    when: pd.Timestamp
    level: str
    style: str
    sep: str = "-"


def _make(year: int, month: int, day: int) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(year=year, month=month, day=day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, anchor: pd.Timestamp | None) -> pd.Timestamp | None:
    """Give a date written without its year the year that puts it closest to the row's own date."""
    if anchor is None or pd.isna(anchor):
        return None
    options = [_make(anchor.year + d, month, day) for d in (-1, 0, 1)]
    found = [o for o in options if o is not None]
    return min(found, key=lambda o: abs((o - anchor).days)) if found else None


def parse(match: re.Match[str], anchor: pd.Timestamp | None) -> Mention | None:
    """Return the mention a match names; None for no real date (``2/30``) or no year to infer."""
    g = match.groupdict()
    if g["iy"]:
        when = _make(int(g["iy"]), int(g["im"]), int(g["id"]))
        return Mention(when, "day", "iso", g["sep"]) if when is not None else None
    if g["ky"]:
        when = _make(int(g["ky"]), int(g["km"]), int(g["kd"]))
        return Mention(when, "day", "korean") if when is not None else None
    if g["ny"] or g["jy"]:
        year, month = (int(g["ny"]), int(g["nm"])) if g["ny"] else (int(g["jy"]), int(g["jm"]))
        when = _make(year, month, 15)
        return Mention(when, "month", "korean" if g["ny"] else "iso", "-") if when is not None else None
    if g["yy"]:
        return Mention(pd.Timestamp(year=int(g["yy"]), month=7, day=1), "year", "korean")
    month, day = (int(g["md_m"]), int(g["md_d"])) if g["md_m"] else (int(g["sm"]), int(g["sd"]))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    when = _nearest_year(month, day, anchor)
    return Mention(when, "day", "short" if g["sm"] else "short_korean") if when is not None else None


def render(mention: Mention, level: str, offset_days: int) -> str:
    """Write ``mention`` at ``level`` (never finer than it was written), shifted by ``offset_days``."""
    target = LEVELS[max(LEVELS.index(level), LEVELS.index(mention.level))]
    if target == "suppressed":
        return DATE_TAG
    when = mention.when + pd.Timedelta(days=offset_days) if mention.level != "year" else mention.when
    y, m, d = when.year, when.month, when.day
    if target == "year":
        return f"{y}년"
    if target == "quarter":
        return f"{y}년 {(m - 1) // 3 + 1}분기"
    if target == "month":
        if mention.style == "iso":
            return f"{y}{mention.sep}{m:02d}"
        return f"{y}년 {m}월" if mention.style == "korean" else f"{m}월"
    if mention.style == "iso":
        return f"{y}{mention.sep}{m:02d}{mention.sep}{d:02d}"
    if mention.style == "korean":
        return f"{y}년 {m}월 {d}일"
    return f"{m}/{d}" if mention.style == "short" else f"{m}월 {d}일"


def day_mentions(text: str) -> list[str]:
    """Return the day-exact dates in ``text`` (they must not stand beside a generalised date column)."""
    out = []
    for match in DATE_PATTERN.finditer(text):
        g = match.groupdict()
        if g["iy"] or g["ky"] or g["md_m"] or g["sm"]:
            out.append(match.group(0))
    return out
