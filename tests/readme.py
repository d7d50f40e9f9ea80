"""The README and the reference pages in docs/, for the tests that keep the documentation true."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"


def doc_page(name: str) -> str:
    """Return the text of ``docs/<name>.md``; a missing page fails the test that needs it."""
    path = DOCS / f"{name}.md"
    assert path.is_file(), f"docs/{name}.md is missing"
    return path.read_text(encoding="utf-8")


def deid_yaml_example(db: Path) -> str:
    """The deid.yaml of docs/deidentification.md, reading the demo clinic at ``db``."""
    match = re.search(r"## deid.yaml.*?```yaml\n(.*?)```", doc_page("deidentification"), re.S)
    assert match, "docs/deidentification.md has no deid.yaml example"
    return match.group(1).replace("sqlite:///demo-out/clinic.sqlite", f"sqlite:///{db}")


def doc_pages() -> list[Path]:
    """Every page a user reads: the README, CONTRIBUTING and CHANGELOG, then docs/*.md in name order."""
    return [README, ROOT / "CONTRIBUTING.md", ROOT / "CHANGELOG.md", *sorted(DOCS.glob("*.md"))]


def all_docs() -> str:
    """The README and every page of docs/, joined: where a test looks for "is it documented anywhere"."""
    return "\n".join(path.read_text(encoding="utf-8") for path in doc_pages())


RUNNABLE = ("python", "sh", "bash", "console", "shell")
NOT_RUN = re.compile(r"^<!-- not run: (?P<reason>.+?) -->$")


@dataclass(frozen=True)
class CodeBlock:
    """One fenced code block of a page, and why it is not run when its page says so."""

    page: Path
    line: int
    lang: str
    code: str
    not_run: str | None

    @property
    def where(self) -> str:
        """``docs/sources.md:7``, for test ids and messages."""
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def code_blocks(langs: tuple[str, ...] = RUNNABLE) -> list[CodeBlock]:
    """Every fenced block in ``langs`` of the README and docs/, with any ``<!-- not run: why -->`` above."""
    blocks = []
    for page in doc_pages():
        lines = page.read_text(encoding="utf-8").split("\n")
        i = 0
        while i < len(lines):
            if lines[i].startswith("```") and lines[i] != "```":
                lang = lines[i][3:].strip()
                end = lines.index("```", i + 1)
                marker = NOT_RUN.match(lines[i - 1]) if i else None
                if lang in langs:
                    code = "\n".join(lines[i + 1 : end]) + "\n"
                    blocks.append(CodeBlock(page, i + 1, lang, code, marker and marker["reason"]))
                i = end
            i += 1
    return blocks
