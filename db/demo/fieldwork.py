"""Field work history: visits (走访) to tagged residents and weekly grid patrols (巡查).

Both can raise a service request (a concern found on a visit, a problem seen on a patrol);
they hand those to casework as Origins and casework writes the request id back.
"""

from __future__ import annotations

import random
from typing import Any

from db.demo.casework import Origin
from db.demo.clock import DAY, HOUR, MINUTE, local_date, local_day, stamp
from db.demo.data import document, split, table
from db.demo.geography import Cell
from db.demo.people import Person
from db.demo.seeded import IdFactory, Weighted, chance
from db.demo.staff import StaffMember
from db.demo.worktime import office_day, random_office_moment
from db.demo.writer import to_json

Row = dict[str, Any]
VISIT_COLUMNS = ("id", "version", "created_at", "updated_at", "deleted_at", "resident_id", "staff_id",
                 "visited_at", "method", "outcome", "notes", "needs_followup", "followup_request_id")
ITEM_COLUMNS = ("id", "version", "created_at", "updated_at", "deleted_at", "round_id", "item", "result", "note",
                "request_id")

VISIT_HISTORY_DAYS = 120
PATROL_HISTORY_DAYS = 182
VISIT_FOLLOWUP_CATEGORIES = ("S0101", "S0102", "S0103", "S0203", "S0302", "S0201")


