"""Deadlines of service requests: the due time from the category's limit, and where a
request stands against it (on time / due soon / overdue / paused).

Rules:
- The limit counts office time on the Chinese calendar (core.work_calendar) from the
  report: "8 working hours" is 8 hours of open office, "3 working days" is close of
  business on the 3rd workday after the day of the report.
- The clock stops while an extension (延期) or a send-back (退回) waits for a decision:
  `paused_since` is set. When it is decided, the working time it stood still is added to
  `paused_seconds` and `due_at` moves later by that much working time (an approved
  extension moves it further). So `due_at` is always the effective deadline, and the
  dashboard can count overdue requests with a plain comparison.
- Due soon: less than DUE_SOON_WORKING_HOURS of office time left. Overdue: the due time
  has passed. A paused request is neither; a finished one is "finished".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final, Protocol

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

from community_app.core.deadline_rules import DUE_SOON, DUE_SOON_WORKING_HOURS
from community_app.core.stages import FINISHED_STAGES
from community_app.core.work_calendar import (
    DEFAULT_CALENDAR,
    HOUR,
    SECOND,
    WorkCalendar,
    from_micros,
    to_micros,
)

WORK_HOURS: Final = "work_hours"
WORK_DAYS: Final = "work_days"
LIMIT_UNITS: Final = (WORK_HOURS, WORK_DAYS)
LIMIT_UNIT_NAMES: Final = {WORK_HOURS: "工作小时", WORK_DAYS: "工作日"}

ON_TIME: Final = "on_time"
SOON: Final = "due_soon"
OVERDUE: Final = "overdue"
PAUSED: Final = "paused"
FINISHED: Final = "finished"
NONE: Final = "none"
STATE_NAMES: Final = {ON_TIME: "按期办理中", SOON: "即将超期", OVERDUE: "已超期", PAUSED: "暂停计时",
                      FINISHED: "已办结", NONE: "无办理时限"}
_STATE_CODES = (ON_TIME, SOON, OVERDUE, PAUSED, FINISHED, NONE)  # index = the bulk functions' state number

NO_TIME: Final = -(2**63)  # int64 minimum, "no instant" in the bulk arrays (no deadline, not paused)


class HasTimeLimit(Protocol):
    @property
    def time_limit(self) -> int | None: ...
    @property
    def time_limit_unit(self) -> str: ...


@dataclass(frozen=True)
class DeadlineStatus:
    state: str  # on_time / due_soon / overdue / paused / finished / none
    # office time left (negative: overdue by that much); while paused, what was left when the
    # clock stopped; None when finished or without a limit
    remaining_working_seconds: int | None
    paused_working_seconds: int = 0  # office time the clock has stood still, the running pause included

    @property
    def name(self) -> str:
        return STATE_NAMES[self.state]


def due_at_for(category: HasTimeLimit, reported_at: datetime,
               calendar: WorkCalendar = DEFAULT_CALENDAR) -> datetime | None:
    """The due time of a request of `category` reported at `reported_at`; None without a limit."""
    limit, unit = category.time_limit, category.time_limit_unit
    if not limit:
        return None
    if unit == WORK_DAYS:
        return calendar.add_working_days(reported_at, limit)
    if unit == WORK_HOURS:
        return calendar.add_working_hours(reported_at, limit)
    raise ValueError(f"unknown time limit unit {unit!r}")


def due_soon_cutoff(now: datetime, calendar: WorkCalendar = DEFAULT_CALENDAR) -> datetime:
    """A running request is due soon when now ≤ due_at < this instant (DUE_SOON of office time
    from now): the same rule as deadline_status, in a form SQL can compare with."""
    return calendar.add_working_time(now, DUE_SOON)


def paused_working_seconds(paused_since: datetime, now: datetime,
                           calendar: WorkCalendar = DEFAULT_CALENDAR) -> int:
    """Office time of a pause that started at paused_since and ends now (never negative)."""
    return max(calendar.working_seconds_between(paused_since, now), 0)


def resume(due_at: datetime | None, paused_since: datetime, now: datetime, *, extra: timedelta = timedelta(0),
           calendar: WorkCalendar = DEFAULT_CALENDAR) -> tuple[datetime | None, int]:
    """End a pause: (the moved due time, the office seconds it stood still). `extra` is office
    time granted on top (an approved extension)."""
    paused = paused_working_seconds(paused_since, now, calendar)
    if due_at is None:
        return None, paused
    return calendar.add_working_time(due_at, timedelta(seconds=paused) + extra), paused


def deadline_status(due_at: datetime | None, paused_since: datetime | None, paused_seconds: int, stage: str,
                    now: datetime, calendar: WorkCalendar = DEFAULT_CALENDAR) -> DeadlineStatus:
    """Where one request stands at `now`. due_at is the effective due time (already moved by
    finished pauses); paused_seconds is their total office time, reported back with the
    running pause added."""
    paused_total = paused_seconds + (paused_working_seconds(paused_since, now, calendar) if paused_since else 0)
    if stage in FINISHED_STAGES:
        return DeadlineStatus(FINISHED, None, paused_total)
    if due_at is None:
        return DeadlineStatus(PAUSED if paused_since else NONE, None, paused_total)
    if paused_since is not None:
        return DeadlineStatus(PAUSED, calendar.working_seconds_between(paused_since, due_at), paused_total)
    left = calendar.working_seconds_between(now, due_at)
    if due_at < now:
        state = OVERDUE
    elif left < DUE_SOON_WORKING_HOURS * 3600:
        state = SOON
    else:
        state = ON_TIME
    return DeadlineStatus(state, left, paused_total)


# ---- many requests at once ---------------------------------------------------------------

def due_at_bulk(reported_us: npt.NDArray[np.int64], limits: npt.NDArray[np.int64], in_days: npt.NDArray[np.bool_],
                calendar: WorkCalendar = DEFAULT_CALENDAR) -> npt.NDArray[np.int64]:
    """due_at_for over arrays: reported instants (µs), limits (0 = none) and whether each limit
    is in working days (else working hours). NO_TIME where there is no limit."""
    import numpy as np

    reported_us = np.asarray(reported_us, dtype=np.int64)
    limits = np.asarray(limits, dtype=np.int64)
    in_days = np.asarray(in_days, dtype=bool)
    out = np.full(reported_us.shape, NO_TIME, dtype=np.int64)
    hours = (limits > 0) & ~in_days
    days = (limits > 0) & in_days
    if hours.any():
        out[hours] = calendar.add_working_micros_bulk(reported_us[hours], limits[hours] * HOUR)
    if days.any():
        out[days] = calendar.add_working_days_micros_bulk(reported_us[days], limits[days])
    return out


def deadline_states_bulk(due_us: npt.NDArray[np.int64], paused_us: npt.NDArray[np.int64],
                         finished: npt.NDArray[np.bool_], now: datetime,
                         calendar: WorkCalendar = DEFAULT_CALENDAR) -> tuple[list[str], npt.NDArray[np.int64]]:
    """deadline_status over arrays (NO_TIME for "no deadline" / "not paused"): the state codes
    and the remaining office seconds (meaningless where the state is finished or none)."""
    import numpy as np

    due_us = np.asarray(due_us, dtype=np.int64)
    paused_us = np.asarray(paused_us, dtype=np.int64)
    finished = np.asarray(finished, dtype=bool)
    now_us = to_micros(now)
    has_due, paused = due_us != NO_TIME, paused_us != NO_TIME
    # the clock reads at the pause for paused requests, now for the others; no-deadline rows get a harmless instant
    clock = np.where(paused, paused_us, now_us)
    target = np.where(has_due, due_us, clock)
    left_us = calendar.working_micros_between_bulk(clock, target) if due_us.size else np.zeros(0, np.int64)
    left = np.where(left_us >= 0, left_us // SECOND, -(-left_us // SECOND))
    state = np.where(left < DUE_SOON_WORKING_HOURS * 3600, 1, 0)  # due soon / on time
    state = np.where(due_us < now_us, 2, state)
    state = np.where(has_due, state, 5)
    state = np.where(paused, 3, state)
    state = np.where(finished, 4, state)
    return [_STATE_CODES[i] for i in state.tolist()], left


def deadline_statuses(rows: Sequence[tuple[datetime | None, datetime | None, int, str]], now: datetime,
                      calendar: WorkCalendar = DEFAULT_CALENDAR) -> list[DeadlineStatus]:
    """deadline_status for many (due_at, paused_since, paused_seconds, stage) rows at once."""
    import numpy as np

    if not rows:
        return []
    due = np.array([NO_TIME if r[0] is None else to_micros(r[0]) for r in rows], dtype=np.int64)
    paused = np.array([NO_TIME if r[1] is None else to_micros(r[1]) for r in rows], dtype=np.int64)
    finished = np.array([r[3] in FINISHED_STAGES for r in rows], dtype=bool)
    states, left = deadline_states_bulk(due, paused, finished, now, calendar)
    out = []
    for (due_at, since, paused_seconds, _), state, remaining in zip(rows, states, left.tolist(), strict=True):
        total = paused_seconds + (paused_working_seconds(since, now, calendar) if since is not None else 0)
        out.append(DeadlineStatus(state, None if due_at is None or state == FINISHED else remaining, total))
    return out


def as_datetime(us: int) -> datetime | None:
    return None if us == NO_TIME else from_micros(us)
