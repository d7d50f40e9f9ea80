"""The website side: members (some of them patients), guardians, identity checks, access logs, events.

Clean members logged in within the last 300 days and never withdrew; minors among them signed up with
a guardian's consent. Planted members reuse :func:`member_rows` with other dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from demo.bulk.clinical import PatientBatch
from demo.context import BuildContext, Frames, Rows
from demo.credentials import make_ci, make_di, make_password_hashes
from demo.identifiers import make_ips, phone_as_integer, phone_digits
from demo.people import CP949_ONLY_NAMES, People, make_people, pick
from demo.timeline import at_any_hour, years_before
from demo.vocab.medical import HISTORIES, PROCEDURES
from demo.vocab.texts import ACCESS_PATHS, EVENTS, SURVEY_NEUTRAL, USER_AGENTS

CLEAN_LOGIN_DAYS = 300  # member logins: the dormancy rule is 1 year
CLEAN_VERIFY_DAYS = 170  # identity verifications keep 6 months
CLEAN_LOG_DAYS = 85  # access logs keep 3 months


@dataclass(frozen=True)
class EventSpec:
    """One event or survey and where its end sits relative to the retention cutoff."""

    event_id: int
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    status: str  # "ended", "overdue_edge", "clean_edge", "ongoing", "upcoming"


def event_specs(ctx: BuildContext) -> list[EventSpec]:
    """Plan the clinic's eight events relative to the event-end cutoff.

    One ended long ago, one a day past the deadline, one a day inside it, three running, two upcoming.
    """
    tl = ctx.timeline
    ends = [
        tl.as_of - timedelta(days=240),
        tl.overdue_edge("event_participant", "event_end"),
        tl.clean_edge("event_participant", "event_end"),
        tl.as_of + timedelta(days=20),
        tl.as_of + timedelta(days=10),
        tl.as_of + timedelta(days=35),
        tl.as_of + timedelta(days=70),
        tl.as_of + timedelta(days=90),
    ]
    status = ["ended", "overdue_edge", "clean_edge", "ongoing", "ongoing", "ongoing", "upcoming", "upcoming"]
    specs = []
    for i, ((title, days), end, st) in enumerate(zip(EVENTS, ends, status, strict=True)):
        end_at = datetime.combine(end, datetime.max.time()).replace(microsecond=0)
        start_at = datetime.combine(end - timedelta(days=days), datetime.min.time())
        specs.append(EventSpec(i + 1, title, "설문" if "설문" in title else "이벤트", start_at, end_at, st))
    return specs


def event_rows(specs: list[EventSpec]) -> Frames:
    """Make the ``events`` table (no personal data: mapped to no record type)."""
    return {
        "events": {
            "event_id": [s.event_id for s in specs],
            "title": [s.title for s in specs],
            "kind": [s.kind for s in specs],
            "starts_at": [s.starts_at for s in specs],
            "ends_at": [s.ends_at for s in specs],
        }
    }


@dataclass
class MemberSpec:
    """What varies between members: who they are, and the clock columns (``datetime64[s]`` or None)."""

    people: People
    signup: np.ndarray
    last_login: np.ndarray
    withdrawn: list[datetime | None]
    guardian_consent: list[datetime | None]
    patient_no: list[str | None]


def member_rows(ctx: BuildContext, rng: np.random.Generator, spec: MemberSpec) -> Rows:
    """Make ``members`` rows: hashed passwords, interests and medical history (declared sensitive items)."""
    p, n = spec.people, len(spec.people)
    ids = ctx.take_ids("members", n)
    words = pick(rng, ctx.pools.user_words, n)
    interest = rng.integers(0, len(PROCEDURES), (n, 2)).tolist()
    has_interest = (rng.random(n) < 0.6).tolist()
    two = (rng.random(n) < 0.3).tolist()
    history = pick(rng, HISTORIES, n)
    has_history = (rng.random(n) < 0.3).tolist()
    has_phone = (rng.random(n) < 0.85).tolist()
    return {
        "member_id": ids,
        "user_id": [f"{w}{i}" for w, i in zip(words, ids, strict=True)],
        "password_hash": make_password_hashes(rng, n),
        "name": p.name,
        "email": p.email,
        "phone": [phone_digits(m) if h else None for m, h in zip(p.mobile, has_phone, strict=True)],
        "birth_date": p.birth.tolist(),
        "gender": ["M" if m else "F" for m in p.male.tolist()],
        "signup_at": spec.signup.tolist(),
        "last_login_at": spec.last_login.tolist(),
        "withdrawn_at": spec.withdrawn,
        "guardian_consent_at": spec.guardian_consent,
        "sms_opt_in": (rng.random(n) < 0.5).tolist(),
        "email_opt_in": (rng.random(n) < 0.4).tolist(),
        "interest_procedures": [
            (PROCEDURES[a].name + (f", {PROCEDURES[b].name}" if t else "")) if h else None
            for (a, b), t, h in zip(interest, two, has_interest, strict=True)
        ],
        "medical_history": [h if k else None for h, k in zip(history, has_history, strict=True)],
        "patient_no": spec.patient_no,
    }


def recent_logins(ctx: BuildContext, rng: np.random.Generator, signup: np.ndarray) -> np.ndarray:
    """Last logins after sign-up and within :data:`CLEAN_LOGIN_DAYS` of ``as_of``."""
    floor = ctx.timeline.day64 - np.timedelta64(CLEAN_LOGIN_DAYS, "D")
    lo = np.maximum(signup.astype("datetime64[D]"), floor)
    span = (ctx.timeline.day64 - lo).astype(np.int64)
    day = lo + (rng.random(len(signup)) * (span + 1)).astype(np.int64).astype("timedelta64[D]")
    return np.maximum(at_any_hour(rng, day), signup + np.timedelta64(600, "s"))


def _signups(ctx: BuildContext, rng: np.random.Generator, n: int) -> np.ndarray:
    return at_any_hour(rng, ctx.timeline.days_ago(rng, n, 2, 1460))


def website_rows(
    ctx: BuildContext, rng: np.random.Generator, chunk: int, batch: PatientBatch, events: list[EventSpec]
) -> Frames:
    """Members of one chunk (patients who signed up, web-only adults, minors with consent) and their rows."""
    as_of = ctx.timeline.as_of
    n = len(batch.pt_no)
    as_members = np.flatnonzero(rng.random(n) < 0.4)
    web = make_people(
        rng,
        ctx.pools,
        max(1, n // 4),
        (years_before(as_of, 55), years_before(as_of, 20)),
        3_000_000 + ctx.issued("members"),
    )
    if chunk == 0:
        web.name[0] = CP949_ONLY_NAMES[0]
    people = _concat(_subset(batch.people, as_members), web)
    patient_no: list[str | None] = [batch.pt_no[i] for i in as_members.tolist()] + [None] * len(web)
    signup = _signups(ctx, rng, len(people))
    none: list[datetime | None] = [None] * len(people)
    adults = member_rows(
        ctx, rng, MemberSpec(people, signup, recent_logins(ctx, rng, signup), none, none, patient_no)
    )
    minors, guardians = minor_members(ctx, rng, max(1, n // 100))
    members = {k: adults[k] + minors[k] for k in adults}
    frames: Frames = {"members": members, "guardians": guardians}
    frames["identity_verifications"] = verification_rows(ctx, rng, members)
    frames["access_logs"] = access_log_rows(ctx, rng, members, anonymous=n // 2)
    frames["event_participants"] = participant_rows(ctx, rng, members, events)
    return frames


def minor_members(ctx: BuildContext, rng: np.random.Generator, n: int) -> tuple[Rows, Rows]:
    """Children who signed up at 12 or 13 with a guardian's consent, and the guardians (clean)."""
    signup = _signups(ctx, rng, n)
    age_days = rng.integers(12 * 366, 13 * 365 + 300, n).astype("timedelta64[D]")
    people = make_people(
        rng, ctx.pools, n, signup.astype("datetime64[D]") - age_days, 4_000_000 + ctx.issued("members")
    )
    consent = (signup + np.timedelta64(300, "s")).tolist()
    rows = member_rows(
        ctx, rng, MemberSpec(people, signup, recent_logins(ctx, rng, signup), [None] * n, consent, [None] * n)
    )
    as_of = ctx.timeline.as_of
    parents = make_people(rng, ctx.pools, n, (years_before(as_of, 55), years_before(as_of, 35)), 0)
    guardians = {
        "guardian_id": ctx.take_ids("guardians", n),
        "member_id": rows["member_id"],
        "guardian_name": [
            child[0] + parent[1:] for child, parent in zip(people.name, parents.name, strict=True)
        ],
        "relation": pick(rng, ("모", "부", "모"), n),
        "guardian_phone": [phone_as_integer(m) for m in parents.mobile],
        "consented_at": consent,
        "withdrawn_at": [None] * n,
    }
    return rows, guardians


