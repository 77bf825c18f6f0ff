"""The numbers on the 工作台 dashboard, counted in SQL (nothing loads whole tables).

Scope: a grid worker sees the grid cells they are responsible for; supervisors and
admins see their whole community (or everything, when their account has none).

Written in plain SQL over the sqlite3 connection (a Session works too, see db.connection.dbapi):
the window shows these numbers before SQLAlchemy is loaded, which keeps the start fast. The
lists behind each number (core.kpi_today) use the same conditions.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from community_app.core import roles
from community_app.core.auth import CurrentUser
from community_app.core.fieldwork_rules import day_start, local_date
from community_app.core.stages import OPEN_STAGES
from db import resident_tally, visit_watch
from db.connection import dbapi, sql_time, utcnow
from db.database import SessionSource, plain_or_session
from db.sql_conditions import OPEN_REQUESTS

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement
    from sqlalchemy.orm import InstrumentedAttribute, Session



@dataclass(frozen=True)
class DashboardCounts:
    community_name: str
    residents: int
    households: int
    open_by_stage: dict[str, int]
    open_total: int
    overdue: int
    due_soon: int
    visits_due: int
    as_of: datetime
    patrols_due: int = 0  # active patrol plans due today or earlier


@dataclass(frozen=True)
class Scope:
    """Which rows a user's numbers cover: a community, and optionally a set of grid cells."""

    community_code: str | None
    grid_cell_ids: tuple[str, ...] | None  # None = all cells of the community

    def filter(
        self, community_col: ColumnElement[str] | InstrumentedAttribute[str],
        grid_col: ColumnElement[str | None] | InstrumentedAttribute[str | None],
    ) -> list[ColumnElement[bool]]:
        from sqlalchemy import false

        clauses: list[ColumnElement[bool]] = []
        if self.community_code is not None:
            clauses.append(community_col == self.community_code)
        if self.grid_cell_ids is not None:
            clauses.append(grid_col.in_(self.grid_cell_ids) if self.grid_cell_ids else false())
        return clauses


    def sql(self, community_col: str, grid_col: str) -> tuple[str, list[object]]:
        """The same conditions in plain SQL: ' AND …' (empty when none) and its parameters."""
        where, params = "", list[object]()
        if self.community_code is not None:
            where += f" AND {community_col} = ?"
            params.append(self.community_code)
        if self.grid_cell_ids is not None:
            if self.grid_cell_ids:
                where += f" AND {grid_col} IN ({', '.join('?' * len(self.grid_cell_ids))})"
                params.extend(self.grid_cell_ids)
            else:
                where += " AND 0"
        return where, params


def scope_for(db: Session | sqlite3.Connection, user: CurrentUser | None) -> Scope:
    if user is None:
        return Scope(None, None)
    if user.role_code == roles.GRID_WORKER:
        cells = dbapi(db).execute(
            "SELECT id FROM grid_cell WHERE responsible_staff_id = ? AND deleted_at IS NULL", (user.id,)
        ).fetchall()
        return Scope(user.community_code, tuple(c for (c,) in cells))
    return Scope(user.community_code, None)


def _scalar(conn: sqlite3.Connection, sql: str, params: list[object] | tuple[object, ...] = ()) -> object:
    row = conn.execute(sql, params).fetchone()
    return row[0] if row else None


def community_name(db: Session | sqlite3.Connection, code: str | None) -> str:
    conn = dbapi(db)
    if code is None:
        code = _scalar(conn, "SELECT code FROM division WHERE level = 'community' AND deleted_at IS NULL"
                             " ORDER BY code LIMIT 1")  # type: ignore[assignment]
    name = _scalar(conn, "SELECT name FROM division WHERE code = ?", (code,)) if code else None
    return str(name or "")


Query = tuple[str, list[object]]  # SQL giving one value, and its parameters


def _residents_sql(scope: Scope) -> Query:
    """Active residents in scope, summed from the resident tally (db.resident_tally)."""
    where, params = scope.sql("community_code", "grid_cell_id")
    return f"SELECT sum(residents) FROM {resident_tally.TABLE} WHERE 1{where}", params


def count_residents(db: Session | sqlite3.Connection, scope: Scope) -> int:
    return int(_scalar(dbapi(db), *_residents_sql(scope)) or 0)


def _households_sql(scope: Scope) -> Query:
    """Households with at least one active resident in scope (an empty flat is not a household),
    from the resident tally, which has a row for each household with active residents (by cell).
    A household is only ever tombstoned once empty, so its own deleted_at need not be checked."""
    where, params = scope.sql("community_code", "grid_cell_id")
    return (f"SELECT count(DISTINCT household_id) FROM {resident_tally.TABLE} WHERE household_id <> ''{where}",
            params)


def _open_requests(scope: Scope) -> tuple[str, list[object]]:
    where, params = scope.sql("community_code", "grid_cell_id")
    # the partial index ix_service_request_open answers these from the index alone
    return f"{OPEN_REQUESTS}{where}", params


def _stage_sql(scope: Scope, stage: str) -> Query:
    where, params = _open_requests(scope)
    return f"SELECT count(*) FROM service_request WHERE {where} AND stage = ?", [*params, stage]


