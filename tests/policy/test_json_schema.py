"""The published JSON schema is current, and accepts exactly what the models accept."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import jsonschema
import pytest
import yaml

from policy.json_schema import SCHEMA_FILE, policy_json_schema, render_json_schema
from policy.load import shipped_file


def _as_json(data: Any) -> Any:
    """YAML gives dates as date objects; a JSON-schema validator sees the strings an editor sees."""
    return json.loads(json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, date) else str(v)))


def test_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render_json_schema(), (
        "policy/policy.schema.json is stale: run `python -m policy.json_schema` and commit the result"
    )


def test_shipped_policy_passes_the_published_schema() -> None:
    data = yaml.safe_load(shipped_file("default.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(policy_json_schema()).validate(_as_json(data))


def test_shipped_policy_points_editors_at_the_schema() -> None:
    first_line = shipped_file("default.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=./{SCHEMA_FILE.name}"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("minors", "age_bellow"), 14),
        (("record_types", 0, "retention", 0, "period"), "5 years"),
        (("cctv", "recording_hours"), "all day"),
        (("security", 0, "measure"), "hashed"),
    ],
)
def test_published_schema_rejects_what_the_loader_rejects(
    shipped_data: dict[str, Any], path: tuple[Any, ...], value: Any
) -> None:
    target: Any = shipped_data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    assert list(jsonschema.Draft202012Validator(policy_json_schema()).iter_errors(_as_json(shipped_data)))
