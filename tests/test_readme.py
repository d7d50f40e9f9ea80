"""The README cannot go stale: every CLI command and every scan.yaml field must be documented in it."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from flows.cli import build_parser
from flows.config import Sampling, ScanConfig, SourceConfig

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(parser: argparse.ArgumentParser, prefix: str = "clinicscan") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix} {name}")
                found += _commands(sub, f"{prefix} {name}")
    return found


@pytest.mark.parametrize("command", _commands(build_parser()))
def test_every_cli_command_is_in_the_readme(command: str) -> None:
    assert command in README, f"document `{command}` in README.md"


@pytest.mark.parametrize(
    "field",
    sorted(
        {f.alias or name for m in (ScanConfig, Sampling, SourceConfig) for name, f in m.model_fields.items()}
    ),
)
def test_every_scan_config_field_is_in_the_readme(field: str) -> None:
    assert re.search(rf"^\s*-?\s*{re.escape(field)}:", README, re.MULTILINE), (
        f"document `{field}:` in README.md"
    )


def test_quick_start_is_the_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^make \w+", quick, re.MULTILINE)
    assert commands == ["make demo", "make test"]
