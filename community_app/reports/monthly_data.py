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
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar, cast

from sqlalchemy import ColumnElement, Engine, Select, func, literal_column, not_, or_, select
from sqlalchemy.orm import Session

from community_app.core.dashboard import Scope
from community_app.core.kpi_period import Period
from community_app.core.kpi_requests import (
    CLOSED_LATE,
    Bounds,
    base_select,
    closed_before,
    in_scope,
    is_case,
    list_condition,
    worker_of_request,
)
from community_app.core.kpis import (
    CategoryShare,
    Counts,
    Indicators,
    KpiReport,
    WeekPoint,
    category_shares,
    counts_total,
    kpi_report,
    patrol_counts,
    request_counts,
    request_totals,
    scope_cells,
    visit_counts,
    weekly_trend,
)
from community_app.core.stages import CLOSED, OPEN_STAGES, REVIEWED
from community_app.reports.progress import NO_CONTROL, BuildControl
from db.models import Category, Division, GridCell, ServiceRequest, StaffUser, utcnow

R = ServiceRequest
_V = TypeVar("_V")


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


def _unindexed(column: ColumnElement[_V]) -> ColumnElement[_V]:
    """The column as an expression SQLite will not look up through an index (coalesce(x, x)
    is x): steers the planner to the index the other conditions give."""
    return func.coalesce(column, column)


