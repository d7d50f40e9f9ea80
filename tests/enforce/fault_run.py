"""The retention run the fault test kills: ``python -m tests.enforce.fault_run CONFIG.json MODE N``.

MODE ``in-batch``: after the N-th batch has deleted its rows but before it commits (when its log entry is
written), print ``IN-BATCH`` and hang, so the test kills it inside a transaction. MODE ``after-batch``:
print ``BATCH n`` after every committed batch and go on (the test kills it at some moment after the N-th).
MODE ``finish``: run to the end and print ``DONE``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from bench.enforce_data import TODAY
from enforce import RunOptions, apply_retention
from flows.config import ScanConfig
from policy.load import load_policy


def main(config_path: str, mode: str, n: int) -> None:
    config = ScanConfig.model_validate(json.loads(Path(config_path).read_text(encoding="utf-8")))
    writes = 0

    @event.listens_for(sa.engine.Engine, "before_cursor_execute")
    def _hang_inside_batch(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        nonlocal writes
        if (
            mode == "in-batch"
            and statement.startswith("INSERT INTO")
            and "clinicscan_destruction_log" in statement
        ):
            writes += 1
            if writes == n:
                print("IN-BATCH", flush=True)
                time.sleep(600)

    batches = 0

    def on_batch(target: Any, changed: int) -> None:
        nonlocal batches
        batches += 1
        print(f"BATCH {batches} {target.table_name} {changed}", flush=True)

    apply_retention(config, RunOptions(policy=load_policy("default"), today=TODAY, on_batch=on_batch))
    print("DONE", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
