"""The monthly report's figures fetched in overlapping steps (monthly_data.FiguresFetch) are
exactly the dashboard's: compute_kpis for the month, compute_totals for the month before, and
the overdue lists the report prints — whether the steps run on threads (a file database) or
one after the other (an in-memory one), and whether the overdue tables are built early."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from community_app.core.dashboard import Scope
from community_app.core.kpi_lists import kpi_request_rows
from community_app.core.kpi_period import Period, local_date, preset
from community_app.core.kpi_requests import CLOSED_LATE
from community_app.core.kpi_visits import visits_by_grid_and_worker, visits_by_grid_and_worker_spans
from community_app.core.kpis import compute_kpis, compute_totals
from community_app.reports.monthly import build_monthly_report, render_monthly_report
from community_app.reports.monthly_data import FiguresFetch, MonthlyFigures, monthly_figures, previous_period
from tests.reports.pdf_text import pdf_text


def _community(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT community_code FROM staff_user WHERE username = 'chenjing'").fetchone()[0]


def _check_equal_to_dashboard(fig: MonthlyFigures, session: Session, scope: Scope, now: datetime) -> None:
    assert fig.current == compute_kpis(session, scope, fig.period, now=now)
    assert fig.previous == compute_totals(session, scope, fig.previous_period, now=now)
    assert fig.previous.visits_due and fig.previous.patrol_planned and fig.previous.received, "demo data for all"


@pytest.mark.parametrize("whole_street", [False, True])
def test_fetched_figures_are_the_dashboards(report_session: Session, report_demo: Path, report_now: datetime,
                                            whole_street: bool) -> None:
    scope = Scope(None, None) if whole_street else Scope(_community(report_demo), None)
    period = preset("last_month", local_date(report_now))
    fetch = FiguresFetch(report_session, scope, period, now=report_now)
    early_open, early_late = fetch.overdue_lists()  # before the rest, as build_monthly_report asks
    fig = fetch.result()
    assert (fig.overdue_open, fig.closed_late) == (early_open, early_late)
    assert fig.overdue_open or fig.closed_late, "demo data for the lists"
    _check_equal_to_dashboard(fig, report_session, scope, report_now)
    dashboards_list = kpi_request_rows(report_session, scope, period, CLOSED_LATE, now=report_now)
    assert sorted(r.ticket_no for r in fig.closed_late) == sorted(r.ticket_no for r in dashboards_list)
    assert fig == monthly_figures(report_session, scope, period, now=report_now)


def test_a_month_still_running_against_one_not_begun(report_session: Session, report_demo: Path,
                                                     report_now: datetime) -> None:
    """This month (counted to now) with last month beside it; and a month wholly to come,
    whose visits and patrols count nothing while the month before does."""
    scope = Scope(_community(report_demo), None)
    this = preset("this_month", local_date(report_now))
    _check_equal_to_dashboard(monthly_figures(report_session, scope, this, now=report_now), report_session, scope,
                              report_now)
    after = this.end.replace(day=28)
    coming = Period(date(after.year + after.month // 12, after.month % 12 + 1, 1),
                    date(after.year + after.month // 12, after.month % 12 + 1, 28))
    fig = monthly_figures(report_session, scope, coming, now=report_now)
    assert fig.current.total.visits_due == 0 and fig.current.total.patrol_planned == 0
    assert fig.previous == compute_totals(report_session, scope, previous_period(coming), now=report_now)


@pytest.fixture
def memory_engine(report_demo: Path) -> Iterator[Engine]:
    """The demo copied into an in-memory database: one private connection, no second thread."""
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    with sqlite3.connect(report_demo) as source:
        source.backup(memory)
    engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)
    yield engine
    engine.dispose()
    memory.close()


def test_in_memory_database_is_read_on_the_one_session(memory_engine: Engine, report_session: Session,
                                                       report_demo: Path, report_now: datetime) -> None:
    scope = Scope(_community(report_demo), None)
    period = preset("last_month", local_date(report_now))
    with Session(memory_engine) as session:
        in_memory = monthly_figures(session, scope, period, now=report_now)
    assert in_memory == monthly_figures(report_session, scope, period, now=report_now)


def test_overdue_tables_built_early_print_the_same_report(report_session: Session, report_demo: Path,
                                                          report_now: datetime, tmp_path: Path) -> None:
    scope = Scope(_community(report_demo), None)
    period = preset("last_month", local_date(report_now))
    built = build_monthly_report(report_session, scope, period, generated_by="陈静", now=report_now)
    plain = render_monthly_report(monthly_figures(report_session, scope, period, now=report_now),
                                  generated_by="陈静")
    (tmp_path / "built.pdf").write_bytes(built.pdf)
    (tmp_path / "plain.pdf").write_bytes(plain.pdf)
    assert built.pages == plain.pages
    assert pdf_text(tmp_path / "built.pdf") == pdf_text(tmp_path / "plain.pdf")
    assert "超期未办结" in pdf_text(tmp_path / "built.pdf")


def test_visit_spans_in_one_pass_equal_one_query_per_period(report_session: Session, report_now: datetime) -> None:
    """The register pass shared by a month and the month before counts each as its own query does."""
    scope = Scope(None, None)
    month = preset("last_month", local_date(report_now))
    before = previous_period(month)
    spans = [(month.start, month.end), (before.start, before.end), (month.start, month.start)]
    both = report_session.execute(visits_by_grid_and_worker_spans(report_session, scope, spans)).all()
    for k, (first, last) in enumerate(spans):
        alone = report_session.execute(visits_by_grid_and_worker(report_session, scope, first, last)).all()
        assert sum(r[2] for r in alone) > 0, "residents due in every span"
        shared = {(r[0], r[1]): (r[2 + 3 * k], r[3 + 3 * k]) for r in both if r[4 + 3 * k]}
        assert shared == {(r[0], r[1]): (r[2], r[3]) for r in alone}


def _independent_overdue(conn: sqlite3.Connection, community: str | None, cutoff: str) -> list[tuple[str, str]]:
    """(ticket, stage) of the cases open at the cutoff past their deadline: the definition as one condition."""
    where = "" if community is None else " AND community_code = :c"
    return conn.execute(
        "SELECT ticket_no, stage FROM service_request WHERE deleted_at IS NULL" + where +
        " AND accepted_at IS NOT NULL AND accepted_at < :e AND stage NOT IN ('rejected', 'merged')"
        " AND NOT (stage IN ('closed', 'reviewed') AND closed_at IS NOT NULL AND closed_at < :e)"
        " AND due_at IS NOT NULL AND due_at < :e AND (paused_since IS NULL OR paused_since >= :e)"
        " ORDER BY due_at, ticket_no", {"c": community, "e": cutoff}).fetchall()


@pytest.mark.parametrize("whole_street", [False, True])
def test_overdue_open_in_two_index_ranges_is_the_definition(report_demo_copy: Path, report_now: datetime,
                                                            whole_street: bool) -> None:
    """overdue_open reads the open stages and the cases closed only after the cutoff separately;
    together they are exactly the one-condition definition, for months past and the current one
    — with cases of a past month closed since (and one closed with no closing time) in the data."""
    from community_app.reports.monthly_data import overdue_open
    from db.engine import make_engine
    from tests.reports.independent import Window, utc_text

    community = None if whole_street else _community(report_demo_copy)
    scope = Scope(community, None)
    month = preset("this_month", local_date(report_now))
    periods = [month]
    for _ in range(3):
        periods.append(previous_period(periods[-1]))
    cutoffs = [Window(p.start, p.end, report_now).cutoff_text for p in periods]
    with sqlite3.connect(report_demo_copy) as conn:  # two cases closed in time last month: closed only since
        picked = conn.execute(
            "SELECT ticket_no FROM service_request WHERE deleted_at IS NULL AND community_code = :c "
            "AND stage IN ('closed', 'reviewed') AND accepted_at < :e AND due_at < :e AND paused_since IS NULL "
            "ORDER BY due_at DESC LIMIT 2", {"c": _community(report_demo_copy), "e": cutoffs[1]}).fetchall()
        assert len(picked) == 2, "demo data with cases closed last month"
        (first,), (second,) = picked
        conn.execute("UPDATE service_request SET stage = 'closed', closed_at = :at, closed_on_time = 0 "
                     "WHERE ticket_no = :t", {"at": utc_text(report_now), "t": first})
        conn.execute("UPDATE service_request SET stage = 'reviewed', closed_at = NULL WHERE ticket_no = :t",
                     {"t": second})
    engine = make_engine(report_demo_copy)
    try:
        with Session(engine) as session, sqlite3.connect(report_demo_copy) as conn:
            for period, cutoff in zip(periods, cutoffs, strict=True):
                expected = _independent_overdue(conn, community, cutoff)
                got = overdue_open(session, scope, period, report_now)
                assert [(r.ticket_no, r.stage) for r in got] == expected
            closed_since = {t for t, _stage in _independent_overdue(conn, community, cutoffs[1])}
            assert {first, second} <= closed_since
    finally:
        engine.dispose()


def test_a_failed_query_on_another_connection_is_raised_not_waited_for(report_demo_copy: Path,
                                                                       report_now: datetime) -> None:
    """超期未办结 is read on a thread of its own: when that read fails, the caller waiting for
    the lists gets the error (here: a column only that query reads is gone) instead of waiting
    for ever."""
    import threading

    from sqlalchemy.exc import OperationalError

    from db.engine import make_engine

    with sqlite3.connect(report_demo_copy) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("ALTER TABLE service_request RENAME COLUMN paused_since TO paused_gone")
    engine = make_engine(report_demo_copy)
    outcome: list[BaseException | object] = []
    try:
        with Session(engine) as session:
            fetch = FiguresFetch(session, Scope(None, None), preset("last_month", local_date(report_now)),
                                 now=report_now)

            def wait() -> None:
                try:
                    outcome.append(fetch.overdue_lists())
                except BaseException as error:  # the test looks at what came back
                    outcome.append(error)

            waiter = threading.Thread(target=wait, daemon=True)
            waiter.start()
            waiter.join(30)
            assert not waiter.is_alive(), "overdue_lists() still waiting after the read failed"
            assert isinstance(outcome[0], OperationalError) and "paused_since" in str(outcome[0])
            with pytest.raises(OperationalError):
                fetch.result()
    finally:
        engine.dispose()


def test_the_overdue_lists_read_their_index_ranges_not_the_whole_table(report_session: Session,
                                                                      report_engine: Engine,
                                                                      report_now: datetime) -> None:
    """超期未办结 and 超期办结 are index ranges (open stages by deadline, closings by closed_at),
    never a scan of every request: the late closings' open-ended range is marked rare
    (monthly_data._rare), which SQLite only sees when it is not written as `likelihood(…) = 1`."""
    from sqlalchemy import event

    from community_app.reports.monthly_data import closed_late, overdue_open

    seen: list[tuple[str, object]] = []

    def record(_conn: object, _cursor: object, statement: str, parameters: object, *_: object) -> None:
        seen.append((statement, parameters))

    period = preset("last_month", local_date(report_now))
    event.listen(report_engine, "before_cursor_execute", record)
    try:
        overdue_open(report_session, Scope(None, None), period, report_now)
        closed_late(report_session, Scope(None, None), period, report_now)
    finally:
        event.remove(report_engine, "before_cursor_execute", record)
    raw = report_session.connection().connection.driver_connection
    assert raw is not None and len(seen) == 4
    for statement, parameters in seen:
        plan = " | ".join(row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters))
        assert "SCAN service_request" not in plan, plan
    late_closings = seen[1][0]
    assert "likelihood(" in late_closings and ") = 1" not in late_closings.split("likelihood(")[1].split("AND")[0]
