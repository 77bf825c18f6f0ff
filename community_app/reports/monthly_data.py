"""The figures of the 月度网格工作报告, fetched once before any layout.

The indicators come from core.kpis.compute_kpis — the dashboard's own code — for the period
and for the previous one, so a printed figure always equals the one on screen. The lists of
overdue requests use core.kpi_requests' conditions:

- 超期办结 (closed late): the period's 结案数 closed after their deadline — kpi_lists'
  "closed_late" list, i.e. what lowers 按期结案率.
- 超期未办结 (still overdue at the cutoff): cases (立案) not closed by the cutoff whose
  deadline had passed by then, except those whose clock was paused (extension or return
  pending) since before the cutoff. For the current month that is the dashboard's 超期.
  The deadline is the one stored now: an extension granted after the cutoff moves it.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Engine, not_, or_, select
from sqlalchemy.orm import Session

from community_app.core.dashboard import Scope
from community_app.core.kpi_lists import KpiRequestRow, kpi_request_rows
from community_app.core.kpi_period import Period
from community_app.core.kpi_requests import (
    CLOSED_LATE,
    Bounds,
    base_select,
    closed_before,
    in_scope,
    is_case,
    worker_of_request,
)
from community_app.core.kpis import Indicators, KpiReport, compute_kpis, compute_totals
from community_app.reports.progress import NO_CONTROL, BuildControl
from db.models import Category, Division, GridCell, ServiceRequest, StaffUser, utcnow

R = ServiceRequest


@dataclass(frozen=True)
class OverdueRow:
    ticket_no: str
    title: str
    category: str
    grid_name: str
    worker_name: str
    stage: str  # code
    due_at: datetime  # UTC
    days_overdue: int  # whole days past the deadline at the cutoff (open) or at closing (late)


@dataclass(frozen=True)
class MonthlyFigures:
    office_name: str  # the community, or the street for a street-wide report
    scope_text: str  # 全社区 / 全街道 / the grid's name
    period: Period
    previous_period: Period
    current: KpiReport
    previous: Indicators
    overdue_open: tuple[OverdueRow, ...]  # 超期未办结 at the cutoff, most overdue first
    closed_late: tuple[OverdueRow, ...]  # 超期办结 in the period, most overdue first
    as_of: datetime


def previous_period(period: Period) -> Period:
    """The calendar month before a whole-month period; else as many days just before it."""
    if period.start.day == 1 and (period.end + timedelta(days=1)).day == 1:
        end = period.start - timedelta(days=1)
        return Period(end.replace(day=1), end, "custom")
    days = (period.end - period.start).days + 1
    return Period(period.start - timedelta(days=days), period.start - timedelta(days=1), "custom")


def month_period(year: int, month: int) -> Period:
    start = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return Period(start, following - timedelta(days=1), "custom")


def office_and_scope(session: Session, scope: Scope) -> tuple[str, str]:
    """(office name, scope text) for the title block."""
    def division(level: str, code: str | None = None) -> str:
        query = select(Division.name).where(Division.level == level, Division.deleted_at.is_(None))
        if code is not None:
            query = query.where(Division.code == code)
        return session.scalar(query.order_by(Division.code).limit(1)) or ""

    if scope.community_code is None:
        return division("street") or "全部社区", "全街道"
    office = division("community", scope.community_code)
    if scope.grid_cell_ids is None:
        return office, "全社区"
    names = session.scalars(select(GridCell.name).where(GridCell.id.in_(scope.grid_cell_ids))
                            .order_by(GridCell.code)).all()
    return office, "、".join(names) if len(names) <= 3 else f"{names[0]}等{len(names)}个网格"


def _days_late(due: datetime, moment: datetime) -> int:
    """Calendar days past the deadline, a started day counting whole (0.3 days late → 1)."""
    seconds = (moment - due).total_seconds()
    return max(0, math.ceil(seconds / 86400))


def overdue_open(session: Session, scope: Scope, period: Period, now: datetime) -> list[OverdueRow]:
    b = Bounds.of(period, now)
    worker = StaffUser.__table__.alias("worker")
    query = (
        base_select(R.ticket_no, R.title, Category.name, GridCell.name, worker.c.display_name, R.stage, R.due_at)
        .outerjoin(Category, Category.code == R.category_code)
        .outerjoin(worker, worker.c.id == worker_of_request())
        .where(*in_scope(scope), is_case(b), not_(closed_before(b)), R.due_at.is_not(None), R.due_at < b.cutoff,
               or_(R.paused_since.is_(None), R.paused_since >= b.cutoff))
        .order_by(R.due_at, R.ticket_no)
    )
    return [OverdueRow(t, title, cat or "", grid or "", who or "", stage, due, _days_late(due, b.cutoff))
            for t, title, cat, grid, who, stage, due in session.execute(query)]


def _late_row(row: KpiRequestRow) -> OverdueRow:
    due = row.due_at or row.closed_at or row.reported_at
    return OverdueRow(row.ticket_no, row.title, row.category, row.grid_name, row.worker_name, row.stage, due,
                      _days_late(due, row.closed_at or due))


def _on_own_connection(session: Session) -> Engine | None:
    """The engine a second thread can read the same database through: a file database only
    (an in-memory one is private to its connection)."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else getattr(bind, "engine", None)
    if engine is None or engine.dialect.name != "sqlite":
        return engine
    return engine if engine.url.database not in (None, "", ":memory:") else None


