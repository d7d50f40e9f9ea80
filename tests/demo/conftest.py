"""One small demo clinic per test session, built on SQLite, shared by the read-only tests."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from demo import DemoManifest, DemoOptions, build_demo

AS_OF = date(2025, 6, 1)
SMALL = DemoOptions(patients=300, as_of=AS_OF, export_rows=100)


@dataclass(frozen=True)
class BuiltDemo:
    """A built demo: its folder, the manifest build_demo returned, and how long the build took."""

    out: Path
    manifest: DemoManifest
    seconds: float

    @property
    def db(self) -> Path:
        return self.out / "clinic.sqlite"

    @property
    def exports(self) -> Path:
        return self.out / self.manifest.export_dir


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltDemo:
    out = tmp_path_factory.mktemp("demo")
    started = time.perf_counter()
    manifest = build_demo(out_dir=out, options=SMALL)
    return BuiltDemo(out, manifest, time.perf_counter() - started)
