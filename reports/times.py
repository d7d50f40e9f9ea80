"""Times as the clinic reads them: in its own zone, with the zone named, never a bare UTC clock.

findings.json and the history keep ISO 8601 with an offset (``2025-06-02T11:00:00+09:00``), which any
program can compare; people see ``2025-06-02 11:00 KST`` in the zone of the policy or scan.yaml
(``timezone``, default ``Asia/Seoul``).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Seoul"


def zone(name: str | None) -> ZoneInfo:
    """Return the IANA zone ``name`` (``Asia/Seoul`` when None).

    Raises:
        ValueError: the name is not an IANA zone; the message says what to write instead.

    """
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"time zone {name!r} is unknown: write an IANA name such as 'Asia/Seoul' or 'Asia/Tokyo'"
        ) from None


def now_in(name: str | None) -> datetime:
    """Return the current moment in the clinic's zone, so findings.json carries the clinic's offset."""
    return datetime.now(zone(name))


def local(timestamp: str, name: str | None) -> datetime | None:
    """Parse an ISO 8601 time and move it into the zone; a time without an offset is taken as UTC."""
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(zone(name))


def zone_label(moment: datetime, name: str | None) -> str:
    """``KST`` where the zone has a letter abbreviation, else its IANA name (``Asia/Kolkata``)."""
    abbreviation = moment.tzname() or ""
    return abbreviation if abbreviation.isalpha() else (name or DEFAULT_ZONE)


def shown(timestamp: str, name: str | None, with_zone: bool = True, seconds: bool = False) -> str:
    """``2025-06-02 11:00 KST``: minutes are precise enough for a reader, the zone removes doubt.

    ``seconds`` for a scan's start and end: a scan of a minute would otherwise start and end at one time.
    """
    moment = local(timestamp, name)
    if moment is None:
        return timestamp
    text = moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    return f"{text} {zone_label(moment, name)}" if with_zone else text
