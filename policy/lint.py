"""``clinicscan policy check``: lint a policy against the legal knowledge base.

Rules are plain functions ``(policy, law, today) -> list[LintFinding]`` listed in ``RULES``; the lint runs
them all. ``today`` is a parameter, not the clock, because whether a law is in force depends on the day
and tests must not change with the calendar.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from policy import lint_clauses, lint_legal
from policy.law import Law
from policy.lint_base import LEVEL_ORDER, LINT_CODES_KO, Level, LintFinding
from policy.load import DEFAULT, load_law, load_policy
from policy.schema import Policy

__all__ = ["RULES", "LintFinding", "check_policy", "format_lint", "lint_exit_code", "lint_policy"]

Rule = Callable[[Policy, Law, date], list[LintFinding]]
RULES: tuple[Rule, ...] = (
    lint_legal.legal_bases,
    lint_legal.assumed_clauses,
    lint_legal.medical_records,
    lint_legal.legal_holds,
    lint_clauses.security,
    lint_clauses.cctv,
    lint_clauses.consignees,
    lint_clauses.minors,
    lint_clauses.subject_rights,
    lint_clauses.deadlines,
    lint_clauses.law_age,
)


def _section_key(ref: str | None) -> tuple[int, str]:
    head, _, tail = (ref or "").partition(".")
    return (int(head) if head.isdigit() else 999, tail)


def lint_policy(policy: Policy, law: Law, today: date) -> list[LintFinding]:
    """Every finding of every rule, errors first, then by policy section.

    Args:
        policy: the policy to check (already validated: a file that does not load never gets here).
        law: the legal knowledge base (``load_law()``).
        today: the day the check is for; decides which laws are in force.

    """
    findings = [f for rule in RULES for f in rule(policy, law, today)]
    return sorted(findings, key=lambda f: (LEVEL_ORDER[f.level], _section_key(f.ref), f.field, f.code))


def check_policy(
    source: str | Path = DEFAULT, law_source: str | Path = DEFAULT, today: date | None = None
) -> list[LintFinding]:
    """Load a policy file and the law base and lint them: what the CLI calls.

    Raises:
        PolicyError: either file cannot be used (the CLI exits 2 with its message).

    """
    return lint_policy(load_policy(source), load_law(law_source), today or date.today())


def lint_exit_code(findings: list[LintFinding], strict: bool = False) -> int:
    """1 when any finding is an error (or, with ``strict``, a warning); 0 otherwise.

    A file that does not load is exit code 2, decided by the caller catching PolicyError.
    """
    failing: set[Level] = {"error", "warning"} if strict else {"error"}
    return 1 if any(f.level in failing for f in findings) else 0


_LEVEL_KO = {"error": "오류", "warning": "경고", "info": "정보"}


def format_lint(findings: list[LintFinding], lang: str = "en") -> str:
    """Render findings as plain text for a terminal: one block per finding, then a one-line summary.

    In Korean (``lang="ko"``) each block leads with the level and the code's meaning in Korean, and the
    detail line is the Korean sentence (it quotes the policy file's own ids and fields as written).
    """
    ko = lang == "ko"
    if not findings:
        return (
            "policy check: 지적 사항 없음. 처리방침이 법령 지식 베이스와 일치합니다."
            if ko
            else "policy check: no findings; the policy agrees with the legal knowledge base."
        )
    lines: list[str] = []
    for f in findings:
        where = " ".join(part for part in (f"[{f.ref}]" if f.ref else "", f.field) if part)
        level = _LEVEL_KO[f.level] if ko else f.level.upper()
        lines.append(f"{level:7} {f.code}  {where}".rstrip())
        if ko:
            lines.append(f"        {LINT_CODES_KO[f.code]}")
        lines.append(f"        {f.message_ko if ko else f.message}")
    counts = Counter(f.level for f in findings)
    if ko:
        summary = ", ".join(
            f"{_LEVEL_KO[level]} {counts[level]}건" for level in ("error", "warning", "info") if counts[level]
        )
    else:
        summary = ", ".join(
            f"{counts[level]} {level}{'s' if counts[level] != 1 and level != 'info' else ''}"
            for level in ("error", "warning", "info")
            if counts[level]
        )
    lines.append(f"policy check: {summary}")
    return "\n".join(lines)
