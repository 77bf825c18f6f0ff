"""What the reports page may offer and build: supervisors any scope of their community, a grid
worker only their own grids; build_report makes each of the four reports into a PDF file; the
audit row of a print or save names the report and scope, never personal data."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from community_app.core.kpi_period import local_date
from community_app.reports.catalog import REPORT_KINDS, ReportOrder, build_report, month_period
from community_app.reports.output_audit import record_output
from community_app.reports.report_scopes import ReportScope, check_scope, scope_choices
from db.engine import make_engine
from tests.reports.pdf_text import page_count, pdf_text
from tests.reports.test_dossier import busiest_request, user_of


def test_a_supervisor_may_pick_any_grid_a_worker_only_their_own(report_session: Session) -> None:
    boss, worker = user_of(report_session, "chenjing"), user_of(report_session, "wangli")
    everything = scope_choices(report_session, boss)
    own = scope_choices(report_session, worker)
    cells = report_session.connection().exec_driver_sql(
        "SELECT id, responsible_staff_id FROM grid_cell WHERE deleted_at IS NULL").fetchall()
    assert everything.whole_community and {g for g, _n in everything.grids} == {c for c, _s in cells}
    assert worker.id in {w for w, _n in everything.workers}
    assert not own.whole_community and {g for g, _n in own.grids} == {c for c, s in cells if s == worker.id}
    assert own.workers == ((worker.id, worker.display_name),) and own.default().kind == "grid"
    other = next(c for c, s in cells if s != worker.id)
    check_scope(report_session, boss, ReportScope("grid", other))
    for scope in (ReportScope("community"), ReportScope("grid", other), ReportScope("worker", boss.id)):
        with pytest.raises(PermissionError):
            check_scope(report_session, worker, scope)


def test_month_period_is_the_calendar_month() -> None:
    assert month_period(date(2024, 2, 10)) == month_period(date(2024, 2, 29))
    period = month_period(date(2024, 2, 10))
    assert (period.start, period.end) == (date(2024, 2, 1), date(2024, 2, 29))


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_every_report_builds_into_a_file(kind: str, report_demo: Path, report_now: datetime, tmp_path: Path) -> None:
    with sqlite3.connect(report_demo) as conn:
        grid_id, grid_name = conn.execute(
            "SELECT g.id, g.name FROM grid_cell g JOIN staff_user s ON s.id = g.responsible_staff_id "
            "WHERE s.username = 'wangli' ORDER BY g.code LIMIT 1").fetchone()
    _request_id, ticket = busiest_request(report_demo)
    order = ReportOrder(kind, scope=ReportScope("grid", grid_id, grid_name), month=local_date(report_now),
                        request_ref=ticket)
    out = tmp_path / f"{kind}.pdf"
    engine = make_engine(report_demo)
    try:
        with Session(engine) as session:
            made = build_report(session, user_of(session, "chenjing"), order, out, now=report_now)
    finally:
        engine.dispose()
    assert made.path == out and page_count(out) == made.pages == made.stamp.pages >= 1
    assert made.stamp.kind == kind and made.stamp.title in pdf_text(out)


def test_a_grid_worker_cannot_build_the_community_report(report_session: Session, report_now: datetime,
                                                         tmp_path: Path) -> None:
    worker = user_of(report_session, "wangli")
    with pytest.raises(PermissionError, match="自己负责网格"):
        build_report(report_session, worker, ReportOrder("monthly", month=local_date(report_now)), tmp_path / "m.pdf",
                     now=report_now)
    assert not (tmp_path / "m.pdf").exists()


def test_the_audit_row_names_the_report_not_the_people(report_demo_copy: Path, report_now: datetime,
                                                       tmp_path: Path) -> None:
    engine = make_engine(report_demo_copy)
    try:
        with Session(engine) as session:
            user = user_of(session, "chenjing")
            made = build_report(session, user, ReportOrder("roster"), tmp_path / "r.pdf", now=report_now)
            record_output(session, user, made.stamp, "print", copies=2)
            record_output(session, user, made.stamp, "save")
    finally:
        engine.dispose()
    with sqlite3.connect(report_demo_copy) as conn:
        rows = conn.execute("SELECT action, actor_id, detail FROM audit_log WHERE action IN "
                            "('print_report', 'save_report') ORDER BY seq").fetchall()
        names = [n for (n,) in conn.execute("SELECT name FROM resident LIMIT 200")]
    assert [r[0] for r in rows] == ["print_report", "save_report"]
    details = [json.loads(r[2]) for r in rows]
    assert details[0]["copies"] == 2 and details[0]["report"] == "roster" and details[0]["rows"] == made.stamp.rows
    assert details[1]["pages"] == made.pages and details[1]["masked"] is True
    flat = json.dumps(details, ensure_ascii=False)
    assert not any(name in flat for name in names)
