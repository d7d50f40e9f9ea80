"""Row checks on a pandas DataFrame (an export file), as built-in GX expectations with row conditions.

The frame is first reduced to what the checks need, with plain names that read well in the Data Docs:
each clock column as a YYYYMMDD number (whatever form the file wrote it in), whether the row still holds
personal data, and for the under-age check the sign-up day and the day the person turns the age limit.
The policy logic (which rows are past which cut-off) stays in the expectations.
"""

from __future__ import annotations

from collections.abc import Sequence

import great_expectations.expectations as gxe
import pandas as pd
from great_expectations.expectations.expectation import Expectation
from great_expectations.expectations.row_conditions import AndCondition, Column, Condition, OrCondition

from expectations.plan import MinorsCheck, RowCheck
from expectations.sql_checks import describe

HOLDS_PERSONAL = "holds_personal_data"
GUARDIAN_RECORDED = "guardian_consent_recorded"
SIGNUP = "signup_yyyymmdd"
_CENTURY = {
    "1": 1900,
    "2": 1900,
    "5": 1900,
    "6": 1900,
    "3": 2000,
    "4": 2000,
    "7": 2000,
    "8": 2000,
    "9": 1800,
    "0": 1800,
}


def yyyymmdd(values: pd.Series, rrn: bool = False) -> pd.Series:
    """Each cell's day as the number YYYYMMDD (float, NaN when there is none or it cannot be read).

    Reads datetimes, ``YYYY-MM-DD`` / ``YYYY.MM.DD`` / ``YYYYMMDD`` text or numbers, and with ``rrn`` the
    birth date inside a resident or foreigner registration number (``YYMMDD-G...``, G gives the century).
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        return (values.dt.year * 10000 + values.dt.month * 100 + values.dt.day).astype("float64")
    text = values.astype("string")
    if rrn:
        digits = text.str.replace(r"[-\s]", "", regex=True)
        century = digits.str[6:7].map(_CENTURY).astype("float64")
        yymmdd = pd.to_numeric(digits.str[:6].where(digits.str[:6].str.fullmatch(r"\d{6}")), errors="coerce")
        return (century * 10000 + yymmdd).astype("float64")
    compact = text.str.replace(r"[-./\s]", "", regex=True).str[:8]
    return pd.to_numeric(compact.where(compact.str.fullmatch(r"\d{8}")), errors="coerce").astype("float64")


def _turns(check: MinorsCheck) -> str:
    return f"turns_{check.age_below}_on"


def prepare_frame(frame: pd.DataFrame, checks: Sequence[RowCheck | MinorsCheck]) -> pd.DataFrame:
    """Derive the columns the checks read from ``frame``; no other value of the file is kept."""
    out = pd.DataFrame(index=frame.index)
    for check in checks:
        if isinstance(check, MinorsCheck):
            out[SIGNUP] = yyyymmdd(frame[check.signup])
            out[_turns(check)] = (
                yyyymmdd(frame[check.birth], rrn=check.birth_is_rrn) + check.age_below * 10000
            )
            out[GUARDIAN_RECORDED] = frame[check.guardian].notna()
            continue
        for clock in check.clocks:
            out[clock.role] = yyyymmdd(frame[clock.column])
        if HOLDS_PERSONAL not in out:
            personal = list(check.personal)
            out[HOLDS_PERSONAL] = frame[personal].notna().any(axis=1) if personal else True
    return out.reset_index(drop=True)


def frame_expectation(check: RowCheck | MinorsCheck) -> Expectation:
    """Build the expectation that no row of the prepared frame breaks ``check``."""
    if isinstance(check, MinorsCheck):
        return gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A=SIGNUP,
            column_B=_turns(check),
            or_equal=True,
            ignore_row_if="either_value_is_missing",
            row_condition=Column(GUARDIAN_RECORDED) == False,  # noqa: E712 (a GX condition, not a Python test)
            description=describe(check),
            meta={"check": check.key},
        )
    terms: list[AndCondition] = [
        (Column(c.role) < int(c.cutoff.strftime("%Y%m%d"))) & (Column(HOLDS_PERSONAL) == True)  # noqa: E712
        for c in check.clocks
    ]
    alternatives: list[Condition] = list(terms)
    condition: AndCondition | OrCondition = (
        terms[0] if len(terms) == 1 else OrCondition(conditions=alternatives)
    )
    return gxe.ExpectTableRowCountToEqual(
        value=0, row_condition=condition, description=describe(check), meta={"check": check.key}
    )
