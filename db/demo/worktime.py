"""A simple working-time clock for demo deadlines and staff actions.

Working time is Monday to Friday, 09:00–17:00 China time. Public holidays and make-up
workdays are ignored here on purpose: the real calendar (chinese-calendar) belongs to the
casework SLA code; the demo only needs deadlines that look plausible.

All arguments and results are aware UTC datetimes. The common case (a step that fits in
the same working day) takes a fast path: this runs a few million times for a street.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "CST")  # no DST in China since 1991
OFFSET = timedelta(hours=8)
_OPEN_S, _CLOSE_S = 9 * 3600, 17 * 3600


def local(t: datetime) -> datetime:
    return t.astimezone(CHINA)


def _second_of_day(wall: datetime) -> float:
    return wall.hour * 3600 + wall.minute * 60 + wall.second + wall.microsecond / 1e6


def at_local(day: date, minutes: float) -> datetime:
    """UTC instant of `minutes` after local midnight on `day`."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC) - OFFSET + timedelta(minutes=minutes)


def next_workday(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _open(t: datetime) -> datetime:
    """t itself if the office is open then, else the next opening (UTC in, UTC out)."""
    wall = t + OFFSET  # UTC-labelled, but its fields read as China wall-clock time
    day = wall.date()
    s = _second_of_day(wall)
    if day.weekday() < 5:
        if _OPEN_S <= s < _CLOSE_S:
            return t
        if s < _OPEN_S:
            return at_local(day, 9 * 60)
    return at_local(next_workday(day), 9 * 60)


def add_work_hours(t: datetime, hours: float) -> datetime:
    wall = t + OFFSET
    s = _second_of_day(wall)
    if wall.weekday() < 5 and s >= _OPEN_S and s + hours * 3600 <= _CLOSE_S:
        return t + timedelta(hours=hours)  # fits in today's office hours
    cur = _open(t)
    remaining = timedelta(hours=hours)
    while True:
        wall = cur + OFFSET
        left_today = timedelta(seconds=_CLOSE_S - _second_of_day(wall))
        if remaining <= left_today:
            return cur + remaining
        remaining -= left_today
        cur = at_local(next_workday(wall.date()), 9 * 60)


def add_work_days(t: datetime, days: int) -> datetime:
    """Close of business on the `days`-th workday after the day of t."""
    day = (t + OFFSET).date()
    for _ in range(days):
        day = next_workday(day)
    return at_local(day, 17 * 60)


def due_at(reported: datetime, limit: int | None, unit: str) -> datetime | None:
    if limit is None:
        return None
    if unit == "work_days":
        return add_work_days(reported, limit)
    return add_work_hours(reported, limit)


def office_time(t: datetime, rng: random.Random) -> datetime:
    """When staff would act on something that came in at t: t itself in office hours,
    otherwise some minutes after the next opening."""
    opened = _open(t)
    if opened == t:
        return t
    return opened + timedelta(minutes=rng.uniform(0, 90))


def random_office_moment(day: date, rng: random.Random) -> datetime:
    """A moment during office hours (08:30–17:30, staff start early and stay late) on day."""
    return at_local(day, rng.uniform(8.5 * 60, 17.5 * 60))
