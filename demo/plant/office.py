"""Planted complaints and CCTV requests past their retention, beside clean ones a day or two inside it."""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from demo.bulk.office import cctv_rows, complaint_rows
from demo.context import BuildContext, Frames

COMPLAINT_OVERDUE_DAYS = (1, 50, 200, 400, 900)
CCTV_OVERDUE_DAYS = (1, 10, 60, 300)
CLEAN_EDGE_DAYS = (1, 2)


def plant_office(ctx: BuildContext) -> Frames:
    """Complaints kept past 3 years and CCTV requests past 30 days (+5 days each)."""
    tl = ctx.timeline
    frames: Frames = {}
    for table, record_type, overdue, make in (
        ("complaints", "complaint", COMPLAINT_OVERDUE_DAYS, complaint_rows),
        ("cctv_requests", "cctv_request", CCTV_OVERDUE_DAYS, cctv_rows),
    ):
        cutoff = tl.cutoff(record_type, "creation")
        days = [cutoff - timedelta(days=d) for d in overdue] + [
            cutoff + timedelta(days=d) for d in CLEAN_EDGE_DAYS
        ]
        frames[table] = make(ctx, ctx.rng(f"plant.{table}"), np.array(days, dtype="datetime64[D]"))
    return frames
