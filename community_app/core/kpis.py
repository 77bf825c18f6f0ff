"""The supervisor's standard indicators (考核指标) for a period, for the community and per grid
cell and per worker, counted in a few grouped SQL queries.

Period: whole Beijing-time days, first and last included (core.kpi_period); counting stops
at the cutoff — the end of the period, or now for a period still running (本月 = 本月至今).

Definitions (诉求 = a service request; 立案 = the workflow's 受理 step, `accept`):

- 受理数 (received): requests received in the period — reported_at in the period, from every
  channel, whatever became of them (立案, 不予受理, 并单, or still 待受理). It counts intake,
  as the 12345 hotline counts its 受理量.
- 立案数 (accepted): of those, the requests accepted as cases (立案) before the cutoff and
  not since rejected or merged into another. 受理数 − 立案数 = 不予受理 + 并单 + 待受理.
- 结案数 (closed): requests closed (结案, then possibly 回访) with closed_at in the period,
  whenever they were received. This is the period's output.
- 结案率 (closure rate) = the cases of this period (立案数) closed by the cutoff ÷ 立案数. It
  follows one cohort — the requests received in the period — so it never exceeds 100 %;
  it is *not* 结案数 ÷ 立案数, which mixes the cases closed from earlier periods in.
- 按期结案率 (on-time rate) = 结案数 closed within their deadline ÷ 结案数. The deadline is the
  working-time one (core.deadlines), with pauses and approved extensions; a category with
  no time limit cannot be late.
- 返工率 (rework rate) = 结案数 that failed verification at least once (返工, the `return`
  action: rework_count > 0) ÷ 结案数.
- 满意度 (satisfaction): the mean score (1–5) of the return visits (回访) made in the period
  — counted by the date of the 回访 itself (the `review` event of the timeline), whenever the
  case was closed — and 满意率 = the share scoring 4 or 5. A case closed on the 30th and
  called back on the 2nd counts in the month of the call. Cases not yet visited back are
  left out of both.
- 走访完成率 (visit rate) = special-group residents visited within their interval ÷ those
  due in the period, with core.visits' due rule (core.kpi_visits has the details): due =
  their next visit fell due on or before the last day counted; done = not still on the
  待走访 list on that day. For the current month, the missed ones are exactly today's 待走访.
- 巡查覆盖率 (patrol coverage): core.patrol_coverage's definition — each active plan cuts the
  period into windows of its frequency; covered windows (a finished round started in
  them) ÷ planned windows.

Per grid cell: the request's cell; the resident's cell; the plan's cell. Per worker (承办人):
a request's assignee once dispatched, before that the responsible worker of its cell; a
resident's and a plan's cell's responsible worker. Every request counts for exactly one
grid and one worker, so the rows add up to the total. Rows of requests outside any cell, or
with nobody responsible, are keyed kpi_requests.NO_GRID / NO_WORKER ("").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from community_app.core import kpi_requests
from community_app.core.dashboard import Scope
from community_app.core.kpi_period import Period, day_start, local_date
from community_app.core.kpi_requests import (
    NO_GRID,
    NO_WORKER,
    Bounds,
    closed_by_grid_and_worker,
    finished_ok,
    in_scope,
    local_day,
    received_by_grid_and_worker,
    reported_in,
    reviews_by_grid_and_worker,
    weekly_counts,
)
from community_app.core.kpi_visits import visits_by_grid_and_worker_spans
from community_app.core.patrol_coverage import windows
from db.models import Category, GridCell, PatrolPlan, PatrolRound, ServiceRequest, StaffUser, utcnow


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Indicators:
    """Counts that add up across grids and workers; the rates are worked out from them."""

    received: int = 0  # 受理数
    accepted: int = 0  # 立案数
    accepted_closed: int = 0  # of 立案数, closed by the cutoff
    closed: int = 0  # 结案数
    closed_on_time: int = 0
    reworked: int = 0
    reviewed: int = 0  # 回访 made in the period (not a part of 结案数: counted by the review's date)
    satisfaction_total: int = 0  # the sum of those scores
    satisfied: int = 0  # scores 4–5
    visits_due: int = 0
    visits_missed: int = 0
    patrol_planned: int = 0
    patrol_covered: int = 0

    def __add__(self, other: Indicators) -> Indicators:
        return Indicators(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def closure_rate(self) -> float | None:  # 结案率
        return _ratio(self.accepted_closed, self.accepted)

    @property
    def on_time_rate(self) -> float | None:  # 按期结案率
        return _ratio(self.closed_on_time, self.closed)

    @property
    def rework_rate(self) -> float | None:  # 返工率
        return _ratio(self.reworked, self.closed)

    @property
    def satisfaction(self) -> float | None:  # 满意度, mean score 1–5
        return _ratio(self.satisfaction_total, self.reviewed)

    @property
    def satisfied_rate(self) -> float | None:  # 满意率, share of 4–5
        return _ratio(self.satisfied, self.reviewed)

    @property
    def visits_done(self) -> int:
        return self.visits_due - self.visits_missed

    @property
    def visit_rate(self) -> float | None:  # 走访完成率
        return _ratio(self.visits_done, self.visits_due)

    @property
    def patrol_coverage(self) -> float | None:  # 巡查覆盖率
        return _ratio(self.patrol_covered, self.patrol_planned)


def total(items: Iterable[Indicators]) -> Indicators:
    result = Indicators()
    for item in items:
        result = result + item
    return result


@dataclass(frozen=True)
class KpiRow:
    key: str  # grid cell id or staff id; NO_GRID / NO_WORKER for the rest
    code: str  # grid code, or the worker's user name
    name: str
    related: tuple[str, ...]  # a grid's responsible worker; a worker's grid cells (names, by code)
    indicators: Indicators

    @property
    def id(self) -> str:
        return self.key


@dataclass(frozen=True)
class WeekPoint:
    monday: date
    received: int
    closed: int


@dataclass(frozen=True)
class CategoryShare:
    code: str  # 大类 code
    name: str
    received: int


@dataclass(frozen=True)
class KpiReport:
    period: Period
    cutoff: datetime  # UTC; counting stopped here
    last_day: date  # the last local day counted
    total: Indicators
    by_grid: tuple[KpiRow, ...]  # every cell of the scope by code, then requests outside cells
    by_worker: tuple[KpiRow, ...]  # by the code of their first cell, then name
    weekly: tuple[WeekPoint, ...]  # received and closed per week (Monday first)
    categories: tuple[CategoryShare, ...]  # received per 大类, most first
    as_of: datetime


_Key = tuple[str, str]  # (grid key, worker key)
Counts = dict[_Key, dict[str, int]]  # Indicators fields per (grid key, worker key), as counted by one step


def request_counts(session: Session, scope: Scope, period: Period, *, now: datetime) -> Counts:
    """受理/立案/结案/回访 counts per (grid, worker): three grouped queries."""
    b = Bounds.of(period, now)
    found: Counts = defaultdict(dict)
    for grid, worker, received, accepted, accepted_closed in session.execute(
            received_by_grid_and_worker(scope, b)):
        found[grid or NO_GRID, worker or NO_WORKER].update(
            received=received, accepted=accepted, accepted_closed=accepted_closed)
    for grid, worker, closed, on_time, reworked in session.execute(closed_by_grid_and_worker(scope, b)):
        found[grid or NO_GRID, worker or NO_WORKER].update(closed=closed, closed_on_time=on_time, reworked=reworked)
    for grid, worker, reviewed, score, satisfied in session.execute(reviews_by_grid_and_worker(scope, b)):
        found[grid or NO_GRID, worker or NO_WORKER].update(
            reviewed=reviewed, satisfaction_total=int(score), satisfied=satisfied)
    return found


def request_totals(session: Session, scope: Scope, period: Period, *, now: datetime) -> Indicators:
    """request_counts added up for the whole scope, counted in one ungrouped statement."""
    row = session.execute(kpi_requests.request_totals(scope, Bounds.of(period, now))).one()
    names = [name for fields in kpi_requests.PASS_FIELDS for name in fields]
    return Indicators(**{name: int(value) for name, value in zip(names, row, strict=True)})


def visit_counts(session: Session, scope: Scope, periods: Sequence[Period], *, now: datetime) -> list[Counts]:
    """走访 due and missed per (grid, worker) for each period, in one pass over the register
    (a report's month and the month before share it). A period still to come counts nothing."""
    today = local_date(now)
    spans = [(p.start, min(p.end, today)) for p in periods]
    found: list[Counts] = [defaultdict(dict) for _ in periods]
    begun = [k for k, (first, last) in enumerate(spans) if first <= last]
    if not begun:
        return found
    for row in session.execute(visits_by_grid_and_worker_spans(session, scope, [spans[k] for k in begun])):
        key = row[0] or NO_GRID, row[1] or NO_WORKER
        for i, k in enumerate(begun):
            due, missed, tagged = row[2 + 3 * i:5 + 3 * i]
            if tagged:  # a (cell, worker) with somebody under a rule in this period has a row, zeros or not
                found[k][key].update(visits_due=due, visits_missed=missed)
    return found


def patrol_counts(session: Session, period: Period, cells: dict[str, tuple[str, str, str | None]], *,
                  now: datetime) -> Counts:
    """巡查 windows planned and covered per (grid, worker) of the scope's `cells` (scope_cells),
    by core.patrol_coverage's rule: for all their plans at once — the plans, then the local days
    of their finished rounds, in two queries — rather than patrol_coverage's four queries and
    per-round datetimes for each community (a street's month: ≈40 → ≈15 ms)."""
    found: Counts = defaultdict(dict)
    end = min(period.end, local_date(now))  # days still to come cannot have been patrolled
    plans = session.execute(
        select(PatrolPlan.id, PatrolPlan.grid_cell_id, local_day(PatrolPlan.created_at), PatrolPlan.frequency_days)
        .where(PatrolPlan.grid_cell_id.in_(list(cells)), PatrolPlan.deleted_at.is_(None),
               PatrolPlan.active.is_(True))
    ).all() if cells and period.start <= end else []
    if not plans:
        return found
    days: dict[str, list[date]] = defaultdict(list)
    for plan_id, day in session.execute(
            select(PatrolRound.plan_id, local_day(PatrolRound.started_at)).distinct()
            .where(PatrolRound.plan_id.in_([p[0] for p in plans]), PatrolRound.finished_at.is_not(None),
                   PatrolRound.deleted_at.is_(None), PatrolRound.started_at >= day_start(period.start),
                   PatrolRound.started_at < day_start(end + timedelta(days=1)))):
        days[plan_id].append(date.fromisoformat(day))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # per cell: planned, covered
    for plan_id, cell, made, frequency in plans:
        first = max(period.start, date.fromisoformat(made))  # a plan made in the period counts from that day
        count = len(windows(first, end, frequency))
        if count:  # window k holds the days first + k·F …, the last one the days left over
            totals[cell][0] += count
            totals[cell][1] += len({min((d - first).days // frequency, count - 1) for d in days[plan_id]
                                    if first <= d <= end})
    for cell, (planned, covered) in totals.items():
        found[cell, cells[cell][2] or NO_WORKER].update(patrol_planned=planned, patrol_covered=covered)
    return found


def _indicators(items: Iterable[dict[str, int]]) -> Indicators:
    """The sum of counts (plain ints: hundreds of rows, so no Indicators.__add__ per row)."""
    acc: dict[str, int] = defaultdict(int)
    for counts in items:
        for name, value in counts.items():
            acc[name] += value
    return Indicators(**acc)


def counts_total(*parts: Counts) -> Indicators:
    """The scope's Indicators from the counts of the steps."""
    return _indicators(c for part in parts for c in part.values())


def scope_cells(session: Session, scope: Scope) -> dict[str, tuple[str, str, str | None]]:
    """Live cells of the scope: id → (code, name, responsible staff id), by code."""
    rows = session.execute(
        select(GridCell.id, GridCell.code, GridCell.name, GridCell.responsible_staff_id)
        .where(GridCell.deleted_at.is_(None), *scope.filter(GridCell.community_code, GridCell.id))
        .order_by(GridCell.code)
    ).all()
    return {r.id: (r.code, r.name, r.responsible_staff_id) for r in rows}


def _rows(session: Session, cells: dict[str, tuple[str, str, str | None]],
          parts: Sequence[Counts]) -> tuple[tuple[KpiRow, ...], tuple[KpiRow, ...]]:
    grid_counts: dict[str, list[dict[str, int]]] = defaultdict(list)
    worker_counts: dict[str, list[dict[str, int]]] = defaultdict(list)
    for part in parts:
        for (grid, worker), counts in part.items():
            grid_counts[grid].append(counts)
            worker_counts[worker].append(counts)
    per_grid = {grid: _indicators(items) for grid, items in grid_counts.items()}
    per_worker = {worker: _indicators(items) for worker, items in worker_counts.items()}
    worker_ids = {w for _c, _n, w in cells.values() if w} | {w for w in per_worker if w != NO_WORKER}
    staff = {r.id: (r.username, r.display_name) for r in session.execute(
        select(StaffUser.id, StaffUser.username, StaffUser.display_name).where(StaffUser.id.in_(worker_ids)))}
    grid_rows = [KpiRow(cid, code, name, (staff[w][1],) if w in staff else (), per_grid.get(cid, Indicators()))
                 for cid, (code, name, w) in cells.items()]
    if NO_GRID in per_grid:
        grid_rows.append(KpiRow(NO_GRID, "", "", (), per_grid[NO_GRID]))
    cells_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, name, w in cells.values():
        if w:
            cells_of[w].append((code, name))
    worker_rows = sorted(
        (KpiRow(w, staff.get(w, ("", ""))[0], staff.get(w, ("", w))[1],
                tuple(name for _code, name in cells_of[w]), per_worker.get(w, Indicators()))
         for w in worker_ids),
        key=lambda r: (min((c for c, _n in cells_of[r.key]), default="~"), r.name))
    if NO_WORKER in per_worker:
        worker_rows.append(KpiRow(NO_WORKER, "", "", (), per_worker[NO_WORKER]))
    return tuple(grid_rows), tuple(worker_rows)


def weekly_trend(session: Session, scope: Scope, period: Period, *, now: datetime) -> tuple[WeekPoint, ...]:
    """Received and closed per week of period.trend_weeks (kpi_requests.weekly_counts, twice)."""
    cutoff = period.cutoff(now)
    mondays = period.trend_weeks(now)
    received = dict(session.execute(weekly_counts(scope, mondays[0], cutoff, ServiceRequest.reported_at)).all())
    closed = dict(session.execute(
        weekly_counts(scope, mondays[0], cutoff, ServiceRequest.closed_at, finished_ok())).all())
    return tuple(WeekPoint(m, int(received.get(i, 0)), int(closed.get(i, 0))) for i, m in enumerate(mondays))


def category_shares(session: Session, scope: Scope, period: Period, *, now: datetime) -> tuple[CategoryShare, ...]:
    """Received per 大类 in the period, most first."""
    b = Bounds.of(period, now)
    per_code = (  # counted per 小类 first: the category names are then joined once per code, not per request
        select(ServiceRequest.category_code.label("code"), func.count().label("n"))
        .where(*in_scope(scope), reported_in(b))
        .group_by(ServiceRequest.category_code)
        .subquery()
    )
    minor = Category.__table__.alias("minor")
    major = Category.__table__.alias("major")
    major_code = func.coalesce(minor.c.parent_code, minor.c.code)
    rows = session.execute(
        select(major_code, major.c.name, func.sum(per_code.c.n))
        .select_from(per_code)
        .join(minor, minor.c.code == per_code.c.code)
        .outerjoin(major, major.c.code == major_code)
        .group_by(major_code, major.c.name)
    ).all()
    shares = [CategoryShare(code, name or code, n) for code, name, n in rows]
    return tuple(sorted(shares, key=lambda s: (-s.received, s.code)))


def kpi_report(session: Session, period: Period, cells: dict[str, tuple[str, str, str | None]],
               parts: Sequence[Counts], weekly: tuple[WeekPoint, ...], categories: tuple[CategoryShare, ...], *,
               now: datetime) -> KpiReport:
    """The report from its steps: the counts of request_counts, visit_counts and patrol_counts
    for this period, weekly_trend and category_shares (a caller may run the steps on
    connections of its own meanwhile)."""
    by_grid, by_worker = _rows(session, cells, parts)
    return KpiReport(
        period=period, cutoff=period.cutoff(now), last_day=period.last_day(now), total=counts_total(*parts),
        by_grid=by_grid, by_worker=by_worker, weekly=weekly, categories=categories, as_of=now,
    )


def compute_kpis(session: Session, scope: Scope, period: Period, *, now: datetime | None = None) -> KpiReport:
    """Every indicator of the period for the scope (core.dashboard.scope_for gives a user's)."""
    now = now or utcnow()
    cells = scope_cells(session, scope)
    parts = [request_counts(session, scope, period, now=now), *visit_counts(session, scope, [period], now=now),
             patrol_counts(session, period, cells, now=now)]
    return kpi_report(session, period, cells, parts, weekly_trend(session, scope, period, now=now),
                      category_shares(session, scope, period, now=now), now=now)


def compute_totals(session: Session, scope: Scope, period: Period, *, now: datetime | None = None) -> Indicators:
    """compute_kpis(...).total alone — the same steps without the per-grid and per-worker
    rows, the trend and the categories (a third of the work at street scale): for a report's
    previous-period column."""
    now = now or utcnow()
    return request_totals(session, scope, period, now=now) + counts_total(
        *visit_counts(session, scope, [period], now=now),
        patrol_counts(session, period, scope_cells(session, scope), now=now))
