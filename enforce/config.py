"""The ``enforcement:`` block of scan.yaml: how the one writing flow reaches the clinic's databases.

The scanner reads with its own (read-only) credentials; enforcement writes with separate ones, named here,
so a scan account can never delete anything and the writer account can be granted exactly the rights it
needs (SELECT, DELETE, UPDATE on the mapped tables; INSERT on the destruction log).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

_NAME = r"^[A-Za-z_][A-Za-z0-9_]{0,62}$"


class EnforcementConfig(BaseModel):
    """Writer credentials and the knobs of retention enforcement and erasure.

    Attributes:
        url: the writer's SQLAlchemy URL for a config with exactly one database source (``${VAR}``
            expanded from the environment, so the password never sits in the file).
        writers: source name -> writer URL, for configs with several database sources.
        separate_storage_url: where data kept only because a law requires it is moved (PIPA Art. 21(3));
            None keeps it in place, reduced to the items the law requires.
        batch_rows: rows destroyed per transaction; no lock is held longer than one batch.
        log_table: the destruction log's table, created next to the clinic's tables (same database, so
            that a batch and its log entry commit together).
        pseudonym_key_env: the environment variable holding the HMAC-SHA-256 key that pseudonymizes the
            record keys written to the log.

    """

    model_config = ConfigDict(extra="forbid")

    url: str | None = None
    writers: dict[str, str] = Field(default_factory=dict)
    separate_storage_url: str | None = None
    batch_rows: int = Field(default=5_000, gt=0, le=100_000)
    log_table: str = Field(default="clinicscan_destruction_log", pattern=_NAME)
    pseudonym_key_env: str = Field(default="CLINICSCAN_PSEUDONYM_KEY", pattern=_NAME)

    @model_validator(mode="after")
    def _not_both(self) -> EnforcementConfig:
        if self.url is not None and self.writers:
            raise ValueError(
                "give either 'url' (one database source) or 'writers' (source name -> URL), not both"
            )
        return self

    def writer_url(self, source: str, database_sources: list[str]) -> str | None:
        """Return the writer URL for ``source``: its ``writers`` entry, or ``url`` when it is the only one."""
        if source in self.writers:
            return self.writers[source]
        if self.url is not None and len(database_sources) == 1:
            return self.url
        return None