class FieldworkBuilder:
    def __init__(self, rng: random.Random, ids: IdFactory, now: int, staff: dict[str, StaffMember]) -> None:
        self.rng, self.ids, self.now, self.staff = rng, ids, now, staff
        self.texts = document("texts.json")
        self.rules = {r["tag_code"]: int(r["interval_days"]) for r in table("visit_rules.csv")}
        self.visit_rows: list[tuple[Any, ...]] = []  # VISIT_COLUMNS
        self.plan_rows: list[Row] = []
        self.round_rows: list[Row] = []
        self.item_rows: list[tuple[Any, ...]] = []  # ITEM_COLUMNS
        self.origins: list[Origin] = []

    def _moment(self, t: int, not_before: int = 0) -> int:
        """A moment in office hours on the workday nearest t (never before not_before, never
        in the last minutes before now)."""
        when = max(random_office_moment(office_day(local_day(t)), self.rng), not_before)
        return min(when, self.now - int(self.rng.uniform(20, 300) * MINUTE))

    # ---- visits -------------------------------------------------------------------------
    def visits(self, people: list[Person]) -> None:
        """A visit history that keeps to the rules (独居老人 weekly, 残疾人/特困 monthly, 低保
        quarterly …) from the day the resident came under one: most are visited within their
        interval, some are behind, and only the recently tagged may not be visited yet."""
        rng, now = self.rng, self.now
        window_start = now - VISIT_HISTORY_DAYS * DAY
        outcomes = Weighted(["ok", "concern", "not_home"], [88, 6, 6])
        for p in people:
            ruled = [(self.rules[t], p.tagged_at[t]) for t in p.tags if t in self.rules]
            if not ruled or not p.active or p.cell.staff_id is None:
                continue
            interval = min(days for days, _at in ruled)
            tagged = min(at for _days, at in ruled)
            span = interval * DAY
            first = tagged + int(rng.uniform(0.5, min(interval, 8)) * DAY)  # the first call after tagging
            if first >= now - HOUR:
                continue  # tagged days ago, not visited yet: on the due list from the tag's day
            behind = rng.random() < 0.10  # their worker is behind with them
            last = max(first, now - int(span * (rng.uniform(1.3, 3.0) if behind else rng.uniform(0.0, 0.9))))
            earliest = max(first, window_start - (span if interval > 30 else 0))
            t = last
            while True:
                self._visit(p, self._moment(t, tagged + HOUR), outcomes.pick(rng))
                t -= int(span * rng.uniform(0.75, 1.0))
                if t < earliest:
                    break

    def _visit(self, p: Person, at: int, outcome: str) -> None:
        rng = self.rng
        method = "home" if outcome != "ok" or chance(rng, 0.72) else "phone"
        notes = rng.choice(self.texts[f"visit_{outcome}"])
        followup = outcome == "concern" and chance(rng, 0.3)
        visit_id = self.ids.at(at)
        request_id = None
        if followup:
            category = rng.choice(VISIT_FOLLOWUP_CATEGORIES)
            if category == "S0203" and local_date(at).month not in (11, 12, 1, 2, 3):
                category = "S0101"  # no heating complaints in summer
            reported = min(at + int(rng.uniform(10, 50) * MINUTE), self.now - 3 * MINUTE)
            request_id = self.ids.at(reported)
            self.origins.append(Origin(
                channel="visit", reported_at=reported, cell=p.cell, building=p.building, dwelling=p.household,
                category_code=category, reporter=p, created_by=p.cell.staff_id, visit_id=visit_id,
                request_id=request_id))
        text = stamp(at)
        self.visit_rows.append((visit_id, 0, text, text, None, p.id, p.cell.staff_id, text, method, outcome, notes,
                                followup, request_id))

    # ---- patrols ------------------------------------------------------------------------
    def patrols(self, cells: list[Cell]) -> None:
        rng, now = self.rng, self.now
        items = table("patrol_items.csv")
        for cell in cells:
            if cell.staff_id is None or not cell.buildings:
                continue
            made = now - int((PATROL_HISTORY_DAYS + rng.uniform(5, 60)) * DAY)
            checklist = rng.sample(items, rng.randint(4, 6))
            plan = {**self.ids.row(made), "grid_cell_id": cell.id, "name": f"{cell.name}日常巡查",
                    "frequency_days": 7, "checklist": to_json([c["item"] for c in checklist]), "active": True}
            self.plan_rows.append(plan)
            t = now - int((PATROL_HISTORY_DAYS - rng.uniform(0, 7)) * DAY)
            while t < now:
                self._round(cell, plan, checklist, t)
                t += int(rng.uniform(6.0, 8.0) * DAY)

    def _round(self, cell: Cell, plan: Row, checklist: list[dict[str, str]], t: int) -> None:
        rng, now = self.rng, self.now
        start = random_office_moment(office_day(local_day(t)), rng)
        if start >= now:
            return
        end = start + int(rng.uniform(40, 120) * MINUTE)
        finished = end < now  # else the worker is out on this round right now
        staff_id = cell.staff_id
        assert staff_id is not None
        problems = 0
        round_id = self.ids.at(start)
        started = stamp(start)
        updated = stamp(end) if finished else started
        for c in checklist:
            note = request_id = None
            if chance(rng, 0.07):
                problems += 1
                if chance(rng, 0.8):
                    note = c["problem_note"] + "，已上报"
                    building = cell.buildings[rng.randrange(len(cell.buildings))]
                    dwelling = building.households[rng.randrange(len(building.households))] \
                        if building.households else None
                    reported = min(start + int((end - start) * rng.uniform(0.2, 0.9)), now - 3 * MINUTE)
                    request_id = self.ids.at(reported)
                    self.origins.append(Origin(
                        channel="patrol", reported_at=reported, cell=cell, building=building, dwelling=dwelling,
                        category_code=rng.choice(split(c["category_codes"])), reporter=None,
                        created_by=staff_id, request_id=request_id))
                else:
                    note = f"{c['problem_note']}，{c['resolved_note']}"
            self.item_rows.append((self.ids.at(start), 0, started, updated, None, round_id, c["item"],
                                   "ok" if note is None else "problem", note, request_id))
        self.round_rows.append({
            "id": round_id, "version": 0, "created_at": started, "updated_at": updated, "deleted_at": None,
            "plan_id": plan["id"], "grid_cell_id": cell.id, "staff_id": staff_id, "started_at": started,
            "finished_at": updated if finished else None,
            "notes": f"发现问题{problems}处" if problems else "巡查正常"})
