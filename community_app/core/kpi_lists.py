"""The lists behind the supervisor's numbers: click 结案数 of 第三网格 and see those requests.

Each list uses the very conditions its number was counted with (core.kpi_requests,
core.kpi_visits), narrowed to one grid cell or one worker when asked. Rows are frozen
dataclasses with display names already joined in, ordered as a supervisor reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from community_app.core.dashboard import Scope
from community_app.core.kpi_period import Period, day_start, local_date
from community_app.core.kpi_requests import (
    CLOSED_IN_PERIOD,
    NO_GRID,
    NO_WORKER,
    RECEIVED,
    REQUEST_LISTS,
    Bounds,
    base_select,
    in_scope,
    list_condition,
    reported_in,
    worker_of_request,
)
from community_app.core.kpi_visits import RESIDENT_LISTS, active_intervals, conditions, tagged_residents
from community_app.core.kpis import scope_cells
from community_app.core.patrol_coverage import GridCoverage, patrol_coverage
from db.models import Category, GridCell, Resident, ResidentTag, ServiceRequest, SpecialGroupTag, StaffUser, utcnow

R = ServiceRequest

__all__ = ["REQUEST_LISTS", "RESIDENT_LISTS", "WEEK_LISTS", "KpiRequestRow", "KpiResidentRow",
           "kpi_category_request_rows", "kpi_patrol_rows", "kpi_request_ids", "kpi_request_rows",
           "kpi_resident_ids", "kpi_resident_rows", "kpi_week_request_rows", "request_rows", "week_bounds"]


def _key_filter(column: ColumnElement[str | None], key: str | None, none_key: str) -> list[ColumnElement[bool]]:
    if key is None:
        return []
    return [column.is_(None)] if key == none_key else [column == key]


def _request_query(scope: Scope, period: Period, indicator: str, grid_cell_id: str | None, worker_id: str | None,
                   now: datetime | None, *columns: ColumnElement[object]) -> Select[tuple[object, ...]]:
    b = Bounds.of(period, now or utcnow())
    return (
        base_select(*columns)
        .where(*in_scope(scope), list_condition(indicator, b),
               *_key_filter(R.grid_cell_id, grid_cell_id, NO_GRID),
               *_key_filter(worker_of_request(), worker_id, NO_WORKER))
        .order_by(R.reported_at, R.id)
    )


def kpi_request_ids(session: Session, scope: Scope, period: Period, indicator: str,
                    grid_cell_id: str | None = None, worker_id: str | None = None, *,
                    now: datetime | None = None) -> list[str]:
    """Ids of the requests behind `indicator` (one of kpi_requests.REQUEST_LISTS), oldest
    report first. grid_cell_id / worker_id narrow to one row of the per-grid / per-worker
    table (NO_GRID / NO_WORKER for the rows without one)."""
    return list(session.scalars(
        _request_query(scope, period, indicator, grid_cell_id, worker_id, now, R.id)))


@dataclass(frozen=True)
class KpiRequestRow:
    id: str
    ticket_no: str
    title: str
    stage: str  # code; the UI names it
    category: str
    grid_name: str
    worker_name: str
    reported_at: datetime
    due_at: datetime | None
    closed_at: datetime | None
    closed_on_time: bool | None
    rework_count: int
    satisfaction: int | None


def _row_query(query: Select[tuple[object, ...]]) -> Select[tuple[object, ...]]:
    worker = StaffUser.__table__.alias("worker")
    return query.add_columns(
        R.id, R.ticket_no, R.title, R.stage, Category.name, GridCell.name, worker.c.display_name, R.reported_at,
        R.due_at, R.closed_at, R.closed_on_time, R.rework_count, R.satisfaction,
    ).outerjoin(Category, Category.code == R.category_code).outerjoin(worker, worker.c.id == worker_of_request())


def _rows(session: Session, query: Select[tuple[object, ...]]) -> list[KpiRequestRow]:
    return [KpiRequestRow(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "", r[6] or "", *r[7:])
            for r in session.execute(_row_query(query))]


def kpi_request_rows(session: Session, scope: Scope, period: Period, indicator: str,
                     grid_cell_id: str | None = None, worker_id: str | None = None, *,
                     now: datetime | None = None) -> list[KpiRequestRow]:
    """The same requests as kpi_request_ids, with what a list shows."""
    return _rows(session, _request_query(scope, period, indicator, grid_cell_id, worker_id, now))


def request_rows(session: Session, where: list[ColumnElement[bool]],
                 order_by: tuple[ColumnElement[object], ...]) -> list[KpiRequestRow]:
    """KpiRequestRow of the requests matching `where` (conditions on ServiceRequest), in that order."""
    return _rows(session, base_select().where(*where).order_by(*order_by))


# ---- the charts: a week of the trend, a slice of the categories ---------------------------------
WEEK_LISTS = (RECEIVED, CLOSED_IN_PERIOD)  # the trend's two lines


def week_bounds(period: Period, monday: date, now: datetime) -> Bounds:
    """One week of the report's trend (core.kpis._weekly): Monday 00:00 Beijing time to the
    next Monday, stopped at the report's cutoff as kpi_requests.weekly_counts is."""
    start = day_start(monday)
    return Bounds(start, max(start, min(day_start(monday + timedelta(days=7)), period.cutoff(now))))


