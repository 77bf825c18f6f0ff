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
from db.demo.timeline import APPROVED, NOTE, PENDING, Actors, Event, TimelineMaker
from db.demo.worktime import due_at, limit_hours, office_time, work_between

Row = dict[str, Any]

HISTORY_DAYS = 182
FLUSH_EVENTS = 20_000
TICKET_PREFIX = "ZS"  # 湛山
CHANNELS = Weighted(["walk_in", "phone", "kiosk", "hotline_12345"], [25, 22, 18, 30])
_DISPATCHED_STAGES = frozenset({DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION, CLOSED, REVIEWED})
CHANNEL_NAMES = {"kiosk": "自助终端", "hotline_12345": "12345热线"}  # as core.requests.intake.CHANNELS

# A request still inside its time limit is somewhere along the workflow, further the more of
# its working time has gone (by that share: under 10 %, 35 %, 70 %, more) …
_STAGES_IN_TIME = (
    (0.1, Weighted([REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, REJECTED], [45, 25, 20, 5, 5])),
    (0.35, Weighted([REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION, REJECTED],
                    [10, 15, 25, 40, 5, 5])),
    (0.7, Weighted([REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION, CLOSED, REJECTED],
                   [3, 5, 12, 45, 15, 15, 5])),
    (None, Weighted([ACCEPTED, DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION, CLOSED, REVIEWED, REJECTED],
                    [2, 5, 35, 25, 22, 3, 5])),
)
# … one past its deadline is nearly always finished: a few stay open (overdue, what a
# supervisor chases), fewer the longer ago the deadline was (days past it → chance open) …
_STILL_OPEN_LATE = ((3, 0.08), (14, 0.015), (60, 0.001), (None, 0.0))  # none stuck for months
_OPEN_LATE = Weighted([ACCEPTED, DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION], [1, 2, 6, 2])
# … and finished ones were visited back (回访) more often the older they are
_FINISHED_BY_AGE = (
    (7 * DAY, Weighted([CLOSED, REVIEWED, REJECTED], [55, 35, 10])),
    (30 * DAY, Weighted([CLOSED, REVIEWED, REJECTED], [22, 72, 6])),
    (None, Weighted([CLOSED, REVIEWED, REJECTED], [10, 85, 5])),
)
NO_LIMIT_HOURS = 5 * 7.5  # a category without a time limit is worked like one of five working days
PENDING_EXTENSION_SHARE = 0.08  # of requests dispatched or in progress and still in time: 延期 asked, waiting
APPROVED_EXTENSION_SHARE = 0.05  # of the others worked on: 延期 asked and approved
ESCALATE_LATE = 0.6  # chance of a 督办 once a request still open is past its deadline
MIN_OVERDUE_SHARE = 0.004  # small demos too show an overdue request or a few
MIN_OPEN_PER_WORKER = 3  # and every grid worker has requests in hand
_OPEN = frozenset({REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, PENDING_VERIFICATION})
_EXTENDABLE = frozenset({DISPATCHED, IN_PROGRESS})


def _first(table: tuple[tuple[Any, Any], ...], value: float) -> Any:
    return next(item for limit, item in table if limit is None or value < limit)


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


