"""Working time on the Chinese office calendar: public holidays and make-up workdays (调休)
from the `chinese_calendar` package, office hours from a WorkCalendar.

Default office hours are 08:30–12:00 and 13:30–17:30 Beijing time (a 7.5-hour day): the
usual day of a community service centre (社区党群服务中心), with the long lunch break
Chinese offices keep. A deadline of "4 working hours" set at 11:00 therefore falls at
15:30, not at 15:00. Offices with other hours (seasonal 夏令/冬令 schedules, a shorter
lunch) pass their own periods: WorkCalendar(periods=((time(9), time(12)), …)).

How it is fast: instants are integer microseconds since the epoch, and China time is UTC+8
all year (no DST since 1991), so a local day is an integer division. For a contiguous run
of whole years the calendar keeps, per local day, whether it is a workday and the working
time before it (a prefix sum). Working time before an instant is then a table lookup plus
at most a few comparisons, working time between two instants a subtraction, and adding
working time a binary search over the prefix sum. The bulk functions do the same with
numpy over arrays (100,000 deadlines in milliseconds).

Years chinese_calendar has no data for (before 2004, or after the last year the installed
version knows — the State Council publishes each year's schedule in November) fall back to
Monday–Friday, with one logged warning per year, never an error.
"""

from __future__ import annotations

import logging
import threading
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, cached_property
from typing import TYPE_CHECKING, Final

import chinese_calendar

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Micros = npt.NDArray[np.int64]

log = logging.getLogger(__name__)

SECOND: Final = 1_000_000  # instants and durations are integer microseconds
MINUTE: Final = 60 * SECOND
HOUR: Final = 60 * MINUTE
DAY: Final = 24 * HOUR
CHINA_OFFSET: Final = 8 * HOUR  # UTC+8
DEFAULT_PERIODS: Final = ((time(8, 30), time(12, 0)), (time(13, 30), time(17, 30)))

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_ONE_US = timedelta(microseconds=1)
_warned_years: set[int] = set()
_warn_lock = threading.Lock()

# numpy is imported by the bulk functions only: the single-instant ones (the dashboard's
# due-soon cutoff, at start) stay off its ≈0.15 s import.


def to_micros(t: datetime) -> int:
    """An aware datetime as microseconds since the epoch (naive ones are refused, as in the DB)."""
    if t.tzinfo is None:
        raise ValueError("naive datetime given; pass an aware datetime (the database stores UTC)")
    return (t - _EPOCH) // _ONE_US


def from_micros(us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=int(us))


def local_day(us: int) -> int:
    """Days since 1970-01-01, China time."""
    return (us + CHINA_OFFSET) // DAY


def day_date(day: int) -> date:
    return date.fromordinal(_EPOCH_ORDINAL + day)


@cache
def _official_data() -> tuple[int, int, frozenset[date], frozenset[date]]:
    """chinese_calendar's data, read once: its is_workday checks the years it covers with a
    min and max over every holiday on each call (≈40 µs a day, 14 ms for the year the start's
    due-soon count needs)."""
    holidays, workdays = chinese_calendar.holidays, chinese_calendar.workdays
    return min(holidays).year, max(holidays).year, frozenset(holidays), frozenset(workdays)


def official_workday(day: date) -> bool:
    """Is `day` a workday by the State Council's schedule (holidays off, 调休 Saturdays and
    Sundays on)? Outside the years chinese_calendar knows: Monday to Friday. The same answer
    as chinese_calendar.is_workday (a test compares every day it covers)."""
    first_year, last_year, holidays, workdays = _official_data()
    if first_year <= day.year <= last_year:
        return day in workdays or (day.weekday() < 5 and day not in holidays)
    with _warn_lock:
        if day.year not in _warned_years:
            _warned_years.add(day.year)
            log.warning("chinese_calendar %s has no holiday data for %d: counting Monday to Friday as "
                        "workdays that year", getattr(chinese_calendar, "__version__", "?"), day.year)
    return day.weekday() < 5


