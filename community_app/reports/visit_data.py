"""The figures of the 特殊群体走访报告, fetched once before any layout.

Coverage uses core.kpi_visits' due rule (the dashboard's 走访完成率), counted three ways:
for the whole scope (each resident once), per special-group tag (a resident with two tags
under rules counts under both, so tag rows may add up to more than the total) and per
worker (the resident's cell's responsible worker). Visits recorded and follow-up requests
are those whose visit fell in the period, up to the last day counted.

Residents not visited in time are listed by name with their ID number and phone masked
(core.masking); the unmasked values never leave this module.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core.dashboard import Scope
from community_app.core.kpi_lists import kpi_resident_rows
from community_app.core.kpi_period import Period, day_start, local_date
from community_app.core.kpi_requests import NO_WORKER
from community_app.core.kpi_visits import (
    VISIT_DUE,
    VISIT_MISSED,
    active_intervals,
    conditions,
    tagged_residents,
    visits_by_grid_and_worker,
)
from community_app.core.masking import mask_id_number, mask_phone
from community_app.reports.monthly_data import office_and_scope
from community_app.reports.progress import NO_CONTROL, BuildControl
from db.models import (
    Category,
    GridCell,
    Resident,
    ResidentTag,
    ServiceRequest,
    SpecialGroupTag,
    StaffUser,
    Visit,
    VisitRule,
    utcnow,
)


@dataclass(frozen=True)
class Coverage:
    key: str  # tag code / staff id (NO_WORKER for residents of cells with nobody responsible)
    name: str
    due: int  # 应走访
    missed: int  # 未按期走访
    detail: str = ""  # a tag's interval ("每7天"), a worker's cells
    visits: int = 0  # visits recorded in the period (per worker: by them)
    followups: int = 0  # follow-up requests those visits created

    @property
    def done(self) -> int:
        return self.due - self.missed

    @property
    def rate(self) -> float | None:
        return self.done / self.due if self.due else None


@dataclass(frozen=True)
class MissedResident:
    name: str  # shown in full: the worker must know whom to visit
    id_masked: str
    phone_masked: str
    grid_name: str
    tags: str
    interval_days: int
    last_visit_at: datetime | None
    due_on: date  # the day the visit fell due (never visited: the day first tagged)
    days_overdue: int  # on the last day counted


@dataclass(frozen=True)
class FollowUpRow:
    ticket_no: str
    title: str
    category: str
    stage: str  # code
    resident_name: str
    visited_at: datetime
    worker_name: str


@dataclass(frozen=True)
class VisitFigures:
    office_name: str
    scope_text: str
    period: Period
    last_day: date
    total: Coverage
    by_tag: tuple[Coverage, ...]  # by tag code
    by_worker: tuple[Coverage, ...]
    by_method: tuple[tuple[str, int], ...]  # (method code, visits), most first
    by_outcome: tuple[tuple[str, int], ...]
    missed: tuple[MissedResident, ...]  # most overdue first
    followups: tuple[FollowUpRow, ...]  # in visit order
    as_of: datetime


def _by_tag(session: Session, scope: Scope, period: Period, last_day: date) -> list[Coverage]:
    tagged = tagged_residents(scope, period.start, last_day)
    c = conditions(tagged, last_day, active_intervals(session))
    end = day_start(last_day + timedelta(days=1))
    rows = session.execute(
        select(ResidentTag.tag_code, SpecialGroupTag.name, VisitRule.interval_days,
               func.count().filter(c[VISIT_DUE]), func.count().filter(c[VISIT_MISSED]))
        .select_from(tagged)
        .join(ResidentTag, ResidentTag.resident_id == tagged.c.id)
        .join(VisitRule, VisitRule.tag_code == ResidentTag.tag_code)
        .join(SpecialGroupTag, SpecialGroupTag.code == ResidentTag.tag_code)
        .where(ResidentTag.deleted_at.is_(None), ResidentTag.created_at < end, VisitRule.deleted_at.is_(None),
               VisitRule.active.is_(True))
        .group_by(ResidentTag.tag_code, SpecialGroupTag.name, VisitRule.interval_days)
        .order_by(ResidentTag.tag_code)
    ).all()
    return [Coverage(code, name, due, missed, f"每{days}天") for code, name, days, due, missed in rows]


def _visits_in(scope: Scope, period: Period, last_day: date) -> list[object]:
    return [Visit.deleted_at.is_(None), Visit.visited_at >= day_start(period.start),
            Visit.visited_at < day_start(last_day + timedelta(days=1)),
            *scope.filter(Resident.community_code, Resident.grid_cell_id)]


def _by_worker(session: Session, scope: Scope, period: Period, last_day: date) -> list[Coverage]:
    counts: dict[str, list[int]] = {}
    for _cell, worker, due, missed in session.execute(
            visits_by_grid_and_worker(session, scope, period.start, last_day)):
        row = counts.setdefault(worker or NO_WORKER, [0, 0])
        row[0] += due
        row[1] += missed
    done = dict(session.execute(
        select(Visit.staff_id, func.count()).join(Resident, Resident.id == Visit.resident_id)
        .where(*_visits_in(scope, period, last_day)).group_by(Visit.staff_id)).all())
    followed = dict(session.execute(
        select(Visit.staff_id, func.count()).join(Resident, Resident.id == Visit.resident_id)
        .where(*_visits_in(scope, period, last_day), Visit.followup_request_id.is_not(None))
        .group_by(Visit.staff_id)).all())
    ids = set(counts) | set(done)
    staff = {r.id: r.display_name for r in session.execute(
        select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(ids - {NO_WORKER})))}
    cells: dict[str, list[tuple[str, str]]] = {}
    for cid_code, name, worker in session.execute(
            select(GridCell.code, GridCell.name, GridCell.responsible_staff_id)
            .where(GridCell.deleted_at.is_(None), GridCell.responsible_staff_id.in_(ids),
                   *scope.filter(GridCell.community_code, GridCell.id))):
        cells.setdefault(worker, []).append((cid_code, name))
    rows = [Coverage(w, staff.get(w, ""), *counts.get(w, [0, 0]),
                     detail="、".join(n for _c, n in sorted(cells.get(w, []))),
                     visits=done.get(w, 0), followups=followed.get(w, 0)) for w in ids]
    return sorted(rows, key=lambda r: (r.key == NO_WORKER, min((c for c, _n in cells.get(r.key, [])), default="~"),
                                       r.name))


def _missed(session: Session, scope: Scope, period: Period, now: datetime, last_day: date) -> list[MissedResident]:
    rows = kpi_resident_rows(session, scope, period, VISIT_MISSED, now=now)
    private: dict[str, tuple[str | None, str | None]] = {}
    ids = [r.id for r in rows]
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        private.update({rid: (idn, phone) for rid, idn, phone in session.execute(
            select(Resident.id, Resident.id_number, Resident.phone).where(Resident.id.in_(chunk)))})
    never = [r.id for r in rows if r.last_visit_at is None]
    tagged_on: dict[str, datetime] = {}
    for chunk in (never[i:i + 500] for i in range(0, len(never), 500)):
        tagged_on.update(dict(session.execute(
            select(ResidentTag.resident_id, func.min(ResidentTag.created_at))
            .join(VisitRule, VisitRule.tag_code == ResidentTag.tag_code)
            .where(ResidentTag.resident_id.in_(chunk), ResidentTag.deleted_at.is_(None),
                   VisitRule.deleted_at.is_(None), VisitRule.active.is_(True))
            .group_by(ResidentTag.resident_id)).all()))
    out = []
    for r in rows:
        id_number, phone = private.get(r.id, (None, None))
        first = tagged_on.get(r.id)
        # never visited: due from the day they were first tagged (core.visits' rule)
        due = r.next_due or (local_date(first) if first else period.start)
        out.append(MissedResident(r.name, mask_id_number(id_number), mask_phone(phone), r.grid_name, r.tags,
                                  r.interval_days, r.last_visit_at, due, max(0, (last_day - due).days)))
    return sorted(out, key=lambda m: -m.days_overdue)


def _followups(session: Session, scope: Scope, period: Period, last_day: date) -> list[FollowUpRow]:
    rows = session.execute(
        select(ServiceRequest.ticket_no, ServiceRequest.title, Category.name, ServiceRequest.stage, Resident.name,
               Visit.visited_at, StaffUser.display_name)
        .select_from(Visit)
        .join(Resident, Resident.id == Visit.resident_id)
        .join(ServiceRequest, ServiceRequest.id == Visit.followup_request_id)
        .outerjoin(Category, Category.code == ServiceRequest.category_code)
        .outerjoin(StaffUser, StaffUser.id == Visit.staff_id)
        .where(*_visits_in(scope, period, last_day), ServiceRequest.deleted_at.is_(None))
        .order_by(Visit.visited_at, ServiceRequest.ticket_no)
    ).all()
    return [FollowUpRow(t, title, cat or "", stage, name, at, who or "")
            for t, title, cat, stage, name, at, who in rows]


def _counted(session: Session, scope: Scope, period: Period, last_day: date, column: object) -> list[tuple[str, int]]:
    found = Counter(dict(session.execute(
        select(column, func.count()).select_from(Visit).join(Resident, Resident.id == Visit.resident_id)
        .where(*_visits_in(scope, period, last_day)).group_by(column)).all()))
    return found.most_common()


def visit_figures(session: Session, scope: Scope, period: Period, *, now: datetime | None = None,
                  control: BuildControl = NO_CONTROL) -> VisitFigures:
    now = now or utcnow()
    last_day = max(period.start, min(period.end, local_date(now)))
    control.step(0.0, "正在统计走访覆盖…")
    by_worker = _by_worker(session, scope, period, last_day) if period.start <= local_date(now) else []
    total = Coverage("", "合计", sum(w.due for w in by_worker), sum(w.missed for w in by_worker),
                     visits=sum(w.visits for w in by_worker), followups=sum(w.followups for w in by_worker))
    control.step(0.3, "正在按群体统计…")
    by_tag = _by_tag(session, scope, period, last_day) if by_worker else []
    control.step(0.5, "正在整理未按期走访对象…")
    missed = _missed(session, scope, period, now, last_day)
    control.step(0.8, "正在整理后续诉求…")
    followups = _followups(session, scope, period, last_day)
    methods = _counted(session, scope, period, last_day, Visit.method)
    outcomes = _counted(session, scope, period, last_day, Visit.outcome)
    office, scope_text = office_and_scope(session, scope)
    control.step(1.0, "统计完成")
    return VisitFigures(office, scope_text, period, last_day, total, tuple(by_tag), tuple(by_worker),
                        tuple(methods), tuple(outcomes), tuple(missed), tuple(followups), now)