def verification_rows(ctx: BuildContext, rng: np.random.Generator, members: Rows) -> Rows:
    """Make mobile / i-PIN identity checks: at sign-up for recent members, and re-checks (within 6 months)."""
    signup = np.array(members["signup_at"], dtype="datetime64[s]")
    floor = np.datetime64(ctx.timeline.as_of - timedelta(days=CLEAN_VERIFY_DAYS), "s")
    recent = signup >= floor
    recheck = ~recent & (rng.random(len(signup)) < 0.05)
    at = np.where(
        recent,
        signup - np.timedelta64(60, "s"),
        floor + (rng.random(len(signup)) * CLEAN_VERIFY_DAYS * 86400).astype("timedelta64[s]"),
    )
    pick_idx = np.flatnonzero(recent | recheck).tolist()
    return verifications(ctx, rng, members, pick_idx, np.maximum(at, floor)[pick_idx])


def verifications(
    ctx: BuildContext, rng: np.random.Generator, members: Rows, idx: list[int], at: np.ndarray
) -> Rows:
    """``identity_verifications`` rows for the members at ``idx``, verified at ``at``."""
    m = len(idx)
    return {
        "verification_id": ctx.take_ids("identity_verifications", m),
        "member_id": [members["member_id"][i] for i in idx],
        "method": ["휴대폰" if members["phone"][i] else "아이핀" for i in idx],
        "name": [members["name"][i] for i in idx],
        "birth_date": [members["birth_date"][i] for i in idx],
        "gender": [members["gender"][i] for i in idx],
        "phone": [members["phone"][i] for i in idx],
        "carrier": pick(rng, ("SKT", "KT", "LG U+", "알뜰폰"), m),
        "ci": make_ci(rng, m),
        "di": make_di(rng, m),
        "verified_at": at.tolist(),
    }


