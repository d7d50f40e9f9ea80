"""The README, and its sections, for the tests that keep the documentation true."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_section(heading: str) -> str:
    """Return the ``## heading...`` section of README.md, up to the next ``## `` heading."""
    text = README.read_text(encoding="utf-8")
    start = text.find(f"\n## {heading}")
    assert start >= 0, f"README.md has no section '## {heading}'"
    end = text.find("\n## ", start + 4)
    return text[start : end if end >= 0 else len(text)]
