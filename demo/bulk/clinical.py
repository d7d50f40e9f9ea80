"""The EMR side: patients and their medical records, consultations, surgeries, prescriptions and payments.

The same functions make the clean bulk and the planted patients: only the visit dates and the
:class:`ChildPlan` differ, so a planted row looks exactly like its clean neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from demo.context import BuildContext, Frames, Rows
from demo.credentials import make_ciphertexts
from demo.identifiers import make_cards, make_landlines
from demo.notes import chart_memos, consultation_notes, surgery_notes
from demo.people import People, make_people, pick
from demo.timeline import at_clinic_hours, years_before, ymd_text
from demo.vocab.medical import DRUGS, KCD_CODES, PROCEDURES
from demo.vocab.places import AREA_CODES, CARD_COMPANIES

KCD_NAMES = {k.code: k.name_ko for k in KCD_CODES}
SURGICAL = tuple(i for i, p in enumerate(PROCEDURES) if p.surgical)
#: Clean patients last visited at most this many days ago (the roster keeps 5 years).
CLEAN_VISIT_DAYS = 1750
#: Clean payments are at most this many days old (payment records keep 3 years).
CLEAN_PAYMENT_DAYS = 1020


@dataclass
class PatientBatch:
    """Patients of one batch: numbers, people, and first and last visit days (``datetime64[D]``)."""

    pt_no: list[str]
    people: People
    first_visit: np.ndarray
    last_visit: np.ndarray


@dataclass(frozen=True)
class ChildPlan:
    """How many child rows each patient gets and when: bulk patients and planted ones differ here."""

    extra_records_mean: float = 1.0
    consult_lead_days: int = 30
    surgery_ratio: float = 0.5
    prescription_ratio: float = 0.45
    card_approval_ratio: float = 0.15
    payment_floor: date | None = None  # payments drawn from this day on; None: paid on the last visit


def make_patients(
    ctx: BuildContext, rng: np.random.Generator, first_visit: np.ndarray, last_visit: np.ndarray
) -> PatientBatch:
    """Patients aged 20-68 with the given visit days; their numbers come from the id counter."""
    n = len(first_visit)
    ids = ctx.take_ids("patients", n)
    as_of = ctx.timeline.as_of
    people = make_people(rng, ctx.pools, n, (years_before(as_of, 68), years_before(as_of, 20)), ids[0])
    return PatientBatch([f"{i:08d}" for i in ids], people, first_visit, last_visit)


def bulk_visits(ctx: BuildContext, rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """First and last visit days of clean patients: last visit within :data:`CLEAN_VISIT_DAYS`."""
    last = ctx.timeline.days_ago(rng, n, 0, CLEAN_VISIT_DAYS)
    floor = ctx.timeline.day64 - np.timedelta64(CLEAN_VISIT_DAYS + 30, "D")
    span = (last - floor).astype(np.int64)
    first = last - (rng.random(n) * (span + 1)).astype(np.int64).astype("timedelta64[D]")
    return first, last


def patient_rows(rng: np.random.Generator, batch: PatientBatch) -> Frames:
    """Make ``patients`` rows: romanized columns, dates as ``YYYYMMDD`` text, a plaintext RRN."""
    p, n = batch.people, len(batch.pt_no)
    landline = make_landlines(rng, n, AREA_CODES)
    has_landline = (rng.random(n) < 0.3).tolist()
    return {
        "patients": {
            "PT_NO": batch.pt_no,
            "PT_NM": p.name,
            "JUMIN_NO": p.rrn,
            "BIRTH_YMD": ymd_text(p.birth),
            "SEX_CD": ["M" if m else "F" for m in p.male.tolist()],
            "HP_NO": p.mobile,
            "TEL_NO": [t if h else None for t, h in zip(landline, has_landline, strict=True)],
            "ZIP_CD": p.zip_code,
            "ADDR": p.address,
            "ADDR_DTL": p.address_detail,
            "FIRST_VISIT_YMD": ymd_text(batch.first_visit),
            "LAST_VISIT_YMD": ymd_text(batch.last_visit),
            "REG_DTM": at_clinic_hours(rng, batch.first_visit).tolist(),
        }
    }


def _visit_days(
    rng: np.random.Generator, batch: PatientBatch, mean_extra: float
) -> tuple[np.ndarray, np.ndarray]:
    """Record owners (patient index) and days: the first on the first visit, the last on the last visit."""
    n = len(batch.pt_no)
    k = 1 + rng.poisson(mean_extra, n)
    owner = np.repeat(np.arange(n), k)
    starts = np.repeat(np.cumsum(k) - k, k)
    pos = np.arange(len(owner)) - starts
    first, last = batch.first_visit[owner], batch.last_visit[owner]
    span = (last - first).astype(np.int64)
    offset = (rng.random(len(owner)) * (span + 1)).astype(np.int64)
    offset = np.where(pos == 0, 0, np.where(pos == k[owner] - 1, span, offset))
    return owner, first + offset.astype("timedelta64[D]")


def clinical_rows(
    ctx: BuildContext, rng: np.random.Generator, batch: PatientBatch, plan: ChildPlan
) -> Frames:
    """Medical records, consultations, surgeries, prescriptions, payments and card approvals of a batch."""
    frames: Frames = {}
    owner, days = _visit_days(rng, batch, plan.extra_records_mean)
    m = len(owner)
    proc_idx = rng.integers(0, len(PROCEDURES), m)
    follow_up = rng.random(m) < 0.15
    kcd = [
        "Z42.0" if f else PROCEDURES[i].kcd
        for i, f in zip(proc_idx.tolist(), follow_up.tolist(), strict=True)
    ]
    procs: list[int | None] = [
        None if f else i for i, f in zip(proc_idx.tolist(), follow_up.tolist(), strict=True)
    ]
    doctors = pick(rng, ctx.pools.doctors, m)
    pt = [batch.pt_no[i] for i in owner.tolist()]
    frames["medical_records"] = {
        "MR_NO": ctx.take_ids("medical_records", m),
        "PT_NO": pt,
        "VISIT_DT": days.tolist(),
        "DEPT_NM": [
            "피부과" if p is not None and PROCEDURES[p].area == "피부" else "성형외과" for p in procs
        ],
        "DR_NM": doctors,
        "DIAG_CD": kcd,
        "DIAG_NM": [KCD_NAMES[c] for c in kcd],
        "PROC_CD": [PROCEDURES[p].code if p is not None else None for p in procs],
        "CHART_MEMO": chart_memos(rng, procs, kcd),
    }
    frames["consultations"] = _consultations(ctx, rng, batch, plan)
    frames["surgeries"] = _surgeries(ctx, rng, batch, plan)
    chosen = np.flatnonzero(rng.random(m) < plan.prescription_ratio)
    drug = rng.integers(0, len(DRUGS), len(chosen)).tolist()
    frames["prescriptions"] = {
        "prescription_id": ctx.take_ids("prescriptions", len(chosen)),
        "patient_no": [pt[i] for i in chosen.tolist()],
        "prescribed_on": days[chosen].tolist(),
        "patient_rrn_enc": make_ciphertexts(rng, len(chosen)),
        "drug_name": [DRUGS[d][0] for d in drug],
        "dosage": [DRUGS[d][1] for d in drug],
        "days": rng.integers(3, 8, len(chosen)).tolist(),
        "doctor_name": [doctors[i] for i in chosen.tolist()],
    }
    frames["payments"] = _payments(ctx, rng, batch, plan)
    frames["card_approvals"] = _card_approvals(ctx, rng, batch, plan)
    return frames


def _consultations(ctx: BuildContext, rng: np.random.Generator, batch: PatientBatch, plan: ChildPlan) -> Rows:
    n = len(batch.pt_no)
    k = 1 + (rng.random(n) < 0.3).astype(np.int64)
    owner = np.repeat(np.arange(n), k)
    lead = rng.integers(0, plan.consult_lead_days + 1, len(owner)).astype("timedelta64[D]")
    days = batch.first_visit[owner] - lead
    proc = rng.integers(0, len(PROCEDURES), len(owner)).tolist()
    p = batch.people
    idx = owner.tolist()
    surgery_day = np.datetime_as_string(days + np.timedelta64(14, "D"), unit="D").tolist()
    notes = consultation_notes(
        rng, [p.name[i] for i in idx], [p.mobile[i] for i in idx], [p.rrn[i] for i in idx], proc, surgery_day
    )
    ctx.tallies["consultations.PERSON"] += notes.with_name
    ctx.tallies["consultations.PHONE_NUMBER"] += notes.with_phone
    ctx.tallies["consultations.KR_RRN"] += notes.with_rrn
    return {
        "상담번호": ctx.take_ids("consultations", len(owner)),
        "환자번호": [batch.pt_no[i] for i in idx],
        "상담일시": at_clinic_hours(rng, days).tolist(),
        "상담실장": pick(rng, ctx.pools.counselors, len(owner)),
        "상담경로": pick(rng, ("내원", "전화", "온라인", "카카오톡"), len(owner)),
        "관심시술": [PROCEDURES[i].name for i in proc],
        "상담내용": notes.texts,
    }


def _surgeries(ctx: BuildContext, rng: np.random.Generator, batch: PatientBatch, plan: ChildPlan) -> Rows:
    owner = np.flatnonzero(rng.random(len(batch.pt_no)) < plan.surgery_ratio)
    proc = [SURGICAL[i] for i in rng.integers(0, len(SURGICAL), len(owner)).tolist()]
    delay = rng.integers(0, 15, len(owner)).astype("timedelta64[D]")
    day = np.minimum(batch.first_visit[owner] + delay, batch.last_visit[owner])
    return {
        "OP_NO": ctx.take_ids("surgeries", len(owner)),
        "PT_NO": [batch.pt_no[i] for i in owner.tolist()],
        "OP_DT": day.tolist(),
        "OP_CD": [PROCEDURES[p].code for p in proc],
        "OP_NM": [PROCEDURES[p].name for p in proc],
        "OP_PART": [PROCEDURES[p].area for p in proc],
        "ANES_TYPE": pick(rng, ("국소마취", "수면마취", "전신마취"), len(owner)),
        "SURGEON_NM": pick(rng, ctx.pools.doctors, len(owner)),
        "OP_NOTE": surgery_notes(rng, proc),
    }


def _pay_days(
    ctx: BuildContext, rng: np.random.Generator, batch: PatientBatch, owner: np.ndarray, plan: ChildPlan
) -> np.ndarray:
    first, last = batch.first_visit[owner], batch.last_visit[owner]
    if plan.payment_floor is None:
        return last
    floor = np.datetime64(plan.payment_floor, "D")
    lo, hi = np.maximum(first, floor), np.maximum(last, floor)
    span = (hi - lo).astype(np.int64)
    return lo + (rng.random(len(owner)) * (span + 1)).astype(np.int64).astype("timedelta64[D]")


def _payments(ctx: BuildContext, rng: np.random.Generator, batch: PatientBatch, plan: ChildPlan) -> Rows:
    n = len(batch.pt_no)
    owner = np.repeat(np.arange(n), 1 + rng.poisson(0.5, n))
    m = len(owner)
    days = _pay_days(ctx, rng, batch, owner, plan)
    method = rng.choice(3, m, p=[0.7, 0.1, 0.2]).tolist()
    card = [x == 0 for x in method]
    companies = pick(rng, CARD_COMPANIES, m)
    cipher = make_ciphertexts(rng, m)
    install = pick(rng, ("0", "0", "3", "6", "12"), m)
    approval = rng.integers(10_000_000, 100_000_000, m).tolist()
    return {
        "payment_id": ctx.take_ids("payments", m),
        "patient_no": [batch.pt_no[i] for i in owner.tolist()],
        "paid_at": at_clinic_hours(rng, days).tolist(),
        "amount_krw": (rng.integers(1, 120, m) * 50_000).tolist(),
        "pay_method": [("카드", "현금", "계좌이체")[x] for x in method],
        "card_company": [c if ok else None for c, ok in zip(companies, card, strict=True)],
        "card_no_enc": [c if ok else None for c, ok in zip(cipher, card, strict=True)],
        "installment_months": [int(i) if ok else None for i, ok in zip(install, card, strict=True)],
        "approval_no": [f"{a:08d}" if ok else None for a, ok in zip(approval, card, strict=True)],
        "item": pick(rng, ("수술비", "시술비", "상담 예약금", "잔금"), m),
    }


def _card_approvals(
    ctx: BuildContext, rng: np.random.Generator, batch: PatientBatch, plan: ChildPlan
) -> Rows:
    owner = np.flatnonzero(rng.random(len(batch.pt_no)) < plan.card_approval_ratio)
    m = len(owner)
    ids = ctx.take_ids("card_approvals", m)
    return {
        "APPR_NO": [f"A{i:011d}" for i in ids],
        "APPR_DTM": at_clinic_hours(rng, _pay_days(ctx, rng, batch, owner, plan)).tolist(),
        "PT_NO": [batch.pt_no[i] for i in owner.tolist()],
        "CARD_CO": pick(rng, CARD_COMPANIES, m),
        "CARD_NO": make_cards(rng, m),
        "APPR_AMT": (rng.integers(1, 60, m) * 10_000).tolist(),
        "INSTALL_MM": rng.choice([0, 0, 0, 3, 6], m).tolist(),
        "CANCEL_YN": ["Y" if c else "N" for c in (rng.random(m) < 0.03).tolist()],
    }


def payment_floor(as_of: date) -> date:
    """Return the oldest day a clean payment may carry."""
    return as_of - timedelta(days=CLEAN_PAYMENT_DAYS)