def access_log_rows(ctx: BuildContext, rng: np.random.Generator, members: Rows, anonymous: int) -> Rows:
    """Web access logs of the last 85 days: members who logged in lately, and anonymous visitors."""
    floor = np.datetime64(ctx.timeline.as_of - timedelta(days=CLEAN_LOG_DAYS), "s")
    last = np.array(members["last_login_at"], dtype="datetime64[s]")
    active = np.flatnonzero(last >= floor)
    owner = np.repeat(active, 1 + rng.poisson(2.0, len(active)))
    span = (last[owner] - floor).astype(np.int64)
    ts_members = floor + (rng.random(len(owner)) * span).astype(np.int64).astype("timedelta64[s]")
    now = np.datetime64(ctx.timeline.as_of, "s")
    ts_anon = floor + (rng.random(anonymous) * (now - floor).astype(np.int64)).astype(np.int64).astype(
        "timedelta64[s]"
    )
    users: list[str | None] = [members["user_id"][i] for i in owner.tolist()] + [None] * anonymous
    return log_rows(ctx, rng, users, np.concatenate([ts_members, ts_anon]))


def log_rows(ctx: BuildContext, rng: np.random.Generator, users: list[str | None], ts: np.ndarray) -> Rows:
    """``access_logs`` rows for the given users (None: not logged in) and times."""
    m = len(users)
    return {
        "log_id": ctx.take_ids("access_logs", m),
        "user_id": users,
        "ip_address": make_ips(rng, m),
        "accessed_at": ts.tolist(),
        "http_method": pick(rng, ("GET",) * 5 + ("POST",), m),
        "path": pick(rng, ACCESS_PATHS, m),
        "status_code": rng.choice([200] * 8 + [302, 404], m).tolist(),
        "user_agent": pick(rng, USER_AGENTS, m),
        "session_id": [f"{a:016x}{b:016x}" for a, b in rng.integers(0, 2**63, (m, 2)).tolist()],
    }


