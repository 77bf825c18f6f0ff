"""Working time for demo deadlines and staff actions, on the app's own calendar.

Deadlines and office hours come from community_app.core.work_calendar — 08:30–12:00 and
13:30–17:30 Beijing time, Chinese public holidays off and make-up workdays (调休) on — so a
demo request's due time is exactly what the app would have set when it was logged, and
the deadline states the app shows (on time / due soon / overdue) are the app's own.

Instants and durations are integer microseconds (db.demo.clock), as in the calendar. This
runs a few million times for a street, so the common case (a step that fits in the same
office period of a workday) is a dictionary lookup, a comparison and an addition; the rest
goes to the calendar's prefix-sum tables.
"""

from __future__ import annotations

import random
from typing import Final

from community_app.core.work_calendar import DEFAULT_CALENDAR, day_date
from db.demo.clock import CHINA, DAY, HOUR, MINUTE, midnight

CALENDAR: Final = DEFAULT_CALENDAR
# office periods as microseconds from China midnight: ((08:30, 12:00), (13:30, 17:30))
PERIODS: Final = tuple((p[0].hour * HOUR + p[0].minute * MINUTE, p[1].hour * HOUR + p[1].minute * MINUTE)
                       for p in CALENDAR.periods)
OPEN, CLOSE = PERIODS[0][0], PERIODS[-1][1]
WORK_DAY: Final = CALENDAR.day_us  # 7.5 hours

_WORKDAYS: dict[int, bool] = {}


def is_workday(day: int) -> bool:
    """Is the China day (days since 1970-01-01) a workday of the official calendar?"""
    known = _WORKDAYS.get(day)
    if known is None:
        known = _WORKDAYS[day] = CALENDAR.is_workday(day_date(day))
    return known


def opening(t: int) -> int:
    """t itself if the office is open then, else the next opening."""
    day, s = divmod(t + CHINA, DAY)
    if is_workday(day):
        for start, end in PERIODS:
            if s < start:
                return t - s + start
            if s < end:
                return t
    return CALENDAR.add_working_micros(t, 1) - 1


def add_work_time(t: int, duration: int) -> int:
    """The instant `duration` of office time after t (counted from the next opening): the
    calendar's answer, worked out here when it falls on the same workday (most staff steps)."""
    if duration <= 0:
        return CALENDAR.add_working_micros(t, duration)  # 0: t itself; negative: the calendar's error
    day, s = divmod(t + CHINA, DAY)
    if is_workday(day):
        left = duration
        for start, end in PERIODS:
            if s >= end:
                continue
            s = max(s, start)
            if left <= end - s:
                return t - (t + CHINA) % DAY + s + left
            left -= end - s
            s = end
    return CALENDAR.add_working_micros(t, duration)


def add_work_days(t: int, days: int) -> int:
    """Close of business on the `days`-th workday after the (China) day of t."""
    return CALENDAR.add_working_days_micros(t, days)


def work_between(a: int, b: int) -> int:
    """Office time from a to b (negative when b is before a)."""
    return CALENDAR.working_micros_between(a, b)


def due_at(reported: int, limit: int | None, unit: str) -> int | None:
    """The deadline core.deadlines.due_at_for gives a request logged at `reported`."""
    if limit is None:
        return None
    if unit == "work_days":
        return add_work_days(reported, limit)
    return add_work_time(reported, limit * HOUR)


def limit_hours(limit: int | None, unit: str) -> float | None:
    """A time limit in working hours (a working day has 7.5)."""
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


def office_day(day: int) -> int:
    """The workday nearest to `day` (earlier first), at most three days away; a day in the
    middle of a long holiday stays as it is (the duty worker's call)."""
    if is_workday(day):
        return day
    for step in (1, 2, 3):
        if is_workday(day - step):
            return day - step
        if is_workday(day + step):
            return day + step
    return day


def random_office_moment(day: int, rng: random.Random) -> int:
    """A moment during office hours (08:30–17:30, staff start early and stay late) on day."""
    return midnight(day) + int(rng.uniform(8.5, 17.5) * HOUR)
