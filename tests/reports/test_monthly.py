"""月度网格工作报告 built from the demo data and read back from the PDF: its figures equal
plain SQL on the same database, the fonts are embedded, pages are numbered."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from community_app.core.dashboard import Scope
from community_app.core.kpi_period import Period, local_date, preset
from community_app.core.kpis import compute_kpis, compute_totals
from community_app.reports.monthly import build_monthly_report
from community_app.reports.monthly_data import previous_period
from community_app.reports.progress import BuildControl, ReportCancelled
from tests.reports.independent import (
    Window,
    closed_late_count,
    connect,
    overdue_open_count,
    patrol_windows,
    pct,
    request_figures,
    visit_states,
)
from tests.reports.pdf_text import page_count, pdf_fonts, pdf_pages_text, pdf_text, squeeze

SUPERVISOR = "chenjing"


def _community(path: Path) -> tuple[str, str]:
    with sqlite3.connect(path) as conn:
        code = conn.execute("SELECT community_code FROM staff_user WHERE username = ?", (SUPERVISOR,)).fetchone()[0]
        name = conn.execute("SELECT name FROM division WHERE code = ?", (code,)).fetchone()[0]
    return code, name


@pytest.fixture(scope="module")
def built(report_demo: Path, report_now: datetime, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Period]:
    from db.engine import make_engine

    code, _name = _community(report_demo)
    period = preset("last_month", local_date(report_now))
    engine = make_engine(report_demo)
    try:
        with Session(engine) as session:
            report = build_monthly_report(session, Scope(code, None), period, generated_by="陈静", now=report_now)
    finally:
        engine.dispose()
    out = tmp_path_factory.mktemp("monthly") / "monthly.pdf"
    report.save(out)
    assert report.pages == page_count(out)
    return out, period


def _row(*cells: object) -> str:
    return "".join(str(c) for c in cells)


def test_standard_indicators_equal_independent_sql(built: tuple[Path, Period], report_demo: Path,
                                                   report_now: datetime) -> None:
    pdf, period = built
    code, name = _community(report_demo)
    text = pdf_text(pdf)
    now_w = Window(period.start, period.end, report_now)
    before = previous_period(period)
    prev_w = Window(before.start, before.end, report_now)
    with connect(report_demo) as conn:
        a, b = request_figures(conn, code, now_w), request_figures(conn, code, prev_w)
        visits = visit_states(conn, code, now_w)
        planned, covered = patrol_windows(conn, code, now_w)
        open_late, closed_late = overdue_open_count(conn, code, now_w), closed_late_count(conn, code, now_w)
    assert a["received"] > 0 and a["closed"] > 0, "the demo month should have requests"
    assert name in text and "月度网格工作报告" in text
    assert f"统计期间：{period.start.year}年{period.start.month}月1日至{period.end.month}月{period.end.day}日" in text

    def change(x: int, y: int) -> str:
        return "持平" if x == y else f"{x - y:+d}"

    assert _row("受理数（件）", a["received"], b["received"], change(a["received"], b["received"])) in text
    assert _row("立案数（件）", a["accepted"], b["accepted"], change(a["accepted"], b["accepted"])) in text
    assert _row("结案数（件）", a["closed"], b["closed"], change(a["closed"], b["closed"])) in text
    assert _row("结案率", pct(a["accepted_closed"], a["accepted"]), pct(b["accepted_closed"], b["accepted"])) in text
    assert _row("按期结案率", pct(a["on_time"], a["closed"]), pct(b["on_time"], b["closed"])) in text
    assert _row("返工率", pct(a["reworked"], a["closed"]), pct(b["reworked"], b["closed"])) in text
    score = f"{a['score_sum'] / a['reviewed']:.2f}" if a["reviewed"] else "—"
    assert _row("满意度（分，满分5分）", score) in text
    due = [v for v in visits if v.due]
    missed = [v for v in visits if v.missed]
    assert due, "the demo has special-group residents due for a visit"
    assert _row("走访完成率", pct(len(due) - len(missed), len(due))) in text
    assert _row("巡查覆盖率", pct(covered, planned)) in text
    assert f"截至统计截止时超期未办结（{open_late}件）" in text
    assert f"本期超期办结（{closed_late}件）" in text
    assert f"本期共受理诉求{a['received']}件" in text


def test_per_grid_rows_equal_independent_sql(built: tuple[Path, Period], report_demo: Path,
                                             report_now: datetime) -> None:
    pdf, period = built
    code, name = _community(report_demo)
    text = pdf_text(pdf)
    w = Window(period.start, period.end, report_now)
    with connect(report_demo) as conn:
        cells = conn.execute(
            "SELECT g.id, g.name, s.display_name FROM grid_cell g "
            "LEFT JOIN staff_user s ON s.id = g.responsible_staff_id "
            "WHERE g.community_code = ? AND g.deleted_at IS NULL ORDER BY g.code", (code,)).fetchall()
        assert cells
        for cell_id, cell_name, worker in cells:
            f = request_figures(conn, code, w, cell_id)
            short = cell_name[len(name):] if cell_name.startswith(name) else cell_name
            assert _row(short, worker, f["received"], f["closed"], pct(f["accepted_closed"], f["accepted"]),
                        pct(f["on_time"], f["closed"])) in text, cell_name
        total = request_figures(conn, code, w)
    assert _row("合计", total["received"], total["closed"]) in text


def test_cjk_fonts_are_embedded_and_pages_numbered(built: tuple[Path, Period]) -> None:
    pdf, _period = built
    fonts = pdf_fonts(pdf)
    assert fonts.get("DroidSansFallback") == "yes"
    assert fonts.get("BitstreamVeraSans-Roman") == "yes"  # the figures
    assert all(emb == "yes" for emb in fonts.values()), fonts  # nothing left to the printer's fonts
    pages = pdf_pages_text(pdf)
    total = page_count(pdf)
    assert total >= 3
    for number, page in enumerate(pages, 1):
        assert f"第{number}页共{total}页" in squeeze(page)
    assert "月度网格工作报告" in squeeze(pages[1])  # the running header from page 2 on


def test_charts_are_drawn(built: tuple[Path, Period]) -> None:
    text = pdf_text(built[0])
    for caption in ("图1每周受理与结案趋势", "图2受理量居前网格的受理与结案", "图3受理诉求类别构成"):
        assert caption in squeeze(caption) and caption in text
    assert "近期每周受理与结案（件，按周一所在周）" in text
    assert "审核人" in text and "填报人" in text


def test_progress_rises_to_the_end_and_cancel_stops(report_session: Session, report_demo: Path,
                                                   report_now: datetime) -> None:
    code, _name = _community(report_demo)
    period = preset("last_month", local_date(report_now))
    seen: list[tuple[float, str]] = []
    build_monthly_report(report_session, Scope(code, None), period, generated_by="陈静", now=report_now,
                         control=BuildControl(lambda x, m: seen.append((x, m))))
    fractions = [x for x, _m in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("排版" in m for _x, m in seen) and any("统计" in m for _x, m in seen)

    calls = {"n": 0}

    def cancel_after_a_while() -> bool:
        calls["n"] += 1
        return calls["n"] > 5

    with pytest.raises(ReportCancelled):
        build_monthly_report(report_session, Scope(code, None), period, generated_by="陈静", now=report_now,
                             control=BuildControl(None, cancel_after_a_while))


def test_one_grid_report_counts_only_that_grid(report_session: Session, report_demo: Path, report_now: datetime,
                                               tmp_path: Path) -> None:
    code, _name = _community(report_demo)
    period = preset("last_month", local_date(report_now))
    with connect(report_demo) as conn:
        cell_id, cell_name = conn.execute(
            "SELECT id, name FROM grid_cell WHERE community_code = ? AND deleted_at IS NULL ORDER BY code LIMIT 1",
            (code,)).fetchone()
        f = request_figures(conn, code, Window(period.start, period.end, report_now), cell_id)
    report = build_monthly_report(report_session, Scope(code, (cell_id,)), period, generated_by="王丽",
                                  now=report_now)
    out = tmp_path / "grid.pdf"
    report.save(out)
    text = pdf_text(out)
    assert cell_name in text  # the scope under the title
    assert f"本期共受理诉求{f['received']}件" in text


@pytest.mark.parametrize("whole_street", [False, True])
def test_previous_totals_are_the_dashboards(report_session: Session, report_demo: Path, report_now: datetime,
                                            whole_street: bool) -> None:
    """The report fetches the previous period's totals without the per-grid rows and the
    trend: they must stay exactly compute_kpis' totals (every indicator, visits and patrols too)."""
    code, _name = _community(report_demo)
    scope = Scope(None, None) if whole_street else Scope(code, None)
    before = previous_period(preset("last_month", local_date(report_now)))
    expected = compute_kpis(report_session, scope, before, now=report_now).total
    assert expected.received and expected.visits_due and expected.patrol_planned, "demo data for every indicator"
    assert compute_totals(report_session, scope, before, now=report_now) == expected


