"""docs/policy.md documents every top-level field and lint code, and its example policy is valid."""

from __future__ import annotations

import re

import pytest
import yaml

from policy.law import Law
from policy.lint import lint_policy
from policy.lint_base import LINT_CODES
from policy.schema import Policy
from tests.readme import doc_page

from .conftest import TODAY

DOC = doc_page("policy")


@pytest.mark.parametrize("field", sorted(Policy.model_fields))
def test_every_top_level_field_is_documented(field: str) -> None:
    assert f"`{field}`" in DOC


@pytest.mark.parametrize("code", sorted(LINT_CODES))
def test_every_lint_code_is_documented(code: str) -> None:
    assert f"`{code}`" in DOC


def test_the_example_policy_loads_and_passes_the_check(law: Law) -> None:
    example = re.search(r"```yaml\n(.*?)```", DOC, re.S)
    assert example is not None
    policy = Policy.model_validate(yaml.safe_load(example.group(1)))
    assert lint_policy(policy, law, TODAY) == []