def _rare(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """SQLite's likelihood(): the condition, marked as true for few rows, so the planner takes its
    index range. A range open at one end is otherwise guessed at a quarter of the table, and with
    sampled statistics a full scan looked cheaper (45 ms instead of 2 for the late closings).
    Untyped on purpose: as a Boolean SQLAlchemy writes `likelihood(…) = 1`, which hides the range
    from the planner (kpi_requests.likely() relies on that)."""
    return cast(ColumnElement[bool], func.likelihood(condition, literal_column("0.05")))


def _list_query(*where: ColumnElement[bool]) -> Select[tuple[object, ...]]:
    """ticket, title, category, grid, 承办人, stage and deadline of the requests matching `where`."""
    worker = StaffUser.__table__.alias("worker")
    return (
        base_select(R.ticket_no, R.title, Category.name, GridCell.name, worker.c.display_name, R.stage, R.due_at)
        .outerjoin(Category, Category.code == R.category_code)
        .outerjoin(worker, worker.c.id == worker_of_request())
        .where(*where)
    )


def overdue_open(session: Session, scope: Scope, period: Period, now: datetime) -> list[OverdueRow]:
    """超期未办结 at the cutoff, by deadline. Cases not closed by the cutoff are those still in
    an open stage, and those closed (结案/回访) only after it (or with no closing time): index
    ranges — the open stages by deadline, the late closings by closed_at — instead of every
    deadline before the cutoff (0.1 s at street scale, most of them long closed). The late
    closings' range tests stage and deadline in ix_service_request_closed_at before reading a
    row (their conditions come first: SQLite tests them in that order), so of the month's
    ≈15,000 closings only the few dozen overdue ones are read."""
    b = Bounds.of(period, now)
    overdue = [*in_scope(scope), is_case(b), not_(closed_before(b)), R.due_at.is_not(None),
               or_(R.paused_since.is_(None), R.paused_since >= b.cutoff)]
    # the parts (OPEN_STAGES + CLOSED/REVIEWED are every stage a case can be in)
    still_open = [R.stage.in_(OPEN_STAGES), R.due_at < b.cutoff]
    closed_since = [_unindexed(R.due_at) < b.cutoff, _unindexed(R.stage).in_((CLOSED, REVIEWED))]
    closed_later = [_rare(R.closed_at >= b.cutoff), *closed_since]
    never_closed = [R.closed_at.is_(None), *closed_since]  # a closed stage without a closing time
    rows = [row for part in (still_open, closed_later, never_closed)
            for row in session.execute(_list_query(*part, *overdue))]
    rows.sort(key=lambda r: (r.due_at, r.ticket_no))
    return [OverdueRow(t, title, cat or "", grid or "", who or "", stage, due, _days_late(due, b.cutoff))
            for t, title, cat, grid, who, stage, due in rows]


def closed_late(session: Session, scope: Scope, period: Period, now: datetime) -> list[OverdueRow]:
    """超期办结: the dashboard's "closed_late" list (kpi_requests.CLOSED_LATE), with only what the
    report prints; days late counted to the closing."""
    b = Bounds.of(period, now)
    rows = session.execute(_list_query(*in_scope(scope), list_condition(CLOSED_LATE, b)).add_columns(R.closed_at)).all()
    out = []
    for t, title, cat, grid, who, stage, due, closed in rows:
        due = due or closed  # a closed case has a closing time; one with no deadline is never late
        out.append(OverdueRow(t, title, cat or "", grid or "", who or "", stage, due, _days_late(due, closed or due)))
    return out


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


def _run_steps(session: Session, engine: Engine | None,
               jobs: Sequence[Callable[[Session], object]]) -> list[Future[object]]:
    """Start each job on a connection of its own (a thread each; SQLite runs outside the GIL).
    Without a file database the jobs run here, one after the other, on the caller's session."""
    if engine is None:
        done: list[Future[object]] = []
        for job in jobs:
            future: Future[object] = Future()
            future.set_result(job(session))
            done.append(future)
        return done

    def on_own_session(job: Callable[[Session], object]) -> object:
        with Session(engine) as other:
            return job(other)

    pool = ThreadPoolExecutor(len(jobs), thread_name_prefix="report-figures")
    pending = [pool.submit(on_own_session, job) for job in jobs]
    pool.shutdown(wait=False)  # the threads end with their jobs
    return pending


class FiguresFetch:
    """monthly_figures in two halves, so the caller can lay out what is known meanwhile: the
    overdue lists arrive first (overdue_lists), everything else with result().

    The SQL is split three ways so the queries overlap, about a third each: 超期未办结, then
    last month's requests on one connection; the register pass of 走访完成率 for both months and
    the categories on another; the weekly trend, then this month's requests on a third. The
    caller's thread counts 超期办结 and the patrol plans while it waits for the lists
    (_callers_part), then lays out the overdue tables (monthly.build_monthly_report) holding the
    GIL: what runs beside that layout is SQL (SQLite works outside the GIL), not Python that
    would wait ~5 ms for the GIL each time it gets back from SQLite. All read committed data, as
    reports always do."""

    def __init__(self, session: Session, scope: Scope, period: Period, *, now: datetime | None = None,
                 control: BuildControl = NO_CONTROL) -> None:
        self._session, self._scope, self._period, self._control = session, scope, period, control
        self._now = now = now or utcnow()
        # counted on the caller's session, by overdue_lists or result() (_callers_part)
        self._late: tuple[OverdueRow, ...] | None = None
        self._patrols: list[Counts] = []  # this period's, then the previous one's
        self._before = before = previous_period(period)
        control.step(0.0, "正在统计本期指标…")
        self._cells = scope_cells(session, scope)

        def lists(other: Session) -> list[OverdueRow]:  # 超期未办结
            return sorted(overdue_open(other, scope, period, now), key=_most_overdue_first)

        def previous_month(other: Session) -> Indicators:  # only its totals are printed
            return request_totals(other, scope, before, now=now)

        def visits_and_categories(other: Session) -> tuple[list[Counts], tuple[CategoryShare, ...]]:
            return visit_counts(other, scope, [period, before], now=now), category_shares(other, scope, period, now=now)

        def trend_and_this_month(other: Session) -> tuple[tuple[WeekPoint, ...], Counts]:
            return weekly_trend(other, scope, period, now=now), request_counts(other, scope, period, now=now)

        self._lists: Future[Any]
        self._visits: Future[Any]
        self._rest: Future[Any]
        self._requests: Future[Any]
        engine = _on_own_connection(session)
        if engine is None:
            self._lists, self._visits, self._rest, self._requests = _run_steps(
                session, None, [lists, visits_and_categories, previous_month, trend_and_this_month])
        else:
            # three threads: 超期未办结, then last month's requests; the visits and the categories;
            # the trend, then this month's requests. The caller is free to lay out the overdue
            # tables as soon as the lists arrive (the first results, ≈0.1 s at a street's size).
            self._lists = Future()

            def lists_first(other: Session) -> Indicators:
                self._lists.set_result(lists(other))
                return previous_month(other)

            self._rest, self._visits, self._requests = _run_steps(
                session, engine, [lists_first, visits_and_categories, trend_and_this_month])
            self._rest.add_done_callback(self._pass_failure)
        self._office = office_and_scope(session, scope)

    def _pass_failure(self, done: Future[object]) -> None:
        """If the lists' thread failed before handing them over, whoever waits for them hears of it."""
        error = done.exception()
        if error is not None and not self._lists.done():
            self._lists.set_exception(error)

    @property
    def office_name(self) -> str:
        return self._office[0]

    def overdue_lists(self) -> tuple[tuple[OverdueRow, ...], tuple[OverdueRow, ...]]:
        """(超期未办结, 超期办结), most overdue first — waits for them alone."""
        self._callers_part(waiting=True)
        assert self._late is not None
        return tuple(self._lists.result()), self._late

    def _callers_part(self, *, waiting: bool) -> None:
        """The steps counted on the caller's thread, which would otherwise only wait: 超期办结
        (so the lists, needed first, come sooner), then the patrol plans of both months — their
        windows are counted in Python, best done before the caller lays out anything, while the
        other threads run SQL. When `waiting` and 超期未办结 has arrived, the caller goes on to
        lay it out; the patrol plans still to count wait for result()."""
        scope, now = self._scope, self._now
        if self._late is None:
            late = closed_late(self._session, scope, self._period, now)
            self._late = tuple(sorted(late, key=_most_overdue_first))
        for period in (self._period, self._before)[len(self._patrols):]:
            if waiting and self._lists.done():
                return
            self._patrols.append(patrol_counts(self._session, period, self._cells, now=now))

    def result(self) -> MonthlyFigures:
        control, now = self._control, self._now
        control.step(0.5, "正在统计走访与巡查…")
        self._callers_part(waiting=False)
        patrols, patrols_before = self._patrols
        (visits, visits_before), categories = self._visits.result()
        weekly, requests = self._requests.result()
        requests_before = self._rest.result()
        current = kpi_report(self._session, self._period, self._cells, [requests, visits, patrols],
                             weekly, categories, now=now)
        control.step(0.8, "正在整理超期诉求…")
        still_open, late = self.overdue_lists()  # 超期办结 counted by _callers_part above
        total_before = requests_before + counts_total(visits_before, patrols_before)
        control.step(1.0, "统计完成")
        office, scope_text = self._office
        return MonthlyFigures(office, scope_text, self._period, self._before, current, total_before, still_open,
                              late, now)


def monthly_figures(session: Session, scope: Scope, period: Period, *, now: datetime | None = None,
                    control: BuildControl = NO_CONTROL) -> MonthlyFigures:
    """Every figure the monthly report prints, from the dashboard's own steps (core.kpis), with
    the queries overlapping on connections of their own (FiguresFetch). An in-memory database
    is read on this session alone."""
    return FiguresFetch(session, scope, period, now=now, control=control).result()
