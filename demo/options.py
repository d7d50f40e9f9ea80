"""The knobs of the demo clinic: size, seed, the date it is built relative to, where its tables go."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class DemoOptions(BaseModel):
    """How big a demo clinic to build, from which seed, and as of which day.

    Attributes:
        seed: the same seed, with the same ``patients``, ``chunk_patients`` and ``as_of``, gives the same
            clinic, value for value, on any database.
        patients: size of the patient roster; the other tables scale with it (about ten rows per patient).
        as_of: the day the planted violations are relative to (default: today). A scan must use the same
            day: a row one day inside its destruction deadline today is overdue the day after tomorrow.
        schema_name: a PostgreSQL schema or MariaDB database to build in, created when missing, so that
            a test run can isolate itself and drop everything afterwards. Not supported for SQLite.
        export_rows: rows per file in the hosting consignee's export folder.
        chunk_patients: patients generated and inserted per batch; bounds memory at any size.

    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    seed: int = 20180615
    patients: int = Field(default=2_000, ge=50, le=1_000_000)
    as_of: date | None = None
    schema_name: str | None = Field(default=None, pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
    export_rows: int = Field(default=500, ge=20, le=100_000)
    chunk_patients: int = Field(default=25_000, ge=50, le=200_000)

    def day(self) -> date:
        """Return the ``as_of`` day, today when not given."""
        return self.as_of or date.today()
