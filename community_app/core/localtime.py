"""The local calendar of the office: Asia/Shanghai (北京时间). The database stores UTC; ages,
"today" and dates typed by users are local."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _shanghai() -> tzinfo:
    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:  # Windows without the tzdata package; China has no DST since 1991
        return timezone(timedelta(hours=8), "CST")


SHANGHAI = _shanghai()


def today(now: datetime | None = None) -> date:
    """Today's date in Shanghai (at 01:00 Beijing time it is still yesterday in UTC)."""
    return (now or datetime.now(UTC)).astimezone(SHANGHAI).date()


def age_on(birth: date, day: date) -> int:
    """Completed years on `day` (a birthday counts from the day itself; 29 Feb from 1 Mar)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
