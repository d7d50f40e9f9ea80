"""Writing and reading ``findings.json`` (schema_version 1).

The writer is the only place the file is produced; the reader refuses any other schema version with a
message that says what to do, instead of half-reading a file whose meaning it does not know.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from reports.evidence import withhold_unmasked
from reports.findings import SCHEMA_VERSION, Findings


class FindingsFileError(Exception):
    """findings.json cannot be read: the message names the file, the field and what to do."""


def dumps_findings(findings: Findings) -> str:
    """Serialise the findings as findings.json text (Korean kept readable, masked evidence only)."""
    return withhold_unmasked(findings).model_dump_json(indent=2) + "\n"


def write_findings(findings: Findings, path: Path) -> Path:
    """Write findings.json to ``path`` (parents created) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps_findings(findings), encoding="utf-8")
    return path


def parse_findings(text: str, origin: str) -> Findings:
    """Parse findings.json text; ``origin`` (a file name, a history row) is named in every error.

    Raises:
        FindingsFileError: the text is not JSON, has another schema_version, or breaks the model.

    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FindingsFileError(f"{origin}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise FindingsFileError(
            f"{origin}: expected a JSON object with 'schema_version', found "
            f"{type(data).__name__}; is this a clinicscan findings.json?"
        )
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        found = "no 'schema_version'" if version is None else f"schema_version {version!r}"
        raise FindingsFileError(
            f"{origin}: has {found}, but this clinicscan reads schema_version {SCHEMA_VERSION} only; "
            "re-run the scan with this version of clinicscan, or read the file with the version that wrote it"
        )
    try:
        return Findings.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        raise FindingsFileError(f"{origin}: field '{where}': {err['msg']}") from None


def read_findings(path: Path) -> Findings:
    """Read and validate findings.json.

    Raises:
        FindingsFileError: the file is missing, unreadable, or not schema_version 1.

    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise FindingsFileError(f"{path}: cannot read findings ({exc.strerror})") from None
    return parse_findings(text, str(path))
