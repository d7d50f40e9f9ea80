"""Write a checked result: dataset.parquet (+ csv), deid_report.json, processing_record.json and html.

Files are written to a temporary folder beside ``out_dir`` and moved in only when all are complete, so a
failure never leaves half a dataset. A result whose post-checks did not pass is refused.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
from pathlib import Path

from deid.errors import DeidError, PostCheckError
from deid.html import render_html
from deid.pipeline import DeidResult

DATASET = "dataset.parquet"
DATASET_CSV = "dataset.csv"
REPORT = "deid_report.json"
RECORD = "processing_record.json"
HTML = "deid_report.html"


def write_outputs(result: DeidResult, out_dir: Path, language: str | None = None) -> dict[str, Path]:
    """Write every output of ``result`` into ``out_dir``; returns file kind -> path.

    ``language`` (``ko``/``en``) overrides the spec's ``output.language`` for the HTML page (``--lang``).

    Raises:
        PostCheckError: the result did not pass its post-checks.
        DeidError: ``out_dir`` cannot be written.

    """
    if not result.post_checks_passed:
        raise PostCheckError(["the result has not passed its post-checks"])
    out_dir = Path(out_dir)
    staging = out_dir.parent / f".{out_dir.name}.tmp-{uuid.uuid4().hex[:8]}"
    try:
        staging.mkdir(parents=True)
        files = {"dataset": staging / DATASET}
        result.dataset.to_parquet(files["dataset"], index=False)
        if result.spec.output.csv:
            files["csv"] = staging / DATASET_CSV
            result.dataset.to_csv(files["csv"], index=False, encoding="utf-8-sig")
        record = result.record.model_copy(update={"dataset_sha256": _sha256(files["dataset"])})
        files["report"] = staging / REPORT
        files["report"].write_text(result.report.model_dump_json(indent=2), encoding="utf-8")
        files["record"] = staging / RECORD
        files["record"].write_text(
            json.dumps(record.model_dump(mode="json"), indent=2, ensure_ascii=False), encoding="utf-8"
        )
        files["html"] = staging / HTML
        files["html"].write_text(
            render_html(
                result.report,
                record,
                result.class_sizes,
                result.level_shares,
                language or result.spec.output.language,
            ),
            encoding="utf-8",
        )
        out_dir.mkdir(parents=True, exist_ok=True)
        final = {}
        for kind, path in files.items():
            target = out_dir / path.name
            path.replace(target)
            final[kind] = target
        return final
    except OSError as exc:
        raise DeidError(
            f"{out_dir}: cannot write the de-identified dataset ({exc.strerror}); "
            "check the folder's permissions and free space"
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
