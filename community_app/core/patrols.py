"""Patrols (巡查): a plan per grid cell — a checklist and a frequency — and its rounds, walked
item by item. Plans live here; rounds in core.patrol_rounds and coverage (巡查覆盖率) in
core.patrol_coverage, both re-exported, so callers use one module: `patrols.start_round(...)`.

Who: plans are made and changed by fieldwork_rules.can_plan (supervisor or administrator);
rounds are walked by fieldwork_rules.can_record (grid workers and supervisors). A grid
worker sees the plans of the cells they are responsible for; everyone else the community.

Due: like visits (core.fieldwork_rules), in Shanghai days. A plan is due again on the day of
its latest finished round + frequency_days; never patrolled, it is due from the day it was
made. Due from that day, overdue more than GRACE_DAYS days later. An unfinished round does
not count until it is finished. Inactive plans are never due.

Writes go through core.changes; functions flush, the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core import changes, localtime, roles
from community_app.core import fieldwork_rules as rules
from community_app.core.auth import CurrentUser
from community_app.core.fieldwork_rules import DUE, OVERDUE, FieldworkError, problem
from community_app.core.patrol_coverage import CoverageReport, GridCoverage, patrol_coverage
from community_app.core.patrol_rounds import (
    RESULTS,
    RoundDetail,
    RoundItemRow,
    RoundRow,
    cancel_round,
    finish_round,
    recent_rounds,
    record_item,
    round_detail,
    start_round,
)
from community_app.core.problems import Problem
from db.models import GridCell, PatrolPlan, PatrolRound, StaffUser, utcnow

INACTIVE: Final = "inactive"
PLAN_NAME_MAX: Final = 64
ITEM_MAX: Final = 120  # PatrolRoundItem.item
CHECKLIST_MAX: Final = 40


@dataclass(frozen=True)
class PatrolPlanInput:
    grid_cell_id: str
    name: str
    frequency_days: int
    checklist: tuple[str, ...]
    active: bool = True


@dataclass(frozen=True)
class PatrolPlanRow:
    id: str
    grid_cell_id: str
    grid_code: str
    grid_name: str
    worker_name: str | None  # who is responsible for the cell
    name: str
    frequency_days: int
    checklist: tuple[str, ...]
    active: bool
    last_round_at: datetime | None  # start of the latest finished round (UTC)
    last_round_by: str | None
    due_date: date | None  # None when inactive
    days_overdue: int  # today - due_date (negative: days left); 0 when inactive
    state: str  # fieldwork_rules.UPCOMING / DUE / OVERDUE, or INACTIVE
    open_round_id: str | None  # the user's own unfinished round of this plan, to resume

    @property
    def is_due(self) -> bool:
        return self.state in (DUE, OVERDUE)


# ---- reading ----------------------------------------------------------------------------------------
def _scope_cells(session: Session, user: CurrentUser) -> list[GridCell]:
    query = select(GridCell).where(GridCell.deleted_at.is_(None))
    if user.role_code == roles.GRID_WORKER:
        query = query.where(GridCell.responsible_staff_id == user.id)
    if user.community_code is not None:
        query = query.where(GridCell.community_code == user.community_code)
    return list(session.scalars(query.order_by(GridCell.code)))


def patrol_plans(session: Session, user: CurrentUser, *, now: datetime | None = None) -> list[PatrolPlanRow]:
    """Every live plan of the user's cells with its due state: most overdue first, then by
    grid code; inactive plans last."""
    now = now or utcnow()
    today = localtime.today(now)
    cells = {c.id: c for c in _scope_cells(session, user)}
    plans = list(session.scalars(select(PatrolPlan).where(
        PatrolPlan.grid_cell_id.in_(list(cells)), PatrolPlan.deleted_at.is_(None))))
    workers = dict(session.execute(select(StaffUser.id, StaffUser.display_name)).all())
    ids = [p.id for p in plans]
    latest = _latest_finished(session, ids)
    open_rounds = dict(session.execute(
        select(PatrolRound.plan_id, func.max(PatrolRound.id))
        .where(PatrolRound.plan_id.in_(ids), PatrolRound.finished_at.is_(None), PatrolRound.deleted_at.is_(None),
               PatrolRound.staff_id == user.id)
        .group_by(PatrolRound.plan_id)).all())
    rows = []
    for plan in plans:
        cell = cells[plan.grid_cell_id]
        last = latest.get(plan.id)
        if not plan.active:
            due, late, state = None, 0, INACTIVE
        else:
            due = (rules.due_on(rules.local_date(last[0]), plan.frequency_days) if last
                   else min(rules.local_date(plan.created_at), today))
            late, state = (today - due).days, rules.due_state(due, today)
        rows.append(PatrolPlanRow(
            id=plan.id, grid_cell_id=cell.id, grid_code=cell.code, grid_name=cell.name,
            worker_name=workers.get(cell.responsible_staff_id or ""), name=plan.name,
            frequency_days=plan.frequency_days, checklist=tuple(plan.checklist), active=plan.active,
            last_round_at=last[0] if last else None, last_round_by=workers.get(last[1]) if last else None,
            due_date=due, days_overdue=late, state=state, open_round_id=open_rounds.get(plan.id)))
    rows.sort(key=lambda r: (not r.active, -r.days_overdue, r.grid_code, r.name))
    return rows


def _latest_finished(session: Session, plan_ids: list[str]) -> dict[str, tuple[datetime, str]]:
    """plan id → (started_at, staff id) of its latest finished round."""
    found: dict[str, tuple[datetime, str]] = {}
    rows = session.execute(
        select(PatrolRound.plan_id, PatrolRound.started_at, PatrolRound.staff_id)
        .where(PatrolRound.plan_id.in_(plan_ids), PatrolRound.finished_at.is_not(None),
               PatrolRound.deleted_at.is_(None))
    ).all()
    for plan_id, started, staff in rows:
        if plan_id not in found or started > found[plan_id][0]:
            found[plan_id] = (started, staff)
    return found


def patrols_due(session: Session, user: CurrentUser, now: datetime | None = None) -> list[PatrolPlanRow]:
    """Active plans of the user's cells due today or earlier (overdue included), most overdue first."""
    return [p for p in patrol_plans(session, user, now=now) if p.is_due]


