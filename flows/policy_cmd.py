"""``clinicscan policy check|schema``: lint a policy file against the law, print the JSON schema."""

from __future__ import annotations

from policy.lint import check_policy, format_lint, lint_exit_code
from policy.load import load_policy


def policy_check(source: str, lang: str | None = None) -> int:
    """Print the lint of a policy file in ``lang`` (default: the policy's language); exit 1 on any error."""
    findings = check_policy(source)
    print(format_lint(findings, lang or load_policy(source).language))
    return lint_exit_code(findings)


def policy_schema() -> int:
    """Print the JSON schema editors can use to validate a policy file."""
    from policy.json_schema import render_json_schema

    print(render_json_schema())
    return 0
