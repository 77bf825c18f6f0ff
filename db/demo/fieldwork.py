"""Field work history: visits (走访) to tagged residents and weekly grid patrols (巡查).

Both can raise a service request (a concern found on a visit, a problem seen on a patrol);
they hand those to casework as Origins and casework writes the request id back.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from db.demo.casework import Origin
from db.demo.data import document, split, table
from db.demo.geography import Cell
from db.demo.people import Person
from db.demo.seeded import IdFactory, Weighted, chance
from db.demo.staff import StaffMember
from db.demo.worktime import local, random_office_moment

Row = dict[str, Any]

VISIT_HISTORY_DAYS = 120
PATROL_HISTORY_DAYS = 182
VISIT_FOLLOWUP_CATEGORIES = ("S0101", "S0102", "S0103", "S0203", "S0302", "S0201")


def _office_day(t: datetime) -> datetime:
    """t moved off the weekend (Saturday → Friday, Sunday → Monday): visits happen on workdays."""
    wd = local(t).weekday()
    return t - timedelta(days=1) if wd == 5 else t + timedelta(days=1) if wd == 6 else t


class FieldworkBuilder:
    def __init__(self, rng: random.Random, ids: IdFactory, now: datetime, staff: dict[str, StaffMember]) -> None:
        self.rng, self.ids, self.now, self.staff = rng, ids, now, staff
        self.texts = document("texts.json")
        self.rules = {r["tag_code"]: int(r["interval_days"]) for r in table("visit_rules.csv")}
        self.visit_rows: list[Row] = []
        self.plan_rows: list[Row] = []
        self.round_rows: list[Row] = []
        self.item_rows: list[Row] = []
        self.origins: list[Origin] = []

    def _moment(self, t: datetime) -> datetime:
        when = random_office_moment(local(_office_day(t)).date(), self.rng)
        return min(when, self.now - timedelta(minutes=self.rng.uniform(20, 300)))

    # ---- visits -------------------------------------------------------------------------
    def visits(self, people: list[Person]) -> None:
        rng, now = self.rng, self.now
        window_start = now - timedelta(days=VISIT_HISTORY_DAYS)
        outcomes = Weighted(["ok", "concern", "not_home"], [88, 6, 6])
        for p in people:
            intervals = [self.rules[t] for t in p.tags if t in self.rules]
            if not intervals or not p.active or p.cell.staff_id is None:
                continue
            interval = min(intervals)
            r = rng.random()
            if r < 0.03:
                continue  # never visited yet: shows up first on the due list
            overdue = r < 0.13
            last = now - timedelta(days=interval * (rng.uniform(1.3, 3.0) if overdue else rng.uniform(0.0, 0.9)))
            earliest = max(p.row["created_at"], window_start - timedelta(days=interval if interval > 30 else 0))
            t = last
            while t > earliest:
                self._visit(p, self._moment(t), outcomes.pick(rng))
                t -= timedelta(days=interval * rng.uniform(0.75, 1.0))

    def _visit(self, p: Person, at: datetime, outcome: str) -> None:
        rng = self.rng
        method = "home" if outcome != "ok" or chance(rng, 0.72) else "phone"
        notes = rng.choice(self.texts[f"visit_{outcome}"])
        followup = outcome == "concern" and chance(rng, 0.3)
        row = {"id": self.ids.at(at), "version": 0, "created_at": at, "updated_at": at, "deleted_at": None,
               "resident_id": p.id, "staff_id": p.cell.staff_id, "visited_at": at, "method": method,
               "outcome": outcome, "notes": notes, "needs_followup": followup, "followup_request_id": None}
        self.visit_rows.append(row)
        if followup:
            category = rng.choice(VISIT_FOLLOWUP_CATEGORIES)
            if category == "S0203" and local(at).month not in (11, 12, 1, 2, 3):
                category = "S0101"  # no heating complaints in summer
            reported = min(at + timedelta(minutes=rng.uniform(10, 50)), self.now - timedelta(minutes=3))
            row["followup_request_id"] = self.ids.at(reported)  # the visit row is final from here on
            self.origins.append(Origin(
                channel="visit", reported_at=reported, cell=p.cell, building=p.building, dwelling=p.household,
                category_code=category, reporter=p, created_by=p.cell.staff_id, visit_id=row["id"],
                request_id=row["followup_request_id"]))

    # ---- patrols ------------------------------------------------------------------------
    def patrols(self, cells: list[Cell]) -> None:
        rng, now = self.rng, self.now
        items = table("patrol_items.csv")
        for cell in cells:
            if cell.staff_id is None or not cell.buildings:
                continue
            made = now - timedelta(days=PATROL_HISTORY_DAYS + rng.uniform(5, 60))
            checklist = rng.sample(items, rng.randint(4, 6))
            plan = {"id": self.ids.at(made), "version": 0, "created_at": made, "updated_at": made,
                    "deleted_at": None, "grid_cell_id": cell.id, "name": f"{cell.name}日常巡查",
                    "frequency_days": 7, "checklist": [c["item"] for c in checklist], "active": True}
            self.plan_rows.append(plan)
            t = now - timedelta(days=PATROL_HISTORY_DAYS - rng.uniform(0, 7))
            while t < now:
                self._round(cell, plan, checklist, t)
                t += timedelta(days=rng.uniform(6.0, 8.0))

    def _round(self, cell: Cell, plan: Row, checklist: list[dict[str, str]], t: datetime) -> None:
        rng, now = self.rng, self.now
        start = random_office_moment(local(_office_day(t)).date(), rng)
        if start >= now:
            return
        end = start + timedelta(minutes=rng.uniform(40, 120))
        finished = end if end < now else None  # the worker is out on this round right now
        staff_id = cell.staff_id
        assert staff_id is not None
        problems = 0
        round_id = self.ids.at(start)
        for c in checklist:
            problem = chance(rng, 0.07)
            row = {"id": self.ids.at(start), "version": 0, "created_at": start, "updated_at": end if finished
                   else start, "deleted_at": None, "round_id": round_id, "item": c["item"],
                   "result": "problem" if problem else "ok", "note": None, "request_id": None}
            if problem:
                problems += 1
                if chance(rng, 0.8):
                    row["note"] = c["problem_note"] + "，已上报"
                    building = cell.buildings[rng.randrange(len(cell.buildings))]
                    dwelling = building.households[rng.randrange(len(building.households))] \
                        if building.households else None
                    reported = min(start + (end - start) * rng.uniform(0.2, 0.9),
                                   self.now - timedelta(minutes=3))
                    row["request_id"] = self.ids.at(reported)
                    self.origins.append(Origin(
                        channel="patrol", reported_at=reported, cell=cell, building=building, dwelling=dwelling,
                        category_code=rng.choice(split(c["category_codes"])), reporter=None,
                        created_by=staff_id, request_id=row["request_id"]))
                else:
                    row["note"] = f"{c['problem_note']}，{c['resolved_note']}"
            self.item_rows.append(row)
        self.round_rows.append({
            "id": round_id, "version": 0, "created_at": start, "updated_at": finished or start, "deleted_at": None,
            "plan_id": plan["id"], "grid_cell_id": cell.id, "staff_id": staff_id, "started_at": start,
            "finished_at": finished,
            "notes": f"发现问题{problems}处" if problems else "巡查正常"})
