"""A small synthetic clinic for the row rules: each table mixes rows that break a rule with clean
counterparts, including the rows exactly at a deadline. All names and numbers are made up.

The scan runs on TODAY. With the 5-day destruction deadline: a member's last login must be on or after
2024-03-05 (1 year + 5 days), a withdrawal on or after 2025-03-05, an event end on or after 2025-03-05,
a complaint on or after 2022-03-05 (3 years), a medical record's last visit on or after 2015-03-05
(10 years), an access log on or after 2024-12-05 (3 months).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import sqlalchemy as sa

from detectors.model import ColumnResult, EntityHit
from expectations.column_map import Role, TableMapping
from expectations.model import FrameTable, SqlTable, TableCheckInput

TODAY = dt.date(2025, 3, 10)
D = dt.date
T = dt.datetime
ODD_TABLE = "Odd Table-1"
ODD_CLOCK = "when:{x}"


def rrn(birth: dt.date, gender: str, serial: str = "00001") -> str:
    """A synthetic resident registration number with a valid check digit (nobody's)."""
    body = f"{birth:%y%m%d}{gender}{serial}"
    weights = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
    check = (11 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11) % 10
    return f"{body[:6]}-{body[6:]}{check}"


@dataclass
class Spec:
    """A test table: its columns (SQLAlchemy types), rows, column map entry, detections, expected counts."""

    name: str
    columns: dict[str, Any]
    rows: list[tuple[Any, ...]]
    mapping: TableMapping
    detected: dict[str, str]  # column -> entity
    expected: dict[str, int] = field(default_factory=dict)

    def detections(self) -> list[ColumnResult]:
        return [
            ColumnResult(
                self.name,
                column,
                "VARCHAR",
                len(self.rows),
                len(self.rows),
                entities=(EntityHit(entity, len(self.rows), 0.9),),
            )
            for column, entity in self.detected.items()
        ]

    def frame(self) -> pd.DataFrame:
        """The table as an export file read as text would give it (every cell a string or empty)."""
        cells = [[None if v is None else str(v) for v in row] for row in self.rows]
        return pd.DataFrame(cells, columns=list(self.columns), dtype="object")

    def sql_input(self, source: str, url: str, schema: str | None) -> TableCheckInput:
        """The table as the flow hands a database table to the checks."""
        data = SqlTable(url, schema=schema)
        return TableCheckInput(source, "database", self.name, self.mapping, self.detections(), data=data)

    def frame_input(self, source: str, table: str | None = None) -> TableCheckInput:
        """The table as the flow hands an export file to the checks."""
        data = FrameTable(self.frame())
        return TableCheckInput(
            source, "export", table or self.name, self.mapping, self.detections(), data=data
        )


MEMBER_COLUMNS = {
    "id": sa.Integer,
    "name": sa.String(40),
    "email": sa.String(80),
    "last_login": sa.Date,
    "withdrawn_at": sa.DateTime,
    "joined_at": sa.Date,
    "birth_date": sa.Date,
    "guardian_ok": sa.DateTime,
}
MEMBER_ROLES: dict[Role, str] = {
    "last_login": "last_login",
    "withdrawal": "withdrawn_at",
    "signup": "joined_at",
    "birth_date": "birth_date",
    "guardian_consent": "guardian_ok",
}
ADULT = (D(2020, 1, 1), D(1990, 1, 1), None)  # joined, birth, guardian consent

MEMBERS = Spec(
    "members",
    MEMBER_COLUMNS,
    [
        (1, "Kim Overdue", "k1@example.com", D(2024, 3, 4), None, *ADULT),  # retention: last login
        (2, "Lee AtDeadline", "k2@example.com", D(2024, 3, 5), None, *ADULT),  # clean: exactly at deadline
        (3, "Park NoLogin", "k3@example.com", None, None, *ADULT),  # clean: NULL clock
        (4, "Choi Withdrawn", "k4@example.com", D(2025, 3, 1), T(2025, 3, 4, 23, 59), *ADULT),  # both rules
        (5, "Jung Withdrawn", "k5@example.com", D(2025, 3, 1), T(2025, 3, 5, 0, 0), *ADULT),  # clean: day 5
        (6, None, None, D(2019, 1, 1), T(2019, 1, 1, 12, 0), D(2010, 1, 1), None, None),  # clean: anonymised
        (
            7,
            "Kang Child",
            "k7@example.com",
            D(2025, 3, 1),
            None,
            D(2024, 2, 29),
            D(2010, 3, 1),
            None,
        ),  # minor
        (
            8,
            "Yoon Leap",
            "k8@example.com",
            D(2025, 3, 1),
            None,
            D(2022, 2, 28),
            D(2008, 2, 29),
            None,
        ),  # minor
        (9, "Jang Leap", "k9@example.com", D(2025, 3, 1), None, D(2022, 3, 1), D(2008, 2, 29), None),  # 14
        (
            10,
            "Lim Birthday",
            "k10@example.com",
            D(2025, 3, 1),
            None,
            D(2024, 3, 1),
            D(2010, 3, 1),
            None,
        ),  # 14
        (
            11,
            "Han Consent",
            "k11@example.com",
            D(2025, 3, 1),
            None,
            D(2020, 1, 1),
            D(2012, 1, 1),
            T(2020, 1, 1, 9, 0),
        ),  # child with consent
    ],
    TableMapping(record_type="member", roles=MEMBER_ROLES),
    {"name": "PERSON", "email": "EMAIL_ADDRESS", "birth_date": "DATE_OF_BIRTH"},
    {"retention.overdue": 2, "consent.withdrawn_retained": 1, "minors.no_guardian_consent": 2},
)

KIDS_TEXT = Spec(
    "kids_text",
    {
        "name": sa.String(40),
        "last_login": sa.Date,
        "withdrawn_at": sa.Date,
        "joined_at": sa.String(10),
        "birth_ymd": sa.String(8),
        "guardian_ok": sa.String(1),
    },
    [
        ("Kang Child", D(2025, 3, 1), None, "2024-02-29", "20100301", None),
        ("Yoon Leap", D(2025, 3, 1), None, "2022-02-28", "20080229", None),
        ("Jang Leap", D(2025, 3, 1), None, "2022-03-01", "20080229", None),
        ("Lim Birthday", D(2025, 3, 1), None, "2024-03-01", "20100301", None),
        ("Han Consent", D(2025, 3, 1), None, "2020-01-01", "20120101", "Y"),
        ("Oh Junk", D(2025, 3, 1), None, "2020-01-01", "unknown", None),  # unreadable birth: not counted
    ],
    TableMapping(
        record_type="member",
        roles={
            "last_login": "last_login",
            "withdrawal": "withdrawn_at",
            "signup": "joined_at",
            "birth_date": "birth_ymd",
            "guardian_consent": "guardian_ok",
        },
    ),
    {"name": "PERSON"},
    {"minors.no_guardian_consent": 2},
)

KIDS_RRN = Spec(
    "kids_rrn",
    {
        "name": sa.String(40),
        "last_login": sa.Date,
        "withdrawn_at": sa.Date,
        "joined_at": sa.Date,
        "resident_no": sa.String(14),
        "guardian_ok": sa.Date,
    },
    [
        ("Kang Child", D(2025, 3, 1), None, D(2024, 2, 29), rrn(D(2010, 3, 1), "4"), None),
        ("Yoon Leap", D(2025, 3, 1), None, D(2022, 2, 28), rrn(D(2008, 2, 29), "3"), None),
        ("Jang Leap", D(2025, 3, 1), None, D(2022, 3, 1), rrn(D(2008, 2, 29), "3"), None),
        ("Lim Birthday", D(2025, 3, 1), None, D(2024, 3, 1), rrn(D(2010, 3, 1), "4"), None),
        ("Han Consent", D(2025, 3, 1), None, D(2020, 1, 1), rrn(D(2012, 1, 1), "3"), D(2020, 1, 1)),
        ("Seo Adult", D(2025, 3, 1), None, D(2020, 1, 1), rrn(D(1990, 1, 1), "1"), None),
        ("Gu Old", D(2025, 3, 1), None, D(2000, 1, 1), rrn(D(1899, 5, 5), "9"), None),  # born in the 1800s
    ],
    TableMapping(
        record_type="member",
        roles={
            "last_login": "last_login",
            "withdrawal": "withdrawn_at",
            "signup": "joined_at",
            "birth_date": "resident_no",
            "guardian_consent": "guardian_ok",
        },
    ),
    {"name": "PERSON", "resident_no": "KR_RRN"},
    {"minors.no_guardian_consent": 2},
)

EVENTS = Spec(
    "events",
    {"name": sa.String(40), "phone": sa.String(20), "event_end": sa.String(10)},
    [
        ("Ahn", "010-0000-0001", "20250304"),
        ("Bae", "010-0000-0002", "20250305"),
        ("Cho", "010-0000-0003", "not a date"),
        ("Do", "010-0000-0004", None),
    ],
    TableMapping(record_type="event_participant", roles={"event_end": "event_end"}),
    {"name": "PERSON", "phone": "PHONE_NUMBER"},
    {"retention.overdue": 1},
)

COMPLAINTS = Spec(
    "complaints",
    {"name": sa.String(40), "created_ymd": sa.Integer},
    [("Eom", 20220304), ("Gil", 20220305), ("Ha", 20240101)],
    TableMapping(record_type="complaint", roles={"creation": "created_ymd"}),
    {"name": "PERSON"},
    {"retention.overdue": 1},
)

CHARTS = Spec(
    "charts",
    {"name": sa.String(40), "diagnosis": sa.String(80), "last_visit": sa.Date, "withdrawn_at": sa.Date},
    [
        ("Yoon Old", "L70.0", D(2015, 3, 4), D(2020, 1, 1)),
        ("Lim Kept", "L70.0", D(2015, 3, 5), D(2020, 1, 1)),
    ],
    TableMapping(
        record_type="medical_record", roles={"last_visit": "last_visit", "withdrawal": "withdrawn_at"}
    ),
    {"name": "PERSON", "diagnosis": "MEDICAL_INFO"},
    {"retention.overdue": 1},  # and no consent.withdrawn_retained: medical records are on legal hold
)

LOGINS = Spec(
    "logins",
    {"name": sa.String(40), "last_login_at": sa.Date, "withdrawn_at": sa.Date},
    [("Nam Gone", D(2025, 3, 1), D(2025, 1, 1)), ("Moon Here", D(2025, 3, 1), None)],
    TableMapping(record_type="member", roles={"last_login": "last_login_dt", "withdrawal": "withdrawn_at"}),
    {"name": "PERSON"},
    {"retention.overdue": 1, "consent.withdrawn_retained": 1},  # the withdrawal rule still runs
)

ODD = Spec(
    ODD_TABLE,
    {"ip addr": sa.String(40), ODD_CLOCK: sa.Date},
    [("10.0.0.1", D(2024, 12, 4)), ("10.0.0.2", D(2024, 12, 5))],
    TableMapping(record_type="access_log", roles={"creation": ODD_CLOCK}),
    {"ip addr": "IP_ADDRESS"},
    {"retention.overdue": 1},
)

MISC = Spec(
    "misc",
    {"name": sa.String(40)},
    [("Pyo",)],
    TableMapping(record_type="membr"),
    {"name": "PERSON"},
)

ALL = (MEMBERS, KIDS_TEXT, KIDS_RRN, EVENTS, COMPLAINTS, CHARTS, LOGINS, ODD, MISC)
ROW_RULES = ("retention.overdue", "consent.withdrawn_retained", "minors.no_guardian_consent")