def participant_rows(
    ctx: BuildContext, rng: np.random.Generator, members: Rows, events: list[EventSpec]
) -> Rows:
    """Members taking part in running events, with neutral survey answers (clean)."""
    running = [e for e in events if e.status == "ongoing"]
    has_phone = np.array([p is not None for p in members["phone"]], dtype=bool)
    idx = np.flatnonzero((rng.random(len(has_phone)) < 0.12) & has_phone).tolist()
    chosen = [running[i] for i in rng.integers(0, len(running), len(idx)).tolist()]
    answers = pick(rng, SURVEY_NEUTRAL, len(idx))
    answered = (rng.random(len(idx)) < 0.7).tolist()
    phones = [members["phone"][i] for i in idx]
    return participants(
        ctx,
        rng,
        chosen,
        {
            "member_id": [members["member_id"][i] for i in idx],
            "name": [members["name"][i] for i in idx],
            "phone": [_dashed(p) for p in phones],
            "email": [members["email"][i] for i in idx],
            "survey_answer": [a if ok else None for a, ok in zip(answers, answered, strict=True)],
        },
    )


def participants(ctx: BuildContext, rng: np.random.Generator, events: list[EventSpec], who: Rows) -> Rows:
    """``event_participants`` rows: ``who`` gives member_id, name, phone, email, survey_answer per row."""
    m = len(events)
    now = datetime.combine(ctx.timeline.as_of, datetime.min.time())
    joined = []
    for e, u in zip(events, rng.random(m).tolist(), strict=True):
        last = min(e.ends_at, now)
        joined.append(e.starts_at + timedelta(seconds=int(u * max(0, (last - e.starts_at).total_seconds()))))
    return {
        "participant_id": ctx.take_ids("event_participants", m),
        "event_id": [e.event_id for e in events],
        **{k: who[k] for k in ("member_id", "name", "phone", "email")},
        "joined_at": joined,
        "ends_at": [e.ends_at for e in events],
        "survey_answer": who["survey_answer"],
        "marketing_agree": (rng.random(m) < 0.6).tolist(),
    }


def _dashed(digits: str) -> str:
    return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"


def _subset(p: People, idx: np.ndarray) -> People:
    i = idx.tolist()
    return People(
        [p.name[k] for k in i],
        p.birth[idx],
        p.male[idx],
        [p.rrn[k] for k in i],
        [p.mobile[k] for k in i],
        [p.email[k] for k in i],
        [p.address[k] for k in i],
        [p.address_detail[k] for k in i],
        [p.zip_code[k] for k in i],
        [p.sido[k] for k in i],
    )


def _concat(a: People, b: People) -> People:
    return People(
        a.name + b.name,
        np.concatenate([a.birth, b.birth]),
        np.concatenate([a.male, b.male]),
        a.rrn + b.rrn,
        a.mobile + b.mobile,
        a.email + b.email,
        a.address + b.address,
        a.address_detail + b.address_detail,
        a.zip_code + b.zip_code,
        a.sido + b.sido,
    )
