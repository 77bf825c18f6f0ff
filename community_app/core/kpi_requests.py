"""Which service requests each request indicator counts, as SQL conditions.

The aggregates (core.kpis) and the lists behind the numbers (core.kpi_lists) are both built
from these conditions, so a number and its list cannot drift apart. See core.kpis for the
definitions in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from sqlalchemy import Boolean, ColumnElement, Select, and_, false, func, literal, not_, or_, select, true, union_all

from community_app.core.dashboard import Scope
from community_app.core.kpi_period import Period, day_start
from community_app.core.stages import CLOSED, MERGED, REJECTED, REVIEWED
from db.models import GridCell, RequestEvent, ServiceRequest

R = ServiceRequest
NO_GRID: Final = ""  # the key of requests outside every grid cell
NO_WORKER: Final = ""  # the key of requests with no assignee in a cell with nobody responsible
_FINISHED_OK = (CLOSED, REVIEWED)
_NOT_A_CASE = (REJECTED, MERGED)

# the request lists an indicator can open; the first word says which base it is drawn from
RECEIVED: Final = "received"  # 受理数
ACCEPTED: Final = "accepted"  # 立案数
ACCEPTED_CLOSED: Final = "accepted_closed"  # 结案率's numerator
ACCEPTED_OPEN: Final = "accepted_open"  # 立案未结: what keeps 结案率 down
CLOSED_IN_PERIOD: Final = "closed"  # 结案数
CLOSED_ON_TIME: Final = "closed_on_time"
CLOSED_LATE: Final = "closed_late"
REWORKED: Final = "reworked"
REVIEWED_IN_PERIOD: Final = "reviewed"  # 回访 made in the period (by the review's own date)
SATISFIED: Final = "satisfied"
UNSATISFIED: Final = "unsatisfied"
REQUEST_LISTS: Final = (RECEIVED, ACCEPTED, ACCEPTED_CLOSED, ACCEPTED_OPEN, CLOSED_IN_PERIOD, CLOSED_ON_TIME,
                        CLOSED_LATE, REWORKED, REVIEWED_IN_PERIOD, SATISFIED, UNSATISFIED)


@dataclass(frozen=True)
class Bounds:
    """The instants an indicator compares with: the period's start and the cutoff."""

    start: datetime
    cutoff: datetime

    @classmethod
    def of(cls, period: Period, now: datetime) -> Bounds:
        return cls(period.utc_start, period.cutoff(now))


def worker_of_request() -> ColumnElement[str | None]:
    """承办人: the assignee once dispatched, before that the cell's responsible worker.
    Needs GridCell outer-joined on the request's cell (see base_select)."""
    return func.coalesce(R.assignee_id, GridCell.responsible_staff_id)


def base_select(*columns: ColumnElement[object]) -> Select[tuple[object, ...]]:
    return select(*columns).select_from(R).outerjoin(GridCell, GridCell.id == R.grid_cell_id)


def in_scope(scope: Scope) -> list[ColumnElement[bool]]:
    return [R.deleted_at.is_(None), *scope.filter(R.community_code, R.grid_cell_id)]


def reported_in(b: Bounds) -> ColumnElement[bool]:
    return and_(R.reported_at >= b.start, R.reported_at < b.cutoff)


def is_case(b: Bounds) -> ColumnElement[bool]:
    """立案: accepted before the cutoff, and not since rejected or merged into another."""
    return and_(R.accepted_at.is_not(None), R.accepted_at < b.cutoff, R.stage.not_in(_NOT_A_CASE))


