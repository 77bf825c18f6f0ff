"""Working time on the Chinese calendar. Every expected instant is worked out by hand from the
State Council's 2025 schedule: 国庆+中秋 1–8 October off, Sunday 28 September and Saturday
11 October worked (调休); office hours 08:30–12:00 and 13:30–17:30."""

from __future__ import annotations

import logging
import random
from datetime import UTC, date, datetime, time, timedelta

import chinese_calendar
import numpy as np
import pytest

from community_app.core.work_calendar import (
    DEFAULT_CALENDAR,
    HOUR,
    WorkCalendar,
    add_working_days,
    add_working_hours,
    add_working_time,
    official_workday,
    to_micros,
    working_seconds_between,
)
from tests.core.casework_helpers import bj


@pytest.mark.parametrize(("start", "hours", "expected"), [
    # same morning; across lunch (11:00 + 2 h = 12:00, then 13:30–14:30)
    (bj(2025, 11, 12, 9, 0), 2, bj(2025, 11, 12, 11, 0)),
    (bj(2025, 11, 12, 11, 0), 2, bj(2025, 11, 12, 14, 30)),
    # a period's end is reached, not the next opening
    (bj(2025, 11, 12, 10, 0), 2, bj(2025, 11, 12, 12, 0)),
    # reported during lunch / at night: the clock starts at the next opening
    (bj(2025, 11, 12, 12, 40), 1, bj(2025, 11, 12, 14, 30)),
    (bj(2025, 11, 12, 22, 0), 1, bj(2025, 11, 13, 9, 30)),
    # weekend: Fri 14 Nov 16:00 → 1.5 h on Friday, 2.5 h on Monday 17th
    (bj(2025, 11, 14, 16, 0), 4, bj(2025, 11, 17, 11, 0)),
    # reported on Saturday: Monday 08:30 + 2 h
    (bj(2025, 11, 15, 10, 0), 2, bj(2025, 11, 17, 10, 30)),
    # national holiday: Tue 30 Sep 16:00 → 1.5 h, then 1–8 Oct off, Thu 9 Oct 08:30 + 2.5 h
    (bj(2025, 9, 30, 16, 0), 4, bj(2025, 10, 9, 11, 0)),
    # make-up Sunday: Fri 26 Sep 16:00 → 1.5 h, Sat 27 off, Sun 28 Sep worked: 08:30 + 2.5 h
    (bj(2025, 9, 26, 16, 0), 4, bj(2025, 9, 28, 11, 0)),
    # make-up Saturday: Fri 10 Oct 17:00 → 0.5 h, Sat 11 Oct worked: 08:30 + 1.5 h
    (bj(2025, 10, 10, 17, 0), 2, bj(2025, 10, 11, 10, 0)),
    # a long limit: 16 h from Thu 25 Sep 09:00 = 7 (Thu) + 7.5 (Fri) + 1.5 (make-up Sun 28, from 08:30)
    (bj(2025, 9, 25, 9, 0), 16, bj(2025, 9, 28, 10, 0)),
    # zero: the instant itself, even outside office hours
    (bj(2025, 10, 3, 20, 0), 0, bj(2025, 10, 3, 20, 0)),
])
def test_adding_working_hours(start: object, hours: float, expected: object) -> None:
    assert add_working_hours(start, hours) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("start", "days", "expected"), [
    # N working days = close of business on the Nth workday after the day of the report
    (bj(2025, 11, 12, 9, 0), 1, bj(2025, 11, 13, 17, 30)),
    (bj(2025, 11, 14, 8, 0), 1, bj(2025, 11, 17, 17, 30)),  # Friday → Monday
    (bj(2025, 11, 15, 23, 0), 3, bj(2025, 11, 19, 17, 30)),  # from Saturday: Mon, Tue, Wed
    (bj(2025, 9, 26, 10, 0), 1, bj(2025, 9, 28, 17, 30)),  # Friday → make-up Sunday
    (bj(2025, 9, 26, 10, 0), 2, bj(2025, 9, 29, 17, 30)),
    (bj(2025, 9, 30, 10, 0), 1, bj(2025, 10, 9, 17, 30)),  # over the holiday
    (bj(2025, 10, 9, 10, 0), 2, bj(2025, 10, 11, 17, 30)),  # Fri 10, make-up Sat 11
    (bj(2025, 10, 1, 10, 0), 3, bj(2025, 10, 11, 17, 30)),  # reported on a holiday: 9, 10, 11
])
def test_adding_working_days(start: object, days: int, expected: object) -> None:
    assert add_working_days(start, days) == expected  # type: ignore[arg-type]


def test_the_report_day_is_the_beijing_date() -> None:
    # 23:30 UTC on Sunday 28 Sep is Monday 29 Sep 07:30 in Beijing: one working day later is Tue 30
    assert add_working_days(datetime(2025, 9, 28, 23, 30, tzinfo=UTC), 1) == bj(2025, 9, 30, 17, 30)


