"""The report figures worked out again with plain sqlite3 and Python, from the definitions in
words (core.kpis' docstring), not through the code the reports use. Times in the database
are naive UTC text ('2026-10-01 03:04:05.123456'), so bounds are compared as text."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

BEIJING = timedelta(hours=8)


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def day_start_text(day: date) -> str:
    """00:00 Beijing time of `day` in stored UTC text."""
    return utc_text(datetime(day.year, day.month, day.day, tzinfo=UTC) - BEIJING)


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def beijing_day(text: str) -> date:
    return (parse(text) + BEIJING).date()


@dataclass(frozen=True)
class Window:
    start: date
    end: date  # included
    now: datetime

    @property
    def start_text(self) -> str:
        return day_start_text(self.start)

    @property
    def cutoff_text(self) -> str:
        end = day_start_text(self.end + timedelta(days=1))
        return min(end, utc_text(self.now))

    @property
    def last_day(self) -> date:
        return min(self.end, (self.now + BEIJING).date())


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def request_figures(conn: sqlite3.Connection, community: str, w: Window, grid_cell_id: str | None = None) -> dict:
    grid = " AND grid_cell_id = :grid" if grid_cell_id else ""
    p = {"c": community, "s": w.start_text, "e": w.cutoff_text, "grid": grid_cell_id}
    live = "deleted_at IS NULL AND community_code = :c" + grid
    received = conn.execute(f"SELECT count(*) FROM service_request WHERE {live} AND reported_at >= :s "
                            "AND reported_at < :e", p).fetchone()[0]
    case = "accepted_at IS NOT NULL AND accepted_at < :e AND stage NOT IN ('rejected', 'merged')"
    accepted = conn.execute(f"SELECT count(*) FROM service_request WHERE {live} AND reported_at >= :s "
                            f"AND reported_at < :e AND {case}", p).fetchone()[0]
    accepted_closed = conn.execute(
        f"SELECT count(*) FROM service_request WHERE {live} AND reported_at >= :s AND reported_at < :e AND {case} "
        "AND stage IN ('closed', 'reviewed') AND closed_at < :e", p).fetchone()[0]
    closed_in = f"{live} AND stage IN ('closed', 'reviewed') AND closed_at >= :s AND closed_at < :e"
    closed, on_time, reworked = conn.execute(
        f"SELECT count(*), sum(closed_on_time IS NULL OR closed_on_time = 1), sum(rework_count > 0) "
        f"FROM service_request WHERE {closed_in}", p).fetchone()
    # 满意度: the 回访 made in the period, by the date of the review event, whenever closed
    reviewed, score_sum = conn.execute(
        f"SELECT count(*), sum(satisfaction) FROM service_request WHERE {live} AND satisfaction IS NOT NULL "
        "AND id IN (SELECT request_id FROM request_event WHERE action = 'review' AND deleted_at IS NULL "
        "AND at >= :s AND at < :e)", p).fetchone()
    return {"received": received, "accepted": accepted, "accepted_closed": accepted_closed, "closed": closed,
            "on_time": on_time or 0, "reworked": reworked or 0, "reviewed": reviewed, "score_sum": score_sum or 0}


def overdue_open_count(conn: sqlite3.Connection, community: str, w: Window) -> int:
    """Cases open at the cutoff whose deadline had passed, not paused since before it."""
    return conn.execute(
        "SELECT count(*) FROM service_request WHERE deleted_at IS NULL AND community_code = :c "
        "AND accepted_at IS NOT NULL AND accepted_at < :e AND stage NOT IN ('rejected', 'merged') "
        "AND NOT (stage IN ('closed', 'reviewed') AND closed_at IS NOT NULL AND closed_at < :e) "
        "AND due_at IS NOT NULL AND due_at < :e AND (paused_since IS NULL OR paused_since >= :e)",
        {"c": community, "e": w.cutoff_text}).fetchone()[0]


def closed_late_count(conn: sqlite3.Connection, community: str, w: Window) -> int:
    return conn.execute(
        "SELECT count(*) FROM service_request WHERE deleted_at IS NULL AND community_code = :c "
        "AND stage IN ('closed', 'reviewed') AND closed_at >= :s AND closed_at < :e AND closed_on_time = 0",
        {"c": community, "s": w.start_text, "e": w.cutoff_text}).fetchone()[0]


@dataclass(frozen=True)
class VisitState:
    resident_id: str
    tags: tuple[str, ...]
    interval: int
    due: bool
    missed: bool


def _waiting(visits: list[str], interval: int, last_day: date) -> bool:
    return not visits or beijing_day(max(visits)) + timedelta(days=interval) <= last_day


def visit_states(conn: sqlite3.Connection, community: str, w: Window) -> list[VisitState]:
    """Each special-group resident under an active rule: due in the period, and still waiting on
    the last day counted. Due on (Beijing day of the last visit) + interval; never visited: due."""
    end = day_start_text(w.last_day + timedelta(days=1))
    rows = conn.execute(
        "SELECT r.id, t.tag_code, v.interval_days FROM resident_tag t "
        "JOIN visit_rule v ON v.tag_code = t.tag_code AND v.deleted_at IS NULL AND v.active = 1 "
        "JOIN resident r ON r.id = t.resident_id "
        "WHERE t.deleted_at IS NULL AND t.created_at < ? AND r.status = 'active' AND r.deleted_at IS NULL "
        "AND r.community_code = ?", (end, community)).fetchall()
    people: dict[str, list[tuple[str, int]]] = {}
    for rid, tag, days in rows:
        people.setdefault(rid, []).append((tag, days))
    visits: dict[str, list[str]] = {}
    for rid, at in conn.execute("SELECT resident_id, visited_at FROM visit WHERE deleted_at IS NULL"):
        visits.setdefault(rid, []).append(at)
    out = []
    for rid, tags in people.items():
        interval = min(d for _t, d in tags)
        before = [v for v in visits.get(rid, []) if v < w.start_text]
        upto = [v for v in visits.get(rid, []) if v < end]

        out.append(VisitState(rid, tuple(sorted(t for t, _d in tags)), interval,
                              _waiting(before, interval, w.last_day), _waiting(upto, interval, w.last_day)))
    return out


def patrol_windows(conn: sqlite3.Connection, community: str, w: Window) -> tuple[int, int]:
    """(planned, covered) windows of the community's active plans (core.patrol_coverage's
    definition in words: windows of F days from max(period start, plan day), the last one
    taking the rest; covered when a finished round started on one of its days)."""
    last = w.last_day
    planned = covered = 0
    plans = conn.execute(
        "SELECT p.id, p.frequency_days, p.created_at FROM patrol_plan p JOIN grid_cell g ON g.id = p.grid_cell_id "
        "WHERE g.community_code = ? AND g.deleted_at IS NULL AND p.deleted_at IS NULL AND p.active = 1",
        (community,)).fetchall()
    for plan_id, freq, created in plans:
        first = max(w.start, beijing_day(created))
        days = (last - first).days + 1
        if days <= 0:
            continue
        count = max(1, days // freq)
        spans = [[first + timedelta(days=k * freq), first + timedelta(days=(k + 1) * freq - 1)] for k in range(count)]
        spans[-1][1] = last
        rounds = [beijing_day(s) for (s,) in conn.execute(
            "SELECT started_at FROM patrol_round WHERE plan_id = ? AND finished_at IS NOT NULL AND deleted_at IS NULL",
            (plan_id,))]
        planned += len(spans)
        covered += sum(1 for a, b in spans if any(a <= d <= b for d in rounds))
    return planned, covered


def pct(part: int, whole: int) -> str:
    return "—" if not whole else f"{part / whole * 100:.1f}%"
