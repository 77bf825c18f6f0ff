"""The supervisor's indicators written by hand in plain SQL (sqlite3), as a developer would
for the same tables: the baseline of bench_kpis. Same definitions as core.kpis; the bench
checks the results are equal before timing either side.

Like core.kpis it makes one pass per source grouped by (grid cell, worker) and adds rows
up in Python, so the comparison measures our overhead, not a smarter plan."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SH = ZoneInfo("Asia/Shanghai")
Counts = dict[tuple[str, str], dict[str, int]]


def _stored(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), SH).astimezone(UTC)


REQUESTS = """
SELECT r.grid_cell_id, COALESCE(r.assignee_id, g.responsible_staff_id), COUNT(*),
       COUNT(*) FILTER (WHERE r.accepted_at < :c AND r.stage NOT IN ('rejected', 'merged')),
       COUNT(*) FILTER (WHERE r.accepted_at < :c AND r.stage IN ('closed', 'reviewed') AND r.closed_at < :c)
FROM service_request r LEFT JOIN grid_cell g ON g.id = r.grid_cell_id
WHERE r.deleted_at IS NULL AND r.community_code = :com AND r.reported_at >= :s AND r.reported_at < :c
GROUP BY 1, 2
"""
CLOSED = """
SELECT r.grid_cell_id, COALESCE(r.assignee_id, g.responsible_staff_id), COUNT(*),
       COUNT(*) FILTER (WHERE r.closed_on_time IS NOT 0), COUNT(*) FILTER (WHERE r.rework_count > 0)
FROM service_request r LEFT JOIN grid_cell g ON g.id = r.grid_cell_id
WHERE r.deleted_at IS NULL AND r.community_code = :com AND r.stage IN ('closed', 'reviewed')
  AND r.closed_at >= :s AND r.closed_at < :c
GROUP BY 1, 2
"""
REVIEWS = """
SELECT r.grid_cell_id, COALESCE(r.assignee_id, g.responsible_staff_id), COUNT(*), COALESCE(SUM(r.satisfaction), 0),
       COUNT(*) FILTER (WHERE r.satisfaction >= 4)
FROM service_request r LEFT JOIN grid_cell g ON g.id = r.grid_cell_id
WHERE r.deleted_at IS NULL AND r.community_code = :com AND r.satisfaction IS NOT NULL
  AND r.id IN (SELECT e.request_id FROM request_event e WHERE e.action = 'review' AND e.deleted_at IS NULL
               AND e.at >= :s AND e.at < :c)
GROUP BY 1, 2
"""
VISITS = """
WITH tagged AS (
  SELECT r.grid_cell_id AS cell, g.responsible_staff_id AS worker, MIN(vr.interval_days) AS d,
         (SELECT MAX(visited_at) FROM visit v WHERE v.resident_id = r.id AND v.deleted_at IS NULL
            AND v.visited_at < :s) AS prev,
         (SELECT MAX(visited_at) FROM visit v WHERE v.resident_id = r.id AND v.deleted_at IS NULL
            AND v.visited_at < :end) AS last
  FROM resident_tag rt
  JOIN visit_rule vr ON vr.tag_code = rt.tag_code
  JOIN resident r ON r.id = rt.resident_id
  LEFT JOIN grid_cell g ON g.id = r.grid_cell_id
  WHERE rt.deleted_at IS NULL AND rt.created_at < :end AND vr.deleted_at IS NULL AND vr.active = 1
    AND r.status = 'active' AND r.deleted_at IS NULL AND r.community_code = :com
  GROUP BY r.id
)
SELECT cell, worker,
       COUNT(*) FILTER (WHERE prev IS NULL OR date(prev, '+8 hours', '+' || d || ' days') <= :last_day),
       COUNT(*) FILTER (WHERE last IS NULL OR date(last, '+8 hours', '+' || d || ' days') <= :last_day)
