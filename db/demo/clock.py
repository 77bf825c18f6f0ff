"""Time inside the demo generator: integer microseconds since the Unix epoch, UTC.

A street-sized demo computes a few million instants (a report, a few working hours later,
a deadline, a visit). As integers each step is an addition, and each instant is turned
into text once, by `stamp`, in exactly the form SQLAlchemy's UTCDateTime stores on SQLite
('2026-11-24 02:00:00.000000'). China time is UTC+8 all year (no DST since 1991), so a
China calendar day is plain integer division.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

SECOND = 1_000_000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR
CHINA = 8 * HOUR  # UTC+8

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_MICROSECOND = timedelta(microseconds=1)


def micros(t: datetime) -> int:
    """An aware datetime as microseconds since the epoch."""
    if t.tzinfo is None:
        raise ValueError("naive datetime given; the demo works in UTC — pass an aware datetime")
    return (t - _EPOCH) // _MICROSECOND


def as_datetime(us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=us)


_HOURS: dict[int, str] = {}  # hours since the epoch → 'YYYY-MM-DD HH:'
_MIN_SEC = tuple(f"{m:02d}:{s:02d}." for m in range(60) for s in range(60))


def stamp(us: int) -> str:
    """UTCDateTime's text for an instant. Only the date-and-hour part goes through
    strftime, once per hour of the demo's history; the rest is a table lookup."""
    hours, rest = divmod(us, HOUR)
    prefix = _HOURS.get(hours)
    if prefix is None:
        prefix = _HOURS[hours] = (_EPOCH + timedelta(hours=hours)).strftime("%Y-%m-%d %H:")
    seconds, micro = divmod(rest, SECOND)
    return prefix + _MIN_SEC[seconds] + "%06d" % micro  # noqa: UP031 - the fastest way here


# ---- China calendar days: days since 1970-01-01 in China time ---------------------------

def local_day(us: int) -> int:
    return (us + CHINA) // DAY


def weekday(day: int) -> int:
    """Monday 0 … Sunday 6 (1970-01-01 was a Thursday)."""
    return (day + 3) % 7


def midnight(day: int) -> int:
    """The UTC instant of China midnight at the start of day."""
    return day * DAY - CHINA


_DATES: dict[int, date] = {}


def day_date(day: int) -> date:
    d = _DATES.get(day)
    if d is None:
        d = _DATES[day] = date.fromordinal(_EPOCH_ORDINAL + day)
    return d


def local_date(us: int) -> date:
    """The China calendar date of an instant."""
    return day_date(local_day(us))


def day_of(d: date) -> int:
    return d.toordinal() - _EPOCH_ORDINAL


def local_hour(us: int) -> int:
    return (us + CHINA) % DAY // HOUR


_YMD: dict[int, str] = {}


def ymd(us: int) -> str:
    """The China date of an instant as '20261124'."""
    day = local_day(us)
    text = _YMD.get(day)
    if text is None:
        text = _YMD[day] = day_date(day).strftime("%Y%m%d")
    return text