def test_previous_period_of_a_month_is_the_calendar_month_before() -> None:
    from datetime import date

    assert previous_period(Period(date(2026, 3, 1), date(2026, 3, 31))) == Period(date(2026, 2, 1),
                                                                                 date(2026, 2, 28))
    assert previous_period(Period(date(2026, 1, 1), date(2026, 1, 31))).start == date(2025, 12, 1)
    week = Period(date(2026, 3, 10), date(2026, 3, 16))
    assert previous_period(week).end == week.start - timedelta(days=1)


def test_street_report_is_titled_with_the_street(report_session: Session, report_demo: Path, report_now: datetime,
                                                 tmp_path: Path) -> None:
    period = preset("last_month", local_date(report_now))
    with sqlite3.connect(report_demo) as conn:
        street = conn.execute("SELECT name FROM division WHERE level = 'street'").fetchone()[0]
        received = conn.execute(
            "SELECT count(*) FROM service_request WHERE deleted_at IS NULL AND reported_at >= ? AND reported_at < ?",
            (Window(period.start, period.end, report_now).start_text,
             Window(period.start, period.end, report_now).cutoff_text)).fetchone()[0]
    out = tmp_path / "street.pdf"
    build_monthly_report(report_session, Scope(None, None), period, generated_by="陈静", now=report_now).save(out)
    text = pdf_text(out)
    assert f"{street}月度网格工作报告全街道" in text
    assert f"本期共受理诉求{received}件" in text