# ---- plans --------------------------------------------------------------------------------------------
def _clean_plan(session: Session, user: CurrentUser, data: PatrolPlanInput) -> dict[str, object]:
    cell = session.get(GridCell, data.grid_cell_id)
    if cell is None or cell.deleted_at is not None:
        raise FieldworkError(problem("cell_not_found", "grid_cell_id"))
    rules.require_plan(user, cell.community_code)
    found: list[Problem] = []
    name = " ".join(data.name.split())
    if not name:
        found.append(problem("plan_name_required", "name"))
    elif len(name) > PLAN_NAME_MAX:
        found.append(problem("plan_name_too_long", "name", limit=PLAN_NAME_MAX))
    if not 1 <= data.frequency_days <= rules.INTERVAL_MAX:
        found.append(problem("frequency_range", "frequency_days", limit=rules.INTERVAL_MAX))
    checklist: list[str] = []
    for raw in data.checklist:
        item = " ".join(raw.split())
        if not item:
            continue
        if len(item) > ITEM_MAX:
            found.append(problem("checklist_item_too_long", "checklist", item=item[:12] + "…", limit=ITEM_MAX))
        elif item in checklist:
            found.append(problem("checklist_duplicate", "checklist", item=item))
        else:
            checklist.append(item)
    if not checklist:
        found.append(problem("checklist_required", "checklist"))
    rules.raise_if(found)
    return {"grid_cell_id": cell.id, "name": name, "frequency_days": data.frequency_days,
            "checklist": checklist[:CHECKLIST_MAX], "active": data.active}


def create_plan(session: Session, user: CurrentUser, data: PatrolPlanInput) -> str:
    values = _clean_plan(session, user, data)
    return changes.insert(session, PatrolPlan(**values)).id


def update_plan(session: Session, user: CurrentUser, plan_id: str, data: PatrolPlanInput) -> None:
    """Change a plan; rounds already walked keep the items they were walked with."""
    plan = session.get(PatrolPlan, plan_id)
    if plan is None or plan.deleted_at is not None:
        raise FieldworkError(problem("plan_not_found"))
    old_cell = session.get(GridCell, plan.grid_cell_id)
    rules.require_plan(user, old_cell.community_code if old_cell else None)
    changes.update(session, plan, **_clean_plan(session, user, data))


def plan_cells(session: Session, user: CurrentUser) -> list[tuple[str, str]]:
    """(id, name) of the cells a plan can be made for, by code."""
    return [(c.id, c.name) for c in _scope_cells(session, user)]


__all__ = ["INACTIVE", "RESULTS", "CoverageReport", "GridCoverage", "PatrolPlanInput", "PatrolPlanRow",
           "RoundDetail", "RoundItemRow", "RoundRow", "cancel_round", "create_plan", "finish_round",
           "patrol_coverage", "patrol_plans", "patrols_due", "plan_cells", "recent_rounds", "record_item",
           "round_detail", "start_round", "update_plan"]
