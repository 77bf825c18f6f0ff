"""The lists behind the 工作台's numbers of the day (core.dashboard.DashboardCounts): click
已超期 and see those requests, 待走访 and see those residents, 居民总数 and see the register.

Each list uses the conditions its number was counted with in core.dashboard, at the same
moment (the counts' as_of) and for the same scope (core.dashboard.scope_for), so a list
always holds exactly as many rows as the number says. Rows are frozen dataclasses with
display names already joined in; personal data is left out (names only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from sqlalchemy import ColumnElement, func, literal_column, or_, select
from sqlalchemy.orm import Session

from community_app.core.dashboard import Scope
from community_app.core.kpi_lists import KpiRequestRow, KpiResidentRow, kpi_resident_rows, request_rows
from community_app.core.kpi_period import Period, local_date
from community_app.core.kpi_visits import VISIT_MISSED
from community_app.core.stages import OPEN_STAGES
from db.models import Building, GridCell, Household, PatrolPlan, PatrolRound, Resident, ServiceRequest, StaffUser, Unit

R = ServiceRequest
OPEN: Final = "open_total"  # 在办诉求
OVERDUE: Final = "overdue"  # 已超期
DUE_SOON: Final = "due_soon"  # 即将超期
STAGE_PREFIX: Final = "stage:"  # "stage:dispatched": the open requests at one stage
REQUEST_LISTS: Final = (OPEN, OVERDUE, DUE_SOON, *(STAGE_PREFIX + s for s in OPEN_STAGES))


def _open(scope: Scope) -> list[ColumnElement[bool]]:
    """core.dashboard's open requests of the scope."""
    return [R.stage.in_(OPEN_STAGES), R.deleted_at.is_(None), *scope.filter(R.community_code, R.grid_cell_id)]


def request_conditions(scope: Scope, which: str, now: datetime) -> list[ColumnElement[bool]]:
    """The requests behind one of REQUEST_LISTS at `now` (core.dashboard's rules: a paused
    clock is neither overdue nor due soon)."""
    where = _open(scope)
    if which == OPEN:
        return where
    if which.startswith(STAGE_PREFIX) and which.removeprefix(STAGE_PREFIX) in OPEN_STAGES:
        return [*where, R.stage == which.removeprefix(STAGE_PREFIX)]
    running = [*where, R.paused_since.is_(None), R.due_at.is_not(None)]
    if which == OVERDUE:
        return [*running, R.due_at < now]
    if which == DUE_SOON:
        from community_app.core.deadlines import due_soon_cutoff  # numpy and the calendar: not at start-up

        return [*running, R.due_at >= now, R.due_at < due_soon_cutoff(now)]
    raise ValueError(f"unknown list {which!r}; one of {', '.join(REQUEST_LISTS)}")


def today_request_rows(session: Session, scope: Scope, which: str, now: datetime) -> list[KpiRequestRow]:
    """The open requests behind 在办诉求 / 已超期 / 即将超期 / one stage, the most urgent first
    (by due time; those without a limit last)."""
    return request_rows(session, request_conditions(scope, which, now),
                        (R.due_at.is_(None), R.due_at, R.reported_at, R.id))


def today_visit_rows(session: Session, scope: Scope, now: datetime) -> list[KpiResidentRow]:
    """The residents behind 待走访: due for a visit today or earlier (the dashboard's rule),
    which is 走访完成率's "missed" list of a period that is today alone."""
    today = local_date(now)
    return kpi_resident_rows(session, scope, Period(today, today), VISIT_MISSED, now=now)


# ---- patrol plans behind 待巡查 ----------------------------------------------------------------
@dataclass(frozen=True)
class TodayPatrolRow:
    id: str
    name: str
    grid_name: str
    worker_name: str
    frequency_days: int
    last_round_at: datetime | None  # the latest finished round's start
    due_on: date | None  # the day the next round fell due (None: never walked)


