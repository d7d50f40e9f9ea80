"""The front office and the forgotten corners: lookups, complaints, CCTV requests, legacy and copied tables.

Office tables are generated once per build, drawing people from the first chunk of patients and members
so the same person turns up across tables (what a data-subject request has to find).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np

from demo.context import BuildContext, Frames, Rows
from demo.credentials import make_legacy_hashes, make_plain_passwords
from demo.identifiers import phone_as_integer, rrn_as_integer
from demo.people import make_people, pick
from demo.timeline import at_any_hour, at_clinic_hours, years_before
from demo.vocab.medical import KCD_CODES, PROCEDURES
from demo.vocab.texts import CCTV_LOCATIONS, CCTV_PURPOSES, CCTV_RELATIONS, COMPLAINT_STATUS, COMPLAINTS

CLEAN_COMPLAINT_DAYS = 1020  # complaints keep 3 years
CLEAN_CCTV_DAYS = 24  # CCTV requests keep 30 days


def lookup_rows() -> Frames:
    """Make the KCD-8 and procedure catalogues (no personal data)."""
    return {
        "kcd_codes": {
            "code": [k.code for k in KCD_CODES],
            "name_ko": [k.name_ko for k in KCD_CODES],
            "name_en": [k.name_en for k in KCD_CODES],
        },
        "procedures": {
            "proc_code": [p.code for p in PROCEDURES],
            "proc_name": [p.name for p in PROCEDURES],
            "body_area": [p.area for p in PROCEDURES],
            "price_krw": [p.price_manwon * 10_000 for p in PROCEDURES],
            "kcd_code": [p.kcd for p in PROCEDURES],
            "surgical": [p.surgical for p in PROCEDURES],
        },
    }


def complaint_rows(ctx: BuildContext, rng: np.random.Generator, days: np.ndarray) -> Rows:
    """Complaints filed on the given days, by patients (60%) or passers-by, about service and billing."""
    n = len(days)
    patients = ctx.samples["patients"]
    is_patient = (rng.random(n) < 0.6).tolist()
    which = rng.integers(0, len(patients["PT_NO"]), n).tolist()
    strangers = make_people(
        rng,
        ctx.pools,
        n,
        (years_before(ctx.timeline.as_of, 60), years_before(ctx.timeline.as_of, 20)),
        5_000_000,
    )
    topic = rng.integers(0, len(COMPLAINTS), n).tolist()
    status = pick(rng, COMPLAINT_STATUS, n)
    filed = at_clinic_hours(rng, days)
    handled = (filed + np.timedelta64(2, "D")).tolist()
    with_email = (rng.random(n) < 0.4).tolist()
    return {
        "민원번호": ctx.take_ids("complaints", n),
        "접수일시": filed.tolist(),
        "민원인": [
            patients["PT_NM"][w] if p else s
            for p, w, s in zip(is_patient, which, strangers.name, strict=True)
        ],
        "연락처": [
            patients["HP_NO"][w] if p else s
            for p, w, s in zip(is_patient, which, strangers.mobile, strict=True)
        ],
        "이메일": [e if ok else None for e, ok in zip(strangers.email, with_email, strict=True)],
        "환자번호": [patients["PT_NO"][w] if p else None for p, w in zip(is_patient, which, strict=True)],
        "유형": [COMPLAINTS[t][0] for t in topic],
        "내용": [COMPLAINTS[t][1] for t in topic],
        "처리상태": status,
        "처리일시": [h if s == "처리완료" else None for h, s in zip(handled, status, strict=True)],
    }


def cctv_rows(ctx: BuildContext, rng: np.random.Generator, days: np.ndarray) -> Rows:
    """Make requests to view CCTV footage, filed on the given days."""
    n = len(days)
    who = make_people(
        rng,
        ctx.pools,
        n,
        (years_before(ctx.timeline.as_of, 60), years_before(ctx.timeline.as_of, 20)),
        5_500_000,
    )
    requested = at_clinic_hours(rng, days)
    start = at_any_hour(rng, days - rng.integers(1, 8, n).astype("timedelta64[D]"))
    decision = pick(rng, ("열람허용", "열람허용", "거부", "경찰제공", "검토중"), n)
    decided = (requested + np.timedelta64(1, "D")).tolist()
    return {
        "request_id": ctx.take_ids("cctv_requests", n),
        "requested_at": requested.tolist(),
        "requester_name": who.name,
        "requester_phone": who.mobile,
        "relation": pick(rng, CCTV_RELATIONS, n),
        "camera_location": pick(rng, CCTV_LOCATIONS, n),
        "footage_from": start.tolist(),
        "footage_to": (start + rng.integers(1, 4, n).astype("timedelta64[h]")).tolist(),
        "purpose": pick(rng, CCTV_PURPOSES, n),
        "decision": decision,
        "decided_at": [None if d == "검토중" else t for d, t in zip(decision, decided, strict=True)],
    }


def office_rows(ctx: BuildContext, patients: int) -> Frames:
    """Clean complaints and CCTV requests, the legacy members table, and the two forgotten copies."""
    tl = ctx.timeline
    rng = ctx.rng("office")
    frames: Frames = {
        "complaints": complaint_rows(
            ctx, rng, tl.days_ago(rng, max(10, patients // 50), 0, CLEAN_COMPLAINT_DAYS)
        ),
        "cctv_requests": cctv_rows(ctx, rng, tl.days_ago(rng, max(5, patients // 200), 0, CLEAN_CCTV_DAYS)),
    }
    frames["members_legacy"] = legacy_member_rows(ctx, ctx.rng("members_legacy"), max(20, patients // 100))
    frames["members_backup_2019"] = backup_rows(ctx, ctx.rng("members_backup_2019"), max(30, patients // 20))
    frames["tmp_export"] = tmp_export_rows(ctx, ctx.rng("tmp_export"), max(20, patients // 50))
    return frames


def legacy_member_rows(ctx: BuildContext, rng: np.random.Generator, n: int) -> Rows:
    """Accounts of the old homepage, still used by its login page: passwords in plain text."""
    as_of = ctx.timeline.as_of
    people = make_people(rng, ctx.pools, n, (years_before(as_of, 60), years_before(as_of, 25)), 6_000_000)
    joined = ctx.timeline.days_ago(rng, n, 4 * 365, 9 * 365)
    logins = at_any_hour(rng, ctx.timeline.days_ago(rng, n, 0, 300))
    words = pick(rng, ctx.pools.user_words, n)
    return {
        "USER_ID": [f"{w}{i}" for i, w in enumerate(words, start=1)],
        "PASSWD": make_plain_passwords(rng, n),
        "USER_NM": people.name,
        "EMAIL": people.email,
        "HP_NO": people.mobile,
        "JOIN_DT": joined.tolist(),
        "LAST_LOGIN_DT": logins.tolist(),
        "WITHDRAW_DT": [None] * n,
    }


def backup_rows(ctx: BuildContext, rng: np.random.Generator, n: int) -> Rows:
    """Copy the members table as a 2019 migration left it: half of it people still members today."""
    members = ctx.samples["members"]
    copied = min(n // 2, len(members["member_id"]))
    pick_idx = rng.choice(len(members["member_id"]), copied, replace=False).tolist()
    others = make_people(rng, ctx.pools, n - copied, (date(1960, 1, 1), date(2000, 12, 31)), 7_000_000)
    reg_span = (datetime(2019, 6, 30) - datetime(2012, 1, 1)).total_seconds()
    reg = [datetime(2012, 1, 1) + timedelta(seconds=int(u * reg_span)) for u in rng.random(n).tolist()]
    words = pick(rng, ctx.pools.user_words, n - copied)
    return {
        "MEM_ID": [members["user_id"][i] for i in pick_idx]
        + [f"{w}{i}" for i, w in enumerate(words, start=90)],
        "MEM_PW": make_legacy_hashes(rng, n),
        "MEM_NM": [members["name"][i] for i in pick_idx] + others.name,
        "EMAIL": [members["email"][i] for i in pick_idx] + others.email,
        "HP": [members["phone"][i] for i in pick_idx] + [m.replace("-", "") for m in others.mobile],
        "BIRTH": [members["birth_date"][i].isoformat() for i in pick_idx]
        + np.datetime_as_string(others.birth, unit="D").tolist(),
        "REG_DATE": reg,
    }


def tmp_export_rows(ctx: BuildContext, rng: np.random.Generator, n: int) -> Rows:
    """Make the ad-hoc extract for a marketing agency, never dropped: RRNs and phones as integers."""
    patients = ctx.samples["patients"]
    idx = rng.choice(len(patients["PT_NO"]), min(n, len(patients["PT_NO"])), replace=False).tolist()
    procs = rng.integers(0, len(PROCEDURES), len(idx)).tolist()
    return {
        "PT_NO": [patients["PT_NO"][i] for i in idx],
        "성명": [patients["PT_NM"][i] for i in idx],
        "JUMIN_NO": [rrn_as_integer(patients["JUMIN_NO"][i]) for i in idx],
        "HP_NO": [phone_as_integer(patients["HP_NO"][i]) for i in idx],
        "최근시술": [PROCEDURES[p].name for p in procs],
        "최근내원일": [
            date(int(v[:4]), int(v[4:6]), int(v[6:])) for v in (patients["LAST_VISIT_YMD"][i] for i in idx)
        ],
    }
