"""A synthetic Korean plastic-surgery clinic with planted privacy violations: the demo and the test bed.

``build_demo()`` writes the clinic's database (SQLite by default, or any SQLAlchemy URL), the folder it
exports to its hosting consignee, a ready-to-run ``scan.yaml`` and ``demo_manifest.json``, the answer key
listing every planted violation and its clean counterparts.
"""

from demo.build import build_demo
from demo.database import DemoDatabaseError, drop_schema
from demo.manifest import CleanCounterpart, DemoManifest, PlantedViolation, Trap
from demo.options import DemoOptions

__all__ = [
    "CleanCounterpart",
    "DemoDatabaseError",
    "DemoManifest",
    "DemoOptions",
    "PlantedViolation",
    "Trap",
    "build_demo",
    "drop_schema",
]
