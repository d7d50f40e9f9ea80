"""The README and the reference pages in docs/, for the tests that keep the documentation true."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"


def doc_page(name: str) -> str:
    """Return the text of ``docs/<name>.md``; a missing page fails the test that needs it."""
    path = DOCS / f"{name}.md"
    assert path.is_file(), f"docs/{name}.md is missing"
    return path.read_text(encoding="utf-8")


def doc_pages() -> list[Path]:
    """Every page a user reads: the README first, then docs/*.md in name order."""
    return [README, *sorted(DOCS.glob("*.md"))]


def all_docs() -> str:
    """The README and every page of docs/, joined: where a test looks for "is it documented anywhere"."""
    return "\n".join(path.read_text(encoding="utf-8") for path in doc_pages())