def today_patrol_rows(session: Session, scope: Scope, now: datetime) -> list[TodayPatrolRow]:
    """Active plans of the scope's cells whose next round is due today or earlier (core.dashboard's
    rule), never walked first, then the longest waiting."""
    last_round = (
        select(func.max(PatrolRound.started_at))
        .where(PatrolRound.plan_id == PatrolPlan.id, PatrolRound.finished_at.is_not(None),
               PatrolRound.deleted_at.is_(None))
        .correlate(PatrolPlan)
        .scalar_subquery()
    )
    next_due = func.date(last_round, "+8 hours", func.printf("+%d days", PatrolPlan.frequency_days))
    rows = session.execute(
        select(PatrolPlan.id, PatrolPlan.name, GridCell.name, StaffUser.display_name, PatrolPlan.frequency_days,
               last_round)
        .join(GridCell, GridCell.id == PatrolPlan.grid_cell_id)
        .outerjoin(StaffUser, StaffUser.id == GridCell.responsible_staff_id)
        .where(PatrolPlan.deleted_at.is_(None), PatrolPlan.active.is_(True), GridCell.deleted_at.is_(None),
               *scope.filter(GridCell.community_code, PatrolPlan.grid_cell_id),
               or_(last_round.is_(None), next_due <= local_date(now).isoformat()))
        .order_by(last_round.is_not(None), last_round, GridCell.code, PatrolPlan.id)
    ).all()
    return [TodayPatrolRow(pid, name, grid or "", worker or "", freq, last,
                           None if last is None else local_date(last) + timedelta(days=freq))
            for pid, name, grid, worker, freq, last in rows]


# ---- the register behind 居民总数 and 户数 -------------------------------------------------------
@dataclass(frozen=True)
class TodayResidentRow:
    id: str
    name: str
    sex: str  # "M" / "F"; the UI names it
    residence_type: str  # registered / floating / overseas; the UI names it
    grid_name: str
    address: str


@dataclass(frozen=True)
class TodayHouseholdRow:
    id: str
    address: str
    grid_name: str
    members: int  # active residents of the scope living there


def _active(scope: Scope) -> list[ColumnElement[bool]]:
    # the literal 'active' lets SQLite use the partial indexes core.dashboard counts through
    return [Resident.status == literal_column("'active'"), Resident.deleted_at.is_(None),
            *scope.filter(Resident.community_code, Resident.grid_cell_id)]


def _address() -> ColumnElement[str]:
    """Building address, then 单元 and room: 湛山一路3号 2单元 502."""
    unit = func.coalesce(" " + Unit.number + "单元", "")
    return func.coalesce(Building.address + unit + " " + Household.room, "")


def today_resident_rows(session: Session, scope: Scope) -> list[TodayResidentRow]:
    """The residents behind 居民总数 (active, in the scope), in pinyin order of their names."""
    rows = session.execute(
        select(Resident.id, Resident.name, Resident.sex, Resident.residence_type, GridCell.name, _address())
        .outerjoin(GridCell, GridCell.id == Resident.grid_cell_id)
        .outerjoin(Household, Household.id == Resident.household_id)
        .outerjoin(Unit, Unit.id == Household.unit_id)
        .outerjoin(Building, Building.id == Household.building_id)
        .where(*_active(scope))
        .order_by(Resident.search_sort, Resident.id)
    ).all()
    return [TodayResidentRow(rid, name, sex, kind, grid or "", address or "")
            for rid, name, sex, kind, grid, address in rows]


def today_household_rows(session: Session, scope: Scope) -> list[TodayHouseholdRow]:
    """The households behind 户数: those with at least one active resident of the scope, by address."""
    members = (
        select(Resident.household_id.label("id"), func.count().label("n"))
        .where(*_active(scope), Resident.household_id.is_not(None))
        .group_by(Resident.household_id)
        .subquery()
    )
    rows = session.execute(
        select(members.c.id, _address(), GridCell.name, members.c.n)
        .select_from(members)
        .outerjoin(Household, Household.id == members.c.id)
        .outerjoin(Unit, Unit.id == Household.unit_id)
        .outerjoin(Building, Building.id == Household.building_id)
        .outerjoin(GridCell, GridCell.id == Household.grid_cell_id)
        .order_by(Building.address.is_(None), Building.address, Unit.number, Household.room, members.c.id)
    ).all()
    return [TodayHouseholdRow(hid, address or "", grid or "", n) for hid, address, grid, n in rows]
