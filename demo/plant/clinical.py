"""Planted patients: rosters and records past their retention, and the clean edge cases beside them.

Four groups, made by the same functions as the clean bulk with other visit days:

* visited last more than 10 years (+5 days) ago: roster, records, consultations, surgeries, payments overdue;
* a single visit one day inside the 10-year deadline: records clean, roster and payment overdue;
* last visit between 5 and 10 years ago: roster and payment overdue, records still lawfully kept;
* last visit one day inside the 5-year deadline: roster clean, payment overdue.

Two more patients carry a payment one day on either side of the 3-year payment deadline.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from demo.bulk.clinical import ChildPlan, clinical_rows, make_patients, patient_rows
from demo.context import BuildContext, Frames, merge

#: Planted patients get exactly one consultation-day pattern: consult, surgery and records on their visits.
PLANTED_PLAN = ChildPlan(
    extra_records_mean=1.0,
    consult_lead_days=0,
    surgery_ratio=1.0,
    prescription_ratio=0.0,
    card_approval_ratio=0.0,
    payment_floor=None,
)


def _days(values: list[date]) -> np.ndarray:
    return np.array(values, dtype="datetime64[D]")


def plant_patients(ctx: BuildContext) -> Frames:
    """All planted patients and their child rows."""
    tl = ctx.timeline
    c10 = tl.cutoff("medical_record", "last_visit")
    c5 = tl.cutoff("patient_roster", "last_visit")
    c3 = tl.cutoff("payment", "creation")
    groups: list[tuple[str, list[date], list[date]]] = [
        # name, first visits, last visits
        (
            "older_than_10y",
            [c10 - timedelta(days=d) for d in (400, 900, 1500)],
            [c10 - timedelta(days=d) for d in (1, 300, 700)],
        ),
        ("edge_10y_clean", [c10 + timedelta(days=1)] * 2, [c10 + timedelta(days=1)] * 2),
        (
            "between_5y_and_10y",
            [c10 + timedelta(days=d) for d in (40, 200, 500, 800, 1000, 1300, 1500)],
            [c5 - timedelta(days=d) for d in (1, 15, 90, 200, 365, 180, 30)],
        ),
        ("edge_5y_clean", [c5 - timedelta(days=200), c5 + timedelta(days=1)], [c5 + timedelta(days=1)] * 2),
        (
            "payment_edges",
            [c3 - timedelta(days=1), c3 + timedelta(days=1)],
            [c3 - timedelta(days=1), c3 + timedelta(days=1)],
        ),
    ]
    frames: Frames = {}
    for name, first, last in groups:
        rng = ctx.rng(f"plant.patients.{name}")
        batch = make_patients(ctx, rng, _days(first), _days(last))
        merge(frames, patient_rows(rng, batch))
        if name == "payment_edges":
            plan = ChildPlan(
                extra_records_mean=0.0,
                consult_lead_days=0,
                surgery_ratio=0.0,
                prescription_ratio=0.0,
                card_approval_ratio=0.0,
                payment_floor=None,
            )
            merge(frames, _single_payment(clinical_rows(ctx, rng, batch, plan)))
        else:
            merge(frames, clinical_rows(ctx, rng, batch, PLANTED_PLAN))
    return frames


def _single_payment(frames: Frames) -> Frames:
    """Keep one payment per edge patient, so each edge is one row."""
    pay = frames["payments"]
    first_row = {p: i for i, p in reversed(list(enumerate(pay["patient_no"])))}
    keep = sorted(first_row.values())
    frames["payments"] = {k: [v[i] for i in keep] for k, v in pay.items()}
    return frames
