"""Write the demo's ready-to-run ``scan.yaml``: its database, its export folder and the column map.

A password in the database URL never reaches the file: it is replaced by ``${CLINICSCAN_DEMO_DB_PASSWORD}``,
which the scan reads from the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.engine import make_url

from demo.column_map import COLUMN_MAP, CONSIGNEE, DATABASE_SOURCE, EXPORT_SOURCE, EXPORT_SUBDIR

PASSWORD_VAR = "CLINICSCAN_DEMO_DB_PASSWORD"
FULL_SCAN_UP_TO = 20_000

_HEADER = """\
# scan.yaml written by `clinicscan demo` (seed {seed}, as of {as_of}).
# Two sources: the clinic's database and the folder exported to the hosting consignee.
# `tables` is the column map: the policy record type each table holds, the columns that carry the
# retention clock and the other roles, and the columns stored encrypted. Tables not listed here
# (members_backup_2019, tmp_export) are forgotten copies: the scan reports them as unmapped.
# The planted violations are relative to {as_of}: scan on that day (see demo_manifest.json).
"""


def config_url(url: str) -> str:
    """Return the URL as written to scan.yaml: any password replaced by an environment reference."""
    parsed = make_url(url)
    if parsed.password is None:
        return parsed.render_as_string(hide_password=False)
    marker = "PASSWORDMARKER"
    return (
        parsed.set(password=marker)
        .render_as_string(hide_password=False)
        .replace(marker, f"${{{PASSWORD_VAR}}}")
    )


def scan_config(url: str, schema: str | None, patients: int) -> dict[str, Any]:
    """Return the scan configuration as plain data (what ``flows.config.ScanConfig`` validates)."""
    database: dict[str, Any] = {"name": DATABASE_SOURCE, "url": config_url(url)}
    if schema:
        database["schema"] = schema
    database["tables"] = {table: mapping.serialized() for table, mapping in COLUMN_MAP.items()}
    export = {"name": EXPORT_SOURCE, "path": EXPORT_SUBDIR, "consignee": CONSIGNEE}
    sampling = {"mode": "full"} if patients <= FULL_SCAN_UP_TO else {"mode": "sample", "rows": 10_000}
    return {"policy": "default", "lang": "ko", "sampling": sampling, "sources": [database, export]}


def write_scan_config(
    path: Path, url: str, schema: str | None, patients: int, header: dict[str, str]
) -> None:
    """Write scan.yaml with a short commented header (``header`` fills in seed and as_of)."""
    body = yaml.safe_dump(scan_config(url, schema, patients), allow_unicode=True, sort_keys=False, width=110)
    path.write_text(_HEADER.format(**header) + body, encoding="utf-8")
