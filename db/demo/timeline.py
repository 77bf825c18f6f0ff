"""The life of one service request: which transitions it went through to reach its stage,
who made each one and when. One request_event row per transition, in time order.

Action names: report, accept, reject, merge, dispatch, start, note, submit, return (核查
未通过, back to 处置中), close, review (回访).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from db.demo.appdata import (
    ACCEPTED,
    CLOSED,
    DISPATCHED,
    IN_PROGRESS,
    MERGED,
    PENDING_VERIFICATION,
    REJECTED,
    REPORTED,
    REVIEWED,
)
from db.demo.seeded import IdFactory, Weighted, chance
from db.demo.worktime import add_work_hours, office_time

Row = dict[str, Any]


def rng_hours(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(hours=rng.uniform(low, high))

# by age of the request: young ones are still being worked, old ones mostly finished;
# the few old ones still open are the overdue cases a supervisor chases
_STAGES_BY_AGE = (
    (timedelta(days=1), Weighted([REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION, REJECTED],
                                 [30, 20, 20, 20, 5, 5])),
    (timedelta(days=7), Weighted([REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION, CLOSED,
                                  REVIEWED, REJECTED], [6, 8, 10, 25, 15, 22, 10, 4])),
    (timedelta(days=30), Weighted([REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION, CLOSED,
                                   REVIEWED, REJECTED], [2, 2, 4, 8, 5, 20, 55, 4])),
    (timedelta.max, Weighted([REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION, CLOSED,
                              REVIEWED, REJECTED], [0.3, 0.3, 0.5, 1.5, 0.5, 10, 82, 5])),
)
SATISFACTION = Weighted([5, 4, 3, 2, 1], [60, 25, 9, 4, 2])


def pick_stage(rng: random.Random, age: timedelta) -> str:
    return next(weights for limit, weights in _STAGES_BY_AGE if age < limit).pick(rng)


@dataclass(frozen=True, slots=True)
class Actors:
    reporter_id: str | None  # staff who logged it, None for kiosk / 12345
    reporter_name: str
    worker_id: str  # the cell's responsible grid worker
    worker_name: str
    supervisor_id: str
    supervisor_name: str


@dataclass(slots=True)
class Outcome:
    events: list[Row]
    accepted_at: datetime | None
    closed_at: datetime | None
    rework: int
    satisfaction: int | None
    last: datetime


def _steps(stage: str, rng: random.Random) -> list[str]:
    """Actions that lead from nothing to `stage`."""
    if stage == REPORTED:
        return ["report"]
    if stage in (REJECTED, MERGED):
        return ["report", "reject" if stage == REJECTED else "merge"]
    steps = ["report", "accept"]
    if stage == ACCEPTED:
        return steps
    steps.append("dispatch")
    if stage == DISPATCHED:
        return steps
    steps.append("start")
    if chance(rng, 0.2):
        steps.append("note")
    if stage == IN_PROGRESS:
        if chance(rng, 0.1):
            steps += ["submit", "return"]  # reworking after a failed check
        return steps
    steps.append("submit")
    returns = 2 if chance(rng, 0.02) else 1 if chance(rng, 0.08) else 0
    steps += ["return", "submit"] * returns
    if stage == PENDING_VERIFICATION:
        return steps
    steps.append("close")
    if stage == REVIEWED:
        steps.append("review")
    return steps


# action → (at most this many working hours, at most this share of the time allowed)
_DELAYS = {"accept": (3, 0.1), "dispatch": (2, 0.08), "start": (4, 0.1), "note": (8, 0.1), "return": (8, 0.15),
           "close": (8, 0.15), "reject": (6, 0.5), "merge": (4, 0.5)}
_MOVES = {  # action → (from, to); None for notes
    "report": (None, REPORTED), "accept": (REPORTED, ACCEPTED), "reject": (REPORTED, REJECTED),
    "merge": (REPORTED, MERGED), "dispatch": (ACCEPTED, DISPATCHED), "start": (DISPATCHED, IN_PROGRESS),
    "note": (None, None), "submit": (IN_PROGRESS, PENDING_VERIFICATION),
    "return": (PENDING_VERIFICATION, IN_PROGRESS), "close": (PENDING_VERIFICATION, CLOSED),
    "review": (CLOSED, REVIEWED),
}


class TimelineMaker:
    def __init__(self, rng: random.Random, ids: IdFactory, now: datetime, texts: dict[str, Any]) -> None:
        self.rng, self.ids, self.now, self.texts = rng, ids, now, texts

    def _delay(self, action: str, span: float) -> float:
        """Working hours between the previous step and this one; span is the working hours
        allowed. Most requests finish well inside it, about one in eight runs late."""
        rng = self.rng
        if action == "submit":
            return span * (rng.uniform(1.0, 1.6) if chance(rng, 0.12) else rng.uniform(0.1, 0.45))
        most, share = _DELAYS[action]
        return min(rng.uniform(0.1, most), span * rng.uniform(0.02, share))

    def _when(self, action: str, before: datetime, span: float) -> datetime:
        if action == "review":  # the 回访 call a day or three later
            return office_time(before + rng_hours(self.rng, 20, 72), self.rng)
        return add_work_hours(before, self._delay(action, span))

    def make(self, request_id: str, stage: str, reported: datetime, limit_hours: float | None,
             who: Actors) -> Outcome:
        """The events that took a request reported at `reported` to `stage`."""
        rng, now = self.rng, self.now
        span = float(limit_hours or 8)
        steps = _steps(stage, rng)
        times = [reported]
        for action in steps[1:]:
            times.append(self._when(action, times[-1], span))
        limit = now - timedelta(minutes=1)
        if times[-1] > limit:  # squeeze a long history into the time there has been since the report
            factor = max(limit - reported, timedelta(0)) / (times[-1] - reported)
            times = [reported + (t - reported) * factor for t in times]
        events: list[Row] = []
        accepted = closed = None
        rework = 0
        satisfaction = None
        for action, at in zip(steps, times, strict=True):
            before, after = _MOVES[action]
            actor, actor_name, target, note = who.worker_id, who.worker_name, None, None
            if action == "report":
                actor, actor_name = who.reporter_id, who.reporter_name
            elif action in ("reject", "merge", "dispatch", "return", "close", "review"):
                actor, actor_name = who.supervisor_id, who.supervisor_name
            if action == "accept":
                accepted = at
            elif action == "dispatch":
                target = who.worker_id
                note = f"派遣至网格员{who.worker_name}处置"
            elif action == "reject":
                note = rng.choice(self.texts["reject_reasons"])
            elif action == "note":
                note = rng.choice(self.texts["progress_notes"])
            elif action == "submit":
                note = rng.choice(self.texts["submit_notes"])
            elif action == "return":
                rework += 1
                note = rng.choice(self.texts["return_notes"])
            elif action == "close":
                closed = at
                note = rng.choice(self.texts["close_notes"])
            elif action == "review":
                satisfaction = SATISFACTION.pick(rng)
                notes = self.texts["review_notes"]
                note = f"{notes[rng.randrange(3)] if satisfaction >= 4 else notes[3 if satisfaction == 3 else 4]}" \
                       f"满意度{satisfaction}分。"
            events.append({"id": self.ids.at(at), "version": 0, "created_at": at, "updated_at": at,
                           "deleted_at": None, "request_id": request_id, "action": action, "from_stage": before,
                           "to_stage": after, "actor_id": actor, "actor_name": actor_name, "at": at,
                           "note": note, "target_staff_id": target})
        return Outcome(events, accepted, closed, rework, satisfaction, times[-1])