@pytest.mark.parametrize(("a", "b", "seconds"), [
    (bj(2025, 11, 12, 9, 0), bj(2025, 11, 12, 15, 0), int(4.5 * 3600)),  # 3 h + 1.5 h, lunch excluded
    (bj(2025, 11, 14, 17, 0), bj(2025, 11, 17, 9, 0), 3600),  # weekend: 0.5 h + 0.5 h
    (bj(2025, 9, 30, 16, 0), bj(2025, 10, 9, 9, 30), int(2.5 * 3600)),  # holiday
    (bj(2025, 9, 27, 12, 0), bj(2025, 9, 28, 12, 0), int(3.5 * 3600)),  # make-up Sunday morning
    (bj(2025, 10, 4, 9, 0), bj(2025, 10, 5, 17, 0), 0),  # inside the holiday
    (bj(2025, 11, 12, 15, 0), bj(2025, 11, 12, 9, 0), -int(4.5 * 3600)),  # backwards: negative
])
def test_working_seconds_between(a: object, b: object, seconds: int) -> None:
    assert working_seconds_between(a, b) == seconds  # type: ignore[arg-type]


def test_adding_then_measuring_gives_back_the_same_time() -> None:
    rng = random.Random(4)
    start = bj(2025, 1, 1, 0, 0)
    for _ in range(2000):
        t = start + timedelta(minutes=rng.randrange(0, 600 * 24 * 60))
        d = timedelta(minutes=rng.randrange(0, 60 * 60))
        assert working_seconds_between(t, add_working_time(t, d)) == d.total_seconds()


def test_bulk_functions_equal_the_one_at_a_time_ones() -> None:
    rng = random.Random(7)
    cal = DEFAULT_CALENDAR
    base = to_micros(bj(2025, 1, 1, 0, 0))
    starts = np.array([base + rng.randrange(0, 700 * 24 * HOUR) for _ in range(3000)], dtype=np.int64)
    durations = np.array([rng.choice([0, HOUR, 2 * HOUR, rng.randrange(0, 60 * HOUR)]) for _ in starts])
    days = np.array([rng.randrange(1, 12) for _ in starts])
    ends = starts + np.array([rng.randrange(-20 * 24 * HOUR, 20 * 24 * HOUR) for _ in starts])
    assert cal.add_working_micros_bulk(starts, durations).tolist() == [
        cal.add_working_micros(int(s), int(d)) for s, d in zip(starts, durations, strict=True)]
    assert cal.add_working_days_micros_bulk(starts, days).tolist() == [
        cal.add_working_days_micros(int(s), int(d)) for s, d in zip(starts, days, strict=True)]
    assert cal.working_micros_between_bulk(starts, ends).tolist() == [
        cal.working_micros_between(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]


def test_other_office_hours() -> None:
    nine_to_five = WorkCalendar(periods=((time(9, 0), time(17, 0)),))
    assert nine_to_five.add_working_hours(bj(2025, 11, 14, 16, 0), 4) == bj(2025, 11, 17, 12, 0)
    assert nine_to_five.add_working_days(bj(2025, 11, 14, 16, 0), 1) == bj(2025, 11, 17, 17, 0)
    assert nine_to_five.working_seconds_between(bj(2025, 11, 12, 8, 0), bj(2025, 11, 12, 18, 0)) == 8 * 3600
    with pytest.raises(ValueError, match="periods"):
        WorkCalendar(periods=((time(13, 0), time(12, 0)),))
    with pytest.raises(ValueError, match="periods"):
        WorkCalendar(periods=((time(8, 0), time(12, 0)), (time(11, 0), time(14, 0))))


@pytest.mark.parametrize("year", [2003, 2031])
def test_years_without_holiday_data_fall_back_to_monday_to_friday(year: int,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    cal = WorkCalendar()  # the warning is logged once per process, when a year is first needed
    with caplog.at_level(logging.WARNING, logger="community_app.core.work_calendar"):
        first_monday = date(year, 1, 1) + timedelta(days=(7 - date(year, 1, 1).weekday()) % 7)
        friday = first_monday + timedelta(days=4 + 7)
        start = bj(friday.year, friday.month, friday.day, 16, 0)
        assert cal.add_working_hours(start, 4) == start.replace(day=friday.day + 3, hour=11)
        assert cal.is_workday(friday) and not cal.is_workday(friday + timedelta(days=1))
    assert any(str(year) in r.getMessage() and "Monday to Friday" in r.getMessage() for r in caplog.records)


def test_official_workdays_equal_chinese_calendar_on_every_day_it_covers() -> None:
    first, last = min(chinese_calendar.holidays), max(chinese_calendar.holidays)
    day = date(first.year, 1, 1)
    while day.year <= last.year:
        assert official_workday(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        add_working_hours(datetime(2025, 11, 12, 9, 0), 2)