def likely(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """SQLite's likely(): the same condition, marked as true for most rows, so the query planner
    does not pick an index for it. With sampled statistics (ANALYZE under analysis_limit, as
    the app's statistics step and PRAGMA optimize leave them) it otherwise walks every closed
    request of all time through the stage index rather than the period's range of closed_at —
    several times slower at street scale."""
    return func.likely(condition, type_=Boolean)


def finished_ok() -> ColumnElement[bool]:
    """结案 (and maybe 回访 since): the stages a closed request is in (most requests)."""
    return likely(R.stage.in_(_FINISHED_OK))


def closed_before(b: Bounds) -> ColumnElement[bool]:
    return and_(finished_ok(), R.closed_at.is_not(None), R.closed_at < b.cutoff)


def closed_in(b: Bounds) -> ColumnElement[bool]:
    return and_(finished_ok(), R.closed_at >= b.start, R.closed_at < b.cutoff)


def on_time() -> ColumnElement[bool]:
    """Closed within its deadline; a category with no time limit cannot be late."""
    return or_(R.closed_on_time.is_(None), R.closed_on_time.is_(True))


def reviewed() -> ColumnElement[bool]:
    return R.satisfaction.is_not(None)


REVIEW_ACTION: Final = "review"  # core.workflow's 回访评价


def reviewed_in(b: Bounds) -> ColumnElement[bool]:
    """回访 in the period: the request's review event (the timeline's own time, not the
    closure's) falls in [start, cutoff). `IN` counts a request once even if its timeline were
    to hold two reviews; the score is the request's (the workflow reviews a case once)."""
    event = RequestEvent
    reviews = select(event.request_id).where(event.action == REVIEW_ACTION, event.at >= b.start,
                                             event.at < b.cutoff, event.deleted_at.is_(None))
    return and_(reviewed(), R.id.in_(reviews))


def satisfied() -> ColumnElement[bool]:
    return R.satisfaction >= 4


def list_condition(indicator: str, b: Bounds) -> ColumnElement[bool]:
    """The requests behind one of REQUEST_LISTS."""
    received, case = reported_in(b), is_case(b)
    closed = closed_in(b)
    conditions: dict[str, ColumnElement[bool]] = {
        RECEIVED: received,
        ACCEPTED: and_(received, case),
        ACCEPTED_CLOSED: and_(received, case, closed_before(b)),
        ACCEPTED_OPEN: and_(received, case, not_(closed_before(b))),
        CLOSED_IN_PERIOD: closed,
        CLOSED_ON_TIME: and_(closed, on_time()),
        CLOSED_LATE: and_(closed, not_(on_time())),
        REWORKED: and_(closed, R.rework_count > 0),
        REVIEWED_IN_PERIOD: reviewed_in(b),
        SATISFIED: and_(reviewed_in(b), satisfied()),
        UNSATISFIED: and_(reviewed_in(b), not_(satisfied())),
    }
    if indicator not in conditions:
        raise ValueError(f"unknown request list {indicator!r}; one of {', '.join(REQUEST_LISTS)}")
    return conditions[indicator]


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.count().filter(condition)


def _by_grid_and_worker(*aggregates: ColumnElement[object]) -> Select[tuple[object, ...]]:
    """(grid cell, assignee, aggregates…) of service_request: the caller adds the conditions.
    Grouped by the assignee first, so the cell's responsible worker (承办人 of undispatched
    requests) is looked up once per group by _per_worker, not once per request."""
    return select(R.grid_cell_id, R.assignee_id, *aggregates).group_by(R.grid_cell_id, R.assignee_id)


def _per_worker(by_assignee: Select[tuple[object, ...]]) -> Select[tuple[object, ...]]:
    """Re-group (grid cell, assignee, counts…) by (grid cell, worker_of_request), adding up."""
    sub = by_assignee.subquery()
    grid, assignee, *counts = sub.c
    worker = func.coalesce(assignee, GridCell.responsible_staff_id)
    return (
        select(grid, worker, *(func.sum(c) for c in counts))
        .select_from(sub).outerjoin(GridCell, GridCell.id == grid)
        .group_by(grid, worker)
    )


# the three passes over a period's requests: (the Indicators fields they count, how, which requests)
def _received(b: Bounds) -> tuple[list[ColumnElement[object]], ColumnElement[bool]]:
    """受理数, 立案数 and how many of those cases are closed: through the reported_at index."""
    case = is_case(b)
    return [func.count(), _count(case), _count(and_(case, closed_before(b)))], reported_in(b)


def _closed(b: Bounds) -> tuple[list[ColumnElement[object]], ColumnElement[bool]]:
    """结案数 and, of those, on time and reworked: through the closed_at index."""
    return [func.count(), _count(on_time()), _count(R.rework_count > 0)], closed_in(b)


def _reviews(b: Bounds) -> tuple[list[ColumnElement[object]], ColumnElement[bool]]:
    """The 回访 made in the period, the sum of their scores and the satisfied (4–5). The review
    events are an index range of ix_request_event_action_at (migration 0005); without that
    index SQLite reads the timeline once (0.1–0.15 s for 665,000 events at street scale)."""
    return [func.count(), func.coalesce(func.sum(R.satisfaction), 0), _count(satisfied())], reviewed_in(b)


PASS_FIELDS: Final = (("received", "accepted", "accepted_closed"), ("closed", "closed_on_time", "reworked"),
                      ("reviewed", "satisfaction_total", "satisfied"))  # core.kpis.Indicators' names, per pass


def _per_grid_and_worker(scope: Scope, counted: tuple[list[ColumnElement[object]], ColumnElement[bool]]
                         ) -> Select[tuple[object, ...]]:
    aggregates, which = counted
    return _per_worker(_by_grid_and_worker(*aggregates).where(*in_scope(scope), which))


def received_by_grid_and_worker(scope: Scope, b: Bounds) -> Select[tuple[object, ...]]:
    """Per (grid cell, worker): 受理数, 立案数 and how many of those cases are closed."""
    return _per_grid_and_worker(scope, _received(b))


def closed_by_grid_and_worker(scope: Scope, b: Bounds) -> Select[tuple[object, ...]]:
    """Per (grid cell, worker): 结案数 and, of those, on time and reworked."""
    return _per_grid_and_worker(scope, _closed(b))


def reviews_by_grid_and_worker(scope: Scope, b: Bounds) -> Select[tuple[object, ...]]:
    """Per (grid cell, worker): the 回访 made in the period, their scores and the satisfied."""
    return _per_grid_and_worker(scope, _reviews(b))


def request_totals(scope: Scope, b: Bounds) -> Select[tuple[object, ...]]:
    """The three passes' counts for the whole scope, in one row labelled with PASS_FIELDS: the
    sums of the per-(grid, worker) rows, counted without grouping (no sort of the period's
    requests: half the time), for a report's previous-period column."""
    parts = []
    for fields, (aggregates, which) in zip(PASS_FIELDS, (_received(b), _closed(b), _reviews(b)), strict=True):
        parts.append(select(*(a.label(f) for a, f in zip(aggregates, fields, strict=True)))
                     .select_from(R).where(*in_scope(scope), which).subquery())
    first, *rest = parts
    joined = first
    for part in rest:  # one row each
        joined = joined.join(part, true())
    return select(*(c for part in parts for c in part.c)).select_from(joined)


def local_day(column: ColumnElement[datetime | None]) -> ColumnElement[str]:
    """The Beijing-time day of a stored UTC time, as 'YYYY-MM-DD'. China has kept UTC+8 all
    year since 1991, so a fixed offset is exact."""
    return func.date(column, "+8 hours")


def weekly_counts(scope: Scope, first_monday: date, cutoff: datetime, column: ColumnElement[datetime | None],
                  extra: ColumnElement[bool] | None = None) -> Select[tuple[object, ...]]:
    """(week index since first_monday, count) of requests whose `column` falls between
    00:00 of first_monday and the cutoff, weeks running Monday 00:00 to Monday 00:00 Beijing
    time. One index range per week (UNION ALL) rather than the week worked out per row: a
    third of the time for a 12-week trend at street scale. Weeks with none are left out."""
    where = [*in_scope(scope)]
    if extra is not None:
        where.append(extra)
    weeks = []
    start, index = day_start(first_monday), 0
    while start < cutoff:  # at most ~160 weeks (a period is ≤ 3 years): under SQLite's 500 compound terms
        end = min(day_start(first_monday + timedelta(weeks=index + 1)), cutoff)
        weeks.append(select(literal(index).label("week"), func.count().label("n")).select_from(R)
                     .where(*where, column >= start, column < end))
        start, index = end, index + 1
    if not weeks:
        return select(literal(0).label("week"), literal(0).label("n")).where(false())
    each = union_all(*weeks).subquery()
    # sorted: SQLite counts every week before it returns the first row. Python's sqlite3 lets the
    # GIL go for each row it steps to; a row that takes a week's count to find costs a thread
    # ~5 ms to win the GIL back while another thread runs Python (a report laid out meanwhile)
    return select(each.c.week, each.c.n).where(each.c.n > 0).order_by(each.c.week)
