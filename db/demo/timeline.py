"""The life of one service request: which transitions it went through to reach its stage,
who made each one and when. One request_event row per transition, in time order.

Action names: report, accept, reject, merge, dispatch, start, note, submit, return (核查
未通过, back to 处置中), close, review (回访).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
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
from db.demo.clock import HOUR, MINUTE, stamp
from db.demo.seeded import IdFactory, Weighted, chance
from db.demo.worktime import add_work_time, office_time

EVENT_COLUMNS = ("id", "version", "created_at", "updated_at", "deleted_at", "request_id", "action", "from_stage",
                 "to_stage", "actor_id", "actor_name", "at", "note", "target_staff_id")
NOTE = EVENT_COLUMNS.index("note")
Event = tuple[Any, ...]

SATISFACTION = Weighted([5, 4, 3, 2, 1], [60, 25, 9, 4, 2])
LATE_SHARE = 0.08  # work submitted after the time allowed: the closed ones that miss their deadline


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
    events: list[Event]
    accepted_at: str | None  # as stored
    closed: int | None  # clock microseconds
    closed_at: str | None
    rework: int
    satisfaction: int | None
    last: str  # the time of the last event, as stored


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
_BY_SUPERVISOR = frozenset({"reject", "merge", "dispatch", "return", "close", "review"})
_NOTES = {"reject": "reject_reasons", "note": "progress_notes", "submit": "submit_notes",
          "return": "return_notes", "close": "close_notes"}  # action → texts.json list


class TimelineMaker:
    def __init__(self, rng: random.Random, ids: IdFactory, now: int, texts: dict[str, Any]) -> None:
        self.rng, self.ids, self.now, self.texts = rng, ids, now, texts
        self._notes = {action: texts[key] for action, key in _NOTES.items()}
        self._dispatch_notes: dict[str, str] = {}

    def _delay(self, action: str, span: float) -> float:
        """Working hours between the previous step and this one; span is the working hours
        allowed. Most requests finish well inside it, a few run late."""
        rng = self.rng
        if action == "submit":
            return span * (rng.uniform(1.0, 1.6) if chance(rng, LATE_SHARE) else rng.uniform(0.1, 0.45))
        most, share = _DELAYS[action]
        return min(rng.uniform(0.1, most), span * rng.uniform(0.02, share))

    def _when(self, action: str, before: int, span: float) -> int:
        if action == "review":  # the 回访 call a day or three later
            return office_time(before + int(self.rng.uniform(20, 72) * HOUR), self.rng)
        return add_work_time(before, int(self._delay(action, span) * HOUR))

    def make(self, request_id: str, stage: str, reported: int, limit_hours: float | None, who: Actors) -> Outcome:
        """The events that took a request reported at `reported` to `stage`."""
        rng = self.rng
        span = float(limit_hours or 8)
        steps = _steps(stage, rng)
        times = [reported]
        for action in steps[1:]:
            times.append(self._when(action, times[-1], span))
        limit = self.now - MINUTE
        if times[-1] > limit:  # squeeze a long history into the time there has been since the report
            factor = max(limit - reported, 0) / (times[-1] - reported)
            times = [reported + int((t - reported) * factor) for t in times]
        events: list[Event] = []
        accepted = closed_at = None
        closed = None
        rework = 0
        satisfaction = None
        text = ""
        for action, at in zip(steps, times, strict=True):
            before, after = _MOVES[action]
            text = stamp(at)
            target = note = None
            if action == "report":
                actor, actor_name = who.reporter_id, who.reporter_name
            elif action in _BY_SUPERVISOR:
                actor, actor_name = who.supervisor_id, who.supervisor_name
            else:
                actor, actor_name = who.worker_id, who.worker_name
            if action == "accept":
                accepted = text
            elif action == "dispatch":
                target = who.worker_id
                note = self._dispatch_note(who.worker_name)
            elif action == "review":
                satisfaction = SATISFACTION.pick(rng)
                notes = self.texts["review_notes"]
                note = f"{notes[rng.randrange(3)] if satisfaction >= 4 else notes[3 if satisfaction == 3 else 4]}" \
                       f"满意度{satisfaction}分。"
            elif action in self._notes:
                note = rng.choice(self._notes[action])
                if action == "return":
                    rework += 1
                elif action == "close":
                    closed, closed_at = at, text
            events.append((self.ids.at(at), 0, text, text, None, request_id, action, before, after, actor,
                           actor_name, text, note, target))
        return Outcome(events, accepted, closed, closed_at, rework, satisfaction, text)

    def _dispatch_note(self, worker_name: str) -> str:
        note = self._dispatch_notes.get(worker_name)
        if note is None:
            note = self._dispatch_notes[worker_name] = f"派遣至网格员{worker_name}处置"
        return note
