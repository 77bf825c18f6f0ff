"""The deadline rules the dashboard shows without loading the working-time calendar
(core.deadlines imports numpy and chinese_calendar, which start-up should not wait for)."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

DUE_SOON_WORKING_HOURS: Final = 4  # "due soon": less than this much office time left
DUE_SOON: Final = timedelta(hours=DUE_SOON_WORKING_HOURS)  # of office time, not of the wall clock
