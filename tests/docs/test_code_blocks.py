"""Every code block a reader may copy either runs here, on the demo clinic, or says why it cannot.

The Python blocks run as a user would run them after ``make demo``: in a folder holding ``demo-out/``
(the demo clinic, scanned, with ``demo-out/report/findings.json``), each block in a fresh copy of it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.readme import CodeBlock, code_blocks, doc_page

BLOCKS = code_blocks()
PYTHON = [b for b in BLOCKS if b.lang == "python" and b.not_run is None]


def test_every_block_runs_or_says_why_not() -> None:
    silent = [b.where for b in BLOCKS if b.lang != "python" and not b.not_run]
    assert not silent, f"run these blocks in a test or mark them <!-- not run: why -->: {silent}"
    assert PYTHON, "no Python block is run"


@pytest.fixture(scope="session")
def scanned_demo(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> Path:
    """``make demo`` in small: the demo clinic built and scanned into ``demo-out/report``."""
    from demo import DemoOptions, build_demo
    from flows.scan_cmd import run_scan

    out = tmp_path_factory.mktemp("docs") / "demo-out"
    build_demo(None, out, DemoOptions(patients=400, seed=5))  # the deid example needs k=10 patients per class
    config = out / "scan.yaml"  # a sample of each table is enough for the examples, and much faster
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "sampling:\n  mode: full\n", "sampling:\n  mode: sample\n  rows: 200\n"
        ),
        encoding="utf-8",
    )
    run_scan(out / "scan.yaml", out / "report", lang="en", fail_on=None, full=False, task_runner=None)
    return out


@pytest.fixture()
def user_folder(scanned_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder holding a fresh copy of ``demo-out/`` and the deid.yaml example, as the current directory."""
    import deid.hierarchies

    shutil.copytree(scanned_demo, tmp_path / "demo-out")
    example = doc_page("deidentification").split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "deid.yaml").write_text(example, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLINICSCAN_DEID_KEY", "docs-example-key-0123456789abcdef")
    # a block may register a hierarchy: the registry is the process's, so each block gets it back unchanged
    monkeypatch.setattr(deid.hierarchies, "_REGISTRY", dict(deid.hierarchies._REGISTRY))
    yield tmp_path


@pytest.mark.slow
@pytest.mark.timeout(900)  # the first one builds and scans the demo clinic
@pytest.mark.parametrize("block", PYTHON, ids=[b.where for b in PYTHON])
def test_python_block_runs(block: CodeBlock, user_folder: Path) -> None:
    code = compile(block.code, block.where, "exec")
    exec(code, {"__name__": "__docs__"})
