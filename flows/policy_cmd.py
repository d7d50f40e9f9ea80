"""``clinicscan policy check|schema``: lint a policy file against the law, print the JSON schema."""

from __future__ import annotations

from policy.lint import check_policy, format_lint, lint_exit_code


def policy_check(source: str) -> int:
    """Print the lint of a policy file; exit 1 when any error-level finding (PolicyError -> exit 2)."""
    findings = check_policy(source)
    print(format_lint(findings))
    return lint_exit_code(findings)


def policy_schema() -> int:
    """Print the JSON schema editors can use to validate a policy file."""
    from policy.json_schema import render_json_schema

    print(render_json_schema())
    return 0