def _most_overdue_first(row: OverdueRow) -> tuple[int, str]:
    return -row.days_overdue, row.ticket_no


def _overdue_lists(session: Session, scope: Scope, period: Period,
                   now: datetime) -> tuple[list[OverdueRow], list[OverdueRow]]:
    """(超期未办结, 超期办结), each most overdue first."""
    late = [_late_row(r) for r in kpi_request_rows(session, scope, period, CLOSED_LATE, now=now)]
    still_open = overdue_open(session, scope, period, now)
    return sorted(still_open, key=_most_overdue_first), sorted(late, key=_most_overdue_first)


def monthly_figures(session: Session, scope: Scope, period: Period, *, now: datetime | None = None,
                    control: BuildControl = NO_CONTROL) -> MonthlyFigures:
    """Every figure the monthly report prints, in a few grouped queries. The previous period's
    indicators and the overdue lists are fetched on connections of their own meanwhile (SQLite
    works outside the GIL, so on two cores the queries overlap); they read committed data, as
    reports always do. An in-memory database is read on this session alone."""
    now = now or utcnow()
    before = previous_period(period)
    engine = _on_own_connection(session)

    def previous_total(other: Session) -> Indicators:
        return compute_totals(other, scope, before, now=now)  # no rows or trend: the report prints none

    def lists(other: Session) -> tuple[list[OverdueRow], list[OverdueRow]]:
        return _overdue_lists(other, scope, period, now)

    def on_own_session(job):  # type: ignore[no-untyped-def]
        def run():  # type: ignore[no-untyped-def]
            with Session(engine) as other:
                return job(other)
        return run

    control.step(0.0, "正在统计本期指标…")
    with ThreadPoolExecutor(2, thread_name_prefix="report-figures") as pool:
        if engine is not None:
            pending_previous = pool.submit(on_own_session(previous_total))
            pending_lists = pool.submit(on_own_session(lists))
        current = compute_kpis(session, scope, period, now=now)
        control.step(0.5, "正在统计上期指标…")
        previous = pending_previous.result() if engine is not None else previous_total(session)
        control.step(0.8, "正在整理超期诉求…")
        still_open, late = pending_lists.result() if engine is not None else lists(session)
    office, scope_text = office_and_scope(session, scope)
    control.step(1.0, "统计完成")
    return MonthlyFigures(office, scope_text, period, before, current, previous, tuple(still_open), tuple(late), now)
