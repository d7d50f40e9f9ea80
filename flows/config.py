"""scan.yaml: the sources to scan, how to sample them, and the column map that ties tables to the policy."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from enforce.config import EnforcementConfig
from expectations.column_map import TableMapping
from reports.times import zone


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
        """``database`` for a URL, ``export`` for a folder."""
        return "database" if self.url is not None else "export"


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

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str | None) -> str | None:
        if name is not None:
            zone(name)  # raises ValueError with what to write instead
        return name


_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def expand_env(text: str, origin: str) -> str:
    """Replace ``${VAR}`` with the environment's value, so passwords never sit in the file."""

    def repl(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in os.environ:
            raise ConfigError(f"{origin}: ${{{name}}} is not set in the environment; export {name}=... first")
        return os.environ[name]

    return _VAR.sub(repl, text)


def load_config(path: Path) -> ScanConfig:
    """Read and validate scan.yaml; relative export paths are taken from the file's folder."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the scan configuration ({exc.strerror})") from None
    try:
        data = yaml.safe_load(expand_env(raw, str(path)))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise ConfigError(f"{path}: not valid YAML: {where}{problem}; fix the syntax there") from None
    try:
        cfg = ScanConfig.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        raise ConfigError(f"{path}: field '{where}': {err['msg']}") from None
    for src in cfg.sources:
        if src.path is not None and not src.path.is_absolute():
            src.path = (path.parent / src.path).resolve()
    if cfg.policy != "default" and not Path(cfg.policy).is_absolute():
        cfg.policy = str((path.parent / cfg.policy).resolve())
    if cfg.waivers is not None and not cfg.waivers.is_absolute():
        cfg.waivers = (path.parent / cfg.waivers).resolve()
    names = [s.name for s in cfg.sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(
            f"{path}: field 'sources': the source name(s) {', '.join(dupes)} appear twice; "
            "give every source its own name"
        )
    return cfg