def _days_ahead(workdays: int) -> int:
    """Calendar days that surely hold `workdays` workdays in the usual case: weekends, plus the
    longest holiday (Spring Festival and 国庆 run 8–9 days). If a run of holidays holds out
    longer, the callers grow the table and try again; a tight guess keeps years nobody asked
    about (and their "no holiday data" warning) out of the table."""
    return workdays * 7 // 5 + 12


@dataclass(frozen=True)
class _Table:
    """Per local day from first_day on: workday flag, working time and workdays before it."""

    first_day: int
    first_year: int
    last_year: int
    workday: list[bool]
    cum: list[int]  # working µs before day i (length days + 1)
    count: list[int]  # workdays before day i (length days + 1)

    @property
    def days(self) -> int:
        return len(self.workday)

    # the same as arrays, for the bulk functions (made on first use; a frozen dataclass
    # still has a __dict__ for cached_property)
    @cached_property
    def np_workday(self) -> npt.NDArray[np.int64]:
        import numpy as np

        return np.array(self.workday, dtype=np.int64)

    @cached_property
    def np_cum(self) -> Micros:
        import numpy as np

        return np.array(self.cum, dtype=np.int64)

    @cached_property
    def np_count(self) -> npt.NDArray[np.int64]:
        import numpy as np

        return np.array(self.count, dtype=np.int64)


