"""Everything a report shows, computed once: the renderers only lay it out.

``build_context`` applies the waivers, compares with the previous scan and takes the trend, so that the
HTML page, the CSV and the Markdown summary can never disagree about what is open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from reports.diff import ScanDiff, diff
from reports.evidence import withhold_unmasked
from reports.findings import SEVERITY_ORDER, Findings, Violation
from reports.history import TrendPoint
from reports.times import DEFAULT_ZONE
from reports.waivers import WaivedViolation, Waiver, apply_waivers, expired_waivers

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")


class ReportOptions(BaseModel):
    """What a report needs besides the findings.

    Attributes:
        lang: the language of every report (``ko`` or ``en``).
        waivers: the team's accepted findings (``load_waivers``).
        today: the day waivers are judged on; default: the day the scan finished.
        previous: the previous scan (``previous_scan``), for "what changed"; None on the first scan.
        trend: violations per severity of the last scans (``trend``), oldest first.
        category_labels: category key -> {"ko": ..., "en": ...}, from the policy, to print names not keys.
        timezone: the clinic's IANA time zone; every time a person reads is shown in it.
        data_docs: the Data Docs index relative to report.html (``data_docs/index.html``), None if none.
        organisation: the clinic's name per language, from the policy ({"ko": ..., "en": ...}).

    """

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    lang: Lang = "en"
    waivers: list[Waiver] = Field(default_factory=list)
    today: date | None = None
    previous: Findings | None = None
    trend: list[TrendPoint] = Field(default_factory=list)
    category_labels: dict[str, dict[str, str]] = Field(default_factory=dict)
    timezone: str = DEFAULT_ZONE
    data_docs: str | None = None
    organisation: dict[str, str] = Field(default_factory=dict)


@dataclass(frozen=True)
class ReportContext:
    """The findings with their waivers, changes and trend applied (see ``build_context``)."""

    findings: Findings
    lang: Lang
    today: date
    open_violations: list[Violation]
    waived: list[WaivedViolation]
    expired: list[WaivedViolation]
    diff: ScanDiff | None
    trend: list[TrendPoint] = field(default_factory=list)
    category_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    timezone: str = DEFAULT_ZONE
    data_docs: str | None = None
    organisation: str | None = None  # the clinic's name in the report language

    @property
    def new_ids(self) -> set[str]:
        """Ids of violations that were not in the previous scan (empty on the first scan)."""
        return {v.id for v in self.diff.new} if self.diff else set()

    @property
    def expired_ids(self) -> set[str]:
        """Ids of open violations whose waiver has expired."""
        return {m.violation.id for m in self.expired}

    def category_label(self, key: str) -> str:
        """Return the category's name in the report language, or its key when the policy gave none."""
        return self.category_labels.get(key, {}).get(self.lang, key)


def scan_day(findings: Findings) -> date:
    """Return the day the scan finished (waivers are judged on it); today if the timestamp is unreadable."""
    try:
        return datetime.fromisoformat(findings.finished_at).date()
    except ValueError:
        return date.today()


def sort_violations(violations: list[Violation]) -> list[Violation]:
    """Order most serious first, then by rule, most rows and place, so every report lists them alike."""
    return sorted(
        violations,
        key=lambda v: (
            -SEVERITY_ORDER[v.severity],
            v.rule,
            -(v.count or 0),
            v.source,
            v.table,
            v.column or "",
            v.id,
        ),
    )


def build_context(findings: Findings, options: ReportOptions | None = None) -> ReportContext:
    """Apply the waivers, diff against the previous scan, and gather what every renderer shows."""
    opts = options or ReportOptions()
    findings = withhold_unmasked(findings)
    today = opts.today or scan_day(findings)
    open_violations, waived = apply_waivers(findings, opts.waivers, today)
    return ReportContext(
        findings=findings,
        lang=opts.lang,
        today=today,
        open_violations=sort_violations(open_violations),
        waived=sorted(waived, key=lambda m: (-SEVERITY_ORDER[m.violation.severity], m.waiver.expires)),
        expired=expired_waivers(findings, opts.waivers, today),
        diff=diff(opts.previous, findings) if opts.previous is not None else None,
        trend=list(opts.trend),
        category_labels=dict(opts.category_labels),
        timezone=opts.timezone,
        data_docs=opts.data_docs,
        organisation=opts.organisation.get(opts.lang) or None,
    )
