"""The published JSON schema of a policy file, generated from the pydantic models.

Editors (VS Code with the YAML extension, JetBrains) validate a policy file as it is typed when the file
starts with ``# yaml-language-server: $schema=<path or URL of policy.schema.json>``. The committed file is
regenerated with ``python -m policy.json_schema``; a test fails when it is stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from policy.schema import Policy

SCHEMA_FILE = Path(__file__).with_name("policy.schema.json")


def policy_json_schema() -> dict[str, Any]:
    """Build the JSON schema (draft 2020-12) of a policy file as written in YAML (periods as ``"10y"``)."""
    schema = Policy.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://clinicscan.local/policy.schema.json",
        **schema,
        "title": "clinicscan privacy policy",
    }


def render_json_schema() -> str:
    """Render the schema as the committed file's text: Korean left readable, final newline."""
    return json.dumps(policy_json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_json_schema(path: Path = SCHEMA_FILE) -> Path:
    """Regenerate the schema file (after changing a model) and return its path."""
    path.write_text(render_json_schema(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write_json_schema()}")
