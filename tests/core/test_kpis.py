"""The supervisor's indicators on the 3,000-resident demo, each checked against a computation
written here by hand — plain SQL on sqlite3, and Python date arithmetic for the day rules —
never against the code under test. Per grid and per worker, for several periods."""

from __future__ import annotations

import shutil
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from community_app.core.auth import login
from community_app.core.dashboard import Scope, dashboard_counts, scope_for
from community_app.core.kpi_lists import (
    kpi_category_request_rows,
    kpi_patrol_rows,
    kpi_request_ids,
    kpi_request_rows,
    kpi_resident_ids,
    kpi_resident_rows,
    kpi_week_request_rows,
)
from community_app.core.kpi_period import Period, preset
from community_app.core.kpi_requests import NO_WORKER, PASS_FIELDS, REQUEST_LISTS
from community_app.core.kpis import Indicators, KpiReport, compute_kpis, patrol_counts, request_totals, scope_cells
from community_app.core.patrol_coverage import patrol_coverage
from db.demo import DEMO_ACCOUNTS, generate_demo
from db.engine import make_engine

NOW = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)  # Tuesday 10:30 in Qingdao
SH = ZoneInfo("Asia/Shanghai")
COMMUNITY = "370202010004"
PERIODS = {
    "this_month": Period(date(2026, 11, 1), date(2026, 11, 30)),
    "last_month": Period(date(2026, 10, 1), date(2026, 10, 31)),
    "custom": Period(date(2026, 8, 15), date(2026, 10, 10)),
    "this_quarter": Period(date(2026, 10, 1), date(2026, 12, 31)),
}


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kpis") / "demo.sqlite"
    generate_demo(path, residents=3000, now=NOW)
    return path


@pytest.fixture(scope="module")
def raw(demo_path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(demo_path)
    yield conn
    conn.close()


@pytest.fixture
def session(demo_path: Path) -> Iterator[Session]:
    engine = make_engine(demo_path)
    with Session(engine) as s:
        yield s
    engine.dispose()


SCOPE = Scope(COMMUNITY, None)


# ---- the hand-written side --------------------------------------------------------------------------
def stored(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), SH).astimezone(UTC)


def local_day(text: str) -> date:
    return parse(text).astimezone(SH).date()


def bounds(period: Period, now: datetime) -> tuple[str, str, date]:
    """Start, cutoff (as stored text) and the last local day counted."""
    start, end = midnight(period.start), midnight(period.end + timedelta(days=1))
    return stored(start), stored(min(end, max(now, start))), min(period.end, now.astimezone(SH).date())


# the "worker" of a request: its assignee, else the responsible worker of its cell
WORKER = "COALESCE(r.assignee_id, (SELECT g.responsible_staff_id FROM grid_cell g WHERE g.id = r.grid_cell_id), '')"
GRID = "COALESCE(r.grid_cell_id, '')"


def request_counts(conn: sqlite3.Connection, period: Period, now: datetime, key: str) -> dict[str, dict[str, int]]:
    """Per `key` (an SQL expression over r), the request counts of the period."""
    s, c, _ = bounds(period, now)
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for k, received, accepted, accepted_closed in conn.execute(f"""
            SELECT {key}, COUNT(*),
                   SUM(accepted_at IS NOT NULL AND accepted_at < :c AND stage NOT IN ('rejected', 'merged')),
                   SUM(accepted_at IS NOT NULL AND accepted_at < :c AND stage IN ('closed', 'reviewed')
                       AND closed_at < :c)
            FROM service_request r
            WHERE deleted_at IS NULL AND community_code = :com AND reported_at >= :s AND reported_at < :c
            GROUP BY 1""", {"s": s, "c": c, "com": COMMUNITY}):
        out[k].update(received=received, accepted=accepted, accepted_closed=accepted_closed)
    for k, closed, on_time, reworked in conn.execute(f"""
            SELECT {key}, COUNT(*), SUM(closed_on_time IS NULL OR closed_on_time = 1), SUM(rework_count > 0)
            FROM service_request r
            WHERE deleted_at IS NULL AND community_code = :com AND stage IN ('closed', 'reviewed')
              AND closed_at >= :s AND closed_at < :c
            GROUP BY 1""", {"s": s, "c": c, "com": COMMUNITY}):
        out[k].update(closed=closed, closed_on_time=on_time, reworked=reworked)
    # 满意度 by the date of the 回访 itself: the timeline's review events of the period
    for k, reviewed, total, satisfied in conn.execute(f"""
            SELECT {key}, COUNT(*), SUM(r.satisfaction), SUM(r.satisfaction >= 4)
            FROM request_event e JOIN service_request r ON r.id = e.request_id
            WHERE e.action = 'review' AND e.deleted_at IS NULL AND e.at >= :s AND e.at < :c
              AND r.deleted_at IS NULL AND r.community_code = :com
            GROUP BY 1""", {"s": s, "c": c, "com": COMMUNITY}):
        out[k].update(reviewed=reviewed, satisfaction_total=total, satisfied=satisfied)
    return out