def _overdue_sql(scope: Scope, now: datetime) -> tuple[Query, Query]:
    """Open requests past their deadline, and those with less than DUE_SOON of office time
    left (core.deadlines' rule, turned into one instant SQL compares with). A request whose
    clock is paused (extension or return pending) is neither."""
    where, params = _open_requests(scope)
    running = f"SELECT count(*) FROM service_request WHERE {where} AND paused_since IS NULL AND due_at IS NOT NULL"
    return ((running + " AND due_at < ?", [*params, sql_time(now)]),
            (running + " AND due_at >= ? AND due_at < ?", [*params, sql_time(now), sql_time(_due_soon_cutoff(now))]))


def _visits_due_sql(conn: sqlite3.Connection, scope: Scope, now: datetime) -> Query:
    """Active residents with a tag that has a visit rule whose next visit is due today or
    earlier: last visit's day (Shanghai) + the shortest interval among their tags' rules
    ≤ today; never visited counts as due. The same rule as core.visits.visits_due, read from
    the visit watch (db.visit_watch), which keeps each such resident's interval and last visit."""
    # the intervals are few (7, 30, 90 …): one cutoff per interval keeps the date maths in Python
    intervals = [d for (d,) in conn.execute(
        "SELECT DISTINCT interval_days FROM visit_rule WHERE deleted_at IS NULL AND active = 1")]
    if not intervals:
        return "SELECT 0", []
    where, params = scope.sql("community_code", "grid_cell_id")
    # due when last day + d <= today, i.e. the last visit began before the day after today - d
    today = local_date(now)
    stale = " OR ".join("(interval_days = ? AND last_visit_at < ?)" for _ in intervals)
    cutoffs: list[object] = []
    for d in intervals:
        cutoffs += [d, sql_time(day_start(today - timedelta(days=d - 1)))]
    return (f"SELECT count(*) FROM {visit_watch.TABLE} WHERE (last_visit_at IS NULL OR {stale}){where}",
            [*cutoffs, *params])


def _patrols_sql(scope: Scope, now: datetime) -> Query:
    """Active patrol plans of the scope's cells whose next round is due today or earlier:
    the Shanghai day of the latest finished round + the plan's frequency ≤ today; a plan
    never walked is due. The same rule as core.patrols.patrols_due."""
    where, params = scope.sql("g.community_code", "p.grid_cell_id")
    last_round = ("(SELECT max(r.started_at) FROM patrol_round r WHERE r.plan_id = p.id"
                  " AND r.finished_at IS NOT NULL AND r.deleted_at IS NULL)")
    # the day arithmetic in SQL: local day of the round + frequency days (China is UTC+8 all year)
    next_due = f"date({last_round}, '+8 hours', printf('+%d days', p.frequency_days))"
    sql = ("SELECT count(*) FROM patrol_plan p JOIN grid_cell g ON g.id = p.grid_cell_id"
           f" WHERE p.deleted_at IS NULL AND p.active = 1 AND g.deleted_at IS NULL{where}"
           f" AND ({last_round} IS NULL OR {next_due} <= ?)")
    return sql, [*params, local_date(now).isoformat()]


def dashboard_counts(
    db: Session | sqlite3.Connection, *, now: datetime | None = None, user: CurrentUser | None = None,
) -> DashboardCounts:
    """Every number of the day, in one statement: a thread counting beside the window being built
    gets the GIL back once, not once per query (each wait was up to 5 ms while the GUI ran Python).
    The resident tally and the visit watch (db.derived) keep it to ≈15 ms at a street's size, where
    a second connection and thread for the slowest number now cost more than they saved."""
    now = now or utcnow()
    conn = dbapi(db)
    scope = scope_for(conn, user)
    queries = [_residents_sql(scope), _households_sql(scope), *_overdue_sql(scope, now), _patrols_sql(scope, now),
               _visits_due_sql(conn, scope, now), *(_stage_sql(scope, stage) for stage in OPEN_STAGES)]
    row = conn.execute("SELECT " + ", ".join(f"({sql})" for sql, _ in queries),
                       [p for _, params in queries for p in params]).fetchone()
    residents, households, overdue, due_soon, patrols, visits_due, *stages = (int(v or 0) for v in row)
    by_stage = dict(zip(OPEN_STAGES, stages, strict=True))
    return DashboardCounts(
        community_name=community_name(conn, scope.community_code),
        residents=residents,
        households=households,
        open_by_stage=by_stage,
        open_total=sum(by_stage.values()),
        overdue=overdue,
        due_soon=due_soon,
        visits_due=visits_due,
        as_of=now,
        patrols_due=patrols,
    )


def numbers_of_the_day(source: SessionSource, user: CurrentUser) -> tuple[Scope, DashboardCounts]:
    """What the dashboard shows first, for `user`: their scope and the numbers of the day."""
    with plain_or_session(source) as db:
        return scope_for(db, user), dashboard_counts(db, user=user)


def _due_soon_cutoff(now: datetime) -> datetime:
    from community_app.core.deadlines import due_soon_cutoff

    return due_soon_cutoff(now)
