"""Docs cannot go stale: every CLI command and scan.yaml field is documented in the README or docs/."""

from __future__ import annotations

import argparse
import re

import pytest

from expectations.column_map import ClockFrom, TableMapping
from flows.cli import build_parser
from flows.config import Sampling, ScanConfig, SourceConfig
from tests.readme import README, all_docs, doc_pages

DOCS = all_docs()


def _commands(parser: argparse.ArgumentParser, prefix: str = "clinicscan") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix} {name}")
                found += _commands(sub, f"{prefix} {name}")
    return found


@pytest.mark.parametrize("command", _commands(build_parser()))
def test_every_cli_command_is_documented(command: str) -> None:
    assert command in DOCS, f"document `{command}` in docs/ (or the README)"


@pytest.mark.parametrize(
    "field",
    sorted(
        {
            f.alias or name
            for m in (ScanConfig, Sampling, SourceConfig, TableMapping, ClockFrom)
            for name, f in m.model_fields.items()
        }
    ),
)
def test_every_scan_config_field_is_documented(field: str) -> None:
    assert re.search(rf"^\s*-?\s*{re.escape(field)}:", DOCS, re.MULTILINE), (
        f"document `{field}:` in docs/scan-configuration.md"
    )


def test_quick_start_is_the_two_commands() -> None:
    quick = README.read_text(encoding="utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^make \w+", quick, re.MULTILINE)
    assert commands == ["make demo", "make test"]


def test_the_readme_is_an_entry_point_not_the_manual() -> None:
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"README.md has {lines} lines; move reference text into docs/"


def test_every_relative_link_points_to_a_page_that_exists() -> None:
    for page in doc_pages():
        for target in re.findall(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name} links to {target}, which does not exist"
