"""Times are UTC in the database and Asia/Shanghai (北京时间) on screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _shanghai() -> tzinfo:
    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:  # Windows without the tzdata package; China has no DST since 1991
        return timezone(timedelta(hours=8), "CST")


SHANGHAI = _shanghai()


def to_local(moment: datetime) -> datetime:
    """Aware Asia/Shanghai time; a naive value is taken as UTC (how the database stores it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(SHANGHAI)


def format_minutes(moment: datetime) -> str:
    return to_local(moment).strftime("%Y-%m-%d %H:%M")


def format_seconds(moment: datetime) -> str:
    return to_local(moment).strftime("%Y-%m-%d %H:%M:%S")
