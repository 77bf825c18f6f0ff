"""generate_demo(): the whole demo community (or street) in one deterministic run."""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from db.demo.appdata import SUPERVISOR
from db.demo.casework import CaseworkBuilder, category_rows
from db.demo.clock import micros
from db.demo.families import Family, FamilyMaker
from db.demo.fieldwork import ITEM_COLUMNS, VISIT_COLUMNS, FieldworkBuilder
from db.demo.geography import STREET_THRESHOLD, GeographyBuilder, division_rows, plan_communities
from db.demo.names import NameGenerator
from db.demo.notices import notice_rows
from db.demo.people import PeopleBuilder
from db.demo.seeded import IdFactory, stream
from db.demo.staff import StaffBuilder, role_rows
from db.demo.tags import TAG_COLUMNS, assign_tags, tag_rows, visit_rule_rows
from db.demo.timeline import EVENT_COLUMNS
from db.demo.writer import DemoWriter, create_schema
from db.models import (
    Building,
    Category,
    Division,
    GridCell,
    Household,
    Notice,
    PatrolPlan,
    PatrolRound,
    PatrolRoundItem,
    RequestEvent,
    Resident,
    ResidentTag,
    Role,
    ServiceRequest,
    SpecialGroupTag,
    StaffUser,
    Unit,
    Visit,
    VisitRule,
)

Progress = Callable[[str, float], None]
Row = dict[str, Any]
MERGED_SHARE = 0.025
WRITER_PROCESS_FROM = 20_000  # residents; below this, starting a process costs more than it saves


@dataclass(frozen=True)
class DemoSummary:
    path: Path
    seed: int
    now: datetime
    residents: int
    households: int
    buildings: int
    units: int
    grid_cells: int
    staff: int
    categories: int
    requests: int
    request_events: int
    visits: int
    patrol_plans: int
    patrol_rounds: int
    patrol_items: int
    resident_tags: int
    notices: int
    seconds: float


def default_request_count(residents: int) -> int:
    """A community's half year: about one request per eight residents (two a day for 3,000,
    so each grid worker has a few open at any time); a busy street's half year (one per two
    residents) when generating street scale."""
    return residents // 2 if residents > STREET_THRESHOLD else max(30, residents // 8)


def _families(maker: FamilyMaker, people: int) -> list[Family]:
    """Families with exactly `people` members in total (the last one trimmed to fit)."""
    out: list[Family] = []
    left = people
    while left > 0:
        fam = maker.make()
        if len(fam.members) > left:
            fam.members = fam.members[:left]  # the head comes first, so it always stays
        left -= len(fam.members)
        out.append(fam)
    return out


def generate_demo(path: Path, *, residents: int = 3000, seed: int = 20201, now: datetime | None = None,
                  progress: Progress | None = None, requests: int | None = None) -> DemoSummary:
    """Write a new demo database at path (which must not exist yet). Same seed and now give
    the same file contents, ids and password salts included.
    progress(label, fraction) is called on the caller's thread."""
    started = time.perf_counter()
    path = Path(path)
    if residents < 1:
        raise ValueError("residents must be at least 1")
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    now = now.astimezone(UTC)
    if path.exists():
        raise FileExistsError(path)

    def report(label: str, fraction: float) -> None:
        if progress is not None:
            progress(label, fraction)

    report("准备数据库", 0.0)
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    create_schema(partial)
    # a frozen app has no `python -m` to start the writer process with
    in_process = residents < WRITER_PROCESS_FROM or bool(getattr(sys, "frozen", False))
    writer = DemoWriter(partial, in_process=in_process)
    counts: dict[str, int] = defaultdict(int)

    def put(table: Any, rows: list[Any], columns: tuple[str, ...] | None = None, last: bool = True) -> None:
        counts[table.name] += len(rows)
        writer.put(table, rows, columns=columns, last=last)

    try:
        _build(residents, seed, micros(now), requests, report, put)
        report("写入数据库", 0.9)
        writer.close()
        partial.replace(path)
    except BaseException:
        writer.abort()
        partial.unlink(missing_ok=True)
        raise
    report("完成", 1.0)
    return DemoSummary(
        path=path, seed=seed, now=now, residents=counts["resident"], households=counts["household"],
        buildings=counts["building"], units=counts["unit"], grid_cells=counts["grid_cell"],
        staff=counts["staff_user"], categories=counts["category"], requests=counts["service_request"],
        request_events=counts["request_event"], visits=counts["visit"], patrol_plans=counts["patrol_plan"],
        patrol_rounds=counts["patrol_round"], patrol_items=counts["patrol_round_item"],
        resident_tags=counts["resident_tag"], notices=counts["notice"],
        seconds=round(time.perf_counter() - started, 3))