FROM tagged GROUP BY 1, 2
"""
PATROLS = """
WITH plans AS (
  SELECT p.id, p.grid_cell_id AS cell, g.responsible_staff_id AS worker, p.frequency_days AS f,
         MAX(:first_day, date(p.created_at, '+8 hours')) AS first
  FROM patrol_plan p JOIN grid_cell g ON g.id = p.grid_cell_id
  WHERE p.deleted_at IS NULL AND p.active = 1 AND g.deleted_at IS NULL AND g.community_code = :com
), sized AS (
  SELECT *, MAX(1, CAST(julianday(:last_day) - julianday(first) + 1 AS INTEGER) / f) AS n
  FROM plans WHERE first <= :last_day
), covered AS (
  SELECT s.id, COUNT(DISTINCT MIN(CAST(julianday(date(pr.started_at, '+8 hours')) - julianday(s.first)
                                       AS INTEGER) / s.f, s.n - 1)) AS windows
  FROM sized s JOIN patrol_round pr ON pr.plan_id = s.id
  WHERE pr.finished_at IS NOT NULL AND pr.deleted_at IS NULL
    AND date(pr.started_at, '+8 hours') BETWEEN s.first AND :last_day
  GROUP BY s.id
)
SELECT s.cell, s.worker, SUM(s.n), SUM(COALESCE(c.windows, 0))
FROM sized s LEFT JOIN covered c ON c.id = s.id GROUP BY 1, 2
"""
WEEKLY = """
SELECT CAST((julianday(date({col}, '+8 hours')) - julianday(:monday)) / 7 AS INTEGER), COUNT(*)
FROM service_request
WHERE deleted_at IS NULL AND community_code = :com AND {col} >= :w0 AND {col} < :c {extra}
GROUP BY 1
"""
CATEGORIES = """
SELECT COALESCE(c.parent_code, c.code), m.name, COUNT(*)
FROM service_request r JOIN category c ON c.code = r.category_code LEFT JOIN category m
  ON m.code = COALESCE(c.parent_code, c.code)
WHERE r.deleted_at IS NULL AND r.community_code = :com AND r.reported_at >= :s AND r.reported_at < :c
GROUP BY 1, 2 ORDER BY 3 DESC, 1
"""
REQUEST_FIELDS = ("received", "accepted", "accepted_closed")
CLOSED_FIELDS = ("closed", "closed_on_time", "reworked")
REVIEW_FIELDS = ("reviewed", "satisfaction_total", "satisfied")  # by the date of the 回访 itself


def hand_written(conn: sqlite3.Connection, community: str, first_day: date, last_day: date, now: datetime,
                 mondays: list[date]) -> dict[str, object]:
    """Everything core.kpis.compute_kpis gives, as plain dicts: totals, per grid, per worker,
    the weekly trend and the categories. first_day/last_day: the period's days."""
    start, end = _midnight(first_day), _midnight(last_day + timedelta(days=1))
    cutoff = max(start, min(end, now))
    counted_to = min(last_day, now.astimezone(SH).date())
    p = {"com": community, "s": _stored(start), "c": _stored(cutoff)}
    counts: Counts = defaultdict(dict)
    for grid, worker, *values in conn.execute(REQUESTS, p):
        counts[grid or "", worker or ""].update(zip(REQUEST_FIELDS, values, strict=True))
    for grid, worker, *values in conn.execute(CLOSED, p):
        counts[grid or "", worker or ""].update(zip(CLOSED_FIELDS, values, strict=True))
    for grid, worker, *values in conn.execute(REVIEWS, p):
        counts[grid or "", worker or ""].update(zip(REVIEW_FIELDS, values, strict=True))
    if counted_to >= first_day:
        visit_p = {"com": community, "s": p["s"], "end": _stored(_midnight(counted_to + timedelta(days=1))),
                   "last_day": counted_to.isoformat()}
        for grid, worker, due, missed in conn.execute(VISITS, visit_p):
            counts[grid or "", worker or ""].update(visits_due=due, visits_missed=missed)
        patrol_p = {"com": community, "first_day": first_day.isoformat(), "last_day": counted_to.isoformat()}
        for grid, worker, planned, covered in conn.execute(PATROLS, patrol_p):
            counts[grid or "", worker or ""].update(patrol_planned=planned, patrol_covered=covered)
    week_p = {"com": community, "monday": mondays[0].isoformat(), "w0": _stored(_midnight(mondays[0])), "c": p["c"]}
    received = dict(conn.execute(WEEKLY.format(col="reported_at", extra=""), week_p).fetchall())
    closed = dict(conn.execute(WEEKLY.format(col="closed_at", extra="AND stage IN ('closed', 'reviewed')"),
                               week_p).fetchall())
    by_grid: Counts = defaultdict(lambda: defaultdict(int))  # type: ignore[arg-type]
    by_worker: Counts = defaultdict(lambda: defaultdict(int))  # type: ignore[arg-type]
    total: dict[str, int] = defaultdict(int)
    for (grid, worker), values in counts.items():
        for key, value in values.items():
            by_grid[grid, ""][key] += value  # type: ignore[index]
            by_worker["", worker][key] += value  # type: ignore[index]
            total[key] += value
    return {
        "total": dict(total),
        "by_grid": {g: dict(v) for (g, _w), v in by_grid.items()},
        "by_worker": {w: dict(v) for (_g, w), v in by_worker.items()},
        "weekly": [(received.get(i, 0), closed.get(i, 0)) for i in range(len(mondays))],
        "categories": [(code, n) for code, _name, n in conn.execute(CATEGORIES, p)],
    }
