"""The column map: which policy record type a table holds, and which columns carry what the rules need."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# Roles a column can play for the policy checks. The clock events match the policy's retention rules.
ClockEvent = Literal["creation", "last_login", "withdrawal", "event_end", "last_visit"]
Role = Literal[
    "creation",
    "last_login",
    "withdrawal",
    "event_end",
    "last_visit",
    "birth_date",
    "signup",
    "guardian_consent",
    "subject_key",
]
ROLES: tuple[str, ...] = Role.__args__  # type: ignore[attr-defined]
# Roles whose column is a date, a flag or the link to the person, not personal data about the subject:
# the checks do not count it as personal data kept, and destruction never erases it.
BOOKKEEPING_ROLES: frozenset[str] = frozenset(ROLES) - {"birth_date"}


class TableMapping(BaseModel):
    """How one table relates to the policy.

    Attributes:
        record_type: the id of a record type in the policy (``member``, ``medical_record``); None marks a
            table that holds no personal data on purpose (a lookup table).
        roles: role -> column name, e.g. ``{"last_login": "last_login_at", "birth_date": "birth_dt"}``.
        encrypted: columns stored encrypted at rest (ciphertext), so they are not plaintext secrets.

    """

    model_config = ConfigDict(extra="forbid")

    record_type: str | None
    roles: dict[Role, str] = Field(default_factory=dict)
    encrypted: list[str] = Field(default_factory=list)
