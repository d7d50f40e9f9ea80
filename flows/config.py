"""scan.yaml: the sources to scan, how to sample them, and the column map that ties tables to the policy."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from enforce.config import EnforcementConfig
from expectations.column_map import TableMapping
from policy.errors import ConfigFileError
from policy.yaml_file import YamlDocument, load_yaml_model
from reports.times import zone
from sources.urls import anchored_sqlite_url, is_database_url


class ConfigError(Exception):
    """scan.yaml is missing or invalid; the message names the file, the field and what to do."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Sampling(_Model):
    """``sample``: up to ``rows`` rows drawn across each table; ``full``: every row, streamed."""

    mode: Literal["sample", "full"] = "sample"
    rows: int = Field(default=10_000, gt=0)


class SourceConfig(_Model):
    """One database (``url``) or export folder (``path``), with the column map of its tables."""

    name: str
    url: str | None = None
    path: Path | None = None
    schema_: str | None = Field(default=None, alias="schema")
    include: list[str] = Field(default_factory=lambda: ["*"])
    exclude: list[str] = Field(default_factory=list)
    consignee: str | None = None
    tables: dict[str, TableMapping] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_location(self) -> SourceConfig:
        if (self.url is None) == (self.path is None):
            raise ValueError("give exactly one of 'url' (a database) or 'path' (an export folder)")
        return self

    @property
    def kind(self) -> Literal["database", "export"]:
        """``database`` for a database URL, ``export`` for a folder (``path:`` or a ``file://`` URL)."""
        return "database" if is_database_url(self.url) else "export"


class ScanConfig(_Model):
    """The whole scan.yaml."""

    policy: str = "default"
    lang: Literal["ko", "en"] | None = None
    timezone: str | None = None  # IANA zone for the times people read; default: the policy's (Asia/Seoul)
    sampling: Sampling = Field(default_factory=Sampling)
    task_runner: Literal["threads", "dask"] = "threads"
    max_workers: int = Field(default=4, gt=0)
    table_timeout_seconds: float = Field(default=600, gt=0)
    history: str | None = None
    waivers: Path | None = None
    sources: list[SourceConfig] = Field(min_length=1)
    enforcement: EnforcementConfig | None = None
    _doc: YamlDocument | None = PrivateAttr(default=None)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str | None) -> str | None:
        if name is not None:
            zone(name)  # raises ValueError with what to write instead
        return name

    def where(self, loc: tuple[int | str, ...]) -> str:
        """``scan.yaml:14``: the file and line of a field (just the file name when not read from a file)."""
        return self._doc.where(loc) if self._doc is not None else "scan.yaml"


def load_config(path: Path) -> ScanConfig:
    """Read and validate scan.yaml (``policy.yaml_file``: lines, ``${VAR}``, did-you-mean).

    Relative export, policy and waiver paths, and relative SQLite files, are taken from the file's folder.
    The line of every key is kept (``ScanConfig.where``), so that checking the file against the databases can
    name the line too.

    Raises:
        ConfigError: one line per problem, ``scan.yaml:LINE: field.path: what to write``.

    """
    try:
        cfg, doc = load_yaml_model(path, str(path), ScanConfig, "scan configuration")
    except ConfigFileError as exc:
        raise ConfigError(str(exc)) from None
    cfg._doc = doc
    for src in cfg.sources:
        if src.path is not None and not src.path.is_absolute():
            src.path = (path.parent / src.path).resolve()
        if src.url is not None:
            src.url = anchored_sqlite_url(src.url, path.parent)
    if cfg.policy != "default" and not Path(cfg.policy).is_absolute():
        cfg.policy = str((path.parent / cfg.policy).resolve())
    if cfg.waivers is not None and not cfg.waivers.is_absolute():
        cfg.waivers = (path.parent / cfg.waivers).resolve()
    names = [s.name for s in cfg.sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        second = next(i for i, s in enumerate(cfg.sources) if s.name in dupes and names.index(s.name) != i)
        raise ConfigError(
            f"{cfg.where(('sources', second, 'name'))}: sources: the source name(s) {', '.join(dupes)} "
            "appear twice; give every source its own name"
        )
    return cfg
