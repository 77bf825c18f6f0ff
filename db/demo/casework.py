"""Service requests (诉求/事件) over the past half year, from every channel and in every
workflow stage, with categories (GB/T 30428-style 大类/小类 plus community services)."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from db.demo.appdata import (
    ACCEPTED,
    ALL_STAGES,
    CLOSED,
    DISPATCHED,
    IN_PROGRESS,
    MERGED,
    PENDING_VERIFICATION,
    REJECTED,
    REPORTED,
    REVIEWED,
)
from db.demo.clock import DAY, HOUR, MINUTE, local_date, local_hour, stamp, ymd
from db.demo.data import document, table
from db.demo.geography import Building, Cell
from db.demo.people import Person, mobile
from db.demo.seeded import IdFactory, Weighted, chance
from db.demo.staff import StaffMember
from db.demo.timeline import NOTE, Actors, Event, TimelineMaker
from db.demo.worktime import due_at, limit_hours, office_time

Row = dict[str, Any]

HISTORY_DAYS = 182
FLUSH_EVENTS = 20_000
TICKET_PREFIX = "ZS"  # 湛山
CHANNELS = Weighted(["walk_in", "phone", "kiosk", "hotline_12345"], [25, 22, 18, 30])
_DISPATCHED_STAGES = frozenset({DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION, CLOSED, REVIEWED})
CHANNEL_NAMES = {"kiosk": "居民自助终端", "hotline_12345": "12345热线"}

# by age of the request: young ones are still being worked, old ones mostly finished;
# the few old ones still open are the overdue cases a supervisor chases
_STAGES_BY_AGE = (
    (DAY, Weighted([REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION, REJECTED],
                   [30, 20, 20, 20, 5, 5])),
    (7 * DAY, Weighted([REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION, CLOSED, REVIEWED,
                        REJECTED], [6, 8, 10, 25, 15, 22, 10, 4])),
    (30 * DAY, Weighted([REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION, CLOSED, REVIEWED,
                         REJECTED], [2, 2, 4, 8, 5, 20, 55, 4])),
    (None, Weighted([REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION, CLOSED, REVIEWED,
                     REJECTED], [0.3, 0.3, 0.5, 1.5, 0.5, 10, 82, 5])),
)


def pick_stage(rng: random.Random, age: int) -> str:
    """A plausible stage for a request `age` microseconds old."""
    return next(w for limit, w in _STAGES_BY_AGE if limit is None or age < limit).pick(rng)


@dataclass(slots=True, eq=False)
class Origin:
    """Where and how a request came in; casework turns it into a service_request row."""

    channel: str
    reported_at: int  # db.demo.clock microseconds
    cell: Cell
    building: Building
    dwelling: Row | None
    category_code: str | None  # None: pick one that fits the season
    reporter: Person | None
    created_by: str | None
    visit_id: str | None = None
    merged_into: Row | None = None
    request_id: str | None = None  # given in advance by a visit or patrol row that links to it


def category_rows(now: int, ids: IdFactory) -> list[Row]:
    made = now - 1000 * DAY
    return [{**ids.row(made), "code": r["code"], "name": r["name"], "parent_code": r["parent_code"] or None,
             "group": r["group"],
             "time_limit": int(r["time_limit"]) if r["time_limit"] else None,
             "time_limit_unit": r["time_limit_unit"], "urgency": r["urgency"], "active": True,
             "sort_order": int(r["sort_order"])} for r in table("categories.csv")]


class Templates:
    """Request titles and descriptions per category, some only in their season."""

    def __init__(self) -> None:
        rows = table("request_templates.csv")
        self.categories = {r["code"]: r for r in table("categories.csv")}
        self.by_month: dict[int, Weighted[dict[str, str]]] = {}
        for month in range(1, 13):
            fits = [r for r in rows if not r["months"] or str(month) in r["months"].split(";")]
            self.by_month[month] = Weighted(fits, [float(r["weight"]) for r in fits])
        self.by_category: dict[str, list[dict[str, str]]] = defaultdict(list)
        for r in rows:
            self.by_category[r["category_code"]].append(r)

    def for_category(self, code: str, month: int, rng: random.Random) -> dict[str, str]:
        options = self.by_category[code]
        seasonal = [r for r in options if not r["months"] or str(month) in r["months"].split(";")]
        return rng.choice(seasonal or options)


class CaseworkBuilder:
    def __init__(self, rng: random.Random, ids: IdFactory, now: int, staff: list[StaffMember],
                 supervisor: StaffMember) -> None:
        self.rng, self.ids, self.now = rng, ids, now
        self.staff = {m.id: m for m in staff}
        self.supervisor = supervisor
        self.texts = document("texts.json")
        self.templates = Templates()
        self.timeline = TimelineMaker(rng, ids, now, self.texts)
        self.request_rows: list[Row] = []
        self.event_rows: list[Event] = []  # EVENT_COLUMNS, not yet flushed
        self._merge_notes: list[tuple[list[Any], Row]] = []  # (event, request merged into)
        self.event_count = 0

    # ---- origins from the counter, the phone, the kiosk and 12345 ------------------------
    def walk_ins(self, count: int, cells: list[Cell], people: list[Person]) -> list[Origin]:
        rng, now = self.rng, self.now
        residential = [c for c in cells if any(b.households for b in c.buildings)]
        by_dwellings = Weighted(residential, [sum(len(b.households) for b in c.buildings) for c in residential])
        adults: dict[str, list[Person]] = defaultdict(list)
        for p in people:
            if p.active and p.age >= 18 and p.row["id_type"] == "resident_id":
                adults[p.building.id].append(p)
        origins = []
        for _ in range(count):
            channel = CHANNELS.pick(rng)
            t = now - int(HISTORY_DAYS * DAY * rng.random())
            if channel in ("walk_in", "phone"):
                t = office_time(t, rng)
            elif channel == "kiosk" and not 7 <= local_hour(t) < 21:
                t += 10 * HOUR  # the kiosk's room is locked at night
            elif chance(rng, 0.7) and local_hour(t) < 7:
                t += int(rng.uniform(7, 12) * HOUR)  # few people call 12345 before dawn
            t = min(t, now - int(rng.uniform(5, 120) * MINUTE))
            cell = by_dwellings.pick(rng)
            building = cell.buildings[rng.randrange(len(cell.buildings))]
            while not building.households:
                building = cell.buildings[rng.randrange(len(cell.buildings))]
            dwelling = building.households[rng.randrange(len(building.households))]
            locals_ = adults.get(building.id, [])
            reporter = locals_[rng.randrange(len(locals_))] if locals_ and chance(
                rng, 0.45 if channel == "hotline_12345" else 0.7) else None
            created_by = cell.staff_id if channel in ("walk_in", "phone") else None
            origins.append(Origin(channel, t, cell, building, dwelling, None, reporter, created_by))
        return origins

    def duplicates(self, count: int) -> list[Origin]:
        """Second reports of a problem already reported: merged (并单) into the first."""
        rng, now = self.rng, self.now
        old = [r for r in self.request_rows if r["_reported"] < now - DAY]
        origins = []
        for source in rng.sample(old, min(count, len(old))):
            o: Origin = source["_origin"]
            t = min(source["_reported"] + int(rng.uniform(0.5, 30) * HOUR), now - 2 * HOUR)
            channel = rng.choice([c for c in ("phone", "kiosk", "hotline_12345") if c != o.channel])
            created_by = o.cell.staff_id if channel == "phone" else None
            origins.append(Origin(channel, t, o.cell, o.building, o.dwelling, source["category_code"], None,
                                  created_by, merged_into=source))
        return origins

    # ---- requests ---------------------------------------------------------------------
    def build(self, origins: list[Origin], flush: Callable[[list[Event]], None] | None = None) -> None:
        """Requests for origins; their events go to flush in big batches when given (they
        never change once made, except the merge notes, and merges are built unflushed)."""
        stages = [MERGED if o.merged_into is not None else pick_stage(self.rng, self.now - o.reported_at)
                  for o in origins]
        self._cover_all_stages(origins, stages)
        for origin, stage in zip(origins, stages, strict=True):
            self._request(origin, stage)
            if flush is not None and len(self.event_rows) >= FLUSH_EVENTS:
                flush(self.event_rows)
                self.event_rows = []

    def _cover_all_stages(self, origins: list[Origin], stages: list[str]) -> None:
        """Small demos too must show every stage (MERGED comes from duplicates())."""
        free = [i for i, o in enumerate(origins) if o.merged_into is None and o.request_id is None]
        self.rng.shuffle(free)
        for stage in ALL_STAGES:
            if stage != MERGED and stage not in stages and free:
                stages[free.pop()] = stage

    def _request(self, o: Origin, stage: str) -> None:
        rng = self.rng
        reported = min(o.reported_at, self.now - 2 * MINUTE)
        month = local_date(reported).month
        if o.merged_into is not None:
            title, description = o.merged_into["title"], o.merged_into["description"]
            category_code = o.merged_into["category_code"]
        else:
            if o.category_code is None:
                tpl = self.templates.by_month[month].pick(rng)
                if self.templates.categories[tpl["category_code"]]["group"] == "service" and not o.dwelling:
                    tpl = self.templates.for_category("E0104", month, rng)
            else:
                tpl = self.templates.for_category(o.category_code, month, rng)
            category_code = tpl["category_code"]
            b = o.building
            fill = {"road": b.road, "no": b.number, "addr": f"{b.road}{b.number}号", "building": b.name,
                    "unit": o.dwelling["_unit"] if o.dwelling else "1",
                    "room": o.dwelling["room"] if o.dwelling else "101"}
            title, description = tpl["title"].format(**fill), tpl["description"].format(**fill)
        category = self.templates.categories[category_code]
        limit = int(category["time_limit"]) if category["time_limit"] else None
        due = due_at(reported, limit, category["time_limit_unit"])
        request_id = o.request_id or self.ids.at(reported)
        worker = self.staff[o.cell.staff_id] if o.cell.staff_id else self.supervisor
        creator = self.staff.get(o.created_by or "")
        reporter_name, reporter_phone, reporter_id = self._reporter(o, creator)
        who = Actors(creator.id if creator else None, creator.name if creator else CHANNEL_NAMES.get(o.channel, ""),
                     worker.id, worker.name, self.supervisor.id, self.supervisor.name)
        out = self.timeline.make(request_id, stage, reported, limit_hours(limit, category["time_limit_unit"]), who)
        if o.merged_into is not None:  # its note needs the ticket number, known only at the end
            merge = list(out.events[-1])
            out.events[-1] = merge  # type: ignore[call-overload]
            self._merge_notes.append((merge, o.merged_into))
        lng = o.building.longitude + rng.uniform(-4e-5, 4e-5)
        lat = o.building.latitude + rng.uniform(-4e-5, 4e-5)
        row = {
            "id": request_id, "version": 0, "created_at": stamp(reported), "updated_at": out.last, "deleted_at": None,
            "ticket_no": "", "community_code": o.cell.community.code, "category_code": category_code,
            "channel": o.channel, "title": title, "description": description, "stage": stage,
            "urgency": category["urgency"], "latitude": round(lat, 6), "longitude": round(lng, 6),
            "address": o.building.address, "building_id": o.building.id, "grid_cell_id": o.cell.id,
            "reporter_resident_id": reporter_id, "reporter_name": reporter_name, "reporter_phone": reporter_phone,
            "created_by_id": creator.id if creator else None,
            "assignee_id": worker.id if stage in _DISPATCHED_STAGES else None,
            "reported_at": stamp(reported), "accepted_at": out.accepted_at,
            "due_at": None if due is None else stamp(due), "closed_at": out.closed_at,
            "closed_on_time": None if out.closed is None or due is None else out.closed <= due,
            "rework_count": out.rework, "satisfaction": out.satisfaction,
            "merged_into_id": o.merged_into["id"] if o.merged_into is not None else None,
            "paused_since": None, "paused_seconds": 0, "visit_id": o.visit_id,
            "external_id": f"12345-{ymd(reported)}{rng.randrange(100000):05d}"
            if o.channel == "hotline_12345" else None,
        }
        row["_origin"], row["_reported"] = o, reported
        self.request_rows.append(row)
        self.event_rows.extend(out.events)
        self.event_count += len(out.events)

    def _reporter(self, o: Origin, creator: StaffMember | None) -> tuple[str | None, str | None, str | None]:
        """(name, phone, resident id) of whoever reported it."""
        rng = self.rng
        if o.channel == "patrol":
            return (creator.name if creator else None), None, None
        if o.reporter is not None:
            return o.reporter.row["name"], o.reporter.row["phone"], o.reporter.id
        if o.channel == "hotline_12345" and chance(rng, 0.35):
            return "匿名市民", None, None
        surname = rng.choice("王李张刘陈杨孙于姜赵")
        return surname + rng.choice(("先生", "女士")), mobile(rng), None

    def finish(self) -> None:
        """Ticket numbers in order of reporting (ZS + local date + daily sequence), then
        the notes that quote them."""
        self.request_rows.sort(key=lambda r: (r["_reported"], r["id"]))
        per_day: dict[str, int] = defaultdict(int)
        for row in self.request_rows:
            day = ymd(row["_reported"])
            per_day[day] += 1
            row["ticket_no"] = f"{TICKET_PREFIX}{day}{per_day[day]:04d}"
        for event, source in self._merge_notes:
            event[NOTE] = f"与{source['ticket_no']}反映同一问题，已并单处理。"
        self.event_rows = [tuple(e) for e in self.event_rows]