def visit_people(conn: sqlite3.Connection, period: Period, now: datetime) -> list[dict[str, Any]]:
    """Each resident under an active visit rule, whether a visit fell due in the period and
    whether they were still waiting for it on the last day — worked out in Python."""
    _, _, last_day = bounds(period, now)
    if last_day < period.start:
        return []
    end = stored(midnight(last_day + timedelta(days=1)))
    people = conn.execute("""
        SELECT r.id, COALESCE(r.grid_cell_id, ''), COALESCE(g.responsible_staff_id, ''), MIN(vr.interval_days)
        FROM resident r
        JOIN resident_tag rt ON rt.resident_id = r.id AND rt.deleted_at IS NULL AND rt.created_at < ?
        JOIN visit_rule vr ON vr.tag_code = rt.tag_code AND vr.deleted_at IS NULL AND vr.active = 1
        LEFT JOIN grid_cell g ON g.id = r.grid_cell_id
        WHERE r.status = 'active' AND r.deleted_at IS NULL AND r.community_code = ?
        GROUP BY r.id""", (end, COMMUNITY)).fetchall()
    visits: dict[str, list[date]] = defaultdict(list)
    for rid, at in conn.execute("SELECT resident_id, visited_at FROM visit WHERE deleted_at IS NULL"):
        visits[rid].append(local_day(at))
    out = []
    for rid, grid, worker, days in people:
        before = [d for d in visits[rid] if d < period.start]
        upto = [d for d in visits[rid] if d <= last_day]
        due = not before or max(before) + timedelta(days=days) <= last_day
        missed = not upto or max(upto) + timedelta(days=days) <= last_day
        out.append({"id": rid, "grid": grid, "worker": worker, "due": due, "missed": missed})
    return out


