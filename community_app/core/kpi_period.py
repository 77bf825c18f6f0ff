"""Reporting periods of the supervisor's indicators: whole local days (Asia/Shanghai), the
first and the last day both included, as a supervisor says "本月" or "10月1日至10月31日".

A period is turned into UTC bounds for SQL: [00:00 of the first day, 00:00 after the last
day). Indicators are counted up to the *cutoff*: the end of the period, or now when the
period has not ended yet, so a past month's numbers no longer change with the day of the
week they are looked at, and the current month is "so far".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Final, Literal

from community_app.core.localtime import SHANGHAI

PeriodKind = Literal["this_month", "last_month", "this_quarter", "last_quarter", "this_year", "custom"]
PERIOD_KINDS: Final[tuple[PeriodKind, ...]] = (
    "this_month", "last_month", "this_quarter", "last_quarter", "this_year", "custom")
TREND_WEEKS: Final = 12  # the weekly trend shows at least this many weeks, ending with the period
MAX_DAYS: Final = 366 * 3  # a longer custom period is a date typed wrong


def day_start(day: date) -> datetime:
    """00:00 Beijing time of `day`, as an aware UTC datetime."""
    return datetime.combine(day, time(0), SHANGHAI).astimezone(UTC)


def local_date(moment: datetime) -> date:
    return moment.astimezone(SHANGHAI).date()


def week_start(day: date) -> date:
    """The Monday of day's week (Chinese calendars start weeks on Monday)."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Period:
    start: date  # first local day, included
    end: date  # last local day, included
    kind: PeriodKind = "custom"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period cannot end before it starts")
        if (self.end - self.start).days > MAX_DAYS:
            raise ValueError("a period is at most three years")

    @property
    def utc_start(self) -> datetime:
        return day_start(self.start)

    @property
    def utc_end(self) -> datetime:
        """00:00 of the day after the last day: the bound is exclusive."""
        return day_start(self.end + timedelta(days=1))

    def cutoff(self, now: datetime) -> datetime:
        """Where counting stops: the end of the period, or now if it has not ended."""
        return max(self.utc_start, min(self.utc_end, now))

    def last_day(self, now: datetime) -> date:
        """The last local day counted: the period's last day, or today if earlier."""
        return max(self.start, min(self.end, local_date(now)))

    def contains(self, moment: datetime) -> bool:
        return self.utc_start <= moment < self.utc_end

    def trend_weeks(self, now: datetime, minimum: int = TREND_WEEKS) -> list[date]:
        """Mondays of the weeks the weekly trend shows: every week of the period up to its
        last counted day, extended back to at least `minimum` weeks for context."""
        last = week_start(self.last_day(now))
        first = min(week_start(self.start), last - timedelta(weeks=minimum - 1))
        return [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def preset(kind: PeriodKind, today: date) -> Period:
    """The named period around `today` (a local date). "custom" gives this month too: the
    caller replaces it with the dates chosen."""
    if kind in ("this_month", "custom"):
        start = _month_start(today)
        return Period(start, _next_month(start) - timedelta(days=1), kind)
    if kind == "last_month":
        end = _month_start(today) - timedelta(days=1)
        return Period(_month_start(end), end, kind)
    if kind == "this_quarter":
        start = _quarter_start(today)
        return Period(start, _next_month(_next_month(_next_month(start))) - timedelta(days=1), kind)
    if kind == "last_quarter":
        end = _quarter_start(today) - timedelta(days=1)
        return Period(_quarter_start(end), end, kind)
    if kind == "this_year":
        return Period(date(today.year, 1, 1), date(today.year, 12, 31), kind)
    raise ValueError(f"unknown period kind {kind!r}")


def this_month(now: datetime) -> Period:
    return preset("this_month", local_date(now))
