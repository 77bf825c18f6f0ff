"""Shared by the visit and patrol tests: the demo database, signing in, and the due lists and
coverage computed independently — plain sqlite3 and Python over the stored rows, never the
code under test."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from community_app.core import roles
from community_app.core.auth import CurrentUser, login
from community_app.core.passwords import hash_password
from db.demo import generate_demo
from db.models import Role, StaffUser

DEMO_NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 10:00 in Qingdao, a Tuesday
DEMO_COMMUNITY = "370202010004"
SHANGHAI = ZoneInfo("Asia/Shanghai")
GRACE = 3


def make_demo(path: Path) -> Path:
    generate_demo(path, residents=3000, seed=20201, now=DEMO_NOW)
    return path


def sign_in(session: Session, username: str, _password: str = "") -> CurrentUser:
    """The staff member as core.auth.login returns them, read without the (slow, by design)
    password hash check: these tests are about field work, not logging in."""
    staff = session.scalars(select(StaffUser).where(StaffUser.username == username)).one()
    role = session.scalars(select(Role).where(Role.code == staff.role_code)).one()
    return CurrentUser(staff.id, staff.username, staff.display_name, role.code, role.name,
                       frozenset(role.permissions), staff.community_code)


def as_role(session: Session, username: str, role: str) -> CurrentUser:
    """The staff member with another role's permissions (to test a permission, not a login)."""
    staff = session.scalars(select(StaffUser).where(StaffUser.username == username)).one()
    name, perms = roles.DEFAULT_ROLES[role]
    return CurrentUser(staff.id, staff.username, staff.display_name, role, name, frozenset(perms),
                       staff.community_code)


def add_admin(session: Session, community: str) -> CurrentUser:
    session.add(StaffUser(username="root", display_name="管理员", password_hash=hash_password("secret-pw"),
                          role_code=roles.ADMIN, community_code=community))
    session.commit()
    return login(session, "root", "secret-pw")


def day_of(stored: str) -> date:
    """A stored UTC time ('2026-11-23 08:13:17.161826') as its Shanghai calendar day."""
    return datetime.fromisoformat(stored).replace(tzinfo=UTC).astimezone(SHANGHAI).date()


def state_of(due: date, today: date) -> str:
    late = (today - due).days
    return "overdue" if late > GRACE else "due" if late >= 0 else "upcoming"


def worker_cells(conn: sqlite3.Connection, username: str) -> tuple[str, ...]:
    return tuple(r[0] for r in conn.execute(
        "SELECT g.id FROM grid_cell g JOIN staff_user u ON u.id = g.responsible_staff_id "
        "WHERE u.username = ? AND g.deleted_at IS NULL", (username,)))


def expected_visits(conn: sqlite3.Connection, now: datetime, cells: tuple[str, ...] | None,
                    status: str) -> dict[str, tuple[date, int]]:
    """resident id → (due date, days overdue) of the residents on the list."""
    today = now.astimezone(SHANGHAI).date()
    where = "" if cells is None else f" AND r.grid_cell_id IN ({','.join('?' * len(cells))})"
    rows = conn.execute(
        f"""SELECT r.id, vr.interval_days, rt.created_at FROM resident_tag rt
            JOIN visit_rule vr ON vr.tag_code = rt.tag_code
            JOIN resident r ON r.id = rt.resident_id
            WHERE rt.deleted_at IS NULL AND vr.deleted_at IS NULL AND vr.active = 1
              AND r.status = 'active' AND r.deleted_at IS NULL AND r.community_code = ?{where}""",
        (DEMO_COMMUNITY, *(cells or ()))).fetchall()
    interval: dict[str, int] = {}
    tagged: dict[str, date] = {}
    for rid, days, created in rows:
        interval[rid] = min(days, interval.get(rid, days))
        tagged[rid] = min(day_of(created), tagged.get(rid, day_of(created)))
    result = {}
    for rid, days in interval.items():
        last = conn.execute("SELECT max(visited_at) FROM visit WHERE resident_id = ? AND deleted_at IS NULL",
                            (rid,)).fetchone()[0]
        due = day_of(last) + timedelta(days=days) if last else min(tagged[rid], today)
        state = state_of(due, today)
        if status == "all" or (status == "due" and state != "upcoming") or (status == "overdue" and state == "overdue"):
            result[rid] = (due, (today - due).days)
    return result


def expected_patrols(conn: sqlite3.Connection, now: datetime, cells: tuple[str, ...] | None) -> dict[str, str]:
    """plan id → state of each live plan of the cells (or the community)."""
    today = now.astimezone(SHANGHAI).date()
    where = "" if cells is None else f" AND p.grid_cell_id IN ({','.join('?' * len(cells))})"
    plans = conn.execute(
        f"""SELECT p.id, p.frequency_days, p.active, p.created_at FROM patrol_plan p
            JOIN grid_cell g ON g.id = p.grid_cell_id
            WHERE p.deleted_at IS NULL AND g.deleted_at IS NULL AND g.community_code = ?{where}""",
        (DEMO_COMMUNITY, *(cells or ()))).fetchall()
    result = {}
    for pid, freq, active, created in plans:
        if not active:
            result[pid] = "inactive"
            continue
        last = conn.execute("SELECT max(started_at) FROM patrol_round WHERE plan_id = ? AND deleted_at IS NULL "
                            "AND finished_at IS NOT NULL", (pid,)).fetchone()[0]
        due = day_of(last) + timedelta(days=freq) if last else min(day_of(created), today)
        result[pid] = state_of(due, today)
    return result


def expected_coverage(conn: sqlite3.Connection, start: date, end: date, today: date) -> dict[str, tuple[int, int, int]]:
    """grid cell id → (planned, covered, rounds done): each round's day falls in window
    (day - first) // F, capped at the last window; covered = distinct windows hit."""
    end = min(end, today)
    result: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for cell, in conn.execute("SELECT id FROM grid_cell WHERE community_code = ? AND deleted_at IS NULL",
                              (DEMO_COMMUNITY,)):
        result[cell] = [0, 0, 0]
    plans = conn.execute(
        "SELECT p.id, p.grid_cell_id, p.frequency_days, p.created_at FROM patrol_plan p JOIN grid_cell g "
        "ON g.id = p.grid_cell_id WHERE g.community_code = ? AND p.deleted_at IS NULL AND p.active = 1",
        (DEMO_COMMUNITY,)).fetchall()
    for pid, cell, freq, created in plans:
        first = max(start, day_of(created))
        days = (end - first).days + 1
        if days <= 0:
            continue
        n = max(1, days // freq)
        hit = set()
        done = 0
        for (started,) in conn.execute("SELECT started_at FROM patrol_round WHERE plan_id = ? AND deleted_at IS NULL "
                                       "AND finished_at IS NOT NULL", (pid,)):
            d = day_of(started)
            if first <= d <= end:
                done += 1
                hit.add(min((d - first).days // freq, n - 1))
        result[cell][0] += n
        result[cell][1] += len(hit)
        result[cell][2] += done
    return {cell: (p, c, d) for cell, (p, c, d) in result.items()}
