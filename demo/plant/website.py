"""Planted members, event participants, identity checks and access logs.

Members: withdrawn more than 5 days ago with their data still there; withdrawn within the deadline
(clean); dormant past 1 year + 5 days; dormant one or two days inside it (clean); children under 14
without a guardian's consent, one of them turning 14 the day after signing up; and a 14-year-old
(birthday the day before sign-up) without consent, who needs none.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np

from demo.bulk.website import (
    EventSpec,
    MemberSpec,
    log_rows,
    member_rows,
    participants,
    recent_logins,
    verifications,
)
from demo.context import BuildContext, Frames, Rows
from demo.people import People, make_people, pick
from demo.timeline import at_any_hour, years_before
from demo.vocab.texts import SURVEY_HEALTH

WITHDRAWN_OVERDUE_DAYS = (1, 20, 90, 200, 400, 800)  # days before the cutoff
WITHDRAWN_RECENT_DAYS = (0, 1, 2, 4)  # days before as_of (4 = one day inside the deadline)
DORMANT_DAYS = (1, 30, 60, 120, 200, 365, 500, 800, 1100)  # days before the cutoff
MINOR_SIGNUP_DAYS = (3, 40, 100, 200, 365)  # days before as_of


def _ts(days: list[date], rng: np.random.Generator) -> np.ndarray:
    return at_any_hour(rng, np.array(days, dtype="datetime64[D]"))


def _adults(ctx: BuildContext, rng: np.random.Generator, n: int, serial: int) -> People:
    as_of = ctx.timeline.as_of
    return make_people(rng, ctx.pools, n, (years_before(as_of, 50), years_before(as_of, 22)), serial)


def plant_members(ctx: BuildContext) -> Rows:
    """Every planted member group, as ``members`` rows."""
    tl, rng = ctx.timeline, ctx.rng("plant.members")
    cw, cl = tl.cutoff("member", "withdrawal"), tl.cutoff("member", "last_login")
    rows: list[Rows] = []
    for label, days in (
        ("withdrawn_overdue", [cw - timedelta(days=d) for d in WITHDRAWN_OVERDUE_DAYS]),
        ("withdrawn_recent", [tl.as_of - timedelta(days=d) for d in WITHDRAWN_RECENT_DAYS]),
    ):
        withdrawn = _ts(days, rng)
        signup = withdrawn - rng.integers(100, 1000, len(days)).astype("timedelta64[D]")
        people = _adults(ctx, rng, len(days), 8_000_000 + len(rows) * 100)
        rows.append(
            member_rows(
                ctx,
                rng,
                MemberSpec(
                    people,
                    signup,
                    withdrawn - np.timedelta64(300, "s"),
                    withdrawn.tolist(),
                    [None] * len(days),
                    [None] * len(days),
                ),
            )
        )
        ctx.tallies[f"members.{label}"] += len(days)
    dormant_days = [cl - timedelta(days=d) for d in DORMANT_DAYS] + [
        cl + timedelta(days=1),
        cl + timedelta(days=2),
    ]
    last = _ts(dormant_days, rng)
    people = _adults(ctx, rng, len(last), 8_100_000)
    signup = last - rng.integers(30, 900, len(last)).astype("timedelta64[D]")
    none: list[datetime | None] = [None] * len(last)
    rows.append(member_rows(ctx, rng, MemberSpec(people, signup, last, none, none, [None] * len(last))))
    rows.append(_minors(ctx, rng))
    return {k: [v for r in rows for v in r[k]] for k in rows[0]}


def _minors(ctx: BuildContext, rng: np.random.Generator) -> Rows:
    """Under-14s without consent (violations) and a 14-year-old without consent (clean edge)."""
    as_of = ctx.timeline.as_of
    signup_days = [as_of - timedelta(days=d) for d in MINOR_SIGNUP_DAYS] + [as_of - timedelta(days=60)]
    births = [years_before(signup_days[0] + timedelta(days=1), 14)]  # turns 14 the day after signing up
    births += [
        years_before(d, a, extra_days=100) for d, a in zip(signup_days[1:5], (11, 12, 13, 12), strict=True)
    ]
    births.append(years_before(signup_days[5] - timedelta(days=1), 14))  # turned 14 the day before
    people = make_people(rng, ctx.pools, len(births), np.array(births, dtype="datetime64[D]"), 8_200_000)
    signup = _ts(signup_days, rng)
    none: list[datetime | None] = [None] * len(births)
    return member_rows(
        ctx,
        rng,
        MemberSpec(people, signup, recent_logins(ctx, rng, signup), none, none, [None] * len(births)),
    )


def plant_participants(ctx: BuildContext, events: list[EventSpec], members: Rows) -> Rows:
    """Plant participants of ended events and of running ones with health data in their answers.

    Those of the long-ended event and of the one ended a day past the deadline are overdue; those of the
    event ended a day inside it are clean; the running ones' survey answers hold health information, which
    the event_participant record type does not declare.
    """
    rng = ctx.rng("plant.participants")
    by_status = {e.status: e for e in events}
    running = by_status["ongoing"]
    plan = [
        (by_status["ended"], 7, False),
        (by_status["overdue_edge"], 3, False),
        (by_status["clean_edge"], 4, False),
        (running, len(SURVEY_HEALTH), True),
    ]
    with_phone = [i for i, p in enumerate(members["phone"]) if p]
    chosen: list[EventSpec] = []
    who: Rows = {k: [] for k in ("member_id", "name", "phone", "email", "survey_answer")}
    for event, count, health in plan:
        idx = rng.choice(with_phone, count, replace=False).tolist()
        chosen += [event] * count
        who["member_id"] += [members["member_id"][i] for i in idx]
        who["name"] += [members["name"][i] for i in idx]
        who["phone"] += [f"{p[:3]}-{p[3:7]}-{p[7:]}" for p in (members["phone"][i] for i in idx)]
        who["email"] += [members["email"][i] for i in idx]
        who["survey_answer"] += (
            list(SURVEY_HEALTH) if health else pick(rng, ("지인 추천", "인스타그램 광고"), count)
        )
    ctx.tallies["event_participants.survey_health"] += len(SURVEY_HEALTH)
    return participants(ctx, rng, chosen, who)


def _creation_days(cutoff: date, overdue_before: tuple[int, ...], clean_after: tuple[int, ...]) -> np.ndarray:
    days = [cutoff - timedelta(days=d) for d in overdue_before] + [
        cutoff + timedelta(days=d) for d in clean_after
    ]
    return np.array(days, dtype="datetime64[D]")


def plant_web_records(ctx: BuildContext, members: Rows) -> Frames:
    """Identity checks and access logs past their retention, with clean ones a day or two inside it."""
    tl, rng = ctx.timeline, ctx.rng("plant.web")
    days = _creation_days(
        tl.cutoff("identity_verification", "creation"), (1, 10, 30, 60, 100, 200, 300, 500), (1, 2)
    )
    people = _adults(ctx, rng, len(days), 8_300_000)
    pseudo: Rows = {
        "member_id": [None] * len(days),
        "name": people.name,
        "birth_date": people.birth.tolist(),
        "gender": ["M" if m else "F" for m in people.male.tolist()],
        "phone": [m.replace("-", "") for m in people.mobile],
    }
    frames: Frames = {
        "identity_verifications": verifications(
            ctx, rng, pseudo, list(range(len(days))), at_any_hour(rng, days)
        )
    }
    log_days = _creation_days(tl.cutoff("access_log", "creation"), tuple(range(1, 400, 16)), (1, 2, 3))
    users = [
        members["user_id"][i] if i % 3 else None
        for i in rng.integers(0, len(members["user_id"]), len(log_days)).tolist()
    ]
    frames["access_logs"] = log_rows(ctx, rng, users, at_any_hour(rng, log_days))
    return frames
