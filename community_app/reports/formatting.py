"""How figures are written in the reports (one place, so tests and reports agree)."""

from __future__ import annotations

from datetime import datetime

from community_app.core.localtime import SHANGHAI

NONE = "—"  # no base to compute a rate from


def count(value: int) -> str:
    return str(value)


def rate(value: float | None) -> str:
    """0.8534 → "85.3%"; None → "—"."""
    return NONE if value is None else f"{value * 100:.1f}%"


def score(value: float | None) -> str:
    """Mean satisfaction 1–5: 4.5166 → "4.52"."""
    return NONE if value is None else f"{value:.2f}"


def count_change(now: int, before: int) -> str:
    diff = now - before
    return "持平" if diff == 0 else f"{diff:+d}"


def rate_change(now: float | None, before: float | None) -> str:
    """Change of a rate in percentage points (个百分点), as official reports say it."""
    if now is None or before is None:
        return NONE
    diff = round((now - before) * 100, 1)
    return "持平" if diff == 0 else f"{diff:+.1f}个百分点"


def score_change(now: float | None, before: float | None) -> str:
    if now is None or before is None:
        return NONE
    diff = round(now - before, 2)
    return "持平" if diff == 0 else f"{diff:+.2f}"


def local_minute(moment: datetime | None) -> str:
    """UTC → "2026-10-03 17:00" Beijing time."""
    return "" if moment is None else moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def local_day(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone(SHANGHAI).strftime("%Y-%m-%d")