class WorkCalendar:
    """Office hours on the official calendar. Immutable once made; safe to share between threads."""

    def __init__(self, periods: Sequence[tuple[time, time]] = DEFAULT_PERIODS, *,
                 is_workday: Callable[[date], bool] = official_workday) -> None:
        if not periods:
            raise ValueError("a working day needs at least one period")
        starts, ends = [], []
        for start, end in periods:
            s = (start.hour * 3600 + start.minute * 60 + start.second) * SECOND + start.microsecond
            e = DAY if end == time(0) else (end.hour * 3600 + end.minute * 60 + end.second) * SECOND + end.microsecond
            if not s < e or (ends and s < ends[-1]):
                raise ValueError("periods must run forwards, in order and without overlapping")
            starts.append(s)
            ends.append(e)
        self.periods = tuple(periods)
        self._starts, self._ends = starts, ends
        self._before = [0]  # working µs of a workday before each period starts
        for s, e in zip(starts, ends, strict=True):
            self._before.append(self._before[-1] + e - s)
        self.day_us = self._before[-1]
        self._is_workday = is_workday
        self._year_flags: dict[int, list[bool]] = {}  # growing a table asks only for the new years
        self._table: _Table | None = None
        self._lock = threading.Lock()

    # ---- the per-day tables ---------------------------------------------------------------
    def _build(self, first_year: int, last_year: int) -> _Table:
        first_day = date(first_year, 1, 1).toordinal() - _EPOCH_ORDINAL
        n = date(last_year + 1, 1, 1).toordinal() - _EPOCH_ORDINAL - first_day
        workday: list[bool] = []
        for year in range(first_year, last_year + 1):
            flags = self._year_flags.get(year)
            if flags is None:
                first = date(year, 1, 1)
                days = date(year + 1, 1, 1).toordinal() - first.toordinal()
                flags = self._year_flags[year] = [self._is_workday(first + timedelta(days=i)) for i in range(days)]
            workday += flags
        cum, count = [0] * (n + 1), [0] * (n + 1)
        for i, w in enumerate(workday):
            cum[i + 1] = cum[i] + (self.day_us if w else 0)
            count[i + 1] = count[i] + w
        return _Table(first_day, first_year, last_year, workday, cum, count)

    def _covering(self, lo_day: int, hi_day: int) -> _Table:
        """A table holding every day from lo_day to hi_day. Tables grow by whole years and
        are never changed in place (a reader keeps the one it started with)."""
        table = self._table
        if table is not None and table.first_day <= lo_day and hi_day < table.first_day + table.days:
            return table
        with self._lock:
            table = self._table
            if table is not None and table.first_day <= lo_day and hi_day < table.first_day + table.days:
                return table  # another thread grew it meanwhile
            lo_year, hi_year = day_date(lo_day).year, day_date(hi_day).year
            if table is not None:
                lo_year, hi_year = min(lo_year, table.first_year), max(hi_year, table.last_year)
            self._table = table = self._build(lo_year, hi_year)
        return table

    def _within(self, s: int) -> int:
        """Working µs of a workday before local time-of-day s."""
        for start, end, before in zip(self._starts, self._ends, self._before, strict=False):
            if s <= start:
                return before
            if s < end:
                return before + s - start
        return self.day_us

    def _work_before(self, table: _Table, us: int) -> int:
        """Working µs from the table's first day up to instant us."""
        day, s = divmod(us + CHINA_OFFSET, DAY)
        i = day - table.first_day
        return table.cum[i] + (self._within(s) if table.workday[i] else 0)

    def _instant(self, table: _Table, target: int) -> int:
        """The earliest instant with `target` working µs before it (target > 0)."""
        i = bisect_left(table.cum, target)  # cum[i-1] < target <= cum[i]: reached on day i-1, a workday
        r = target - table.cum[i - 1]
        j = bisect_left(self._before, r, 1) - 1  # the period in which r is reached
        return (table.first_day + i - 1) * DAY - CHINA_OFFSET + self._starts[j] + r - self._before[j]

    # ---- one instant ----------------------------------------------------------------------
    def is_workday(self, day: date) -> bool:
        table = self._covering(day.toordinal() - _EPOCH_ORDINAL, day.toordinal() - _EPOCH_ORDINAL)
        return table.workday[day.toordinal() - _EPOCH_ORDINAL - table.first_day]

    def add_working_micros(self, start_us: int, duration_us: int) -> int:
        if duration_us < 0:
            raise ValueError("working time to add must not be negative")
        if duration_us == 0:
            return start_us
        day = local_day(start_us)
        span = day + _days_ahead(duration_us // max(self.day_us, 1) + 1)
        while True:
            table = self._covering(day, span)
            target = self._work_before(table, start_us) + duration_us
            if target <= table.cum[-1]:
                return self._instant(table, target)
            span += 366

    def add_working_time(self, start: datetime, duration: timedelta) -> datetime:
        """The instant when `duration` of office time has passed since start (counting from
        the next opening when start is outside office hours)."""
        return from_micros(self.add_working_micros(to_micros(start), duration // _ONE_US))

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        return self.add_working_time(start, timedelta(hours=hours))

    def add_working_days_micros(self, start_us: int, days: int) -> int:
        if days < 1:
            raise ValueError("a limit in working days must be at least 1")
        day = local_day(start_us)
        span = day + _days_ahead(days)
        while True:
            table = self._covering(day, span)
            wanted = table.count[day - table.first_day + 1] + days
            if wanted <= table.count[-1]:
                last = bisect_left(table.count, wanted) - 1 + table.first_day  # the Nth workday after
                return last * DAY - CHINA_OFFSET + self._ends[-1]
            span += 366

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """Close of business on the `days`-th workday after start's (Beijing) date; the day
        of the report itself does not count, whatever the hour."""
        return from_micros(self.add_working_days_micros(to_micros(start), days))

    def working_micros_between(self, a_us: int, b_us: int) -> int:
        """Office time from a to b; negative when b is before a."""
        lo, hi = min(a_us, b_us), max(a_us, b_us)
        table = self._covering(local_day(lo), local_day(hi))
        return self._work_before(table, b_us) - self._work_before(table, a_us)

    def working_seconds_between(self, a: datetime, b: datetime) -> int:
        """Whole seconds of office time from a to b (towards zero); negative when b < a."""
        us = self.working_micros_between(to_micros(a), to_micros(b))
        return us // SECOND if us >= 0 else -(-us // SECOND)

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        return timedelta(microseconds=self.working_micros_between(to_micros(a), to_micros(b)))

    # ---- many instants at once (numpy int64 microseconds) ----------------------------------
    @cached_property
    def _np_starts(self) -> Micros:
        import numpy as np

        return np.array(self._starts, dtype=np.int64)

    @cached_property
    def _np_lengths(self) -> Micros:
        import numpy as np

        return np.array([e - s for s, e in zip(self._starts, self._ends, strict=True)], dtype=np.int64)

    @cached_property
    def _np_before(self) -> Micros:
        import numpy as np

        return np.array(self._before, dtype=np.int64)

    def _bulk_table(self, *arrays: Micros, ahead_days: int = 0) -> _Table:
        lo = min(int(a.min()) for a in arrays)
        hi = max(int(a.max()) for a in arrays)
        return self._covering(local_day(lo), local_day(hi) + ahead_days)

    def _bulk_work_before(self, table: _Table, us: Micros) -> Micros:
        import numpy as np

        day, s = np.divmod(us + CHINA_OFFSET, DAY)
        i = day - table.first_day
        within = np.clip(s[:, None] - self._np_starts[None, :], 0, self._np_lengths[None, :]).sum(axis=1)
        return table.np_cum[i] + table.np_workday[i] * within  # type: ignore[no-any-return]

    def add_working_micros_bulk(self, starts: Micros, durations: Micros) -> Micros:
        """add_working_micros for each pair (durations ≥ 0)."""
        import numpy as np

        starts, durations = np.asarray(starts, dtype=np.int64), np.asarray(durations, dtype=np.int64)
        if starts.size == 0:
            return starts.copy()
        if (durations < 0).any():
            raise ValueError("working time to add must not be negative")
        ahead = _days_ahead(int(durations.max()) // max(self.day_us, 1) + 1)
        while True:
            table = self._bulk_table(starts, ahead_days=ahead)
            target = self._bulk_work_before(table, starts) + durations
            if int(target.max()) <= table.np_cum[-1]:
                break
            ahead += 366
        i = np.searchsorted(table.np_cum, target, side="left")
        r = target - table.np_cum[np.maximum(i - 1, 0)]
        j = np.searchsorted(self._np_before[1:], r, side="left")
        j = np.minimum(j, len(self._starts) - 1)
        out = (table.first_day + i - 1) * DAY - CHINA_OFFSET + self._np_starts[j] + r - self._np_before[j]
        return np.where(durations == 0, starts, out)  # type: ignore[no-any-return]

    def add_working_days_micros_bulk(self, starts: Micros, days: npt.NDArray[np.int64]) -> Micros:
        import numpy as np

        starts, days = np.asarray(starts, dtype=np.int64), np.asarray(days, dtype=np.int64)
        if starts.size == 0:
            return starts.copy()
        if (days < 1).any():
            raise ValueError("a limit in working days must be at least 1")
        ahead = _days_ahead(int(days.max()))
        start_days = (starts + CHINA_OFFSET) // DAY
        while True:
            table = self._bulk_table(starts, ahead_days=ahead)
            wanted = table.np_count[start_days - table.first_day + 1] + days
            if int(wanted.max()) <= table.np_count[-1]:
                break
            ahead += 366
        last = np.searchsorted(table.np_count, wanted, side="left") - 1 + table.first_day
        return last * DAY - CHINA_OFFSET + self._ends[-1]  # type: ignore[no-any-return]

    def working_micros_between_bulk(self, a: Micros, b: Micros) -> Micros:
        import numpy as np

        a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
        if a.size == 0:
            return a.copy()
        table = self._bulk_table(a, b)
        return self._bulk_work_before(table, b) - self._bulk_work_before(table, a)


DEFAULT_CALENDAR: Final = WorkCalendar()


def add_working_time(start: datetime, duration: timedelta, calendar: WorkCalendar = DEFAULT_CALENDAR) -> datetime:
    return calendar.add_working_time(start, duration)


def add_working_hours(start: datetime, hours: float, calendar: WorkCalendar = DEFAULT_CALENDAR) -> datetime:
    return calendar.add_working_hours(start, hours)


def add_working_days(start: datetime, days: int, calendar: WorkCalendar = DEFAULT_CALENDAR) -> datetime:
    return calendar.add_working_days(start, days)


def working_seconds_between(a: datetime, b: datetime, calendar: WorkCalendar = DEFAULT_CALENDAR) -> int:
    return calendar.working_seconds_between(a, b)