@dataclass(slots=True, eq=False)
class Draft:
    """A request before its stage is known: what it is about and its deadline."""

    origin: Origin
    reported: int
    category_code: str
    category: dict[str, str]
    title: str
    description: str
    due: int | None  # as the app sets it when the request is logged
    hours: float | None  # the time limit in working hours


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
        drafts = [self._draft(o) for o in origins]
        stages = [self._pick_stage(d) for d in drafts]
        self._cover_all_stages(drafts, stages)
        for draft, stage in zip(drafts, stages, strict=True):
            self._request(draft, stage)
            if flush is not None and len(self.event_rows) >= FLUSH_EVENTS:
                flush(self.event_rows)
                self.event_rows = []

    def _draft(self, o: Origin) -> Draft:
        """What a request is about and its deadline, as the app sets it when logged."""
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
        unit = category["time_limit_unit"]
        return Draft(o, reported, category_code, category, title, description, due_at(reported, limit, unit),
                     limit_hours(limit, unit))

    def _pick_stage(self, d: Draft) -> str:
        """A plausible stage now for the request, by how much of its time limit has gone."""
        rng, now = self.rng, self.now
        if d.origin.merged_into is not None:
            return MERGED
        if d.due is None or now < d.due:
            allowed = (d.hours or NO_LIMIT_HOURS) * HOUR
            used = work_between(d.reported, now) / allowed
            if d.due is not None or used < 1:
                return _first(_STAGES_IN_TIME, used).pick(rng)
        else:
            if chance(rng, _first(_STILL_OPEN_LATE, (now - d.due) / DAY)):
                return _OPEN_LATE.pick(rng)
        return _first(_FINISHED_BY_AGE, now - d.reported).pick(rng)

    def _cover_all_stages(self, drafts: list[Draft], stages: list[str]) -> None:
        """Small demos too must show every stage (MERGED comes from duplicates()), open ones on
        requests still in time, and a few overdue ones."""
        now = self.now
        free = [i for i, d in enumerate(drafts) if d.origin.merged_into is None and d.origin.request_id is None]
        self.rng.shuffle(free)
        in_time = [i for i in free if drafts[i].due is not None and drafts[i].due > now]
        late = [i for i in free if drafts[i].due is not None and drafts[i].due <= now - DAY]
        for stage in ALL_STAGES:
            if stage == MERGED or stage in stages:
                continue
            pool = in_time if stage in _OPEN else late
            if pool:
                stages[pool.pop()] = stage
        overdue = sum(1 for d, s in zip(drafts, stages, strict=True)
                      if s in _OPEN and d.due is not None and d.due <= now)
        want = max(1, round(len(drafts) * MIN_OVERDUE_SHARE)) if len(drafts) >= 100 else 0
        late = [i for i in late if stages[i] not in _OPEN]
        late.sort(key=lambda i: drafts[i].due or 0)  # the most recently due stay open, as in life
        while overdue < want and late:
            stages[late.pop()] = IN_PROGRESS
            overdue += 1
        self._keep_each_worker_busy(drafts, stages)

    def _keep_each_worker_busy(self, drafts: list[Draft], stages: list[str]) -> None:
        """Every grid worker has work in hand, whatever the hour the demo is made (on a Friday
        evening few requests are still inside their limit): a worker with fewer than
        MIN_OPEN_PER_WORKER open requests keeps their most recently reported ones open."""
        by_worker: dict[str, list[int]] = {}
        for i, d in enumerate(drafts):
            if d.origin.cell.staff_id and d.origin.merged_into is None and d.origin.request_id is None:
                by_worker.setdefault(d.origin.cell.staff_id, []).append(i)
        for worker in sorted(by_worker):
            mine = by_worker[worker]
            missing = MIN_OPEN_PER_WORKER - sum(1 for i in mine if stages[i] in _OPEN)
            closed = sorted((i for i in mine if stages[i] not in _OPEN and drafts[i].due is not None),
                            key=lambda i: drafts[i].reported)
            while missing > 0 and closed:
                stages[closed.pop()] = IN_PROGRESS
                missing -= 1

    def _request(self, d: Draft, stage: str) -> None:
        rng, o, reported, category = self.rng, d.origin, d.reported, d.category
        due = d.due
        request_id = o.request_id or self.ids.at(reported)
        worker = self.staff[o.cell.staff_id] if o.cell.staff_id else self.supervisor
        creator = self.staff.get(o.created_by or "")
        reporter_name, reporter_phone, reporter_id = self._reporter(o, creator)
        who = Actors(creator.id if creator else None, creator.name if creator else CHANNEL_NAMES.get(o.channel, ""),
                     worker.id, worker.name, self.supervisor.id, self.supervisor.name)
        extension = None
        if stage in _EXTENDABLE and due is not None and due > self.now and chance(rng, PENDING_EXTENSION_SHARE):
            extension = PENDING
        elif (stage in _DISPATCHED_STAGES and stage != DISPATCHED and chance(rng, APPROVED_EXTENSION_SHARE)
              and not (stage in _OPEN and due is not None and due <= self.now)):  # the overdue asked too late
            extension = APPROVED
        out = self.timeline.make(request_id, stage, reported, due, d.hours, who, extension, ESCALATE_LATE)
        if o.merged_into is not None:  # its note needs the ticket number, known only at the end
            merge = list(out.events[-1])
            out.events[-1] = merge  # type: ignore[call-overload]
            self._merge_notes.append((merge, o.merged_into))
        lng = o.building.longitude + rng.uniform(-4e-5, 4e-5)
        lat = o.building.latitude + rng.uniform(-4e-5, 4e-5)
        row = {
            "id": request_id, "version": 0, "created_at": stamp(reported), "updated_at": out.last, "deleted_at": None,
            "ticket_no": "", "community_code": o.cell.community.code, "category_code": d.category_code,
            "channel": o.channel, "title": d.title, "description": d.description, "stage": stage,
            "urgency": category["urgency"], "latitude": round(lat, 6), "longitude": round(lng, 6),
            "address": o.building.address, "building_id": o.building.id, "grid_cell_id": o.cell.id,
            "reporter_resident_id": reporter_id, "reporter_name": reporter_name, "reporter_phone": reporter_phone,
            "created_by_id": creator.id if creator else None,
            "assignee_id": worker.id if stage in _DISPATCHED_STAGES else None,
            "reported_at": stamp(reported), "accepted_at": out.accepted_at,
            "due_at": None if out.due is None else stamp(out.due), "closed_at": out.closed_at,
            "closed_on_time": None if out.closed is None or out.due is None else out.closed <= out.due,
            "rework_count": out.rework, "satisfaction": out.satisfaction,
            "merged_into_id": o.merged_into["id"] if o.merged_into is not None else None,
            "paused_since": None if out.paused_since is None else stamp(out.paused_since),
            "paused_seconds": out.paused_seconds,
            "pending_action": None if out.paused_since is None else "extension",
            "extension_hours_requested": out.extension_asked,
            "due_at_original": None if due is None else stamp(due), "escalation_count": out.escalations,
            "visit_id": o.visit_id,
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

