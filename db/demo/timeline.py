"""The life of one service request: which transitions it went through to reach its stage,
who made each one and when. One request_event row per transition, in time order.

Action names are core.workflow's: report, accept, reject, merge, dispatch, start, note,
submit, return (核查未通过, back to 处置中), close, review (回访), request_extension and
approve_extension (延期: the clock stands still from the ask to the approval, and the
deadline then moves by that pause plus the hours granted), escalate (督办). Deadlines
and working time are the app's calendar (db.demo.worktime).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Final

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
from db.demo.clock import HOUR, MINUTE, SECOND, stamp
from db.demo.seeded import IdFactory, Weighted, chance
from db.demo.worktime import add_work_time, office_time, work_between

EVENT_COLUMNS = ("id", "version", "created_at", "updated_at", "deleted_at", "request_id", "action", "from_stage",
                 "to_stage", "actor_id", "actor_name", "at", "note", "target_staff_id", "extension_hours")
NOTE = EVENT_COLUMNS.index("note")
Event = tuple[Any, ...]

SATISFACTION = Weighted([5, 4, 3, 2, 1], [60, 25, 9, 4, 2])
LATE_SHARE = 0.08  # work submitted after the time allowed: the closed ones that miss their deadline

# 延期 (extension): "approved" asked and granted on the way; "pending" asked and still waiting
APPROVED: Final = "approved"
PENDING: Final = "pending"
EXTENSION_NOTES = ("需协调物业公司和产权单位共同处理，申请延期。", "维修配件需要采购，到货后方可施工，申请延期。",
                   "涉及多户居民，意见尚未统一，需进一步协调，申请延期。", "需等待相关部门现场勘查后处置，申请延期。")
APPROVE_NOTES = ("情况属实，同意延期，请在延期时限内办结。", "同意延期，请及时向居民说明办理进度。")
LATE_NOTES = ("该诉求已超过办理时限，请承办人抓紧处置，今日内反馈进展。", "街道督办：请于两个工作日内办结并回复居民。")
URGE_NOTES = ("居民再次来电催办，请加快办理进度。", "12345热线转来催办，请优先处理并及时回复。")


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
    due: int | None  # the effective deadline (moved by an approved extension)
    paused_since: int | None  # a pending extension stops the clock
    paused_seconds: int  # office seconds of finished pauses
    extension_asked: int | None  # working hours of a pending extension
    escalations: int


def _steps(stage: str, rng: random.Random, extension: str | None) -> list[str]:
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
        return steps + (["request_extension"] if extension == PENDING else [])
    steps.append("start")
    if chance(rng, 0.2):
        steps.append("note")
    if extension == APPROVED:
        steps += ["request_extension", "approve_extension"]
    if stage == IN_PROGRESS:
        if chance(rng, 0.1):
            steps += ["submit", "return"]  # reworking after a failed check
        return steps + (["request_extension"] if extension == PENDING else [])
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
           "close": (8, 0.15), "reject": (6, 0.5), "merge": (4, 0.5), "request_extension": (8, 0.2),
           "approve_extension": (3, 0.1)}
_MOVES = {  # action → (from, to); (None, None) when the stage stays
    "report": (None, REPORTED), "accept": (REPORTED, ACCEPTED), "reject": (REPORTED, REJECTED),
    "merge": (REPORTED, MERGED), "dispatch": (ACCEPTED, DISPATCHED), "start": (DISPATCHED, IN_PROGRESS),
    "note": (None, None), "submit": (IN_PROGRESS, PENDING_VERIFICATION),
    "return": (PENDING_VERIFICATION, IN_PROGRESS), "close": (PENDING_VERIFICATION, CLOSED),
    "review": (CLOSED, REVIEWED), "request_extension": (None, None), "approve_extension": (None, None),
    "escalate": (None, None),
}
_BY_SUPERVISOR = frozenset({"reject", "merge", "dispatch", "return", "close", "review", "approve_extension",
                            "escalate"})
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
            return span * (rng.uniform(1.0, 1.6) if chance(rng, LATE_SHARE) else rng.uniform(0.15, 0.6))
        most, share = _DELAYS[action]
        return min(rng.uniform(0.1, most), span * rng.uniform(0.02, share))

    def _when(self, action: str, before: int, span: float) -> int:
        if action == "review":  # the 回访 call a day or three later
            return office_time(before + int(self.rng.uniform(20, 72) * HOUR), self.rng)
        return add_work_time(before, int(self._delay(action, span) * HOUR))

    def make(self, request_id: str, stage: str, reported: int, due: int | None, limit_hours: float | None,
             who: Actors, extension: str | None = None, escalate: float = 0.0) -> Outcome:
        """The events that took a request reported at `reported` (deadline `due`) to
        `stage`. extension: None, APPROVED or PENDING (dispatched / in progress only);
        escalate: the chance of a 督办 once past the deadline (urging a request still in time
        is rarer)."""
        rng = self.rng
        span = float(limit_hours or 8)
        steps = _steps(stage, rng, extension)
        granted = 0
        if "request_extension" in steps:  # about as much again as the time allowed, 4–240 working hours
            granted = max(4, min(240, round(span * rng.uniform(0.5, 1.2))))
        times = [reported]
        for action in steps[1:]:
            if action == "submit" and granted:
                span += granted  # the extra time is used
            times.append(self._when(action, times[-1], span))
        limit = self.now - MINUTE
        if times[-1] > limit:  # squeeze a long history into the time there has been since the report
            factor = max(limit - reported, 0) / (times[-1] - reported)
            times = [reported + int((t - reported) * factor) for t in times]
        plan = list(zip(steps, times, strict=True))
        effective, paused_since, paused_seconds, asked = due, None, 0, None
        for i, (action, at) in enumerate(plan):
            if action == "request_extension":
                if i + 1 < len(plan) and plan[i + 1][0] == "approve_extension":
                    pause = max(work_between(at, plan[i + 1][1]), 0)
                    paused_seconds = pause // SECOND
                    if effective is not None:
                        effective = add_work_time(effective, paused_seconds * SECOND + granted * HOUR)
                else:
                    paused_since, asked = at, granted
        escalations = self._escalations(plan, stage, effective, paused_since, escalate)
        plan += escalations
        plan.sort(key=lambda step: step[1])
        events: list[Event] = []
        accepted = closed_at = None
        closed = None
        rework = 0
        satisfaction = None
        text = ""
        for action, at in plan:
            before, after = _MOVES[action]
            text = stamp(at)
            target = note = hours = None
            if action in ("report", "request_extension", "start", "submit", "note"):
                actor, actor_name = (who.reporter_id, who.reporter_name) if action == "report" \
                    else (who.worker_id, who.worker_name)
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
            elif action == "request_extension":
                note, hours = rng.choice(EXTENSION_NOTES), granted
            elif action == "approve_extension":
                note, hours = rng.choice(APPROVE_NOTES), granted
            elif action == "escalate":
                late = effective is not None and at > effective
                note = rng.choice(LATE_NOTES if late else URGE_NOTES)
            elif action in self._notes:
                note = rng.choice(self._notes[action])
                if action == "return":
                    rework += 1
                elif action == "close":
                    closed, closed_at = at, text
            events.append((self.ids.at(at), 0, text, text, None, request_id, action, before, after, actor,
                           actor_name, text, note, target, hours))
        return Outcome(events, accepted, closed, closed_at, rework, satisfaction, text, effective,
                       paused_since, paused_seconds, asked, len(escalations))

    def _escalations(self, plan: list[tuple[str, int]], stage: str, due: int | None, paused_since: int | None,
                     chance_late: float) -> list[tuple[str, int]]:
        """督办 on an open request: a supervisor's once the deadline has passed (the request
        still open then), now and then a resident's urging before it. At most one; its time
        never equals another event's."""
        rng = self.rng
        if stage in (REPORTED, REJECTED, MERGED) or paused_since is not None:
            return []
        end = next((at for action, at in plan if action == "close"), self.now - MINUTE)
        if due is not None and due < end and chance(rng, chance_late):
            at = office_time(due + int(rng.uniform(0.2, 6) * HOUR), rng)
        elif chance(rng, 0.02):
            first, last = plan[1][1] if len(plan) > 1 else plan[0][1], end
            at = first + int((last - first) * rng.uniform(0.3, 0.9))
        else:
            return []
        taken = {t for _a, t in plan}
        if not plan[0][1] < at < end or at in taken:
            return []
        return [("escalate", at)]

    def _dispatch_note(self, worker_name: str) -> str:
        note = self._dispatch_notes.get(worker_name)
        if note is None:
            note = self._dispatch_notes[worker_name] = f"派遣至网格员{worker_name}处置"
        return note