def patrol_windows(conn: sqlite3.Connection, period: Period, now: datetime) -> list[dict[str, Any]]:
    """Per active plan: windows of its frequency from the later of the period's start and the
    plan's day, to the last day counted (the last window taking the days left over), and
    which of them saw a finished round start."""
    _, _, last_day = bounds(period, now)
    out = []
    for plan_id, grid, worker, freq, created in conn.execute("""
            SELECT p.id, p.grid_cell_id, COALESCE(g.responsible_staff_id, ''), p.frequency_days, p.created_at
            FROM patrol_plan p JOIN grid_cell g ON g.id = p.grid_cell_id
            WHERE p.deleted_at IS NULL AND p.active = 1 AND g.deleted_at IS NULL AND g.community_code = ?""",
                                                     (COMMUNITY,)):
        first = max(period.start, local_day(created))
        n_days = (last_day - first).days + 1
        if n_days <= 0:
            continue
        count = max(1, n_days // freq)
        starts = [first + timedelta(days=k * freq) for k in range(count)]
        ends = [s + timedelta(days=freq - 1) for s in starts[:-1]] + [last_day]
        days = [local_day(t) for (t,) in conn.execute(
            "SELECT started_at FROM patrol_round WHERE plan_id = ? AND finished_at IS NOT NULL AND deleted_at IS NULL",
            (plan_id,))]
        covered = sum(1 for a, b in zip(starts, ends, strict=True) if any(a <= d <= b for d in days))
        out.append({"grid": grid, "worker": worker, "planned": count, "covered": covered})
    return out


def expected(conn: sqlite3.Connection, period: Period, now: datetime, by: str) -> dict[str, Indicators]:
    """by: "total", "grid" or "worker"."""
    key = {"total": "'all'", "grid": GRID, "worker": WORKER}[by]
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for k, values in request_counts(conn, period, now, key).items():
        counts[k].update(values)
    for p in visit_people(conn, period, now):
        k = "all" if by == "total" else p[by]
        counts[k]["visits_due"] += p["due"]
        counts[k]["visits_missed"] += p["missed"]
    for w in patrol_windows(conn, period, now):
        k = "all" if by == "total" else w[by]
        counts[k]["patrol_planned"] += w["planned"]
        counts[k]["patrol_covered"] += w["covered"]
    return {k: Indicators(**v) for k, v in counts.items()}


def nonzero(rows: tuple[Any, ...]) -> dict[str, Indicators]:
    return {r.key: r.indicators for r in rows if r.indicators != Indicators()}


# ---- the tests ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def reports(demo_path: Path) -> dict[str, KpiReport]:
    engine = make_engine(demo_path)
    with Session(engine) as s:
        found = {name: compute_kpis(s, SCOPE, period, now=NOW) for name, period in PERIODS.items()}
    engine.dispose()
    return found


@pytest.mark.parametrize("name", list(PERIODS))
def test_each_indicator_equals_hand_written_sql(raw: sqlite3.Connection, reports: dict[str, KpiReport],
                                                name: str) -> None:
    want = expected(raw, PERIODS[name], NOW, "total")["all"]
    got = reports[name].total
    assert got == want
    assert want.received > 20 and want.closed > 10 and want.visits_due > 50 and want.patrol_planned > 5  # real data
    assert 0 < want.accepted < want.received and want.closed_on_time < want.closed
    # the rates are the ratios of those counts
    assert got.closure_rate == pytest.approx(want.accepted_closed / want.accepted)
    assert got.on_time_rate == pytest.approx(want.closed_on_time / want.closed)
    assert got.rework_rate == pytest.approx(want.reworked / want.closed)
    assert got.satisfaction == pytest.approx(want.satisfaction_total / want.reviewed)
    assert got.satisfied_rate == pytest.approx(want.satisfied / want.reviewed)
    assert got.visit_rate == pytest.approx((want.visits_due - want.visits_missed) / want.visits_due)
    assert got.patrol_coverage == pytest.approx(want.patrol_covered / want.patrol_planned)


@pytest.mark.parametrize("name", ["this_month", "custom"])
def test_per_grid_and_per_worker_equal_hand_written_sql(raw: sqlite3.Connection, reports: dict[str, KpiReport],
                                                        name: str) -> None:
    report = reports[name]
    by_grid = expected(raw, PERIODS[name], NOW, "grid")
    assert nonzero(report.by_grid) == by_grid
    assert len(by_grid) >= 5
    by_worker = expected(raw, PERIODS[name], NOW, "worker")
    assert nonzero(report.by_worker) == by_worker
    assert len(by_worker) >= 2
    cells = {r[0] for r in raw.execute("SELECT id FROM grid_cell WHERE community_code = ? AND deleted_at IS NULL",
                                       (COMMUNITY,))}
    assert {r.key for r in report.by_grid} == cells  # every cell listed, even one with nothing to count
    names = dict(raw.execute("SELECT id, display_name FROM staff_user"))
    assert all(r.name == names[r.key] for r in report.by_worker if r.key != NO_WORKER)
    responsible = dict(raw.execute("SELECT id, responsible_staff_id FROM grid_cell"))
    assert all(r.related == ((names[responsible[r.key]],) if responsible[r.key] else ()) for r in report.by_grid)
    for worker in report.by_worker:
        assert worker.related == tuple(n for (n,) in raw.execute(
            "SELECT name FROM grid_cell WHERE responsible_staff_id = ? AND deleted_at IS NULL ORDER BY code",
            (worker.key,)))


def test_the_rows_add_up_to_the_total(reports: dict[str, KpiReport]) -> None:
    for report in reports.values():
        assert sum((r.indicators for r in report.by_grid), Indicators()) == report.total
        assert sum((r.indicators for r in report.by_worker), Indicators()) == report.total


REVIEWED_IN_PERIOD = ("EXISTS (SELECT 1 FROM request_event e WHERE e.request_id = r.id AND e.action = 'review' "
                      "AND e.deleted_at IS NULL AND e.at >= :s AND e.at < :c)")
REQUEST_SQL = {  # the requests behind each list, by hand
    "received": "reported_at >= :s AND reported_at < :c",
    "accepted": "reported_at >= :s AND reported_at < :c AND accepted_at < :c AND stage NOT IN ('rejected','merged')",
    "accepted_closed": "reported_at >= :s AND reported_at < :c AND accepted_at < :c "
                       "AND stage IN ('closed','reviewed') AND closed_at < :c",
    "accepted_open": "reported_at >= :s AND reported_at < :c AND accepted_at < :c "
                     "AND stage NOT IN ('rejected','merged') "
                     "AND NOT (stage IN ('closed','reviewed') AND closed_at < :c)",
    "closed": "stage IN ('closed','reviewed') AND closed_at >= :s AND closed_at < :c",
    "closed_on_time": "stage IN ('closed','reviewed') AND closed_at >= :s AND closed_at < :c "
                      "AND closed_on_time IS NOT 0",
    "closed_late": "stage IN ('closed','reviewed') AND closed_at >= :s AND closed_at < :c AND closed_on_time = 0",
    "reworked": "stage IN ('closed','reviewed') AND closed_at >= :s AND closed_at < :c AND rework_count > 0",
    "reviewed": f"{REVIEWED_IN_PERIOD} AND satisfaction > 0",
    "satisfied": f"{REVIEWED_IN_PERIOD} AND satisfaction >= 4",
    "unsatisfied": f"{REVIEWED_IN_PERIOD} AND satisfaction <= 3",
}


def hand_ids(conn: sqlite3.Connection, period: Period, which: str, extra: str = "", **params: str) -> list[str]:
    s, c, _ = bounds(period, NOW)
    return [r[0] for r in conn.execute(
        f"SELECT id FROM service_request r WHERE deleted_at IS NULL AND community_code = :com AND "
        f"{REQUEST_SQL[which]}{extra} ORDER BY reported_at, id", {"s": s, "c": c, "com": COMMUNITY, **params})]


@pytest.mark.parametrize("name", ["this_month", "last_month"])
def test_the_list_behind_every_request_number(session: Session, raw: sqlite3.Connection,
                                              reports: dict[str, KpiReport], name: str) -> None:
    assert set(REQUEST_SQL) == set(REQUEST_LISTS)
    period, report = PERIODS[name], reports[name]
    for which in REQUEST_LISTS:
        ids = kpi_request_ids(session, SCOPE, period, which, now=NOW)
        assert ids == hand_ids(raw, period, which), which
    t = report.total
    sizes = {which: len(kpi_request_ids(session, SCOPE, period, which, now=NOW)) for which in REQUEST_LISTS}
    assert sizes["received"] == t.received and sizes["accepted"] == t.accepted and sizes["closed"] == t.closed
    assert sizes["accepted_closed"] == t.accepted_closed and sizes["reworked"] == t.reworked
    assert sizes["accepted_open"] == t.accepted - t.accepted_closed
    assert sizes["closed_late"] == t.closed - t.closed_on_time and sizes["unsatisfied"] == t.reviewed - t.satisfied
    assert sizes["accepted_open"] > 0 and sizes["closed_late"] > 0


def test_the_lists_of_one_grid_and_one_worker(session: Session, raw: sqlite3.Connection,
                                              reports: dict[str, KpiReport]) -> None:
    period, report = PERIODS["this_month"], reports["this_month"]
    grid = max(report.by_grid, key=lambda r: r.indicators.received)
    ids = kpi_request_ids(session, SCOPE, period, "received", grid_cell_id=grid.key, now=NOW)
    assert ids == hand_ids(raw, period, "received", " AND grid_cell_id = :g", g=grid.key)
    assert len(ids) == grid.indicators.received > 0
    for worker in report.by_worker:
        ids = kpi_request_ids(session, SCOPE, period, "closed", worker_id=worker.key, now=NOW)
        assert ids == hand_ids(raw, period, "closed", f" AND {WORKER} = :w", w=worker.key)
        assert len(ids) == worker.indicators.closed
    rows = kpi_request_rows(session, SCOPE, period, "closed_late", grid_cell_id=grid.key, now=NOW)
    assert [r.id for r in rows] == hand_ids(raw, period, "closed_late", " AND grid_cell_id = :g", g=grid.key)
    assert all(r.grid_name == grid.name and r.closed_on_time is False for r in rows)
    tickets = dict(raw.execute("SELECT id, ticket_no FROM service_request"))
    assert all(r.ticket_no == tickets[r.id] for r in rows)


@pytest.mark.parametrize("name", ["this_month", "custom"])
def test_the_residents_behind_the_visit_rate(session: Session, raw: sqlite3.Connection,
                                             reports: dict[str, KpiReport], name: str) -> None:
    period = PERIODS[name]
    people = visit_people(raw, period, NOW)
    for which, pick in (("visit_due", lambda p: p["due"]), ("visit_missed", lambda p: p["missed"]),
                        ("visit_done", lambda p: p["due"] and not p["missed"])):
        assert set(kpi_resident_ids(session, SCOPE, period, which, now=NOW)) == {p["id"] for p in people if pick(p)}
    worker = reports[name].by_worker[0]
    rows = kpi_resident_rows(session, SCOPE, period, "visit_missed", worker_id=worker.key, now=NOW)
    assert {r.id for r in rows} == {p["id"] for p in people if p["missed"] and p["worker"] == worker.key}
    assert len(rows) == worker.indicators.visits_missed > 0
    assert not any(r.done for r in rows)


@pytest.mark.parametrize("days_later", [1, 2, 4, 6])
def test_visit_rate_as_the_days_pass(session: Session, raw: sqlite3.Connection, days_later: int) -> None:
    """Weekly visits cross their due day as `now` moves: the day boundaries are exercised."""
    now = NOW + timedelta(days=days_later)
    period = Period(date(2026, 11, 1), date(2026, 11, 30))
    people = visit_people(raw, period, now)
    got = compute_kpis(session, SCOPE, period, now=now).total
    assert (got.visits_due, got.visits_missed) == (sum(p["due"] for p in people), sum(p["missed"] for p in people))
    assert got.visits_missed == dashboard_counts(session, now=now).visits_due


def test_this_months_missed_visits_are_the_dashboards_visits_due(session: Session,
                                                                 reports: dict[str, KpiReport]) -> None:
    counts = dashboard_counts(session, now=NOW)
    assert reports["this_month"].total.visits_missed == counts.visits_due > 0


def test_patrol_rows_behind_the_coverage(session: Session, reports: dict[str, KpiReport]) -> None:
    rows = kpi_patrol_rows(session, SCOPE, PERIODS["custom"], now=NOW)
    t = reports["custom"].total
    assert sum(r.planned for r in rows) == t.patrol_planned and sum(r.covered for r in rows) == t.patrol_covered
    assert [r.coverage for r in rows] == sorted(r.coverage or 0 for r in rows)  # least covered first


def test_patrol_counts_follow_patrol_coverage(demo_path: Path, tmp_path: Path) -> None:
    """kpis.patrol_counts counts all plans at once; core.patrol_coverage (per community) is the
    definition. Equal for several periods — also for a plan made in the middle of a period,
    whose earlier rounds must not count (copy of the demo: one plan's made-on day moved)."""
    copy = tmp_path / "demo.sqlite"
    shutil.copy2(demo_path, copy)
    with sqlite3.connect(copy) as conn:
        plan_id, started = conn.execute(
            "SELECT p.id, max(r.started_at) FROM patrol_plan p JOIN patrol_round r ON r.plan_id = p.id"
            " WHERE r.finished_at IS NOT NULL AND p.deleted_at IS NULL AND p.active = 1 AND r.started_at >= ?"
            " GROUP BY p.id HAVING count(*) > 1 LIMIT 1", (stored(datetime(2026, 11, 1, tzinfo=UTC)),)).fetchone()
        conn.execute("UPDATE patrol_plan SET created_at = ? WHERE id = ?", (started, plan_id))
    engine = make_engine(copy)
    try:
        with Session(engine) as s:
            cells = scope_cells(s, SCOPE)
            for period in [*PERIODS.values(), Period(date(2026, 11, 10), date(2026, 11, 23))]:
                want: dict[str, tuple[int, int]] = {
                    r.grid_cell_id: (r.planned, r.covered)
                    for r in patrol_coverage(s, COMMUNITY, period.start, period.end, now=NOW).rows if r.planned}
                got = patrol_counts(s, period, cells, now=NOW)
                assert {cell: (c["patrol_planned"], c["patrol_covered"]) for (cell, _w), c in got.items()} == want
                assert want, "plans in every period"
    finally:
        engine.dispose()


def test_weekly_trend_and_categories_equal_sql(raw: sqlite3.Connection, reports: dict[str, KpiReport]) -> None:
    report = reports["this_month"]
    first = report.weekly[0].monday
    assert first.weekday() == 0 and len(report.weekly) == 12 and report.weekly[-1].monday == date(2026, 11, 23)
    received: dict[int, int] = defaultdict(int)
    closed: dict[int, int] = defaultdict(int)
    for at, closed_at, stage in raw.execute(
            "SELECT reported_at, closed_at, stage FROM service_request WHERE deleted_at IS NULL AND community_code = ?",
            (COMMUNITY,)):
        if parse(at) < NOW and local_day(at) >= first:
            received[(local_day(at) - first).days // 7] += 1
        if closed_at and stage in ("closed", "reviewed") and parse(closed_at) < NOW and local_day(closed_at) >= first:
            closed[(local_day(closed_at) - first).days // 7] += 1
    assert [(w.received, w.closed) for w in report.weekly] == [(received[i], closed[i]) for i in range(12)]
    s, c, _ = bounds(PERIODS["this_month"], NOW)
    want = raw.execute("""
        SELECT COALESCE(m.parent_code, m.code) AS major, COUNT(*) FROM service_request r
        JOIN category m ON m.code = r.category_code
        WHERE r.deleted_at IS NULL AND r.community_code = ? AND r.reported_at >= ? AND r.reported_at < ?
        GROUP BY major ORDER BY COUNT(*) DESC, major""", (COMMUNITY, s, c)).fetchall()
    assert [(x.code, x.received) for x in report.categories] == want
    names = dict(raw.execute("SELECT code, name FROM category"))
    assert all(x.name == names[x.code] for x in report.categories)


# ---- the lists behind the charts: a point of the weekly trend, a slice of the categories ----------------
@pytest.mark.parametrize("name", ["this_month", "last_month"])
def test_the_requests_behind_each_point_of_the_trend(session: Session, raw: sqlite3.Connection,
                                                     reports: dict[str, KpiReport], name: str) -> None:
    period, report = PERIODS[name], reports[name]
    _, cutoff, _ = bounds(period, NOW)
    closed_stages = "stage IN ('closed', 'reviewed') AND "
    for week in report.weekly:
        start, end = stored(midnight(week.monday)), min(stored(midnight(week.monday + timedelta(days=7))), cutoff)
        for which, column, extra, number in (("received", "reported_at", "", week.received),
                                             ("closed", "closed_at", closed_stages, week.closed)):
            want = [r[0] for r in raw.execute(
                f"SELECT id FROM service_request WHERE deleted_at IS NULL AND community_code = ? AND {extra}"
                f"{column} >= ? AND {column} < ? ORDER BY reported_at, id", (COMMUNITY, start, end))]
            got = [r.id for r in kpi_week_request_rows(session, SCOPE, period, week.monday, which, now=NOW)]
            assert got == want, (week.monday, which)
            assert len(got) == number, (week.monday, which)  # the list is the point's number
    assert sum(w.received for w in report.weekly) > 50 and sum(w.closed for w in report.weekly) > 50  # real data
    with pytest.raises(ValueError):
        kpi_week_request_rows(session, SCOPE, period, report.weekly[0].monday, "accepted", now=NOW)


@pytest.mark.parametrize("name", ["this_month", "custom"])
def test_the_requests_behind_each_category_slice(session: Session, raw: sqlite3.Connection,
                                                 reports: dict[str, KpiReport], name: str) -> None:
    period, report = PERIODS[name], reports[name]
    s, c, _ = bounds(period, NOW)

    def hand(codes: list[str]) -> list[str]:
        marks = ", ".join("?" for _ in codes)
        return [r[0] for r in raw.execute(f"""
            SELECT r.id FROM service_request r JOIN category m ON m.code = r.category_code
            WHERE r.deleted_at IS NULL AND r.community_code = ? AND r.reported_at >= ? AND r.reported_at < ?
              AND COALESCE(m.parent_code, m.code) IN ({marks}) ORDER BY r.reported_at, r.id""",
            (COMMUNITY, s, c, *codes))]

    assert len(report.categories) >= 3
    for share in report.categories:
        got = [r.id for r in kpi_category_request_rows(session, SCOPE, period, [share.code], now=NOW)]
        assert got == hand([share.code]) and len(got) == share.received > 0, share.code
    rest = [x.code for x in report.categories[2:]]  # an "other" slice of several 大类
    got = [r.id for r in kpi_category_request_rows(session, SCOPE, period, rest, now=NOW)]
    assert got == hand(rest) and len(got) == sum(x.received for x in report.categories[2:])
    rows = kpi_category_request_rows(session, SCOPE, period, [report.categories[0].code], now=NOW)
    minor_of = dict(raw.execute("SELECT name, COALESCE(parent_code, code) FROM category"))
    assert {minor_of[r.category] for r in rows} == {report.categories[0].code}  # the 小类 shown are of that 大类


# ---- the period filter ---------------------------------------------------------------------------------
def test_preset_periods() -> None:
    today = date(2026, 11, 24)
    assert preset("this_month", today) == Period(date(2026, 11, 1), date(2026, 11, 30), "this_month")
    assert preset("last_month", date(2026, 1, 5)) == Period(date(2025, 12, 1), date(2025, 12, 31), "last_month")
    assert preset("this_quarter", today) == Period(date(2026, 10, 1), date(2026, 12, 31), "this_quarter")
    assert preset("last_quarter", date(2026, 2, 1)) == Period(date(2025, 10, 1), date(2025, 12, 31), "last_quarter")
    assert preset("this_year", today) == Period(date(2026, 1, 1), date(2026, 12, 31), "this_year")
    assert preset("last_month", date(2024, 3, 31)).end == date(2024, 2, 29)  # leap year
    with pytest.raises(ValueError):
        Period(date(2026, 11, 2), date(2026, 11, 1))


def test_period_bounds_are_beijing_days() -> None:
    p = Period(date(2026, 11, 1), date(2026, 11, 30))
    assert p.utc_start == datetime(2026, 10, 31, 16, 0, tzinfo=UTC)
    assert p.utc_end == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
    assert p.cutoff(NOW) == NOW and p.cutoff(NOW + timedelta(days=30)) == p.utc_end
    assert p.contains(datetime(2026, 10, 31, 16, 0, tzinfo=UTC))  # 00:00 on 1 Nov in Qingdao
    assert not p.contains(datetime(2026, 10, 31, 15, 59, 59, tzinfo=UTC))


def test_a_past_period_does_not_change_later(session: Session, reports: dict[str, KpiReport]) -> None:
    later = compute_kpis(session, SCOPE, PERIODS["last_month"], now=NOW + timedelta(days=20))
    before = reports["last_month"].total
    # requests and patrols of October are settled; visits are judged on its last day either way
    assert later.total == before
    assert later.last_day == date(2026, 10, 31)


def test_periods_select_different_requests(session: Session, raw: sqlite3.Connection,
                                           reports: dict[str, KpiReport]) -> None:
    october = set(kpi_request_ids(session, SCOPE, PERIODS["last_month"], "received", now=NOW))
    november = set(kpi_request_ids(session, SCOPE, PERIODS["this_month"], "received", now=NOW))
    quarter = set(kpi_request_ids(session, SCOPE, PERIODS["this_quarter"], "received", now=NOW))
    assert october and november and not october & november and october | november == quarter
    assert reports["this_quarter"].total.received == len(quarter)
    future = compute_kpis(session, SCOPE, Period(date(2027, 1, 1), date(2027, 1, 31)), now=NOW)
    assert future.total == Indicators()


@pytest.mark.parametrize("name", list(PERIODS))
def test_request_totals_equal_the_hand_written_totals(session: Session, raw: sqlite3.Connection, name: str) -> None:
    """request_totals counts without grouping (a report's previous period): the same request
    numbers as the per-grid rows add up to, for a community and for one grid worker's cells."""
    period = PERIODS[name]
    request_fields = [f for fields in PASS_FIELDS for f in fields]
    whole = expected(raw, period, NOW, "grid")
    username, password = next((n, pw) for n, pw, _ in DEMO_ACCOUNTS if n == "wangli")
    worker_scope = scope_for(session, login(session, username, password))
    assert worker_scope.grid_cell_ids
    for scope, cells in ((SCOPE, list(whole)), (worker_scope, worker_scope.grid_cell_ids)):
        want = sum((whole.get(c, Indicators()) for c in cells), Indicators())
        got = request_totals(session, scope, period, now=NOW)
        assert [getattr(got, f) for f in request_fields] == [getattr(want, f) for f in request_fields]
        assert got.received and got.closed and got.reviewed, "demo data for every pass"
    assert request_totals(session, SCOPE, Period(date(2027, 1, 1), date(2027, 1, 31)), now=NOW) == Indicators()


def test_a_grid_workers_scope_covers_their_cells_only(session: Session, raw: sqlite3.Connection) -> None:
    username, password = next((n, pw) for n, pw, _ in DEMO_ACCOUNTS if n == "wangli")
    user = login(session, username, password)
    scope = scope_for(session, user)
    assert scope.grid_cell_ids
    report = compute_kpis(session, scope, PERIODS["this_month"], now=NOW)
    assert {r.key for r in report.by_grid} == set(scope.grid_cell_ids)
    whole = expected(raw, PERIODS["this_month"], NOW, "grid")
    assert report.total == sum((whole.get(c, Indicators()) for c in scope.grid_cell_ids), Indicators())


def test_trend_weeks_cover_the_period_and_at_least_twelve_weeks() -> None:
    quarter = Period(date(2026, 10, 1), date(2026, 12, 31))
    weeks = quarter.trend_weeks(NOW)
    assert (weeks[0], weeks[-1], len(weeks)) == (date(2026, 9, 7), date(2026, 11, 23), 12)
    year = Period(date(2026, 1, 1), date(2026, 12, 31))
    weeks = year.trend_weeks(NOW)
    assert weeks[0] == date(2025, 12, 29) and weeks[-1] == date(2026, 11, 23)  # the Monday before 1 January
    assert all((b - a).days == 7 for a, b in pairwise(weeks))
    past = Period(date(2026, 6, 1), date(2026, 6, 30))
    assert past.trend_weeks(NOW)[-1] == date(2026, 6, 29)  # a past period's trend ends with it


def month_of(moment: datetime) -> Period:
    day = moment.astimezone(SH).date()
    return preset("this_month", day)


def test_satisfaction_counts_a_review_in_the_month_of_the_call(session: Session, raw: sqlite3.Connection) -> None:
    """A case closed at the end of one month and called back (回访) in the next scores in the
    month of the call, whatever its closure month."""
    crossing = [(rid, parse(closed), parse(at)) for rid, closed, at in raw.execute("""
        SELECT r.id, r.closed_at, e.at FROM service_request r JOIN request_event e ON e.request_id = r.id
        WHERE e.action = 'review' AND r.community_code = ?""", (COMMUNITY,))
        if month_of(parse(closed)) != month_of(parse(at))]
    assert len(crossing) >= 3, "the demo should have cases closed late in a month and reviewed in the next"
    for rid, closed, at in crossing:
        closed_in, called_in = month_of(closed), month_of(at)
        assert rid in kpi_request_ids(session, SCOPE, called_in, "reviewed", now=NOW)
        assert rid not in kpi_request_ids(session, SCOPE, closed_in, "reviewed", now=NOW)
        assert rid in kpi_request_ids(session, SCOPE, closed_in, "closed", now=NOW)
        report = compute_kpis(session, SCOPE, called_in, now=NOW)
        assert report.total.reviewed == len(kpi_request_ids(session, SCOPE, called_in, "reviewed", now=NOW))


# ---- the lists behind the 工作台's numbers of the day (core.kpi_today) -----------------------------
OPEN_SQL = ("deleted_at IS NULL AND stage IN ('reported','accepted','dispatched','in_progress',"
            "'pending_verification') AND community_code = :com")
TODAY_SQL = {
    "open_total": OPEN_SQL,
    "overdue": f"{OPEN_SQL} AND paused_since IS NULL AND due_at IS NOT NULL AND due_at < :now",
    "due_soon": f"{OPEN_SQL} AND paused_since IS NULL AND due_at >= :now AND due_at < :soon",
    **{f"stage:{s}": f"{OPEN_SQL} AND stage = '{s}'"
       for s in ("reported", "accepted", "dispatched", "in_progress", "pending_verification")},
}


@pytest.mark.parametrize("later", [timedelta(0), timedelta(days=2, hours=5)])
def test_the_lists_behind_the_numbers_of_the_day(session: Session, raw: sqlite3.Connection,
                                                 later: timedelta) -> None:
    """Every number of the 工作台 opens a list of exactly that many rows, the rows an
    independent SQL (or Python) computation picks."""
    from community_app.core.kpi_today import (
        REQUEST_LISTS as TODAY_LISTS,
    )
    from community_app.core.kpi_today import (
        today_household_rows,
        today_patrol_rows,
        today_request_rows,
        today_resident_rows,
        today_visit_rows,
    )
    from community_app.core.work_calendar import add_working_hours

    now = NOW + later
    counts = dashboard_counts(session, now=now)
    assert set(TODAY_SQL) == set(TODAY_LISTS)
    params = {"com": COMMUNITY, "now": stored(now), "soon": stored(add_working_hours(now, 4))}
    for which in TODAY_LISTS:
        rows = today_request_rows(session, SCOPE, which, now)
        hand = {r[0] for r in raw.execute(f"SELECT id FROM service_request WHERE {TODAY_SQL[which]}", params)}
        assert {r.id for r in rows} == hand, which
        shown = (counts.open_total if which == "open_total" else getattr(counts, which, None)
                 if not which.startswith("stage:") else counts.open_by_stage[which.removeprefix("stage:")])
        assert len(rows) == shown, which
        dues = [r.due_at for r in rows if r.due_at is not None]
        assert dues == sorted(dues)  # the most urgent first
    assert counts.overdue > 0 and counts.open_total > counts.overdue
    # 待走访: due when the last visit's day + the shortest interval is today or earlier
    today = now.astimezone(SH).date()
    last: dict[str, date] = {}
    for rid, at in raw.execute("SELECT resident_id, MAX(visited_at) FROM visit WHERE deleted_at IS NULL "
                               "GROUP BY resident_id"):
        last[rid] = local_day(at)
    due = {rid for rid, days in raw.execute("""
        SELECT r.id, MIN(vr.interval_days) FROM resident r JOIN resident_tag rt ON rt.resident_id = r.id
        JOIN visit_rule vr ON vr.tag_code = rt.tag_code AND vr.active = 1 AND vr.deleted_at IS NULL
        WHERE rt.deleted_at IS NULL AND r.status = 'active' AND r.deleted_at IS NULL AND r.community_code = ?
        GROUP BY r.id""", (COMMUNITY,)) if rid not in last or last[rid] + timedelta(days=days) <= today}
    visits = today_visit_rows(session, SCOPE, now)
    assert {r.id for r in visits} == due and len(visits) == counts.visits_due > 0
    patrols = today_patrol_rows(session, SCOPE, now)
    assert len(patrols) == counts.patrols_due
    assert all(p.due_on is None or p.due_on <= today for p in patrols)
    residents = today_resident_rows(session, SCOPE)
    assert {r.id for r in residents} == {r[0] for r in raw.execute(
        "SELECT id FROM resident WHERE status = 'active' AND deleted_at IS NULL AND community_code = ?",
        (COMMUNITY,))}
    assert len(residents) == counts.residents and all(r.address for r in residents)
    households = today_household_rows(session, SCOPE)
    assert len(households) == counts.households
    assert sum(h.members for h in households) == sum(1 for r in raw.execute(
        "SELECT 1 FROM resident WHERE status = 'active' AND deleted_at IS NULL AND community_code = ? "
        "AND household_id IS NOT NULL", (COMMUNITY,)))


def test_a_grid_workers_lists_of_the_day_are_their_numbers(session: Session) -> None:
    from community_app.core.kpi_today import REQUEST_LISTS as TODAY_LISTS
    from community_app.core.kpi_today import today_patrol_rows, today_request_rows, today_visit_rows

    user = login(session, *next((n, pw) for n, pw, _ in DEMO_ACCOUNTS if n == "wangli"))
    scope = scope_for(session, user)
    counts = dashboard_counts(session, now=NOW, user=user)
    assert len(today_request_rows(session, scope, "open_total", NOW)) == counts.open_total
    assert len(today_request_rows(session, scope, "overdue", NOW)) == counts.overdue
    assert len(today_visit_rows(session, scope, NOW)) == counts.visits_due
    assert len(today_patrol_rows(session, scope, NOW)) == counts.patrols_due
    cells = set(scope.grid_cell_ids or ())
    for which in TODAY_LISTS:
        assert all(r.grid_name for r in today_request_rows(session, scope, which, NOW))
    names = {r.grid_name for r in today_visit_rows(session, scope, NOW)}
    assert names and len(names) <= len(cells)
