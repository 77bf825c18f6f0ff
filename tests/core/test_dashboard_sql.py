"""On the demo community, every dashboard number equals a hand-written SQL count."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from community_app.core.auth import CurrentUser
from community_app.core.dashboard import dashboard_counts
from community_app.core.stages import OPEN_STAGES
from db.connection import connect
from db.demo import generate_demo
from db.engine import make_engine
from db.sql_conditions import OPEN_REQUESTS

NOW = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")
OPEN = ("reported", "accepted", "dispatched", "in_progress", "pending_verification")
# due soon = less than 4 office hours left (08:30–12:00, 13:30–17:30 Beijing time), worked out by hand:
# Tue 24 Nov 10:30 → 16:00; Fri 27 Nov 10:30 → 16:00; Sun 3 Jan 2027 10:30 → Mon 4 Jan 14:00
DUE_SOON_UNTIL = {
    NOW: datetime(2026, 11, 24, 8, 0, tzinfo=UTC),
    NOW + timedelta(days=3): datetime(2026, 11, 27, 8, 0, tzinfo=UTC),
    NOW + timedelta(days=40): datetime(2027, 1, 4, 6, 0, tzinfo=UTC),
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    generate_demo(path, residents=3000, now=NOW)
    return path


@pytest.fixture
def raw(demo_db: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(demo_db)
    yield conn
    conn.close()


def shanghai_day(stored: str) -> date:
    return datetime.fromisoformat(stored).replace(tzinfo=UTC).astimezone(SHANGHAI).date()


def sql_time(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def one(conn: sqlite3.Connection, sql: str, *args: object) -> int:
    return int(conn.execute(sql, args).fetchone()[0])


def expected(conn: sqlite3.Connection, now: datetime, cells: tuple[str, ...] | None) -> dict[str, object]:
    """The dashboard computed independently, in SQL only. cells=None means the whole community."""
    in_cells = "" if cells is None else f" AND grid_cell_id IN ({','.join('?' * len(cells))})"
    p = () if cells is None else cells
    q_open = f"FROM service_request WHERE deleted_at IS NULL AND stage IN {OPEN!r}{in_cells}"
    soon = sql_time(DUE_SOON_UNTIL[now])
    visits_due = 0
    for (rid, days) in conn.execute(
        f"""SELECT r.id, MIN(vr.interval_days) FROM resident r
            JOIN resident_tag rt ON rt.resident_id = r.id AND rt.deleted_at IS NULL
            JOIN visit_rule vr ON vr.tag_code = rt.tag_code AND vr.deleted_at IS NULL AND vr.active = 1
            WHERE r.status = 'active' AND r.deleted_at IS NULL{in_cells.replace('grid_cell_id', 'r.grid_cell_id')}
            GROUP BY r.id""",
        p,
    ):
        last = conn.execute("SELECT MAX(visited_at) FROM visit WHERE resident_id = ? AND deleted_at IS NULL",
                            (rid,)).fetchone()[0]
        # due from the day (Shanghai) of the last visit + the interval, whatever the hour
        if last is None or shanghai_day(last) + timedelta(days=days) <= now.astimezone(SHANGHAI).date():
            visits_due += 1
    return {
        "residents": one(conn, f"SELECT COUNT(*) FROM resident WHERE status='active' AND deleted_at IS NULL"
                               f"{in_cells}", *p),
        "households": one(conn, f"""SELECT COUNT(DISTINCT household_id) FROM resident
                                    WHERE status='active' AND deleted_at IS NULL AND household_id IS NOT NULL
                                    {in_cells}""", *p),
        "open_by_stage": {s: one(conn, f"SELECT COUNT(*) {q_open} AND stage = ?", *p, s) for s in OPEN},
        "overdue": one(conn, f"SELECT COUNT(*) {q_open} AND paused_since IS NULL AND due_at < ?", *p,
                       sql_time(now)),
        "due_soon": one(conn, f"SELECT COUNT(*) {q_open} AND paused_since IS NULL AND due_at >= ? AND due_at < ?",
                        *p, sql_time(now), soon),
        "visits_due": visits_due,
    }


def actual(demo_db: Path, now: datetime, username: str | None) -> dict[str, object]:
    from community_app.core.auth import login
    from db.demo import DEMO_ACCOUNTS

    engine = make_engine(demo_db)
    with Session(engine) as s:
        user = None
        if username is not None:
            password = next(pw for name, pw, _ in DEMO_ACCOUNTS if name == username)
            user = login(s, username, password)
        c = dashboard_counts(s, now=now, user=user)
    engine.dispose()
    assert c.open_total == sum(c.open_by_stage.values())
    return {"residents": c.residents, "households": c.households, "open_by_stage": c.open_by_stage,
            "overdue": c.overdue, "due_soon": c.due_soon, "visits_due": c.visits_due}


@pytest.mark.parametrize("days_later", [0, 3, 40])
def test_community_numbers_equal_sql(demo_db: Path, raw: sqlite3.Connection, days_later: int) -> None:
    now = NOW + timedelta(days=days_later)
    want = expected(raw, now, None)
    assert want["residents"] > 2000 and want["overdue"] > 0 and want["visits_due"] > 0  # a real test
    assert actual(demo_db, now, None) == want


def test_each_grid_workers_numbers_equal_sql(demo_db: Path, raw: sqlite3.Connection) -> None:
    workers = raw.execute(
        "SELECT u.username, u.id FROM staff_user u WHERE u.role_code = 'grid_worker' AND u.active = 1"
    ).fetchall()
    assert len(workers) == 2
    for username, uid in workers:
        cells = tuple(r[0] for r in raw.execute(
            "SELECT id FROM grid_cell WHERE responsible_staff_id = ? AND deleted_at IS NULL", (uid,)))
        assert cells
        assert actual(demo_db, NOW, username) == expected(raw, NOW, cells)


def test_open_request_counts_and_visits_due_are_answered_from_their_indexes(demo_db: Path) -> None:
    """The partial indexes of migration 0007 keep these counts off the tables at a street's
    size; SQLite takes a partial index only when the query repeats its condition. Visits due are
    counted in the visit watch's index alone (migration 0009)."""
    assert f"stage IN ({', '.join(repr(s) for s in OPEN_STAGES)}) AND deleted_at IS NULL" == OPEN_REQUESTS
    conn = connect(demo_db)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    community = conn.execute("SELECT community_code FROM staff_user WHERE username = 'chenjing'").fetchone()[0]
    dashboard_counts(conn, now=NOW, user=None)
    dashboard_counts(conn, now=NOW, user=CurrentUser("x", "chenjing", "陈静", "supervisor", "", frozenset(), community))
    conn.set_trace_callback(None)

    def plan(sql: str) -> str:
        return " | ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))

    counted = [s for s in statements if "FROM service_request" in s]
    on_watch = [s for s in statements if "FROM visit_watch" in s]
    assert len(counted) == 2 and len(on_watch) == 2  # the numbers of the day in one statement a call
    assert not [s for s in statements if "FROM resident_tag" in s]
    for sql in counted:
        reads = [step for step in plan(sql).split(" | ") if "service_request" in step]
        assert len(reads) == 2 + len(OPEN_STAGES), reads  # overdue, due soon, one count per stage
        if "community_code =" in sql:  # with no community a scan of the other index is as good
            assert all("ix_service_request_open" in step for step in reads), reads
    for sql in on_watch:
        steps = plan(sql).split(" | ")
        reads = [step for step in steps if "visit_watch" in step]
        assert reads and all("COVERING INDEX ix_visit_watch_scope" in step for step in reads), steps
    conn.close()