def _build(residents: int, seed: int, now: int, requests: int | None, report: Progress,
           put: Callable[..., None]) -> None:
    """Generate everything, handing each table to put() as soon as its rows are final."""

    def ids(name: str) -> IdFactory:
        return IdFactory(stream(seed, f"ids:{name}"))

    report("生成网格和楼栋", 0.05)
    plan = plan_communities(residents)
    home = plan[0][0].code
    geo = GeographyBuilder(stream(seed, "geography"), ids("geography"), now)
    cells_by_community = [(community, n, geo.add_cells(community, n)) for community, n in plan]
    put(Division.__table__, division_rows(now, ids("divisions")))
    put(Role.__table__, role_rows(now, ids("roles")))
    put(SpecialGroupTag.__table__, tag_rows(now, ids("tag-kinds")))
    put(VisitRule.__table__, visit_rule_rows(now, ids("visit-rules")))
    put(Category.__table__, category_rows(now, ids("categories")))

    staff = StaffBuilder(stream(seed, "staff"), ids("staff"), NameGenerator(stream(seed, "staff-names")), now,
                         home)
    staff.build(geo.cells)
    for row, cell in zip(geo.cell_rows, geo.cells, strict=True):
        row["responsible_staff_id"] = cell.staff_id
    put(StaffUser.__table__, staff.rows)
    put(GridCell.__table__, geo.cell_rows)

    report("生成居民和家庭", 0.1)
    names = NameGenerator(stream(seed, "names"))
    maker = FamilyMaker(stream(seed, "families"), names)
    people = PeopleBuilder(stream(seed, "people"), ids("people"), names, now)
    for _community, n, cells in cells_by_community:
        families = _families(maker, n)
        basic = [c for c in cells if c.kind == "basic"]
        for cell in cells:
            if cell.kind != "basic":
                geo.add_buildings(cell, 0)  # the school
                continue
            k = basic.index(cell)
            share = families[len(families) * k // len(basic): len(families) * (k + 1) // len(basic)]
            # more dwellings than families: the rest stay vacant
            for family, (dwelling, building) in zip(share, geo.add_buildings(cell, len(share)), strict=False):
                people.settle(family, dwelling, building)
    people.add_rare_names()
    put(Building.__table__, geo.building_rows)
    put(Unit.__table__, geo.unit_rows)
    put(Household.__table__, geo.household_rows)
    put(Resident.__table__, [p.row for p in people.people])
    put(ResidentTag.__table__, assign_tags(people.people, stream(seed, "tags"), ids("tags"), now), TAG_COLUMNS)

    report("生成走访和巡查记录", 0.3)
    fieldwork = FieldworkBuilder(stream(seed, "fieldwork"), ids("fieldwork"), now, staff.by_id())
    fieldwork.visits(people.people)
    fieldwork.patrols(geo.cells)
    put(Visit.__table__, fieldwork.visit_rows, VISIT_COLUMNS)
    put(PatrolPlan.__table__, fieldwork.plan_rows)
    put(PatrolRound.__table__, fieldwork.round_rows)
    put(PatrolRoundItem.__table__, fieldwork.item_rows, ITEM_COLUMNS)

    report("生成诉求和办理过程", 0.4)
    target = default_request_count(residents) if requests is None else requests
    merged = max(1, round(target * MERGED_SHARE))
    casework = CaseworkBuilder(stream(seed, "casework"), ids("casework"), now, staff.members,
                               staff.first(SUPERVISOR))
    walk_ins = casework.walk_ins(max(0, target - len(fieldwork.origins) - merged), geo.cells, people.people)
    casework.build(fieldwork.origins + walk_ins,
                   flush=lambda rows: put(RequestEvent.__table__, rows, EVENT_COLUMNS, last=False))
    casework.build(casework.duplicates(merged))
    casework.finish()
    put(ServiceRequest.__table__, casework.request_rows)
    put(RequestEvent.__table__, casework.event_rows, EVENT_COLUMNS)
    put(Notice.__table__, notice_rows([c for c, _n, _cells in cells_by_community], staff.first(SUPERVISOR).id,
                                      now, stream(seed, "notices"), ids("notices")))
    report("写入数据库", 0.8)
