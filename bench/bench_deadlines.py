"""Deadlines at street scale (100,000 service requests).

1. Deadlines: for every request of the street database, the due time from its category's
   limit and report time (core.deadlines.due_at_bulk on the Chinese holiday calendar, office
   hours 08:30–12:00 and 13:30–17:30) and its deadline state now from the stored due time
   and pause (core.deadlines.deadline_states_bulk), starting from the rows as SQLite returns
   them (timestamps as text). Target: ≤ 1 s. Baseline, measured in the same run on the same
   rows: a plain Python loop doing the demo generator's integer working-time arithmetic
   (db.demo.worktime: the same office hours and holiday calendar, one request at a time) for
   the same two things — the simplest honest way to compute these deadlines at all. Reading
   the rows is timed apart (note).
2. Lists: a page (500) of a supervisor's open requests by due time through
   core.requests.list_requests (rows with names and deadline states) against the
   hand-written SQL for the same page's columns with sqlite3 (info; no target).
"""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from bench.results import BenchResult, interleaved_medians
from community_app.core.auth import CurrentUser
from community_app.core.deadlines import NO_TIME, SOON, deadline_states_bulk, due_at_bulk
from community_app.core.stages import FINISHED_STAGES, OPEN_STAGES
from db.demo import worktime
from db.demo.clock import HOUR, micros

ROWS_SQL = """
SELECT sr.reported_at, sr.due_at, sr.paused_since, sr.stage, c.time_limit, c.time_limit_unit
FROM service_request sr JOIN category c ON c.code = sr.category_code WHERE sr.deleted_at IS NULL
"""
PAGE = 500
PAGE_SQL = f"""
SELECT id, ticket_no, title, category_code, channel, stage, urgency, address, grid_cell_id, assignee_id,
       reported_at, due_at, paused_since, paused_seconds FROM service_request
WHERE deleted_at IS NULL AND community_code = ? AND stage IN {OPEN_STAGES!r}
ORDER BY due_at IS NULL, due_at, reported_at, id LIMIT {PAGE}
"""


Columns = tuple[list[object], ...]  # reported_at, due_at, paused_since, stage, time_limit, time_limit_unit


def read_rows(path: Path) -> Columns:
    """The rows as SQLite gives them (timestamps as text), column by column."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute(ROWS_SQL).fetchall()
    return tuple(list(column) for column in zip(*rows, strict=True))


def _instants(texts: list[object]) -> np.ndarray:
    """Stored UTC text → int64 µs, NO_TIME for NULL."""
    parsed = np.array([t if t is not None else "NaT" for t in texts], dtype="datetime64[us]").astype(np.int64)
    parsed[parsed == np.iinfo(np.int64).min] = NO_TIME  # NaT is int64 min already; kept explicit
    return parsed


def ours(rows: Columns, now: datetime) -> tuple[np.ndarray, list[str]]:
    reported, due, paused, stage, limit, unit = rows
    due_new = due_at_bulk(_instants(reported), np.array([x or 0 for x in limit], dtype=np.int64),
                          np.array([u == "work_days" for u in unit]))
    finished = np.isin(np.array(stage), list(FINISHED_STAGES))
    states, _ = deadline_states_bulk(_instants(due), _instants(paused), finished, now)
    return due_new, states


def baseline(rows: Columns, now: datetime) -> tuple[list[int | None], list[str]]:
    now_us = micros(now)
    soon_until = worktime.add_work_time(now_us, 4 * HOUR)
    due_new: list[int | None] = []
    states: list[str] = []
    parse = datetime.fromisoformat
    for reported, due, paused, stage, limit, unit in zip(*rows, strict=True):
        due_new.append(worktime.due_at(micros(parse(reported).replace(tzinfo=UTC)), limit, unit))  # type: ignore[arg-type]
        if stage in FINISHED_STAGES:
            states.append("finished")
        elif paused is not None:
            states.append("paused")
        elif due is None:
            states.append("none")
        else:
            d = micros(parse(due).replace(tzinfo=UTC))  # type: ignore[arg-type]
            states.append("overdue" if d < now_us else SOON if d < soon_until else "on_time")
    return due_new, states


def bench_deadlines(path: Path, repeat: int = 5, now: datetime | None = None) -> BenchResult:
    now = now or datetime.now(UTC)
    start = time.perf_counter()
    rows = read_rows(path)
    read = time.perf_counter() - start
    t_ours, t_base = interleaved_medians(lambda: ours(rows, now), lambda: baseline(rows, now), repeat)
    due_new, states = ours(rows, now)
    assert len(due_new) == len(states) == len(rows[0])
    counts = {s: states.count(s) for s in ("overdue", "due_soon", "paused")}
    return BenchResult(
        f"deadlines for {len(rows[0]):,} requests (due + state)", t_ours, t_base,
        "Python loop, one request at a time (db.demo.worktime)", max_seconds=1.0,
        note=f"reading the rows {read:.2f} s apart; now {counts['overdue']} overdue, {counts['due_soon']} due soon",
    )


def _supervisor(session: Session, community: str) -> CurrentUser:
    from db.models import Role, StaffUser

    staff, role = session.execute(
        select(StaffUser, Role).join(Role, Role.code == StaffUser.role_code)
        .where(StaffUser.community_code == community, Role.code == "supervisor").limit(1)).one()
    return CurrentUser(staff.id, staff.username, staff.display_name, role.code, role.name,
                       frozenset(role.permissions), staff.community_code)


def bench_request_list(path: Path, repeat: int = 5) -> BenchResult:
    from community_app.core.requests import RequestFilter, list_requests
    from db.engine import make_engine

    raw = sqlite3.connect(path)
    community = raw.execute("SELECT community_code FROM service_request GROUP BY community_code "
                            "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    engine = make_engine(path)
    try:
        with Session(engine) as session:
            user = _supervisor(session, community)
            f = RequestFilter(open_only=True, limit=PAGE)
            t_ours, t_base = interleaved_medians(lambda: list_requests(session, user, f),
                                                 lambda: raw.execute(PAGE_SQL, (community,)).fetchall(), repeat)
            ids = [r.id for r in list_requests(session, user, f)]
        assert ids == [r[0] for r in raw.execute(PAGE_SQL, (community,))]
    finally:
        engine.dispose()
        raw.close()
    return BenchResult(f"request list: first {PAGE} open by due time", t_ours, t_base,
                       "hand-written SQL, same page, sqlite3 tuples",
                       note="ours adds names and deadline states")


if __name__ == "__main__":
    import sys

    from bench.results import format_table
    from db.migrate import open_database

    db = Path(sys.argv[1])
    open_database(db).engine.dispose()  # a street file made before migration 0003 is upgraded first
    print(format_table([bench_deadlines(db), bench_request_list(db)]))