def kpi_week_request_rows(session: Session, scope: Scope, period: Period, monday: date, which: str, *,
                          now: datetime | None = None) -> list[KpiRequestRow]:
    """The requests behind one point of the weekly trend of `period`'s report: "received"
    (reported that week) or "closed" (closed that week), oldest report first."""
    if which not in WEEK_LISTS:
        raise ValueError(f"unknown week list {which!r}; one of {', '.join(WEEK_LISTS)}")
    b = week_bounds(period, monday, now or utcnow())
    return _rows(session, base_select().where(*in_scope(scope), list_condition(which, b))
                 .order_by(R.reported_at, R.id))


def kpi_category_request_rows(session: Session, scope: Scope, period: Period, major_codes: Sequence[str], *,
                              now: datetime | None = None) -> list[KpiRequestRow]:
    """The requests behind a slice of the category chart (core.kpis._categories): received in
    the period with a 小类 (or 大类) under one of `major_codes` (several for the "other" slice)."""
    b = Bounds.of(period, now or utcnow())
    minor = Category.__table__.alias("minor")
    in_major = select(minor.c.code).where(func.coalesce(minor.c.parent_code, minor.c.code).in_(list(major_codes)))
    return _rows(session, base_select().where(*in_scope(scope), reported_in(b), R.category_code.in_(in_major))
                 .order_by(R.reported_at, R.id))


# ---- residents behind 走访完成率 -----------------------------------------------------------------
@dataclass(frozen=True)
class KpiResidentRow:
    id: str
    name: str
    grid_name: str
    tags: str  # names of the tags under a rule, joined with 、
    interval_days: int
    last_visit_at: datetime | None  # the latest visit up to the last day counted
    next_due: date | None  # the day after that visit + interval (None: never visited)
    done: bool  # visited within the interval (not on the 待走访 list on the last day)


def _resident_query(session: Session, scope: Scope, period: Period, which: str, grid_cell_id: str | None,
                    worker_id: str | None, now: datetime | None) -> Select[tuple[object, ...]] | None:
    if which not in RESIDENT_LISTS:
        raise ValueError(f"unknown resident list {which!r}; one of {', '.join(RESIDENT_LISTS)}")
    last_day = min(period.end, local_date(now or utcnow()))
    if last_day < period.start:
        return None
    tagged = tagged_residents(scope, period.start, last_day)
    c = conditions(tagged, last_day, active_intervals(session))
    return (
        select(tagged.c.id, Resident.name, GridCell.name, tagged.c.days, tagged.c.last, c["visit_missed"])
        .select_from(tagged)
        .join(Resident, Resident.id == tagged.c.id)
        .outerjoin(GridCell, GridCell.id == tagged.c.cell)
        .where(c[which], *_key_filter(tagged.c.cell, grid_cell_id, NO_GRID),
               *_key_filter(tagged.c.worker, worker_id, NO_WORKER))
        .order_by(Resident.search_sort, Resident.id)
    )


def kpi_resident_ids(session: Session, scope: Scope, period: Period, which: str,
                     grid_cell_id: str | None = None, worker_id: str | None = None, *,
                     now: datetime | None = None) -> list[str]:
    """Residents behind 走访完成率: "visit_due" (应走访), "visit_done" or "visit_missed", in
    pinyin order of their names."""
    found = _resident_query(session, scope, period, which, grid_cell_id, worker_id, now)
    return [] if found is None else [r[0] for r in session.execute(found)]


def kpi_resident_rows(session: Session, scope: Scope, period: Period, which: str,
                      grid_cell_id: str | None = None, worker_id: str | None = None, *,
                      now: datetime | None = None) -> list[KpiResidentRow]:
    found = _resident_query(session, scope, period, which, grid_cell_id, worker_id, now)
    if found is None:
        return []
    rows = session.execute(found).all()
    ids = [r[0] for r in rows]
    tags: dict[str, list[str]] = {}
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        for rid, name in session.execute(
                select(ResidentTag.resident_id, SpecialGroupTag.name)
                .join(SpecialGroupTag, SpecialGroupTag.code == ResidentTag.tag_code)
                .where(ResidentTag.resident_id.in_(chunk), ResidentTag.deleted_at.is_(None))
                .order_by(SpecialGroupTag.code)):
            tags.setdefault(rid, []).append(name)
    return [KpiResidentRow(
        id=rid, name=name, grid_name=grid or "", tags="、".join(tags.get(rid, [])), interval_days=days,
        last_visit_at=last, next_due=None if last is None else local_date(last) + timedelta(days=days),
        done=not missed) for rid, name, grid, days, last, missed in rows]


# ---- plans behind 巡查覆盖率 ----------------------------------------------------------------------
def kpi_patrol_rows(session: Session, scope: Scope, period: Period, grid_cell_id: str | None = None,
                    worker_id: str | None = None, *, now: datetime | None = None) -> list[GridCoverage]:
    """Grid cells with patrols planned in the period (core.patrol_coverage), least covered first."""
    cells = scope_cells(session, scope)
    communities = {c for c in session.scalars(select(GridCell.community_code).where(GridCell.id.in_(list(cells))))}
    rows: list[GridCoverage] = []
    for code in sorted(communities):
        report = patrol_coverage(session, code, period.start, period.end, now=now or utcnow())
        rows += [r for r in report.rows if r.grid_cell_id in cells and r.planned
                 and (grid_cell_id is None or r.grid_cell_id == grid_cell_id)
                 and (worker_id is None or (cells[r.grid_cell_id][2] or NO_WORKER) == worker_id)]
    return sorted(rows, key=lambda r: (r.coverage or 0.0, r.grid_code))
