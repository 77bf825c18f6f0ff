"""A simple working-time clock for demo deadlines and staff actions.

Working time is Monday to Friday, 09:00–17:00 China time. Public holidays and make-up
workdays are ignored here on purpose: the real calendar (chinese-calendar) belongs to the
casework SLA code; the demo only needs deadlines that look plausible.

Instants and durations are integer microseconds (db.demo.clock); this runs a few million
times for a street, so the common case (a step that fits in the same working day) is a
comparison and an addition.
"""

from __future__ import annotations

import random

from db.demo.clock import CHINA, DAY, HOUR, MINUTE, midnight

OPEN, CLOSE = 9 * HOUR, 17 * HOUR  # office hours, from China midnight
WORK_DAY = CLOSE - OPEN


def next_workday(day: int) -> int:
    day += 1
    wd = (day + 3) % 7
    return day + 7 - wd if wd >= 5 else day


def opening(t: int) -> int:
    """t itself if the office is open then, else the next opening."""
    day, s = divmod(t + CHINA, DAY)
    if (day + 3) % 7 < 5:
        if OPEN <= s < CLOSE:
            return t
        if s < OPEN:
            return day * DAY - CHINA + OPEN
    return next_workday(day) * DAY - CHINA + OPEN


def add_work_time(t: int, duration: int) -> int:
    """The instant `duration` of office time after t (counted from the next opening)."""
    day, s = divmod(t + CHINA, DAY)
    if s >= OPEN and s + duration <= CLOSE and (day + 3) % 7 < 5:
        return t + duration  # fits in today's office hours
    cur = opening(t)
    while True:
        day, s = divmod(cur + CHINA, DAY)
        left = CLOSE - s
        if duration <= left:
            return cur + duration
        duration -= left
        cur = next_workday(day) * DAY - CHINA + OPEN


def add_work_days(t: int, days: int) -> int:
    """Close of business on the `days`-th workday after the (China) day of t."""
    day = (t + CHINA) // DAY
    for _ in range(days):
        day = next_workday(day)
    return midnight(day) + CLOSE


def due_at(reported: int, limit: int | None, unit: str) -> int | None:
    if limit is None:
        return None
    if unit == "work_days":
        return add_work_days(reported, limit)
    return add_work_time(reported, limit * HOUR)


def limit_hours(limit: int | None, unit: str) -> float | None:
    """A time limit in working hours (a working day has eight)."""
    if limit is None:
        return None
    return limit * (WORK_DAY / HOUR if unit == "work_days" else 1)


def office_time(t: int, rng: random.Random) -> int:
    """When staff would act on something that came in at t: t itself in office hours,
    otherwise some minutes after the next opening."""
    opened = opening(t)
    if opened == t:
        return t
    return opened + int(rng.random() * 90 * MINUTE)


def random_office_moment(day: int, rng: random.Random) -> int:
    """A moment during office hours (08:30–17:30, staff start early and stay late) on day."""
    return midnight(day) + int(rng.uniform(8.5, 17.5) * HOUR)
