"""The packages are layered, read from their imports: a change that breaks the layering fails here.

Data flows one way (sources -> detectors -> expectations -> reports); each contract lives in the lowest
package that needs it, so a lower package never imports a higher one. Only ``flows/`` knows Prefect, and
only ``enforce/`` writes to a clinic database.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = {"policy", "sources", "detectors", "reports"}
# package -> the packages of ours it may import (bench and flows sit on top and may import anything)
ALLOWED: dict[str, set[str]] = {
    "policy": set(),
    "sources": set(),
    "detectors": set(),
    "reports": {"policy"},  # labels and periods of the policy, in the reports' words
    "expectations": BASE,
    "deid": BASE,
    "enforce": BASE | {"expectations"},
    "demo": BASE | {"expectations"},
}
OURS = set(ALLOWED) | {"flows", "bench"}
# what writes: SQLAlchemy's DML constructs and SQL text that changes data or schema
WRITE_NAMES = {"insert", "update", "delete"}
WRITE_SQL = ("INSERT ", "UPDATE ", "DELETE ", "CREATE TABLE", "DROP ", "ALTER ", "TRUNCATE ")
# enforce/ writes to the clinic; the others write only to databases of their own
WRITERS = ("enforce/", "reports/history.py", "demo/", "bench/")


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def _writes(path: Path) -> list[str]:
    """The lines of ``path`` that build a write: a DML construct of SQLAlchemy, or SQL text that writes."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            hits += [f"{node.lineno}: import {a.name}" for a in node.names if a.name in WRITE_NAMES]
        elif isinstance(node, ast.Attribute) and node.attr in WRITE_NAMES:
            if isinstance(node.value, ast.Name) and node.value.id in {"sa", "sqlalchemy"}:
                hits.append(f"{node.lineno}: sa.{node.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.lstrip()  # SQL keywords as written in our SQL: upper case
            if text.startswith(WRITE_SQL):
                hits.append(f"{node.lineno}: {node.value.strip()[:40]!r}")
    return hits


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_what_sits_below_it(package: str) -> None:
    wrong = {
        str(path.relative_to(ROOT)): sorted((_imports(path) & OURS) - ALLOWED[package] - {package})
        for path in _modules(package)
    }
    wrong = {path: names for path, names in wrong.items() if names}
    assert not wrong, f"{package}/ may import only {sorted(ALLOWED[package]) or 'nothing of ours'}: {wrong}"


def test_only_flows_imports_prefect() -> None:
    wrong = [
        str(path.relative_to(ROOT))
        for package in sorted(OURS - {"flows", "bench"})
        for path in _modules(package)
        if "prefect" in _imports(path) or "prefect_dask" in _imports(path)
    ]
    assert not wrong, f"only flows/ may import Prefect: {wrong}"


def test_only_enforce_writes_to_a_database() -> None:
    wrong = {
        str(path.relative_to(ROOT)): hits
        for package in sorted(OURS)
        for path in _modules(package)
        if not str(path.relative_to(ROOT)).startswith(WRITERS) and (hits := _writes(path))
    }
    assert not wrong, f"only enforce/ writes (reports/history.py to its own history): {wrong}"


def test_the_checker_sees_a_write_and_an_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('from sqlalchemy import delete\nimport prefect\nSQL = "DELETE FROM t"\n', "utf-8")
    assert "prefect" in _imports(module)
    assert [hit.split(":")[0] for hit in _writes(module)] == ["1", "3"]
